import type { AtomicBlock, Heading, ParsedDocument } from '../types.js';
import { indentOf, isBlank, splitLines, verbatimDocument, type Line } from './lines.js';

// A line made of one repeated punctuation character (reStructuredText section adornment).
const ADORNMENT = /^([!-/:-@[-`{-~])\1*[ \t]*$/;
const CODE_DIRECTIVE = /^[ \t]*\.\.[ \t]+(?:code-block|code|sourcecode|highlight|literalinclude)::/;
const GRID_BORDER = /^[ \t]*\+[-=]+(?:\+[-=]+)*\+[ \t]*$/;

/**
 * Parses reStructuredText. Text is verbatim (identity map). Headings are a title line with an
 * underline (optionally also an overline) of one repeated punctuation character at least as
 * long as the title; levels follow the order in which adornment styles first appear, as
 * docutils does. Blocks: literal blocks after `::`, `.. code-block::`-style directives, grid
 * tables. Title: the first heading.
 */
export function parseRst(original: string): ParsedDocument {
  const lines = splitLines(original);
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];
  const styles: string[] = []; // adornment styles in order of first appearance
  const levelOf = (style: string): number => {
    if (!styles.includes(style)) styles.push(style);
    return styles.indexOf(style) + 1;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const prevBlank = i === 0 || isBlank(lines[i - 1]!.text);

    // Overline + title + underline.
    const over = prevBlank ? adornment(line.text) : null;
    const title = lines[i + 1];
    const under = lines[i + 2];
    if (over !== null && title !== undefined && under !== undefined && adornment(title.text) === null) {
      const u = adornment(under.text);
      const t = title.text.trim();
      if (u !== null && u.char === over.char && u.length === over.length && t !== '' && t.length <= u.length) {
        headings.push({ level: levelOf(`${u.char}o`), title: t, start: line.start, end: under.end });
        i += 2;
        continue;
      }
    }

    // Title + underline.
    const next = lines[i + 1];
    if (prevBlank && next !== undefined && !isBlank(line.text) && indentOf(line.text) === 0) {
      const u = adornment(next.text);
      const t = line.text.trim();
      if (u !== null && adornment(line.text) === null && t.length <= u.length) {
        headings.push({ level: levelOf(`${u.char}u`), title: t, start: line.start, end: next.end });
        i += 1;
        continue;
      }
    }

    // Directive with an indented body, or a paragraph ending in `::` followed by a literal block.
    if (CODE_DIRECTIVE.test(line.text)) {
      const last = indentedBodyEnd(lines, i + 1, indentOf(line.text));
      blocks.push({ kind: 'code', start: line.start, end: lines[last]!.end });
      i = last;
      continue;
    }
    if (/::[ \t]*$/.test(line.text) && !/^[ \t]*\.\./.test(line.text)) {
      const last = indentedBodyEnd(lines, i + 1, paragraphIndent(lines, i));
      const first = firstNonBlank(lines, i + 1, last);
      if (first !== -1) {
        blocks.push({ kind: 'code', start: lines[first]!.start, end: lines[last]!.end });
        i = last;
      }
      continue;
    }
    if (GRID_BORDER.test(line.text)) {
      let last = i;
      while (last + 1 < lines.length && /^[ \t]*[+|]/.test(lines[last + 1]!.text)) last++;
      if (last > i) {
        blocks.push({ kind: 'table', start: line.start, end: lines[last]!.end });
        i = last;
      }
    }
  }

  const title = headings[0]?.title;
  return verbatimDocument('rst', original, { ...(title === undefined ? {} : { title }), headings, blocks });
}

function adornment(text: string): { char: string; length: number } | null {
  const m = ADORNMENT.exec(text);
  if (m === null) return null;
  const length = text.trimEnd().length;
  // Two characters are too easily a `::` or `..` line; docutils wants titles' adornments ≥ 4 anyway
  // unless the title is tiny, and a 3-character minimum keeps both cases working in practice.
  return length >= 3 ? { char: m[1]!, length } : null;
}

/** Indentation of the paragraph that contains line i (its first line after a blank). */
function paragraphIndent(lines: Line[], i: number): number {
  let j = i;
  while (j > 0 && !isBlank(lines[j - 1]!.text)) j--;
  return indentOf(lines[j]!.text);
}

/**
 * Last line of an indented body starting at `from` (lines more indented than `base`, with
 * blank lines inside). Returns `from - 1` when there is no body.
 */
function indentedBodyEnd(lines: Line[], from: number, base: number): number {
  let last = from - 1;
  for (let j = from; j < lines.length; j++) {
    const text = lines[j]!.text;
    if (isBlank(text)) continue;
    if (indentOf(text) <= base) break;
    last = j;
  }
  return last;
}

function firstNonBlank(lines: Line[], from: number, to: number): number {
  for (let j = from; j <= to; j++) if (!isBlank(lines[j]!.text)) return j;
  return -1;
}
