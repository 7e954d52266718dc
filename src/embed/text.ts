/**
 * Text analysis for the local embedder: normalisation and word segmentation (CJK as character
 * bigrams). Everything here is part of the embedder's definition: a change that alters any
 * output must bump the embedder id. (Unicode case mapping, normalisation and properties come from
 * the runtime: characters assigned in a newer Unicode version than the runtime knows may be
 * segmented differently.)
 */

const NON_ASCII = /[^\u0000-\u007f]/;
const COMBINING_DIACRITICS = /[\u0300-\u036f]/g;
/** Han ideographs, kana and the prolonged sound mark: scripts written without spaces. */
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\u30fc';
/** A run of CJK characters, or a run of other letters, digits and combining marks. */
const UNICODE_WORD = new RegExp(`[${CJK}]+|(?:(?![${CJK}])[\\p{L}\\p{N}\\p{M}])+`, 'gu');
const CJK_START = new RegExp(`^[${CJK}]`, 'u');

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
  if (!NON_ASCII.test(normalized)) return segmentAscii(normalized, out);
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

/** Fast path for lowercase ASCII text: runs of [a-z0-9]. */
function segmentAscii(s: string, out: string[]): string[] {
  let start = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(s.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(s.slice(start));
  return out;
}
