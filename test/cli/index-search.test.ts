import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, json, removeCliBuild, runCli, type CliRun } from '../helpers/cli.js';
import { copyFixtureDocs, FIXTURE_FILES, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-cli-');
let cli: string;
beforeAll(() => {
  cli = buildCli();
}, 120_000);
afterAll(() => removeCliBuild(cli));

const SUMMARY_KEYS = ['added', 'chunksEmbedded', 'removed', 'seconds', 'skipped', 'skippedByReason', 'unchanged', 'updated', 'warnings'];

function ok(run: CliRun): CliRun {
  expect(run.status, run.stderr).toBe(0);
  return run;
}

/** A temp folder holding docs/ (a copy of fixtures/docs) and the index file index.db. */
function workspace(): { cwd: string; docs: string; quire: (...args: string[]) => CliRun } {
  const cwd = tmp();
  const docs = copyFixtureDocs(cwd);
  return { cwd, docs, quire: (...args) => runCli(cli, [...args, '--db', path.join(cwd, 'index.db')], cwd) };
}

describe('quire index', () => {
  it('prints the summary contract, re-indexes as a no-op, then picks up an edit and a delete', () => {
    const { docs, quire } = workspace();
    const first = json(ok(quire('index', 'docs', '--json', '--no-progress')));
    expect(Object.keys(first).sort()).toEqual(SUMMARY_KEYS);
    expect(first).toMatchObject({ added: FIXTURE_FILES.length, updated: 0, removed: 0, unchanged: 0, skipped: 0, skippedByReason: {} });
    expect(first.chunksEmbedded).toBeGreaterThanOrEqual(FIXTURE_FILES.length);
    expect(typeof first.seconds).toBe('number');

    const status = json(ok(quire('status', '--json')));
    expect(status).toMatchObject({ documents: 13, chunks: first.chunksEmbedded, embedder: 'local:hash-v1-d768', dimensions: 768, schemaVersion: 1 });
    expect(status.formats).toEqual({ html: 3, markdown: 9, text: 1 });

    const again = json(ok(quire('index', 'docs', '--json', '--no-progress')));
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 13, skipped: 0, chunksEmbedded: 0 });

    const faq = path.join(docs, 'faq.html');
    fs.writeFileSync(faq, fs.readFileSync(faq, 'utf8').replace('</body>', '<p>Flags can now be exported as CSV.</p></body>'));
    fs.rmSync(path.join(docs, 'reference', 'cli.md'));
    const changed = json(ok(quire('index', 'docs', '--json', '--no-progress')));
    expect(changed).toMatchObject({ added: 0, updated: 1, removed: 1, unchanged: 11, skipped: 0 });
    expect(changed.chunksEmbedded).toBeGreaterThanOrEqual(1);
    expect(json(ok(quire('status', '--json'))).documents).toBe(12);
    expect(ok(quire('search', 'exported as CSV', '--json', '--mode', 'keyword')).stdout).toContain('docs/faq.html');
  });

  it('prints a human summary and progress on stderr, with warnings for skipped files', () => {
    const { docs, quire } = workspace();
    fs.writeFileSync(path.join(docs, 'blob.md'), Buffer.from([0x00, 0x01, 0x02]));
    const run = ok(quire('index', 'docs'));
    expect(run.stdout).toMatch(/^added 13, updated 0, removed 0, unchanged 0, skipped 1 \(binary 1\); embedded \d+ chunks in \d+\.\d\ds\n$/);
    expect(run.stderr).toContain('indexing [');
    expect(run.stderr).toContain('warning: skipped docs/blob.md: binary\n');
  });
});

describe('quire search', () => {
  it('prints results in the JSON contract whose lines match the files', () => {
    const { cwd, quire } = workspace();
    ok(quire('index', 'docs', '--no-progress'));
    const { results } = json(ok(quire('search', 'retry policy', '--json')));
    expect(results.length).toBeGreaterThan(1);
    expect(results[0].path).toBe('docs/guides/webhooks.md');
    for (const result of results) {
      expect(result).toEqual(
        expect.objectContaining({
          path: expect.any(String),
          startLine: expect.any(Number),
          endLine: expect.any(Number),
          score: expect.any(Number),
          text: expect.any(String),
          chunkId: expect.any(Number),
          documentId: expect.any(Number),
        }),
      );
      expect(Number.isInteger(result.startLine) && result.startLine >= 1).toBe(true);
      expect(result.endLine).toBeGreaterThanOrEqual(result.startLine);
      const lines = fs.readFileSync(path.join(cwd, result.path), 'utf8').split('\n');
      expect(result.endLine).toBeLessThanOrEqual(lines.length);
      if (result.path.endsWith('.md')) {
        const span = lines.slice(result.startLine - 1, result.endLine).join('\n');
        expect(span).toContain(result.text.trim());
        // Inclusive range: the first and last lines hold the passage's first and last lines.
        const textLines = result.text.trim().split('\n');
        expect(lines[result.startLine - 1]).toContain(textLines[0]);
        expect(lines[result.endLine - 1]).toContain(textLines[textLines.length - 1]);
      }
    }
  });

  it('filters by path and metadata, limits results and explains scores', () => {
    const { quire } = workspace();
    ok(quire('index', 'docs', '--no-progress'));
    const byPath = json(ok(quire('search', 'retry', '--json', '--path', 'docs/reference/**')));
    expect(byPath.results.length).toBeGreaterThan(0);
    for (const result of byPath.results) expect(result.path).toMatch(/^docs\/reference\//);
    const byMeta = json(ok(quire('search', 'install', '--json', '--meta', 'tags=docker')));
    expect(byMeta.results.map((r: { path: string }) => r.path)).toEqual(['docs/guides/install-docker.md']);
    const limited = json(ok(quire('search', 'flag', '--json', '-k', '2')));
    expect(limited.results).toHaveLength(2);
    const explained = json(ok(quire('search', 'retry policy', '--json', '--explain', '-k', '1')));
    expect(explained.results[0].explain.fusion).toEqual(expect.any(String));
    expect(Object.keys(explained.results[0].explain.lists)).toEqual(expect.arrayContaining(['keyword', 'vector']));
    const human = ok(quire('search', 'retry policy', '-k', '1'));
    expect(human.stdout).toMatch(/^1\. docs\/guides\/webhooks\.md:\d+-\d+ {2}\(score \d\.\d{4}\)/);
  });
});

describe('quire get', () => {
  it('prints a document, or the passage holding a line', () => {
    const { docs, quire } = workspace();
    ok(quire('index', 'docs', '--no-progress'));
    const original = fs.readFileSync(path.join(docs, 'guides', 'webhooks.md'), 'utf8');
    const body = original.slice(original.indexOf('\n---\n') + 5); // front matter is metadata, not text
    expect(ok(quire('get', 'docs/guides/webhooks.md')).stdout).toBe(body);

    const run = ok(quire('get', 'docs/guides/webhooks.md:40'));
    const header = /^docs\/guides\/webhooks\.md:(\d+)-(\d+) {2}Webhooks > Retry policy\n$/.exec(run.stderr);
    expect(header).not.toBeNull();
    const [start, end] = [Number(header![1]), Number(header![2])];
    expect(start <= 40 && 40 <= end).toBe(true);
    expect(run.stdout.trim()).toBe(original.split('\n').slice(start - 1, end).join('\n').trim());

    const view = json(ok(quire('get', 'docs/guides/webhooks.md:40', '--json')));
    expect(view.path).toBe('docs/guides/webhooks.md');
    expect(view.chunks.length).toBeGreaterThanOrEqual(1);
    for (const chunk of view.chunks) expect(chunk.startLine <= 40 && 40 <= chunk.endLine).toBe(true);
    const whole = json(ok(quire('get', 'docs/guides/webhooks.md', '--json')));
    expect(whole).toMatchObject({ path: 'docs/guides/webhooks.md', title: 'Webhooks', format: 'markdown', text: body });
  });

  it('fails with exit code 3 for a path that is not indexed', () => {
    const { quire } = workspace();
    ok(quire('index', 'docs', '--no-progress'));
    const run = quire('get', 'docs/nope.md');
    expect(run.status).toBe(3);
    expect(run.stderr).toBe('quire: docs/nope.md is not in the index (run `quire status` to see what is indexed)\n');
    expect(quire('get', 'docs/guides/webhooks.md:9999').status).toBe(3);
  });
});
