import type { ParsedDocument } from '../types.js';
import { verbatimDocument } from './lines.js';

/** Parses plain text: verbatim, no headings, no blocks (the chunker breaks at blank lines). */
export function parsePlainText(original: string): ParsedDocument {
  return verbatimDocument('text', original);
}
