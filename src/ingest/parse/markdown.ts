import { parseFrontMatter } from '../frontmatter.js';
import type { AtomicBlock, Heading, ParsedDocument } from '../types.js';
import { isBlank, splitLines, verbatimDocument, type Line } from './lines.js';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
// Lines that start some other block, so they can never be part of a setext heading's title.
const NOT_PARAGRAPH = /^ {0,3}(?:[-*+][ \t]|\d{1,9}[.)][ \t]|>|<)|^(?: {4}|\t)/;
const PIPE_ROW = /^ {0,3}\|/;
const DELIMITER_ROW = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;

/**
 * Parses Markdown (CommonMark/GFM, MDX). The extracted text is the original minus YAML front
 * matter, so the map is the identity shifted by the front matter length. Headings are ATX and
 * setext (a setext heading spans its title lines and underline); blocks are fenced code (an
 * unclosed fence runs to the end) and pipe tables. Title: front matter `title`, else the first
 * level-1 heading.
 */
export function parseMarkdown(original: string): ParsedDocument {
  const fm = parseFrontMatter(original);
  const text = original.slice(fm.bodyStart);
  const lines = splitLines(text);
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];
  let paragraph = -1; // index of the first line of the current paragraph, -1 when none

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE_OPEN.exec(line.text);
    if (fence !== null && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      const close = findFenceClose(lines, i + 1, fence[1]!);
      blocks.push({ kind: 'code', start: line.start, end: close === -1 ? text.length : lines[close]!.end });
      if (close === -1) break;
      i = close;
      paragraph = -1;
      continue;
    }
    if (isBlank(line.text)) {
      paragraph = -1;
      continue;
    }
    const atx = ATX.exec(line.text);
    if (atx !== null) {
      const title = atx[2]!.trim().replace(/(?:^|[ \t]+)#+$/, '').trim();
      if (title !== '') headings.push({ level: atx[1]!.length, title, start: line.start, end: line.end });
      paragraph = -1;
      continue;
    }
    const underline = SETEXT_UNDERLINE.exec(line.text);
    if (underline !== null && paragraph !== -1) {
      const titleLines = lines.slice(paragraph, i).map((l) => l.text.trim());
      const level = underline[1]!.startsWith('=') ? 1 : 2;
      headings.push({ level, title: titleLines.join(' '), start: lines[paragraph]!.start, end: line.end });
      paragraph = -1;
      continue;
    }
    const tableEnd = tableAt(lines, i);
    if (tableEnd !== -1) {
      blocks.push({ kind: 'table', start: line.start, end: lines[tableEnd]!.end });
      i = tableEnd;
      paragraph = -1;
      continue;
    }
    if (THEMATIC_BREAK.test(line.text) || NOT_PARAGRAPH.test(line.text)) {
      // Indented lines continue an open paragraph (lazy continuation) but never start one.
      if (paragraph !== -1 && /^(?: {4}|\t)/.test(line.text) && !THEMATIC_BREAK.test(line.text)) continue;
      paragraph = -1;
      continue;
    }
    if (paragraph === -1) paragraph = i;
  }

  const title = fm.title ?? headings.find((h) => h.level === 1)?.title;
  return verbatimDocument('markdown', original, {
    offset: fm.bodyStart,
    ...(title === undefined ? {} : { title }),
    metadata: fm.metadata,
    headings,
    blocks,
    warnings: fm.warnings,
  });
}

/** Index of the line closing a fence opened with `marker`, or -1 when it never closes. */
function findFenceClose(lines: Line[], from: number, marker: string): number {
  const ch = marker[0]!;
  const close = new RegExp(`^ {0,3}\\${ch}{${marker.length},}[ \\t]*$`);
  for (let j = from; j < lines.length; j++) if (close.test(lines[j]!.text)) return j;
  return -1;
}

/**
 * If a table starts at line i, the index of its last line, else -1. Recognises GFM tables
 * (a header row with a pipe, then a delimiter row) and runs of two or more lines starting
 * with `|`.
 */
function tableAt(lines: Line[], i: number): number {
  const head = lines[i]!.text;
  const next = lines[i + 1]?.text;
  const gfm = head.includes('|') && next !== undefined && DELIMITER_ROW.test(next) && next.includes('|');
  if (!gfm && !(PIPE_ROW.test(head) && next !== undefined && PIPE_ROW.test(next))) return -1;
  let last = i + 1;
  while (last + 1 < lines.length) {
    const row = lines[last + 1]!.text;
    const isRow = gfm ? !isBlank(row) && row.includes('|') : PIPE_ROW.test(row);
    if (!isRow || FENCE_OPEN.test(row)) break;
    last++;
  }
  return last;
}
