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

  it('finds listing and table blocks; an unclosed delimiter is an ordinary line', () => {
    expect(blocks(doc)).toEqual([
      ['code', '----\n== not a heading\n----'],
      ['table', '|===\n| a | b\n|==='],
    ]);
    checkSourceMap(adoc, doc);
  });

  describe('two-line (setext) titles', () => {
    const twoLine = [
      'git-tool(1)',
      '===========',
      '',
      'NAME',
      '----',
      'git-tool - do things',
      '',
      'SYNOPSIS',
      '--------',
      '[verse]',
      "'git tool' [--flag]",
      '',
      'Details',
      '~~~~~~~~',
      'A paragraph line',
      'then a listing:',
      '---------------',
      'Not A Title',
      '---------------',
      '',
      'Deeper',
      '^^^^^',
      '',
      'Deepest',
      '+++++++++',
      '',
      '== One-line',
      '',
      'Long title here',
      '---',
    ].join('\n');
    const d = parseAsciidoc(twoLine);

    it('finds titles underlined by = - ~ ^ + (levels 1..5) within ±2 characters', () => {
      expect(d.headings).toEqual([
        { level: 1, title: 'git-tool(1)', start: 0, end: 23 },
        { level: 2, title: 'NAME', start: 25, end: 34 },
        { level: 2, title: 'SYNOPSIS', start: 57, end: 74 },
        { level: 3, title: 'Details', start: 104, end: 120 },
        { level: 4, title: 'Deeper', start: 199, end: 211 },
        { level: 5, title: 'Deepest', start: 213, end: 230 },
        { level: 2, title: 'One-line', start: 232, end: 243 },
      ]);
      expect(headings(d).map(([, , span]) => span)).toEqual([
        'git-tool(1)\n===========',
        'NAME\n----',
        'SYNOPSIS\n--------',
        'Details\n~~~~~~~~',
        'Deeper\n^^^^^',
        'Deepest\n+++++++++',
        '== One-line',
      ]);
      expect(d.title).toBe('git-tool(1)');
      checkSourceMap(twoLine, d);
    });

    it('still opens a listing block when the dashes are not under a title-like line', () => {
      // Under the second line of a paragraph: a listing block, not a title.
      expect(blocks(d)).toEqual([['code', '---------------\nNot A Title\n---------------']]);
      // Under a block attribute line, a blank line, a list continuation or a much longer line.
      const listing = parseAsciidoc(
        ['NAME', '----', '', '[verse]', '--------', 'a', '--------', '', '----', 'b', '----', '+', '------', 'c', '------',
          'A much longer line', '----', 'd', '----'].join('\n'),
      );
      expect(listing.headings).toEqual([{ level: 2, title: 'NAME', start: 0, end: 9 }]);
      expect(blocks(listing)).toEqual([
        ['code', '--------\na\n--------'],
        ['code', '----\nb\n----'],
        ['code', '------\nc\n------'],
        ['code', '----\nd\n----'],
      ]);
    });

    it('does not let an unclosed delimiter swallow the rest of the file', () => {
      const src = 'Title\n=====\n\n----\nnot closed\n\nLater\n-----\ntext\n';
      const u = parseAsciidoc(src);
      expect(u.blocks).toEqual([]);
      expect(u.headings).toEqual([
        { level: 1, title: 'Title', start: 0, end: 11 },
        { level: 2, title: 'Later', start: 30, end: 41 },
      ]);
    });
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
