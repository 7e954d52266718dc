/**
 * Fast, deterministic token estimates without a tokenizer.
 *
 * Formula (in "units", 4 units = 1 token; the result is `ceil(units / 4)`):
 * - whitespace (including NBSP, ideographic space, zero-width characters) costs 0;
 * - a CJK character (Han, kana, Hangul, CJK punctuation, full-width forms) costs 4 units, i.e.
 *   one token each, since CJK text has no spaces and BPE tokenizers spend ~1 token per character;
 * - every other character belongs to a "word" run (letters, digits, `_`) or a "symbol" run
 *   (punctuation, emoji, other symbols) and costs 1 unit if ASCII, 2 units otherwise (non-Latin
 *   scripts and astral characters split into more tokens), plus 2 units for the first character
 *   of each run.
 *
 * So a word of n ASCII letters costs (n + 2) / 4 tokens: `a` 0.75, `the` 1.25, `chunking` 2.5,
 * which sums to about chars/4 on English prose and slightly over-estimates (the safe side when
 * sizing chunks for an embedding model's window). Code is counted sensibly too: each punctuation
 * run starts a new piece, so `foo.bar(baz)` is 6 tokens, while `----------` is 3.
 *
 * Because every character's cost depends only on itself and the character before it, a slice's
 * estimate can be computed in O(1) from prefix sums ({@link createTokenCounter}).
 */

const WS = 0;
const CJK = 1;
const WORD = 2;
const SYM = 3;

/** Classifies one UTF-16 code unit as whitespace, CJK, word or symbol. */
function charClass(c: number): number {
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

/** True for the UTF-16 code units {@link estimateTokens} treats as whitespace (they cost 0). */
export function isWhitespaceCode(c: number): boolean {
  return c < 128 ? c === 32 || (c >= 9 && c <= 13) : charClass(c) === WS;
}

/** Units for code unit `c` whose predecessor has class `prevClass` (-1 at the slice start). */
function units(c: number, cls: number, prevClass: number): number {
  if (cls === WS) return 0;
  if (cls === CJK) return 4;
  return (c < 128 ? 1 : 2) + (cls === prevClass ? 0 : 2);
}

/** Estimated token count of `text` (see the module comment for the formula). */
export function estimateTokens(text: string): number {
  let total = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const cls = charClass(c);
    total += units(c, cls, prev);
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
  // adj: 2 when a slice starting at i would pay a run-start bonus that the prefix sums did not.
  const continues = new Uint8Array(n);
  let prev = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const cls = charClass(c);
    cum[i + 1] = cum[i] + units(c, cls, prev);
    if ((cls === WORD || cls === SYM) && cls === prev) continues[i] = 1;
    prev = cls;
  }
  const adj = (start: number): number => (start < n && continues[start] === 1 ? 2 : 0);
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
