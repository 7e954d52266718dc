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
  const bad: string[] = [];
  for (const r of runs) {
    const e = text.slice(r.extStart, r.extStart + r.extLength);
    const o = original.slice(r.origStart, r.origStart + r.origLength);
    const where = `run ${JSON.stringify(r)} ${JSON.stringify(e)} <- ${JSON.stringify(o)}`;
    if (r.extStart !== ext || r.extLength <= 0) bad.push(`${where}: does not tile`);
    if (r.origStart < origEnd || r.origStart + r.origLength > original.length) bad.push(`${where}: out of order`);
    if (r.extLength === r.origLength) {
      if (e !== o) bad.push(`${where}: linear run differs`);
    } else if (r.origLength === 0) {
      if (!/^(?:\n+| \| | )$/.test(e)) bad.push(`${where}: bad synthetic run`);
    } else if (/^[ \t\n\r\f]+$/.test(o)) {
      if (e !== (/[\r\n]/.test(o) ? '\n' : ' ')) bad.push(`${where}: bad collapsed whitespace`);
    } else if (!/^&#?[0-9a-zA-Z]+;?$/.test(o) || e !== DomUtils.textContent(parseDocument(o))) {
      bad.push(`${where}: not a decoded entity`);
    }
    ext += r.extLength;
    origEnd = r.origStart + r.origLength;
  }
  expect(bad).toEqual([]);
  expect(ext).toBe(text.length);

  // Plain comparisons in the hot loop (expect() per check is slow on big pages).
  const rand = seeded(text.length + 7);
  const identity = runs.length <= 1;
  const problems: string[] = [];
  for (let k = 0; k < spans && text.length > 0 && problems.length === 0; k++) {
    let a = Math.floor(rand() * text.length);
    let b = Math.floor(rand() * (text.length + 1));
    if (a === b) continue;
    if (a > b) [a, b] = [b, a];
    const os = toOriginalOffset(doc.sourceMap, a, 'start');
    const oe = toOriginalOffset(doc.sourceMap, b, 'end');
    if (os > oe) problems.push(`span [${a},${b}) maps to reversed [${os},${oe})`);
    if (identity) {
      if (original.slice(os, oe) !== text.slice(a, b)) problems.push(`span [${a},${b}) differs from its original`);
      continue;
    }
    for (const r of runs) {
      const rs = r.extStart;
      const re = rs + r.extLength;
      if (re <= a || rs >= b) continue;
      let p = r.origStart;
      let len = r.origLength;
      if (r.extLength === r.origLength) {
        const from = Math.max(a, rs);
        const to = Math.min(b, re);
        p = r.origStart + (from - rs);
        len = to - from;
        if (original.slice(p, p + len) !== text.slice(from, to)) problems.push(`[${from},${to}) differs from original`);
      }
      if (p < os || p + len > oe) problems.push(`run at ${rs} falls outside the mapped span of [${a},${b})`);
    }
  }
  expect(problems).toEqual([]);

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
