import { describe, expect, it } from 'vitest';
import { isQuireError } from '../../src/errors.js';
import {
  SourceMapBuilder,
  decodeSourceMap,
  encodeSourceMap,
  identityMap,
  lineOfOffset,
  lineStarts,
  mappedLength,
  toOriginalOffset,
  toOriginalRange,
} from '../../src/ingest/sourcemap.js';

/** ext "abcde" ← orig [0,5); "&" ← "&amp;" [5,10); "fghi" ← [10,14); "\n\n" synthetic at 14; "xyz" ← [20,23). */
function sample() {
  const b = new SourceMapBuilder();
  b.linear(0, 3);
  b.linear(3, 2);
  b.atomic(1, 5, 5);
  b.linear(10, 4);
  b.atomic(2, 14, 0);
  b.linear(20, 3);
  expect(b.length).toBe(15);
  return b.build();
}

describe('identityMap', () => {
  it('maps offsets with a shift', () => {
    const map = identityMap(5, 3);
    expect(map.runs).toEqual([{ extStart: 0, extLength: 5, origStart: 3, origLength: 5 }]);
    expect(toOriginalOffset(map, 0, 'start')).toBe(3);
    expect(toOriginalOffset(map, 0, 'end')).toBe(3);
    expect(toOriginalOffset(map, 2, 'start')).toBe(5);
    expect(toOriginalOffset(map, 2, 'end')).toBe(5);
    expect(toOriginalOffset(map, 5, 'end')).toBe(8);
    expect(toOriginalOffset(map, 5, 'start')).toBe(8);
  });
  it('is empty for empty text', () => {
    const map = identityMap(0, 4);
    expect(map.runs).toEqual([]);
    expect(mappedLength(map)).toBe(0);
    expect(toOriginalOffset(map, 0, 'start')).toBe(0);
  });
});

describe('SourceMapBuilder', () => {
  it('merges contiguous linear runs and keeps atomic ones', () => {
    expect(sample().runs).toEqual([
      { extStart: 0, extLength: 5, origStart: 0, origLength: 5 },
      { extStart: 5, extLength: 1, origStart: 5, origLength: 5 },
      { extStart: 6, extLength: 4, origStart: 10, origLength: 4 },
      { extStart: 10, extLength: 2, origStart: 14, origLength: 0 },
      { extStart: 12, extLength: 3, origStart: 20, origLength: 3 },
    ]);
  });
  it('treats an atomic run of equal lengths as linear and ignores empty runs', () => {
    const b = new SourceMapBuilder();
    b.linear(0, 2);
    b.atomic(3, 2, 3);
    b.linear(9, 0);
    b.atomic(0, 9, 4);
    expect(b.build().runs).toEqual([{ extStart: 0, extLength: 5, origStart: 0, origLength: 5 }]);
  });
  it('does not merge linear runs with a gap in the original', () => {
    const b = new SourceMapBuilder();
    b.linear(0, 2);
    b.linear(5, 2);
    expect(b.build().runs).toHaveLength(2);
  });
});

describe('toOriginalOffset', () => {
  const map = sample();
  it('maps starts and ends at run boundaries to the right run', () => {
    expect(toOriginalOffset(map, 5, 'end')).toBe(5); // end of "abcde"
    expect(toOriginalOffset(map, 5, 'start')).toBe(5); // start of "&amp;"
    expect(toOriginalOffset(map, 6, 'end')).toBe(10); // end of "&amp;"
    expect(toOriginalOffset(map, 6, 'start')).toBe(10); // start of "fghi"
    expect(toOriginalOffset(map, 10, 'end')).toBe(14);
    expect(toOriginalOffset(map, 10, 'start')).toBe(14);
    expect(toOriginalOffset(map, 12, 'end')).toBe(14);
    expect(toOriginalOffset(map, 12, 'start')).toBe(20);
    expect(toOriginalOffset(map, 15, 'end')).toBe(23);
    expect(toOriginalOffset(map, 15, 'start')).toBe(23);
  });
  it('maps offsets inside atomic runs to the whole original span', () => {
    expect(toOriginalOffset(map, 11, 'start')).toBe(14);
    expect(toOriginalOffset(map, 11, 'end')).toBe(14);
  });
  it('maps linear offsets exactly', () => {
    expect(toOriginalOffset(map, 3, 'start')).toBe(3);
    expect(toOriginalOffset(map, 8, 'end')).toBe(12);
    expect(toOriginalOffset(map, 13, 'start')).toBe(21);
  });
  it('maps ranges, never backwards', () => {
    expect(toOriginalRange(map, 0, 15)).toEqual({ start: 0, end: 23 });
    expect(toOriginalRange(map, 5, 6)).toEqual({ start: 5, end: 10 });
    expect(toOriginalRange(map, 10, 12)).toEqual({ start: 14, end: 14 });
    expect(toOriginalRange(map, 12, 12)).toEqual({ start: 20, end: 20 });
  });
  it('rejects offsets outside the text', () => {
    for (const bad of [-1, 16, 1.5]) {
      let caught: unknown;
      try {
        toOriginalOffset(map, bad, 'start');
      } catch (error) {
        caught = error;
      }
      expect(isQuireError(caught, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});

describe('lines', () => {
  it('finds line starts for \\n, \\r\\n and lone \\r', () => {
    const text = 'a\nb\r\nc\rd\n';
    const starts = lineStarts(text);
    expect(starts).toEqual([0, 2, 5, 7, 9]);
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((o) => lineOfOffset(starts, o))).toEqual([1, 1, 2, 2, 2, 3, 3, 4, 4, 5]);
  });
  it('handles empty and unterminated text', () => {
    expect(lineStarts('')).toEqual([0]);
    expect(lineStarts('abc')).toEqual([0]);
    expect(lineOfOffset([0], 2)).toBe(1);
    expect(lineStarts('\n\n')).toEqual([0, 1, 2]);
  });
});

describe('encode/decode', () => {
  it('round-trips a compact flat array', () => {
    const map = sample();
    const encoded = encodeSourceMap(map);
    expect(encoded).toBe('[5,0,5,1,0,5,4,0,4,2,0,0,3,6,3]');
    expect(decodeSourceMap(encoded)).toEqual(map);
    expect(encodeSourceMap(identityMap(0))).toBe('[]');
    expect(decodeSourceMap('[]')).toEqual({ runs: [] });
    expect(decodeSourceMap(encodeSourceMap(identityMap(7, 12)))).toEqual(identityMap(7, 12));
  });
  it('rejects malformed input', () => {
    for (const bad of ['{', '{}', '[1,2]', '[1,"a",3]', '[0,0,0]', '[1,-5,1]']) {
      let caught: unknown;
      try {
        decodeSourceMap(bad);
      } catch (error) {
        caught = error;
      }
      expect(isQuireError(caught, 'DB_CORRUPT')).toBe(true);
    }
  });
});
