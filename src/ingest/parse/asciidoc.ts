import type { AtomicBlock, Heading, ParsedDocument } from '../types.js';
import { splitLines, verbatimDocument } from './lines.js';

const HEADING = /^(={1,6})[ \t]+(\S.*?)(?:[ \t]+=+)?[ \t]*$/;
// Delimited blocks: the closing line repeats the opening line exactly.
const DELIMITER = /^(-{4,}|\.{4,}|\|={3,}|`{3,}|\/{4,}|\+{4,})[ \t]*$/;

/**
 * Parses AsciiDoc. Text is verbatim (identity map). Headings are `=`..`======` at line start
 * (level = number of `=`, so the document title `= Title` is level 1), ignored inside
 * delimited blocks. Blocks: listing (`----`), literal (`....`), fenced (```` ``` ````) and
 * passthrough (`++++`) blocks as code, `|===` tables; comment blocks (`////`) are skipped
 * for headings but not reported. Title: the first level-1 heading.
 */
export function parseAsciidoc(original: string): ParsedDocument {
  const lines = splitLines(original);
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
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
      const end = close === -1 ? original.length : lines[close]!.end;
      if (!marker.startsWith('/')) blocks.push({ kind: marker.startsWith('|') ? 'table' : 'code', start: line.start, end });
      if (close === -1) break;
      i = close;
      continue;
    }
    const h = HEADING.exec(line.text);
    if (h !== null) headings.push({ level: h[1]!.length, title: h[2]!, start: line.start, end: line.end });
  }

  const title = headings.find((h) => h.level === 1)?.title;
  return verbatimDocument('asciidoc', original, { ...(title === undefined ? {} : { title }), headings, blocks });
}
