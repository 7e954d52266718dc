import type { ParsedDocument } from '../types.js';
import { verbatimDocument } from './lines.js';

/**
 * Parses source code: verbatim, no headings, no blocks (the chunker breaks at blank lines).
 * `metadata.language` is set when the language is known.
 */
export function parseCode(original: string, language?: string): ParsedDocument {
  return verbatimDocument('code', original, { metadata: language === undefined ? {} : { language } });
}
