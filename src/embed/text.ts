/**
 * Text analysis for the local embedder: normalisation, word segmentation (CJK as character
 * bigrams), and the Porter stem. Everything here is part of the embedder's definition: a change
 * that alters any output must bump the embedder id.
 */

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
const ASCII_WORD = /[a-z0-9]+/g;
// A run of CJK ideographs / kana, or a run of other letters, digits and combining marks.
const UNICODE_WORD =
  /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]+|(?:(?![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc])[\p{L}\p{N}\p{M}])+/gu;
const CJK_START = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u30fc]/u;

/**
 * Lowercases `text`; when it contains non-ASCII characters, also applies NFKC compatibility
 * folding (full-width forms, ligatures) and removes Latin/Greek/Cyrillic combining diacritics
 * (U+0300–U+036F), like FTS5's unicode61 tokenizer does by default.
 */
export function normalizeText(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_DIACRITICS, '')
    .normalize('NFKC')
    .toLowerCase();
}

/**
 * Splits normalised text into tokens, in order. Runs of letters/digits/marks are words; a run of
 * CJK characters yields its overlapping character bigrams (or the single character). Apostrophes,
 * hyphens, underscores and punctuation separate words.
 */
export function segment(normalized: string, out: string[] = []): string[] {
  if (!NON_ASCII.test(normalized)) {
    for (const m of normalized.matchAll(ASCII_WORD)) out.push(m[0]);
    return out;
  }
  for (const m of normalized.matchAll(UNICODE_WORD)) {
    const run = m[0];
    if (!CJK_START.test(run)) {
      out.push(run);
      continue;
    }
    const chars = Array.from(run); // code points, so astral ideographs stay whole
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  }
  return out;
}
