import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/ingest/parse/html.js';
import { toOriginalOffset } from '../../src/ingest/sourcemap.js';
import type { ParsedDocument } from '../../src/ingest/types.js';
import { checkSourceMap } from './map-check.js';

/** The original slice an extracted span maps to. */
function source(html: string, doc: ParsedDocument, start: number, end: number): string {
  return html.slice(toOriginalOffset(doc.sourceMap, start, 'start'), toOriginalOffset(doc.sourceMap, end, 'end'));
}

describe('parseHtml', () => {
  it('decodes entities and maps each back to its entity span', () => {
    const html = '<p>A &amp; B &lt;c&gt; &#x41;&nbsp;z &#x1F600;</p>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('A & B <c> A\u00a0z 😀');
    const amp = doc.text.indexOf('&');
    expect(source(html, doc, amp, amp + 1)).toBe('&amp;');
    expect(source(html, doc, 6, 9)).toBe('&lt;c&gt;');
    expect(source(html, doc, 10, 12)).toBe('&#x41;&nbsp;');
    expect(source(html, doc, 14, 16)).toBe('&#x1F600;');
    expect(source(html, doc, 0, doc.text.length)).toBe('A &amp; B &lt;c&gt; &#x41;&nbsp;z &#x1F600;');
    expect(doc.sourceMap.runs.slice(0, 3)).toEqual([
      { extStart: 0, extLength: 2, origStart: 3, origLength: 2 },
      { extStart: 2, extLength: 1, origStart: 5, origLength: 5 },
      { extStart: 3, extLength: 3, origStart: 10, origLength: 3 },
    ]);
    checkSourceMap(html, doc);
  });

  it('drops scripts, styles, head, navigation and hidden elements', () => {
    const html = [
      '<html><head><title>Page &amp; Title</title><style>p { color: red }</style>',
      '<script>var secret = "script text";</script></head><body>',
      '<nav>Nav link</nav><aside role="navigation">Side nav</aside><header>Site header</header>',
      '<noscript>Enable JS</noscript><template><p>Template</p></template>',
      '<svg><text>Svg text</text></svg><div hidden>Hidden</div>',
      '<span aria-hidden="true">Icon</span><p style="display:none">Invisible</p>',
      '<p>Visible text.</p><footer>Site footer</footer>',
      '<script>console.log("late")</script></body></html>',
    ].join('\n');
    const doc = parseHtml(html);
    expect(doc.text).toBe('Visible text.');
    expect(doc.title).toBe('Page & Title');
    checkSourceMap(html, doc);
  });

  it('keeps <pre> whitespace verbatim and reports pre and table blocks', () => {
    const html = '<p>Run:</p><pre>\n  a  b\n\tc &lt;d&gt;\n</pre><table><tr><th>A</th><th>B</th></tr>\n<tr><td>1</td><td>2 <p>x</p><p>y</p></td></tr></table><p>End</p>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('Run:\n\n  a  b\n\tc <d>\n\nA | B\n1 | 2 x y\n\nEnd');
    expect(doc.blocks).toEqual([
      { kind: 'code', start: 6, end: 20 },
      { kind: 'table', start: 21, end: 36 },
    ]);
    expect(doc.text.slice(6, 20)).toBe('  a  b\n\tc <d>\n');
    expect(source(html, doc, 6, 20)).toBe('  a  b\n\tc &lt;d&gt;\n');
    checkSourceMap(html, doc);
  });

  it('collapses whitespace runs atomically and keeps single whitespace characters', () => {
    const html = '<div>\n  <p>one   two\n     three\nfour <b>bold</b> <i>it</i></p>\n</div>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('one two\nthree\nfour bold it');
    expect(source(html, doc, 3, 4)).toBe('   ');
    expect(source(html, doc, 7, 8)).toBe('\n     ');
    expect(source(html, doc, 0, doc.text.length)).toBe('one   two\n     three\nfour <b>bold</b> <i>it');
    checkSourceMap(html, doc);
  });

  it('turns block and line elements into line breaks', () => {
    const html = '<h2>Title <small>v2</small></h2><ul><li>one<li>two</ul><p>x<br>y<br><br>z</p><dl><dt>term</dt><dd>def</dd></dl>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('Title v2\n\none\ntwo\n\nx\ny\n\nz\n\nterm\ndef');
    expect(doc.headings).toEqual([{ level: 2, title: 'Title v2', start: 0, end: 8 }]);
    // Synthetic breaks have no original text.
    expect(source(html, doc, 8, 10)).toBe('');
    checkSourceMap(html, doc);
  });

  it('extracts headings without permalink anchors; title falls back to the first h1', () => {
    const html = '<h1 id="x">Install<a class="headerlink" href="#x">¶</a></h1><p>Body</p><h3>  Deep\n  heading </h3>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('Install\n\nBody\n\nDeep\nheading');
    expect(doc.headings).toEqual([
      { level: 1, title: 'Install', start: 0, end: 7 },
      { level: 3, title: 'Deep heading', start: 15, end: 27 },
    ]);
    expect(doc.title).toBe('Install');
    checkSourceMap(html, doc);
  });

  it('extracts only <main> when there is one', () => {
    const html = '<body><div class="sidebar">Sidebar links</div><main><h1>Doc</h1><p>Content</p></main><div>After main</div></body>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('Doc\n\nContent');
    const roleMain = parseHtml('<div>Chrome</div><div role="main"><p>Body</p></div>');
    expect(roleMain.text).toBe('Body');
    const none = parseHtml('<div>Chrome</div><div><p>Body</p></div>');
    expect(none.text).toBe('Chrome\n\nBody');
  });

  it('keeps header and footer inside an article', () => {
    const html = '<body><header>site</header><article><header><h1>Post</h1></header><p>body</p><footer>by me</footer></article><footer>site foot</footer></body>';
    const doc = parseHtml(html);
    expect(doc.text).toBe('Post\n\nbody\n\nby me');
    expect(doc.headings).toEqual([{ level: 1, title: 'Post', start: 0, end: 4 }]);
  });

  it('survives malformed HTML', () => {
    const cases: Array<[string, string]> = [
      ['<div><p>unclosed <b>bold</div></span> text << more <a href=x>link', 'unclosed bold\n\ntext << more link'],
      ['</div></div><p>x</p><!-- unterminated comment', 'x'],
      ['<ul><li>one<li>two</ul><p>para<p>next', 'one\ntwo\n\npara\n\nnext'],
      ['<table><tr><td>a<td>b<tr><td>c</table>tail', 'a | b\nc\n\ntail'],
      ['<p>&#x1F600; &copy2024 &unknown; &amp</p>', '😀 ©2024 &unknown; &'],
      ['<<>><p', '<<>>'],
      ['', ''],
    ];
    for (const [html, text] of cases) {
      const doc = parseHtml(html);
      expect(doc.text).toBe(text);
      checkSourceMap(html, doc);
    }
  });

  const sphinx = '/usr/share/doc/python3.11/html/library/json.html';
  it.skipIf(!existsSync(sphinx))('extracts the body of a real Sphinx page', () => {
    const html = readFileSync(sphinx, 'utf8');
    const doc = parseHtml(html);
    expect(doc.title?.startsWith('json — JSON encoder and decoder')).toBe(true);
    expect(doc.headings[0]).toMatchObject({ level: 1, title: 'json — JSON encoder and decoder', start: 0 });
    expect(doc.headings.map((h) => h.title)).toContain('Basic Usage');
    expect(doc.text).not.toContain('¶');
    expect(doc.text).not.toContain('Table of Contents'); // sidebar is outside role=main
    expect(doc.text).toContain('>>> json.dumps([1, 2, 3, {\'4\': 5, \'6\': 7}], separators=(\',\', \':\'))');
    checkSourceMap(html, doc, 100);
  });
});
