import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/ingest/parse/markdown.js';
import type { ParsedDocument } from '../../src/ingest/types.js';
import { checkSourceMap } from './map-check.js';

/** Headings as [level, title, exact slice of the text]. */
function headings(doc: ParsedDocument): Array<[number, string, string]> {
  return doc.headings.map((h) => [h.level, h.title, doc.text.slice(h.start, h.end)]);
}
function blocks(doc: ParsedDocument): Array<[string, string]> {
  return doc.blocks.map((b) => [b.kind, doc.text.slice(b.start, b.end)]);
}

describe('parseMarkdown', () => {
  it('finds ATX and setext headings with exact offsets', () => {
    const md = [
      '# Intro #',
      '',
      'Text under intro.',
      '',
      'Setext Title',
      '============',
      '',
      'Two line',
      'setext',
      '---',
      '',
      '  ## Indented ATX ##   ',
      '#hashtag is not a heading',
      '    # indented code is not a heading',
      '###### Six',
      '####### Seven is text',
      '',
    ].join('\n');
    const doc = parseMarkdown(md);
    expect(doc.text).toBe(md);
    expect(headings(doc)).toEqual([
      [1, 'Intro', '# Intro #'],
      [1, 'Setext Title', 'Setext Title\n============'],
      [2, 'Two line setext', 'Two line\nsetext\n---'],
      [2, 'Indented ATX', '  ## Indented ATX ##   '],
      [6, 'Six', '###### Six'],
    ]);
    expect(doc.headings[0]).toEqual({ level: 1, title: 'Intro', start: 0, end: 9 });
    expect(doc.headings[1]).toEqual({ level: 1, title: 'Setext Title', start: 30, end: 55 });
    expect(doc.title).toBe('Intro');
    checkSourceMap(md, doc);
  });

  it('does not take thematic breaks or list items for setext underlines', () => {
    const md = 'Para\n\n---\n\n- item\n---\n* * *\n> quote\n---\n';
    const doc = parseMarkdown(md);
    expect(doc.headings).toEqual([]);
  });

  it('ignores headings inside fences and reports fenced code blocks', () => {
    const md = [
      'Intro',
      '```js',
      '# not a heading',
      '```',
      '~~~~',
      '~~~',
      '## still code',
      '~~~~',
      '``` has `backtick` in info so not a fence',
      '## Real',
      '````',
      'unclosed fence runs to the end',
      '# nope',
    ].join('\n');
    const doc = parseMarkdown(md);
    expect(headings(doc)).toEqual([[2, 'Real', '## Real']]);
    expect(blocks(doc)).toEqual([
      ['code', '```js\n# not a heading\n```'],
      ['code', '~~~~\n~~~\n## still code\n~~~~'],
      ['code', '````\nunclosed fence runs to the end\n# nope'],
    ]);
    expect(doc.blocks[0]).toEqual({ kind: 'code', start: 6, end: 31 });
    expect(doc.title).toBeUndefined();
    checkSourceMap(md, doc);
  });

  it('reports GFM and pipe tables', () => {
    const md = [
      'Before',
      '',
      '| Name | Value |',
      '| --- | :---: |',
      '| a | 1 |',
      '| b | 2 |',
      '',
      'x | y',
      '--|--',
      '1 | 2',
      'After',
      '',
      '|one|',
      '|two|',
      '',
      '| lone pipe line',
      '',
    ].join('\n');
    const doc = parseMarkdown(md);
    expect(blocks(doc)).toEqual([
      ['table', '| Name | Value |\n| --- | :---: |\n| a | 1 |\n| b | 2 |'],
      ['table', 'x | y\n--|--\n1 | 2'],
      ['table', '|one|\n|two|'],
    ]);
    checkSourceMap(md, doc);
  });

  it('handles CRLF line endings', () => {
    const md = '# Title\r\n\r\nText\r\n\r\nSub\r\n---\r\n```\r\ncode\r\n```\r\n';
    const doc = parseMarkdown(md);
    expect(doc.headings).toEqual([
      { level: 1, title: 'Title', start: 0, end: 7 },
      { level: 2, title: 'Sub', start: 19, end: 27 },
    ]);
    expect(doc.blocks).toEqual([{ kind: 'code', start: 29, end: 43 }]);
    checkSourceMap(md, doc);
  });

  it('uses the front matter title over the first heading and offsets past the front matter', () => {
    const md = '---\ntitle: From front matter\n---\n# Heading\nBody\n';
    const doc = parseMarkdown(md);
    expect(doc.title).toBe('From front matter');
    expect(doc.text).toBe('# Heading\nBody\n');
    expect(doc.headings).toEqual([{ level: 1, title: 'Heading', start: 0, end: 9 }]);
    expect(doc.sourceMap.runs).toEqual([{ extStart: 0, extLength: 15, origStart: 33, origLength: 15 }]);
    checkSourceMap(md, doc);
  });

  it('parses empty and heading-less input', () => {
    expect(parseMarkdown('')).toEqual({
      format: 'markdown',
      text: '',
      metadata: {},
      sourceMap: { runs: [] },
      headings: [],
      blocks: [],
      warnings: [],
    });
    expect(parseMarkdown('just text').headings).toEqual([]);
  });
});
