import type { AtomicBlock, Heading, ParsedDocument } from '../types.js';
import { isBlank, splitLines, verbatimDocument, type Line } from './lines.js';

const HEADING = /^(={1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?[ \t]*$/;
// Delimited blocks: the closing line repeats the opening line exactly.
const DELIMITER = /^(-{4,}|\.{4,}|\|={3,}|`{3,}|\/{4,}|\+{4,})[ \t]*$/;
// Two-line (setext) title underlines and the heading level each gives (`=` is the document title).
const UNDERLINE = /^(={2,}|-{2,}|~{2,}|\^{2,}|\+{2,})[ \t]*$/;
const UNDERLINE_LEVEL: Record<string, number> = { '=': 1, '-': 2, '~': 3, '^': 4, '+': 5 };
// Lines that keep the parser at a block start: block attributes (`[verse]`), anchors
// (`[[id]]`), attribute entries (`:toc:`), block titles (`.Example`) and line comments.
const BLOCK_METADATA = /^(?:\[.*\]|:[^:\s][^:]*:(?:[ \t].*)?|\.[^.\s].*|\/\/(?!\/\/).*)[ \t]*$/;

/**
 * Parses AsciiDoc. Text is verbatim (identity map). Headings are one-line titles
 * `=`..`======` at line start (level = number of `=`, so the document title `= Title` is
 * level 1) and two-line titles: a text line at a block start underlined by `=`, `-`, `~`,
 * `^` or `+` (levels 1..5) within ±2 characters of its length. Headings inside delimited
 * blocks are ignored. A two-line title is recognised before its underline could open a
 * block. Blocks: listing (`----`), literal (`....`), fenced (```` ``` ````) and passthrough
 * (`++++`) blocks as code, `|===` tables; comment blocks (`////`) are skipped for headings
 * but not reported. A delimiter with no matching close is an ordinary line. Title: the
 * first level-1 heading.
 */
export function parseAsciidoc(original: string): ParsedDocument {
  const lines = splitLines(original);
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];
  // True when the current line starts a block (start of file, after a blank line, a title,
  // a closed delimited block, or block metadata lines).
  let atBlockStart = true;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isBlank(line.text)) {
      atBlockStart = true;
      continue;
    }
    const setext = atBlockStart ? twoLineTitle(line, lines[i + 1]) : null;
    if (setext !== null) {
      headings.push({ ...setext, start: line.start, end: lines[i + 1]!.end });
      i++;
      atBlockStart = true;
      continue;
    }
    const delim = DELIMITER.exec(line.text);
    if (delim !== null) {
      const marker = delim[1]!;
      let close = -1;
      for (let j = i + 1; j < lines.length; j++) {
        if (lines[j]!.text.trimEnd() === marker) {
          close = j;
          break;
        }
      }
      if (close !== -1) {
        if (!marker.startsWith('/')) {
          blocks.push({ kind: marker.startsWith('|') ? 'table' : 'code', start: line.start, end: lines[close]!.end });
        }
        i = close;
        atBlockStart = true;
        continue;
      }
      // Unclosed: an ordinary line, not a block swallowing the rest of the file.
    }
    const h = HEADING.exec(line.text);
    if (h !== null) {
      headings.push({ level: h[1]!.length, title: h[2]!, start: line.start, end: line.end });
      atBlockStart = true;
      continue;
    }
    atBlockStart = BLOCK_METADATA.test(line.text) && atBlockStart;
  }

  const title = headings.find((h) => h.level === 1)?.title;
  return verbatimDocument('asciidoc', original, { ...(title === undefined ? {} : { title }), headings, blocks });
}

/**
 * The level and title when `line` is a two-line section title underlined by `next`: the
 * title has a word character, does not start with whitespace or `.` (a block title), is not
 * block metadata, a delimiter or a one-line title, and its length is within ±2 of the underline's.
 */
function twoLineTitle(line: Line, next: Line | undefined): { level: number; title: string } | null {
  if (next === undefined) return null;
  const under = UNDERLINE.exec(next.text);
  if (under === null) return null;
  const text = line.text.trimEnd();
  if (!/^[^\s.]/.test(text) || !/[\p{L}\p{N}_]/u.test(text)) return null;
  if (BLOCK_METADATA.test(text) || DELIMITER.test(text) || UNDERLINE.test(text) || HEADING.test(text)) return null;
  const titleLength = Array.from(text).length;
  const underLength = under[1]!.length;
  if (Math.abs(titleLength - underLength) > 2) return null;
  return { level: UNDERLINE_LEVEL[under[1]![0]!]!, title: text };
}
