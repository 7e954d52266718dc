import { SourceMapBuilder } from '../sourcemap.js';
import type { AtomicBlock, Heading, SourceMap } from '../types.js';

/** Flat events produced while walking the HTML tree (see parseHtml), rendered to text here. */
export type HtmlEvent =
  | { k: 'text'; data: string; start: number; end: number; linear: boolean; pre: boolean; scope: boolean }
  | { k: 'break'; n: 1 | 2; scope: boolean }
  | { k: 'soft' | 'br' | 'row' | 'cell'; scope: boolean }
  | { k: 'open'; what: 'heading' | 'pre' | 'table'; level?: number; scope: boolean }
  | { k: 'close'; what: 'heading' | 'pre' | 'table'; scope: boolean };

/** Extracted text and structure of an HTML page. */
export interface RenderedHtml {
  text: string;
  sourceMap: SourceMap;
  headings: Heading[];
  blocks: AtomicBlock[];
}

const WHITESPACE = /[ \t\n\r\f]+/g;

/**
 * Renders events to text plus an exact source map.
 *
 * Whitespace outside `<pre>` is collapsed lazily: a run is only written when more inline
 * content follows in the same block, so blocks never start or end with spaces. A single
 * whitespace character is kept as is (a linear run, so linear runs always equal their
 * original slice); a longer run becomes `\n` if it contains a line break, else one space,
 * as an atomic run over the whole original run. Source line breaks inside paragraphs thus
 * survive, as they do in Markdown. Block boundaries write `\n\n`, line-level ones (`li`,
 * `tr`, `br`) `\n`, table cells ` | `: synthetic runs of origLength 0 placed at the end of the
 * previous original content. Entities are atomic runs over their source span.
 */
export function renderHtmlEvents(original: string, events: HtmlEvent[]): RenderedHtml {
  const parts: string[] = [];
  const map = new SourceMapBuilder();
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];
  let lastOrigEnd = 0;
  let trailingNewlines = 0;
  let pendingBreak = 0;
  let pendingCell = false;
  let pendingSoft = false;
  let pendingSpace: { start: number; end: number } | null = null;
  let heading: { level: number; start: number; parts: string[] } | null = null;
  let block: { kind: 'code' | 'table'; start: number; depth: number } | null = null;
  let preFresh = false;
  let rowCells = 0;

  const emit = (str: string, origStart: number, origLength: number): void => {
    parts.push(str);
    heading?.parts.push(str);
    map.atomic(str.length, origStart, origLength);
    lastOrigEnd = origStart + origLength;
    let m = 0;
    while (m < str.length && str.charCodeAt(str.length - 1 - m) === 10) m++;
    trailingNewlines = m === str.length ? trailingNewlines + m : m;
  };

  /** Writes whatever separator is pending, then marks open heading/block starts. */
  const flush = (): void => {
    if (map.length > 0) {
      if (pendingBreak > 0) {
        const need = pendingBreak - trailingNewlines;
        if (need > 0) emit('\n'.repeat(need), lastOrigEnd, 0);
      } else if (pendingCell) emit(' | ', lastOrigEnd, 0);
      else if (pendingSpace !== null) {
        const { start, end } = pendingSpace;
        const ws = original.slice(start, end);
        if (ws.length === 1) emit(ws, start, 1);
        else emit(/[\n\r]/.test(ws) ? '\n' : ' ', start, end - start);
      } else if (pendingSoft) emit(' ', lastOrigEnd, 0);
    }
    pendingBreak = 0;
    pendingCell = false;
    pendingSoft = false;
    pendingSpace = null;
    if (heading !== null && heading.start === -1) heading.start = map.length;
    if (block !== null && block.start === -1) block.start = map.length;
  };

  const text = (e: Extract<HtmlEvent, { k: 'text' }>): void => {
    if (!e.linear) {
      preFresh = false;
      flush();
      emit(e.data, e.start, e.end - e.start);
      return;
    }
    if (e.pre) {
      let skip = 0;
      // HTML drops one newline directly after <pre>.
      if (preFresh) skip = e.data.startsWith('\r\n') ? 2 : e.data.startsWith('\n') ? 1 : 0;
      preFresh = false;
      if (e.data.length === skip) return;
      flush();
      emit(e.data.slice(skip), e.start + skip, e.data.length - skip);
      return;
    }
    // Interior single whitespace characters stay inside content chunks (they are kept
    // verbatim anyway); only runs at the edges or longer than one character are pending.
    const data = e.data;
    let i = 0;
    WHITESPACE.lastIndex = 0;
    for (let m = WHITESPACE.exec(data); m !== null; m = WHITESPACE.exec(data)) {
      const ws0 = m.index;
      const ws1 = ws0 + m[0].length;
      if (ws0 > 0 && ws1 < data.length && ws1 - ws0 === 1) continue;
      if (ws0 > i) {
        flush();
        emit(data.slice(i, ws0), e.start + i, ws0 - i);
      }
      if (pendingSpace === null) pendingSpace = { start: e.start + ws0, end: e.start + ws1 };
      else if (pendingSpace.end === e.start + ws0) pendingSpace.end = e.start + ws1;
      i = ws1;
    }
    if (i < data.length) {
      flush();
      emit(data.slice(i), e.start + i, data.length - i);
    }
  };

  for (const e of events) {
    switch (e.k) {
      case 'text':
        text(e);
        break;
      case 'break':
        pendingBreak = Math.max(pendingBreak, e.n);
        break;
      case 'br':
        pendingBreak = Math.min(2, pendingBreak + 1);
        break;
      case 'soft':
        pendingSoft = true;
        break;
      case 'row':
        rowCells = 0;
        break;
      case 'cell':
        if (rowCells++ > 0) pendingCell = true;
        break;
      case 'open':
        if (e.what === 'heading') heading ??= { level: e.level ?? 1, start: -1, parts: [] };
        else {
          if (e.what === 'pre') preFresh = true;
          if (block === null) block = { kind: e.what === 'pre' ? 'code' : 'table', start: -1, depth: 0 };
          block.depth++;
        }
        break;
      case 'close':
        if (e.what === 'heading') {
          if (heading !== null && heading.start !== -1) {
            const title = heading.parts.join('').replace(/[ \t\n\r\f]+/g, ' ').replace(/\s*[¶§]$/, '').trim();
            if (title !== '') headings.push({ level: heading.level, title, start: heading.start, end: map.length });
          }
          heading = null;
        } else if (block !== null && --block.depth === 0) {
          if (block.start !== -1 && map.length > block.start) {
            blocks.push({ kind: block.kind, start: block.start, end: map.length });
          }
          block = null;
        }
        break;
    }
  }
  return { text: parts.join(''), sourceMap: map.build(), headings, blocks };
}
