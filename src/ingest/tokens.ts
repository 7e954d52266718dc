/**
 * Fast, deterministic token estimates without a tokenizer.
 *
 * Formula (in "units", 4 units = 1 token; the result is `ceil(units / 4)`):
 * - whitespace (including NBSP, ideographic space, zero-width characters) costs 0;
 * - a CJK character (Han, kana, Hangul, CJK punctuation, full-width forms) costs 4 units, i.e.
 *   one token each, since CJK text has no spaces and BPE tokenizers spend ~1 token per character;
 * - every other character belongs to a "word" run (letters, digits, `_`) or a "symbol" run
 *   (punctuation, emoji, other symbols) and costs 1 unit if ASCII, 2 units otherwise (non-Latin
 *   scripts and astral characters split into more tokens); the first character of a run costs
 *   1 more unit for a word and 2 more for a symbol (punctuation is usually a token of its own).
 *
 * So a word of n ASCII letters costs (n + 1) / 4 tokens, the same as chars/4 counting the space
 * before it: English prose comes out at about chars/4 (slightly above, as punctuation counts
 * more), a little over what BPE tokenizers produce — the safe side when sizing chunks for an
 * embedding model's window. Code is counted sensibly too: each punctuation run starts a new
 * piece, so `foo.bar(baz)` is 6 tokens while `----------` is 3.
 *
 * Because every character's cost depends only on itself and the character before it, a slice's
 * estimate can be computed in O(1) from prefix sums ({@link createTokenCounter}).
 */

const WS = 0;
const CJK = 1;
const WORD = 2;
const SYM = 3;

/** Classifies one UTF-16 code unit as whitespace, CJK, word or symbol. */
function classify(c: number): number {
  if (c < 128) {
    if (c === 32 || (c >= 9 && c <= 13)) return WS;
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) return WORD;
    return SYM;
  }
  if (c === 0x85 || c === 0xa0 || c === 0x1680 || c === 0x3000 || c === 0xfeff) return WS;
  if (c >= 0x2000 && c <= 0x200d) return WS;
  if (c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f) return WS;
  if (c >= 0x2e80 && c <= 0x9fff) return CJK; // radicals, CJK punctuation, kana, Ext A, unified
  if (c >= 0xac00 && c <= 0xd7af) return CJK; // Hangul syllables
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f)) return CJK; // Hangul jamo
  if ((c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f)) return CJK; // compat forms
  if (c >= 0xff00 && c <= 0xffef) return CJK; // full-width and half-width forms
  if (c >= 0xd800 && c <= 0xdfff) return SYM; // astral characters (mostly emoji)
  if (c <= 0xbf) return SYM; // Latin-1 punctuation and symbols (¡ « ° ± » ¿ …)
  if ((c >= 0x2010 && c <= 0x2027) || (c >= 0x2030 && c <= 0x205e)) return SYM; // dashes, quotes, •
  if (c >= 0x2190 && c <= 0x2bff) return SYM; // arrows, math, box drawing, shapes
  return WORD;
}

/** Extra units paid by the first character of a run, by class. */
const RUN_BONUS = [0, 0, 1, 2];

/**
 * Immutable lookup table (64 KiB, built once at import) for every UTF-16 code unit:
 * `class | baseUnits << 2`, where base units are 0 (whitespace), 4 (CJK), 1 (other ASCII)
 * or 2 (other non-ASCII).
 */
const CODE_INFO: Uint8Array = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) {
    const cls = classify(c);
    const base = cls === WS ? 0 : cls === CJK ? 4 : c < 128 ? 1 : 2;
    table[c] = cls | (base << 2);
  }
  return table;
})();

/** True for the UTF-16 code units {@link estimateTokens} treats as whitespace (they cost 0). */
export function isWhitespaceCode(c: number): boolean {
  return (CODE_INFO[c] & 3) === WS;
}

/** Estimated token count of `text` (see the module comment for the formula). */
export function estimateTokens(text: string): number {
  let total = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const info = CODE_INFO[text.charCodeAt(i)];
    const cls = info & 3;
    total += (info >> 2) + (cls === prev ? 0 : RUN_BONUS[cls]);
    prev = cls;
  }
  return Math.ceil(total / 4);
}

/** O(1) token estimates for slices of one text, consistent with {@link estimateTokens}. */
export interface TokenCounter {
  /** `estimateTokens(text.slice(start, end))`, in O(1). */
  count(start: number, end: number): number;
  /** The largest `end` in `[start, text.length]` with `count(start, end) <= maxTokens`. */
  fitEnd(start: number, maxTokens: number): number;
  /** The smallest `end` in `[start, text.length]` with `count(start, end) >= tokens` (or the text length). */
  reachEnd(start: number, tokens: number): number;
  /** The smallest `start` in `[0, end]` with `count(start, end) <= maxTokens`. */
  fitStart(end: number, maxTokens: number): number;
}

/**
 * Precomputes prefix sums of units over `text` (4 bytes per UTF-16 code unit) so that slice
 * estimates and "how far does N tokens reach" questions are answered without rescanning.
 */
export function createTokenCounter(text: string): TokenCounter {
  const n = text.length;
  // cum[i] = units of text[0, i) where each character's cost uses its real predecessor.
  const cum = new Uint32Array(n + 1);
  let total = 0;
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const info = CODE_INFO[text.charCodeAt(i)];
    const cls = info & 3;
    total += (info >> 2) + (cls === prev ? 0 : RUN_BONUS[cls]);
    cum[i + 1] = total;
    prev = cls;
  }
  // The run-start bonus a slice starting at i pays but the prefix sums did not (0…2).
  const adj = (i: number): number => {
    if (i <= 0 || i >= n) return 0;
    const cls = CODE_INFO[text.charCodeAt(i)] & 3;
    return cls === (CODE_INFO[text.charCodeAt(i - 1)] & 3) ? RUN_BONUS[cls] : 0;
  };
  const unitsOf = (start: number, end: number): number =>
    end <= start ? 0 : cum[end] - cum[start] + adj(start);

  return {
    count(start, end) {
      return Math.ceil(unitsOf(start, end) / 4);
    },
    fitEnd(start, maxTokens) {
      // units are integers, so ceil(u / 4) <= maxTokens  <=>  u <= 4 * maxTokens.
      const budget = cum[start] - adj(start) + 4 * maxTokens;
      return lastAtMost(cum, start, n, budget);
    },
    reachEnd(start, tokens) {
      if (tokens <= 0 || start >= n) return start;
      const need = cum[start] - adj(start) + 4 * (tokens - 1) + 1;
      return firstAtLeast(cum, start + 1, n, need);
    },
    fitStart(end, maxTokens) {
      // A slice start may pay up to 2 extra units (adj): search with that slack, then check
      // the few positions just before the result, where the slack was not needed.
      const budget = 4 * maxTokens;
      const safe = firstAtLeast(cum, 0, end, cum[end] + 2 - budget);
      for (let i = firstAtLeast(cum, 0, safe, cum[end] - budget); i < safe; i++) {
        if (unitsOf(i, end) <= budget) return i;
      }
      return safe;
    },
  };
}

/** Largest i in [lo, hi] with a[i] <= value (a is non-decreasing, a[lo] <= value assumed). */
function lastAtMost(a: Uint32Array, lo: number, hi: number, value: number): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const mid = (l + h + 1) >>> 1;
    if (a[mid] <= value) l = mid;
    else h = mid - 1;
  }
  return l;
}

/** Smallest i in [lo, hi] with a[i] >= value, or hi when there is none. */
function firstAtLeast(a: Uint32Array, lo: number, hi: number, value: number): number {
  let l = lo;
  let h = hi;
  while (l < h) {
    const mid = (l + h) >>> 1;
    if (a[mid] >= value) h = mid;
    else l = mid + 1;
  }
  return l;
}
