import { QuireError } from '../errors.js';
import type { SourceMap, SourceRun } from './types.js';

/**
 * Source maps: from offsets in a document's extracted text back to offsets in the original
 * file text. See {@link SourceMap} for the run semantics (linear vs atomic runs).
 */

/** A map where extracted character k is original character `origOffset + k`. */
export function identityMap(length: number, origOffset = 0): SourceMap {
  if (length <= 0) return { runs: [] };
  return { runs: [{ extStart: 0, extLength: length, origStart: origOffset, origLength: length }] };
}

/** Length of the extracted text a map covers. */
export function mappedLength(map: SourceMap): number {
  const last = map.runs[map.runs.length - 1];
  return last === undefined ? 0 : last.extStart + last.extLength;
}

/**
 * Maps an extracted-text offset to an original-text offset.
 *
 * `side` says whether the offset starts or ends a span: at a boundary between two runs a
 * start belongs to the run that begins there, an end to the run that finishes there. Inside
 * an atomic run a start maps to the run's `origStart` and an end to `origStart + origLength`,
 * so a span never cuts an entity in half. An offset equal to the text length maps to the end
 * of the last run; offset 0 with side 'end' maps to the start of the first run.
 */
export function toOriginalOffset(map: SourceMap, extOffset: number, side: 'start' | 'end'): number {
  const runs = map.runs;
  const total = mappedLength(map);
  if (!Number.isInteger(extOffset) || extOffset < 0 || extOffset > total) {
    throw new QuireError('INVALID_ARGUMENT', `offset ${extOffset} is outside the extracted text (0..${total})`);
  }
  if (runs.length === 0) return 0;
  if (extOffset === total) return runEnd(runs[runs.length - 1]!);
  if (extOffset === 0 && side === 'end') return runs[0]!.origStart;
  // Last run with extStart <= offset (start) or extStart < offset (end): binary search.
  let lo = 0;
  let hi = runs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const s = runs[mid]!.extStart;
    if (side === 'start' ? s <= extOffset : s < extOffset) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo]!;
  if (run.extLength === run.origLength) return run.origStart + (extOffset - run.extStart);
  // Atomic: the search guarantees a start lies in [extStart, end) and an end in (extStart, end].
  return side === 'start' ? run.origStart : runEnd(run);
}

/**
 * Maps an extracted span `[start, end)` to the original span that covers it. An empty span
 * sitting between runs that skip original text could map "backwards"; it is then collapsed
 * to an empty span at its start.
 */
export function toOriginalRange(map: SourceMap, start: number, end: number): { start: number; end: number } {
  const s = toOriginalOffset(map, start, 'start');
  const e = toOriginalOffset(map, end, 'end');
  return { start: s, end: Math.max(s, e) };
}

function runEnd(run: SourceRun): number {
  return run.origStart + run.origLength;
}

/** 0-based offsets where each line of `text` starts. Handles `\n`, `\r\n` and lone `\r`. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** 1-based number of the line containing `offset` (a line's terminator belongs to that line). */
export function lineOfOffset(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Appends runs in extracted-text order. Adjacent linear runs that are contiguous in both
 * texts are merged, so a mostly-verbatim document keeps a tiny map.
 */
export class SourceMapBuilder {
  private readonly runs: SourceRun[] = [];
  private extLength = 0;

  /** Extracted length covered so far. */
  get length(): number {
    return this.extLength;
  }

  /** Appends `length` extracted characters copied verbatim from `origStart`. */
  linear(origStart: number, length: number): void {
    if (length <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (
      last !== undefined &&
      last.extLength === last.origLength &&
      last.origStart + last.origLength === origStart
    ) {
      last.extLength += length;
      last.origLength += length;
    } else {
      this.runs.push({ extStart: this.extLength, extLength: length, origStart, origLength: length });
    }
    this.extLength += length;
  }

  /**
   * Appends `extLength` extracted characters that stand for original `[origStart, origStart +
   * origLength)` as a whole (a decoded entity, collapsed whitespace, a synthetic separator
   * with `origLength` 0). Equal lengths are, by definition, a linear run.
   */
  atomic(extLength: number, origStart: number, origLength: number): void {
    if (extLength <= 0) return;
    if (extLength === origLength) return this.linear(origStart, extLength);
    this.runs.push({ extStart: this.extLength, extLength, origStart, origLength });
    this.extLength += extLength;
  }

  /** The finished map (the builder should not be used afterwards). */
  build(): SourceMap {
    return { runs: this.runs };
  }
}

/**
 * Serialises a map as a flat JSON number array: per run `[extLength, origDelta, origLength]`,
 * where `origDelta` is `origStart` minus the previous run's original end. `extStart` is
 * implied because runs tile the extracted text.
 */
export function encodeSourceMap(map: SourceMap): string {
  const flat: number[] = [];
  let prevEnd = 0;
  for (const run of map.runs) {
    flat.push(run.extLength, run.origStart - prevEnd, run.origLength);
    prevEnd = run.origStart + run.origLength;
  }
  return JSON.stringify(flat);
}

/** Inverse of {@link encodeSourceMap}. Throws DB_CORRUPT on malformed input. */
export function decodeSourceMap(encoded: string): SourceMap {
  let flat: unknown;
  try {
    flat = JSON.parse(encoded);
  } catch (cause) {
    throw new QuireError('DB_CORRUPT', 'stored source map is not valid JSON', { cause });
  }
  if (!Array.isArray(flat) || flat.length % 3 !== 0 || !flat.every((n) => Number.isInteger(n))) {
    throw new QuireError('DB_CORRUPT', 'stored source map is malformed');
  }
  const nums = flat as number[];
  const runs: SourceRun[] = [];
  let extStart = 0;
  let prevEnd = 0;
  for (let i = 0; i < nums.length; i += 3) {
    const extLength = nums[i]!;
    const origStart = prevEnd + nums[i + 1]!;
    const origLength = nums[i + 2]!;
    if (extLength <= 0 || origLength < 0 || origStart < 0) {
      throw new QuireError('DB_CORRUPT', 'stored source map has an invalid run');
    }
    runs.push({ extStart, extLength, origStart, origLength });
    extStart += extLength;
    prevEnd = origStart + origLength;
  }
  return { runs };
}
