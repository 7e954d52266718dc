import { describe, expect, it } from 'vitest';
import { parseAsciidoc } from '../../src/ingest/parse/asciidoc.js';
import { parseText } from '../../src/ingest/parse/index.js';
import { parseRst } from '../../src/ingest/parse/rst.js';
import type { ParsedDocument } from '../../src/ingest/types.js';
import { checkSourceMap } from './map-check.js';

function headings(doc: ParsedDocument): Array<[number, string, string]> {
  return doc.headings.map((h) => [h.level, h.title, doc.text.slice(h.start, h.end)]);
}
function blocks(doc: ParsedDocument): Array<[string, string]> {
  return doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end)]);
}

describe('parseRst', () => {
  const rst = [
    '=========',
    'Lumen API',
    '=========',
    '',
    'Intro text::',
    '',
    '    literal block',
    '',
    '      still literal',
    '',
    'Back to prose.',
    '',
    'Install',
    '-------',
    '',
    '.. code-block:: bash',
    '',
    '   lumen serve',
    '',
    'Linux',
    '~~~~~',
    '',
    'Windows',
    '-------',
    '',
    'Short',
    '---',
    '',
    'Too short underline',
    '---',
    '',
    '+-----+-----+',
    '| a   | b   |',
    '+=====+=====+',
    '| 1   | 2   |',
    '+-----+-----+',
    '',
  ].join('\n');
  const doc = parseRst(rst);

  it('finds headings with levels by order of adornment style', () => {
    expect(headings(doc)).toEqual([
      [1, 'Lumen API', '=========\nLumen API\n========='],
      [2, 'Install', 'Install\n-------'],
      [3, 'Linux', 'Linux\n~~~~~'],
      [2, 'Windows', 'Windows\n-------'],
    ]);
    expect(doc.headings[1]).toEqual({ level: 2, title: 'Install', start: 101, end: 116 });
    expect(doc.title).toBe('Lumen API');
    expect(doc.text).toBe(rst);
  });

  it('finds literal blocks, code directives and grid tables', () => {
    expect(blocks(doc)).toEqual([
      ['code', '    literal block\n\n      still literal'],
      ['code', '.. code-block:: bash\n\n   lumen serve'],
      ['table', '+-----+-----+\n| a   | b   |\n+=====+=====+\n| 1   | 2   |\n+-----+-----+'],
    ]);
    checkSourceMap(rst, doc);
  });

  it('does not treat a short underline or a paragraph line as a title', () => {
    expect(parseRst('Para line one\nLonger title here\n-----\n').headings).toEqual([]);
    expect(parseRst('text\n\n::\n\n  lit\n').headings).toEqual([]);
  });
});

describe('parseAsciidoc', () => {
  const adoc = [
    '= Lumen Guide',
    ':toc:',
    '',
    '== Install',
    '',
    '[source,bash]',
    '----',
    '== not a heading',
    '----',
    '',
    '=== On Linux ===',
    '',
    '|===',
    '| a | b',
    '|===',
    '',
    '////',
    '== commented out',
    '////',
    '====== Six',
    '======= Seven is text',
    '....',
    'unclosed literal',
  ].join('\n');
  const doc = parseAsciidoc(adoc);

  it('finds headings by = count, not inside delimited blocks', () => {
    expect(headings(doc)).toEqual([
      [1, 'Lumen Guide', '= Lumen Guide'],
      [2, 'Install', '== Install'],
      [3, 'On Linux', '=== On Linux ==='],
      [6, 'Six', '====== Six'],
    ]);
    expect(doc.headings[1]).toEqual({ level: 2, title: 'Install', start: 21, end: 31 });
    expect(doc.title).toBe('Lumen Guide');
  });

  it('finds listing, table and literal blocks', () => {
    expect(blocks(doc)).toEqual([
      ['code', '----\n== not a heading\n----'],
      ['table', '|===\n| a | b\n|==='],
      ['code', '....\nunclosed literal'],
    ]);
    checkSourceMap(adoc, doc);
  });
});

describe('parseText', () => {
  it('parses plain text verbatim with no structure; the title falls back to the file name', () => {
    const doc = parseText('Hello\n\n# not a heading\n', 'text', '/x/NOTES.txt');
    expect(doc).toEqual({
      format: 'text',
      text: 'Hello\n\n# not a heading\n',
      title: 'NOTES',
      metadata: {},
      sourceMap: { runs: [{ extStart: 0, extLength: 23, origStart: 0, origLength: 23 }] },
      headings: [],
      blocks: [],
      warnings: [],
    });
    expect(parseText('x', 'text').title).toBeUndefined();
    expect(parseText('x', 'text', '/a/README').title).toBe('README');
  });

  it('parses code verbatim and records the language', () => {
    const src = 'def f():\n    return 1\n';
    const doc = parseText(src, 'code', '/src/app.py');
    expect(doc.metadata).toEqual({ language: 'python' });
    expect(doc.title).toBe('app.py');
    expect(doc.text).toBe(src);
    expect(doc.headings).toEqual([]);
    expect(doc.blocks).toEqual([]);
    expect(parseText(src, 'code').metadata).toEqual({});
    checkSourceMap(src, doc);
  });

  it('dispatches every format', () => {
    expect(parseText('# A\n', 'markdown').title).toBe('A');
    expect(parseText('<title>B</title>', 'html').title).toBe('B');
    expect(parseText('C\n===\n', 'rst').title).toBe('C');
    expect(parseText('= D\n', 'asciidoc').title).toBe('D');
    expect(parseText('# E\n', 'markdown', '/docs/file.md').title).toBe('E');
    expect(parseText('no heading\n', 'markdown', '/docs/install-linux.md').title).toBe('install-linux');
  });
});
