import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../src/ingest/frontmatter.js';
import { parseMarkdown } from '../../src/ingest/parse/markdown.js';
import { checkSourceMap } from './map-check.js';

describe('parseFrontMatter', () => {
  it('parses a YAML mapping and its title', () => {
    const text = '---\ntitle: Hello\ntags: [a, b]\n---\n# Body\n';
    const fm = parseFrontMatter(text);
    expect(fm).toEqual({ bodyStart: 34, metadata: { title: 'Hello', tags: ['a', 'b'] }, title: 'Hello', warnings: [] });
    expect(text.slice(fm.bodyStart)).toBe('# Body\n');
  });
  it('accepts CRLF, `...` as the closing line, numeric titles and empty blocks', () => {
    expect(parseFrontMatter('---\r\ntitle: 2024\r\n...\r\nx')).toEqual({
      bodyStart: 23,
      metadata: { title: 2024 },
      title: '2024',
      warnings: [],
    });
    expect(parseFrontMatter('---\n---\nx')).toEqual({ bodyStart: 8, metadata: {}, warnings: [] });
  });
  it('ignores text without front matter', () => {
    const none = { bodyStart: 0, metadata: {}, warnings: [] };
    expect(parseFrontMatter('# Title\n---\n')).toEqual(none);
    expect(parseFrontMatter('---\ntitle: never closed\n')).toEqual(none);
    expect(parseFrontMatter(' ---\na: 1\n---\n')).toEqual(none);
    expect(parseFrontMatter('+++\ntitle = "toml"\n+++\nbody')).toEqual(none);
  });
  it('keeps malformed YAML as text with a warning', () => {
    const fm = parseFrontMatter('---\ntitle: [unclosed\n---\nBody\n');
    expect(fm.bodyStart).toBe(0);
    expect(fm.metadata).toEqual({});
    expect(fm.title).toBeUndefined();
    expect(fm.warnings).toHaveLength(1);
    expect(fm.warnings[0]!.startsWith('front matter is not valid YAML, kept as text: ')).toBe(true);
  });
  it('warns when the YAML is not a mapping', () => {
    expect(parseFrontMatter('---\n- a\n- b\n---\nx')).toEqual({
      bodyStart: 0,
      metadata: {},
      warnings: ['front matter is not a YAML mapping, kept as text'],
    });
  });
  it('rejects duplicate keys as malformed', () => {
    expect(parseFrontMatter('---\na: 1\na: 2\n---\nx').warnings).toHaveLength(1);
  });
});

describe('front matter in Markdown', () => {
  it('is excluded from the text, and the map shifts by its length', () => {
    const original = '---\ntitle: Guide\nauthor: Ana\n---\nHello *world*\n';
    const doc = parseMarkdown(original);
    expect(doc.text).toBe('Hello *world*\n');
    expect(doc.title).toBe('Guide');
    expect(doc.metadata).toEqual({ title: 'Guide', author: 'Ana' });
    expect(doc.warnings).toEqual([]);
    expect(doc.sourceMap.runs).toEqual([{ extStart: 0, extLength: 14, origStart: 33, origLength: 14 }]);
    checkSourceMap(original, doc);
  });
  it('keeps malformed front matter in the text', () => {
    const original = '---\ntitle: "unterminated\n---\n# Real title\n';
    const doc = parseMarkdown(original);
    expect(doc.text).toBe(original);
    expect(doc.metadata).toEqual({});
    expect(doc.title).toBe('Real title');
    expect(doc.warnings).toHaveLength(1);
    checkSourceMap(original, doc);
  });
});
