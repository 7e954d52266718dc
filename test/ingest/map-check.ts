import { DomUtils, parseDocument } from 'htmlparser2';
import { expect } from 'vitest';
import { toOriginalOffset } from '../../src/ingest/sourcemap.js';
import type { ParsedDocument } from '../../src/ingest/types.js';

/** Deterministic PRNG (mulberry32) so random spans are reproducible. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Checks every documented source-map invariant of a parsed document against its original:
 * runs tile the text, original positions never go backwards, linear runs equal their
 * original slice, atomic runs are decoded entities / collapsed whitespace / synthetic
 * separators, and random extracted spans map to original spans containing every mapped
 * piece in order. Headings and blocks must lie inside the text, in order.
 */
export function checkSourceMap(original: string, doc: ParsedDocument, spans = 300): void {
  const { text } = doc;
  const runs = doc.sourceMap.runs;
  let ext = 0;
  let origEnd = 0;
  for (const r of runs) {
    expect(r.extStart).toBe(ext);
    expect(r.extLength).toBeGreaterThan(0);
    expect(r.origStart).toBeGreaterThanOrEqual(origEnd);
    expect(r.origStart + r.origLength).toBeLessThanOrEqual(original.length);
    const e = text.slice(r.extStart, r.extStart + r.extLength);
    const o = original.slice(r.origStart, r.origStart + r.origLength);
    if (r.extLength === r.origLength) expect(e).toBe(o);
    else if (r.origLength === 0) expect(e).toMatch(/^(?:\n+| \| | )$/);
    else if (/^[ \t\n\r\f]+$/.test(o)) expect(e).toBe(/[\r\n]/.test(o) ? '\n' : ' ');
    else {
      expect(o).toMatch(/^&#?[0-9a-zA-Z]+;?$/);
      expect(e).toBe(DomUtils.textContent(parseDocument(o)));
    }
    ext += r.extLength;
    origEnd = r.origStart + r.origLength;
  }
  expect(ext).toBe(text.length);

  const rand = seeded(text.length + 7);
  const identity = runs.length <= 1;
  for (let k = 0; k < spans && text.length > 0; k++) {
    let a = Math.floor(rand() * text.length);
    let b = Math.floor(rand() * (text.length + 1));
    if (a === b) continue;
    if (a > b) [a, b] = [b, a];
    const os = toOriginalOffset(doc.sourceMap, a, 'start');
    const oe = toOriginalOffset(doc.sourceMap, b, 'end');
    expect(os).toBeLessThanOrEqual(oe);
    if (identity) {
      expect(original.slice(os, oe)).toBe(text.slice(a, b));
      continue;
    }
    for (const r of runs) {
      const rs = r.extStart;
      const re = rs + r.extLength;
      if (re <= a || rs >= b) continue;
      if (r.extLength === r.origLength) {
        const from = Math.max(a, rs);
        const to = Math.min(b, re);
        const p = r.origStart + (from - rs);
        expect(p).toBeGreaterThanOrEqual(os);
        expect(p + (to - from)).toBeLessThanOrEqual(oe);
        expect(original.slice(p, p + (to - from))).toBe(text.slice(from, to));
      } else {
        expect(r.origStart).toBeGreaterThanOrEqual(os);
        expect(r.origStart + r.origLength).toBeLessThanOrEqual(oe);
      }
    }
  }

  let prev = -1;
  for (const h of doc.headings) {
    expect(h.start).toBeGreaterThanOrEqual(prev);
    expect(h.start).toBeLessThan(h.end);
    expect(h.end).toBeLessThanOrEqual(text.length);
    prev = h.start;
  }
  prev = 0;
  for (const b of doc.blocks) {
    expect(b.start).toBeGreaterThanOrEqual(prev);
    expect(b.start).toBeLessThan(b.end);
    expect(b.end).toBeLessThanOrEqual(text.length);
    prev = b.end;
  }
}
