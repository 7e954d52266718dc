import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isQuireError } from '../../src/errors.js';
import { readDocument } from '../../src/ingest/read.js';
import { lineOfOffset, lineStarts, toOriginalOffset } from '../../src/ingest/sourcemap.js';
import { checkSourceMap } from './map-check.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'quire-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function read(name: string, content: string | Buffer, options = {}) {
  const path = join(dir, name);
  await writeFile(path, content);
  return readDocument(path, options);
}

describe('readDocument', () => {
  it('skips minified code and text, but not HTML with long lines', async () => {
    const blob = `Search.setIndex({"docnames":[${'"a",'.repeat(3000)}"z"]})`;
    expect(await read('searchindex.js', blob)).toEqual({
      kind: 'skip',
      reason: 'generated',
      detail: 'minified or machine-generated (very long lines)',
    });
    const html = await read('one-line.html', `<html><body><p>${'word '.repeat(2000)}</p></body></html>`);
    expect(html.kind).toBe('ok');
  });

  it('reads, hashes and parses a file', async () => {
    const result = await read('a.md', '# Hi\n');
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.contentHash).toBe('19812277b04a5a988e4dc361617bcb927d4297c47353da93aa992ac007f1f3cf');
    expect(result.originalText).toBe('# Hi\n');
    expect(result.parsed.title).toBe('Hi');
    expect(result.parsed.headings).toEqual([{ level: 1, title: 'Hi', start: 0, end: 4 }]);
  });

  it('keeps a BOM in the original text, parses without it and hashes the raw bytes', async () => {
    const result = await read('bom.md', Buffer.from([0xef, 0xbb, 0xbf, 0x23, 0x20, 0x48, 0x69, 0x0a]));
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.originalText).toBe('\uFEFF# Hi\n');
    expect(result.parsed.text).toBe('# Hi\n');
    expect(result.parsed.title).toBe('Hi');
    expect(result.parsed.headings).toEqual([{ level: 1, title: 'Hi', start: 0, end: 4 }]);
    expect(result.parsed.sourceMap).toEqual({ runs: [{ extStart: 0, extLength: 5, origStart: 1, origLength: 5 }] });
    expect(result.contentHash).toBe('83427b017780e227b15c08e890669efefc400efe6cc6a66a96facd78cf2b967b');
  });

  it('maps offsets of a BOM file into the text as readFileSync gives it', async () => {
    const markdown = '---\ntitle: T\n---\n# Intro\n\nHello &amp; welcome.\n\n## Setup\n\nRun it.\n';
    const path = join(dir, 'bom-front.md');
    await writeFile(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(markdown)]));
    const result = await readDocument(path);
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    const original = result.originalText;
    expect(original).toBe(readFileSync(path, 'utf8'));
    expect(original.charCodeAt(0)).toBe(0xfeff);
    const { parsed } = result;
    expect(parsed.headings.map((h) => h.title)).toEqual(['Intro', 'Setup']);
    for (const h of parsed.headings) {
      const s = toOriginalOffset(parsed.sourceMap, h.start, 'start');
      const e = toOriginalOffset(parsed.sourceMap, h.end, 'end');
      expect(original.slice(s, e)).toBe(parsed.text.slice(h.start, h.end));
    }
    const setup = parsed.headings[1]!;
    const at = toOriginalOffset(parsed.sourceMap, setup.start, 'start');
    expect(at).toBe(original.indexOf('## Setup'));
    expect(lineOfOffset(lineStarts(original), at)).toBe(8);
    checkSourceMap(original, parsed);

    // A multi-run map (decoded entities) is shifted run by run.
    const html = await read('bom.html', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<h1>A &amp; B</h1><p>x &lt; y</p>')]));
    expect(html.kind).toBe('ok');
    if (html.kind !== 'ok') return;
    expect(html.parsed.sourceMap.runs.length).toBeGreaterThan(1);
    checkSourceMap(html.originalText, html.parsed);
    const amp = html.parsed.text.indexOf('&');
    expect(html.originalText.slice(toOriginalOffset(html.parsed.sourceMap, amp, 'start'), toOriginalOffset(html.parsed.sourceMap, amp + 1, 'end'))).toBe('&amp;');
  });

  it('skips binary, invalid UTF-8, empty and whitespace-only files', async () => {
    expect(await read('bin.md', Buffer.from([0x23, 0x00, 0x41]))).toEqual({ kind: 'skip', reason: 'binary' });
    expect(await read('latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toEqual({ kind: 'skip', reason: 'invalid-utf8' });
    expect(await read('empty.md', '')).toEqual({ kind: 'skip', reason: 'empty' });
    expect(await read('blank.txt', ' \n\t\r\n')).toEqual({ kind: 'skip', reason: 'empty' });
    expect(await read('script-only.html', '<script>alert(1)</script>')).toEqual({
      kind: 'skip',
      reason: 'empty',
      detail: 'no text after extraction',
    });
  });

  it('skips unsupported, vanished and oversized files', async () => {
    expect(await read('pic.png', 'not really')).toEqual({ kind: 'skip', reason: 'unsupported' });
    const gone = await readDocument(join(dir, 'missing.md'));
    expect(gone.kind === 'skip' && gone.reason).toBe('vanished');
    expect(await read('big.md', 'x'.repeat(11), { maxFileBytes: 10 })).toEqual({
      kind: 'skip',
      reason: 'too-large',
      detail: '11 bytes > 10',
    });
    const isDir = await readDocument(dir, { format: 'text' });
    expect(isDir.kind === 'skip' && isDir.reason).toBe('unreadable');
  });

  it('honours an explicit format', async () => {
    const result = await read('notes.unknown', '# Title\n', { format: 'markdown' });
    expect(result.kind === 'ok' && result.parsed.format).toBe('markdown');
  });

  it('throws ABORTED when the signal has fired', async () => {
    const controller = new AbortController();
    controller.abort();
    let caught: unknown;
    try {
      await read('a.md', '# x', { signal: controller.signal });
    } catch (error) {
      caught = error;
    }
    expect(isQuireError(caught, 'ABORTED')).toBe(true);
  });
});
