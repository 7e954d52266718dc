import { describe, expect, it } from 'vitest';
import type { FusedItem } from '../../src/retrieve/fusion.js';
import { MAX_MERGED_LENGTH, mergePassages } from '../../src/retrieve/merge.js';
import type { StoredChunk } from '../../src/store/index.js';

/** Extracted text of document 1: 26 numbered lines of 10 characters each (260 characters). */
const TEXT = Array.from({ length: 26 }, (_, i) => `line ${String(i + 1).padStart(3, '0')}\n`).join('');

function chunk(id: number, documentId: number, start: number, end: number, text = TEXT, heading = `h${id}`): StoredChunk {
  return {
    id,
    documentId,
    idx: id,
    start,
    end,
    sourceStart: start + 100,
    sourceEnd: end + 100,
    startLine: Math.floor(start / 10) + 1,
    endLine: Math.ceil(end / 10),
    headingPath: [heading],
    tokens: 1,
    text: text.slice(start, end),
    source: 'file',
    key: `/docs/${documentId}.md`,
    title: null,
    metadata: {},
  };
}

function fused(...ids: number[]): FusedItem[] {
  return ids.map((id, i) => ({ id, score: 1 / (61 + i), lists: {} }));
}

function byId(...chunks: StoredChunk[]): Map<number, StoredChunk> {
  return new Map(chunks.map((c) => [c.id, c]));
}

describe('mergePassages', () => {
  it('merges overlapping and touching chunks of one document without repeating the overlap', () => {
    // [0,120) and [100,220) overlap by 20 characters; [220,260) touches the second.
    const chunks = byId(chunk(1, 1, 0, 120), chunk(2, 1, 100, 220), chunk(3, 1, 220, 260));
    const passages = mergePassages(fused(2, 1, 3), chunks, 10);
    expect(passages).toHaveLength(1);
    const [passage] = passages;
    expect(passage.text).toBe(TEXT);
    expect(passage.chunk.id).toBe(2); // the best-scoring chunk
    expect(passage.fused).toEqual(fused(2)[0]);
    expect(passage.chunkIds).toEqual([1, 2, 3]);
    expect([passage.start, passage.end, passage.sourceStart, passage.sourceEnd]).toEqual([0, 260, 100, 360]);
    expect([passage.startLine, passage.endLine]).toEqual([1, 26]);
    expect(passage.headingPath).toEqual(['h1']); // where the passage now starts
  });

  it('keeps separate passages for gaps and for different documents', () => {
    const other = 'x'.repeat(260);
    const chunks = byId(chunk(1, 1, 0, 50), chunk(2, 1, 60, 100), chunk(3, 2, 40, 80, other));
    const passages = mergePassages(fused(1, 3, 2), chunks, 10);
    expect(passages.map((p) => [p.chunkIds, p.text])).toEqual([
      [[1], TEXT.slice(0, 50)],
      [[3], other.slice(40, 80)],
      [[2], TEXT.slice(60, 100)],
    ]);
  });

  it('does not grow a passage past MAX_MERGED_LENGTH characters', () => {
    const long = 'y'.repeat(MAX_MERGED_LENGTH + 200);
    const first = chunk(1, 1, 0, 2000, long);
    const second = chunk(2, 1, 1900, MAX_MERGED_LENGTH + 100, long);
    const passages = mergePassages(fused(1, 2), byId(first, second), 10);
    expect(passages.map((p) => [p.start, p.end])).toEqual([
      [0, 2000],
      [1900, MAX_MERGED_LENGTH + 100],
    ]);
    // Exactly MAX_MERGED_LENGTH still merges.
    const fits = chunk(3, 1, 1900, MAX_MERGED_LENGTH, long);
    expect(mergePassages(fused(1, 3), byId(first, fits), 10).map((p) => [p.start, p.end])).toEqual([[0, MAX_MERGED_LENGTH]]);
  });

  it('returns at most k passages, and chunks ranked after the k-th passage do not widen them', () => {
    const chunks = byId(chunk(1, 1, 0, 50), chunk(2, 2, 0, 50), chunk(3, 3, 0, 50), chunk(4, 1, 50, 90));
    const passages = mergePassages(fused(1, 2, 3, 4), chunks, 2);
    expect(passages.map((p) => [p.chunk.documentId, p.chunkIds, p.text])).toEqual([
      [1, [1], TEXT.slice(0, 50)],
      [2, [2], TEXT.slice(0, 50)],
    ]);
  });

  it('merges a neighbour ranked before the k-th passage is found', () => {
    const chunks = byId(chunk(1, 1, 0, 50), chunk(4, 1, 50, 90), chunk(2, 2, 0, 50), chunk(3, 3, 0, 50));
    const passages = mergePassages(fused(1, 4, 2, 3), chunks, 2);
    expect(passages.map((p) => [p.chunk.documentId, p.chunkIds, p.text])).toEqual([
      [1, [1, 4], TEXT.slice(0, 90)],
      [2, [2], TEXT.slice(0, 50)],
    ]);
  });

  it('skips fused ids whose chunk is unknown (deleted since ranking)', () => {
    const passages = mergePassages(fused(99, 1), byId(chunk(1, 1, 0, 30)), 5);
    expect(passages.map((p) => p.chunkIds)).toEqual([[1]]);
    expect(passages[0].fused.id).toBe(1);
  });
});
