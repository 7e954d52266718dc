import { isWhitespaceCode as isWhitespace } from './tokens.js';
import type { AtomicBlock, Heading } from './types.js';

/**
 * Break-point candidates for the chunker, computed once per document.
 *
 * A candidate is a position `p` where a chunk may end (`[start, p)`) and the next one begin.
 * Positions are canonical: always the first non-whitespace character after the break, so
 * whitespace between two chunks sticks to the end of the earlier one and no chunk starts
 * (or consists only of) whitespace. Each position keeps its strongest kind.
 */

/** Break kinds, weakest first. Heading kinds are `12 - level` (h6 = 6 … h1 = 11). */
export const BreakKind = {
  WORD: 1,
  SENTENCE: 2,
  LINE: 3,
  BLANK_LINE: 4,
  BLOCK: 5,
  HEADING_MIN: 6,
} as const;

/**
 * Base score per kind: word 5, sentence 20, line 25, blank line 45, block edge 55, h6 100 …
 * h1 200. The position factor ranges over 0.5…1, so a heading anywhere in its window beats
 * a paragraph break anywhere (a new section is the best place to end a chunk), a paragraph
 * beats a sentence end, and a word boundary is only used when nothing else is in range.
 */
export const BREAK_SCORES: readonly number[] = [0, 5, 20, 25, 45, 55, 100, 120, 140, 160, 180, 200];

/** The kind of a heading break for a heading of `level` (clamped to 1…6). */
export function headingKind(level: number): number {
  const clamped = Math.min(6, Math.max(1, Math.floor(Number.isFinite(level) ? level : 6)));
  return 12 - clamped;
}

export interface BreakCandidates {
  /** Sorted, unique positions. */
  pos: Int32Array;
  /** Strongest {@link BreakKind} at each position. */
  kind: Uint8Array;
  /** 1 when the position lies strictly inside an atomic block. */
  inside: Uint8Array;
}

/** A non-overlapping atomic range; a break inside `(first, end)` would split it. */
export interface BlockRange {
  /** First non-whitespace character of the block. */
  first: number;
  end: number;
}

/** `p`, or `p + 1` when `p` falls between the two halves of a surrogate pair. */
export function alignToCodePoint(text: string, p: number): number {
  return p > 0 && p < text.length && isLowSurrogate(text.charCodeAt(p)) && isHighSurrogate(text.charCodeAt(p - 1))
    ? p + 1
    : p;
}

export function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

export function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** First non-whitespace index at or after `i` (or `limit`, which defaults to the text length). */
export function nextNonWhitespace(text: string, i: number, limit = text.length): number {
  let j = Math.max(0, i);
  while (j < limit && isWhitespace(text.charCodeAt(j))) j++;
  return j;
}

/** Sentence terminators that need whitespace after them, and CJK ones that do not. */
function isSentenceEnd(text: string, i: number): boolean {
  let c = text.charCodeAt(i);
  // Allow one closing quote or bracket after the terminator: `He left.” Then`.
  if (c === 0x22 || c === 0x27 || c === 0x29 || c === 0x5d || c === 0x201d || c === 0x2019) {
    if (i === 0) return false;
    c = text.charCodeAt(i - 1);
  }
  return c === 0x2e || c === 0x21 || c === 0x3f || isCjkSentenceEnd(c);
}

function isCjkSentenceEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff61;
}

/** CJK clause punctuation (、，；：) gives word-level breaks in text without spaces. */
function isCjkClauseEnd(c: number): boolean {
  return c === 0x3001 || c === 0xff0c || c === 0xff1b || c === 0xff1a;
}

/** Clips, sorts and merges atomic blocks into non-overlapping ranges. */
export function normalizeBlocks(text: string, blocks: readonly AtomicBlock[]): BlockRange[] {
  const n = text.length;
  const spans = blocks
    .map((b) => ({ start: Math.max(0, Math.min(n, b.start)), end: Math.max(0, Math.min(n, b.end)) }))
    .filter((b) => b.end > b.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: { start: number; end: number }[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && span.start < last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged.map((b) => ({ first: nextNonWhitespace(text, b.start, b.end), end: b.end }));
}

/**
 * One linear pass over the text for word/sentence/line/paragraph breaks, merged with heading
 * starts and block edges.
 */
export function findBreakCandidates(
  text: string,
  headings: readonly Heading[],
  blocks: readonly BlockRange[],
): BreakCandidates {
  const n = text.length;
  const scan = new CandidateBuffer(Math.max(64, n >>> 3));
  let inWs = false;
  let pending = 0;
  let newlines = 0;
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (isWhitespace(c)) {
      if (!inWs) {
        inWs = true;
        newlines = 0;
        pending = i === 0 ? 0 : isSentenceEnd(text, i - 1) ? BreakKind.SENTENCE : BreakKind.WORD;
      }
      if (c === 10 || c === 0x2028 || c === 0x2029 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
        newlines += c === 0x2029 ? 2 : 1;
        if (i > 0) pending = newlines >= 2 ? BreakKind.BLANK_LINE : Math.max(pending, BreakKind.LINE);
      }
    } else if (inWs) {
      inWs = false;
      if (pending > 0) scan.push(i, pending);
    } else if (previous >= 0x3001) {
      if (isCjkSentenceEnd(previous)) scan.push(i, BreakKind.SENTENCE);
      else if (isCjkClauseEnd(previous)) scan.push(i, BreakKind.WORD);
    }
    previous = c;
  }

  const extra: { pos: number; kind: number }[] = [];
  // Structure from the parser: snapped to code points and to the next non-space character.
  const snap = (p: number): number => nextNonWhitespace(text, alignToCodePoint(text, p));
  for (const h of headings) {
    const pos = snap(h.start);
    if (pos > 0 && pos < n) extra.push({ pos, kind: headingKind(h.level) });
  }
  for (const b of blocks) {
    const first = snap(b.first);
    if (first > 0 && first < n) extra.push({ pos: first, kind: BreakKind.BLOCK });
    const after = snap(b.end);
    if (after > 0 && after < n) extra.push({ pos: after, kind: BreakKind.BLOCK });
  }
  extra.sort((a, b) => a.pos - b.pos || a.kind - b.kind);

  // Merge the two sorted lists, keeping the strongest kind per position.
  const merged = extra.length === 0 ? scan : new CandidateBuffer(scan.count + extra.length);
  let a = 0;
  let b = 0;
  while (merged !== scan && (a < scan.count || b < extra.length)) {
    if (b >= extra.length || (a < scan.count && scan.pos[a] <= extra[b].pos)) {
      merged.pushMax(scan.pos[a], scan.kind[a]);
      a++;
    } else {
      merged.pushMax(extra[b].pos, extra[b].kind);
      b++;
    }
  }

  const count = merged.count;
  const pos = merged.pos.subarray(0, count);
  const inside = new Uint8Array(count);
  let block = 0;
  for (let i = 0; i < count && block < blocks.length; i++) {
    const p = pos[i];
    while (block < blocks.length && blocks[block].end <= p) block++;
    if (block < blocks.length && blocks[block].first < p) inside[i] = 1;
  }
  return { pos, kind: merged.kind.subarray(0, count), inside };
}

/** Growable pair of typed arrays (positions and kinds). */
class CandidateBuffer {
  pos: Int32Array;
  kind: Uint8Array;
  count = 0;

  constructor(capacity: number) {
    this.pos = new Int32Array(Math.max(1, capacity));
    this.kind = new Uint8Array(this.pos.length);
  }

  push(p: number, k: number): void {
    if (this.count === this.pos.length) {
      const pos = new Int32Array(this.pos.length * 2);
      pos.set(this.pos);
      const kind = new Uint8Array(pos.length);
      kind.set(this.kind);
      this.pos = pos;
      this.kind = kind;
    }
    this.pos[this.count] = p;
    this.kind[this.count] = k;
    this.count++;
  }

  /** Appends, or raises the kind of the last entry when it has the same position. */
  pushMax(p: number, k: number): void {
    const last = this.count - 1;
    if (last >= 0 && this.pos[last] === p) {
      if (k > this.kind[last]) this.kind[last] = k;
    } else {
      this.push(p, k);
    }
  }
}

/** Index of the first candidate with position >= `p`. */
export function lowerBound(pos: Int32Array, p: number): number {
  let lo = 0;
  let hi = pos.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pos[mid] < p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when a block's first non-space character is at `p`. */
export function blockStartingAt(blocks: readonly BlockRange[], p: number): boolean {
  const block = blocks[lowerBoundBlocks(blocks, p)];
  return block !== undefined && block.first === p;
}

/** The block with `first < p < end`, if any. */
export function blockContaining(blocks: readonly BlockRange[], p: number): BlockRange | undefined {
  const block = blocks[lowerBoundBlocks(blocks, p)];
  return block !== undefined && block.first < p ? block : undefined;
}

/** Index of the first block with `end > p`. */
function lowerBoundBlocks(blocks: readonly BlockRange[], p: number): number {
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (blocks[mid].end <= p) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
