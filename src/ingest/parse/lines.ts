import type { AtomicBlock, DocumentFormat, Heading, ParsedDocument } from '../types.js';
import { identityMap } from '../sourcemap.js';

/** One line of a text: `[start, end)` excludes the line terminator; `next` starts the next line. */
export interface Line {
  start: number;
  end: number;
  next: number;
  text: string;
}

/** Splits text into lines, recognising `\n`, `\r\n` and lone `\r`. A final empty line is omitted. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) continue;
    const end = i;
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    lines.push({ start, end, next: i + 1, text: text.slice(start, end) });
    start = i + 1;
  }
  if (start < text.length) lines.push({ start, end: text.length, next: text.length, text: text.slice(start) });
  return lines;
}

/** True for a line of only spaces and tabs. */
export function isBlank(line: string): boolean {
  return /^[ \t]*$/.test(line);
}

/** Width of the leading whitespace; a tab advances to the next multiple of 4 (as CommonMark does). */
export function indentOf(line: string): number {
  let n = 0;
  for (const ch of line) {
    if (ch === ' ') n++;
    else if (ch === '\t') n += 4 - (n % 4);
    else break;
  }
  return n;
}

/**
 * Builds a ParsedDocument whose text is `original.slice(offset)` (identity map). Used by the
 * line-based parsers, which never rewrite text.
 */
export function verbatimDocument(
  format: DocumentFormat,
  original: string,
  parts: {
    offset?: number;
    title?: string;
    metadata?: Record<string, unknown>;
    headings?: Heading[];
    blocks?: AtomicBlock[];
    warnings?: string[];
  } = {},
): ParsedDocument {
  const offset = parts.offset ?? 0;
  const text = offset === 0 ? original : original.slice(offset);
  const doc: ParsedDocument = {
    format,
    text,
    metadata: parts.metadata ?? {},
    sourceMap: identityMap(text.length, offset),
    headings: parts.headings ?? [],
    blocks: parts.blocks ?? [],
    warnings: parts.warnings ?? [],
  };
  if (parts.title !== undefined && parts.title !== '') doc.title = parts.title;
  return doc;
}
