import { Parser } from 'htmlparser2';
import type { ParsedDocument } from '../types.js';
import { renderHtmlEvents, type HtmlEvent } from './html-render.js';

/** Elements whose content is never visible text. */
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'head', 'iframe', 'object',
  'canvas', 'audio', 'video', 'select', 'nav', 'datalist',
]);
/** Elements that start a new paragraph (blank line before and after). */
const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'pre', 'table', 'blockquote', 'ul', 'ol', 'dl',
  'figure', 'form', 'hr', 'address', 'fieldset', 'details', 'aside', 'center', 'header',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'body', 'html', 'menu', 'hgroup', 'search',
]);
/** Elements that start a new line. */
const LINE = new Set(['li', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'legend', 'option']);
/** Elements that, like `<main>`, hold a page's own content (as opposed to site chrome). */
const SECTIONING = new Set(['main', 'article', 'section', 'aside']);

interface Frame {
  name: string;
  skip: boolean;
  /** Inside `<main>`, `[role=main]` or `<article>`. */
  scope: boolean;
  /** Inside main/article/section/aside, where `<header>`/`<footer>` are content, not chrome. */
  sectioning: boolean;
  pre: boolean;
  inTable: boolean;
  foreign: boolean;
  title: boolean;
}

const ROOT: Frame = {
  name: '', skip: false, scope: false, sectioning: false, pre: false, inTable: false, foreign: false, title: false,
};

/**
 * Parses HTML with htmlparser2 into visible text.
 *
 * - Dropped: script/style/noscript/template/svg/math/iframe/select, `<head>` (except `<title>`,
 *   which becomes the title), `<nav>`, `[role=navigation]`, `[role=search]`, `<header>`/`<footer>`
 *   outside main/article/section/aside (site chrome), `[hidden]`, `[aria-hidden=true]`,
 *   `display:none`, and Sphinx/MkDocs permalink anchors (`.headerlink`, the ¶ signs).
 * - When the page has `<main>`, `[role=main]` or `<article>`, only text inside them is kept
 *   (sidebars and chrome around them are dropped); otherwise all visible text is kept.
 * - Whitespace: see {@link renderHtmlEvents}. Block elements produce line breaks (synthetic
 *   runs with origLength 0); entities map atomically to their source span; `<pre>` is verbatim.
 * - Headings: h1–h6. Blocks: `<pre>` (code) and `<table>` (cells ` | `, rows on lines).
 * - Title: `<title>`, else the first h1.
 */
export function parseHtml(original: string): ParsedDocument {
  const events: HtmlEvent[] = [];
  const stack: Frame[] = [];
  let titleText: string | undefined;
  let titleParts: string[] | null = null;
  const top = (): Frame => stack[stack.length - 1] ?? ROOT;

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        const parent = top();
        const role = (attribs['role'] ?? '').toLowerCase();
        const frame: Frame = {
          name,
          skip: parent.skip || isHidden(name, attribs, role, parent),
          scope: parent.scope || name === 'main' || name === 'article' || role === 'main',
          sectioning: parent.sectioning || SECTIONING.has(name) || role === 'main',
          pre: parent.pre || name === 'pre' || name === 'textarea' || name === 'listing',
          inTable: parent.inTable || name === 'table',
          foreign: parent.foreign || name === 'svg' || name === 'math',
          title: name === 'title' && !parent.foreign && titleText === undefined,
        };
        stack.push(frame);
        if (frame.title) titleParts = [];
        if (!frame.skip) boundary(name, parent, frame, frame.scope, 'open');
      },
      onclosetag(name) {
        const frame = stack.pop();
        if (frame === undefined) return;
        if (frame.title && titleParts !== null) {
          titleText = collapse(titleParts.join(''));
          titleParts = null;
        }
        if (frame.skip) return;
        boundary(name, top(), frame, frame.scope, 'close');
      },
      ontext(data) {
        // startIndex/endIndex (inclusive) give the exact source span of this piece.
        const start = parser.startIndex;
        const end = parser.endIndex + 1;
        if (titleParts !== null) {
          titleParts.push(data);
          return;
        }
        const frame = top();
        if (frame.skip) return;
        const linear = end - start === data.length && original.startsWith(data, start);
        events.push({ k: 'text', data, start, end, linear, pre: frame.pre, scope: frame.scope });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );

  /** Events for entering/leaving an element: line breaks, table cells, heading/block spans. */
  function boundary(name: string, parent: Frame, frame: Frame, scope: boolean, side: 'open' | 'close'): void {
    if (name.length === 2 && name[0] === 'h' && name[1]! >= '1' && name[1]! <= '6') {
      events.push({ k: 'break', n: 2, scope });
      events.push(side === 'open' ? { k: 'open', what: 'heading', level: Number(name[1]), scope } : { k: 'close', what: 'heading', scope });
      return;
    }
    if (name === 'br') {
      if (side === 'open') events.push({ k: 'br', scope });
      return;
    }
    if (name === 'tr') {
      events.push({ k: 'break', n: 1, scope });
      if (side === 'open') events.push({ k: 'row', scope });
      return;
    }
    if ((name === 'td' || name === 'th') && side === 'open') {
      events.push({ k: 'cell', scope });
      return;
    }
    if (parent.pre) return; // markup inside <pre> adds no breaks
    if (name === 'pre' || (name === 'table' && !parent.inTable)) {
      const what = name === 'pre' ? 'pre' : 'table';
      events.push({ k: 'break', n: 2, scope });
      events.push(side === 'open' ? { k: 'open', what, scope } : { k: 'close', what, scope });
      return;
    }
    if (BLOCK.has(name) || LINE.has(name)) {
      // Inside a table, blocks in a cell only separate words; rows and cells carry the layout.
      if (frame.inTable) events.push({ k: 'soft', scope });
      else events.push({ k: 'break', n: BLOCK.has(name) ? 2 : 1, scope });
    }
  }

  parser.end(original);
  // With a main/article region, keep only what is inside it.
  const scoped = events.some((e) => e.k === 'text' && e.scope && /\S/.test(e.data));
  const kept = scoped ? events.filter((e) => e.scope) : events;
  const rendered = renderHtmlEvents(original, kept);
  const title = titleText !== undefined && titleText !== '' ? titleText : rendered.headings.find((h) => h.level === 1)?.title;
  const doc: ParsedDocument = {
    format: 'html',
    text: rendered.text,
    metadata: {},
    sourceMap: rendered.sourceMap,
    headings: rendered.headings,
    blocks: rendered.blocks,
    warnings: [],
  };
  if (title !== undefined && title !== '') doc.title = title;
  return doc;
}

function isHidden(name: string, attribs: Record<string, string>, role: string, parent: Frame): boolean {
  if (SKIP_TAGS.has(name)) return true;
  if ((name === 'header' || name === 'footer') && !parent.sectioning) return true;
  if (role === 'navigation' || role === 'search') return true;
  if (attribs['hidden'] !== undefined || attribs['aria-hidden'] === 'true') return true;
  const style = attribs['style'];
  if (style !== undefined && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  const cls = attribs['class'];
  return cls !== undefined && cls.includes('headerlink') && /(?:^|\s)headerlink(?:\s|$)/.test(cls);
}

/** Collapses whitespace runs to single spaces and trims. */
export function collapse(s: string): string {
  return s.replace(/[ \t\n\r\f]+/g, ' ').trim();
}
