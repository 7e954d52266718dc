import { describe, expect, it } from 'vitest';
import { fuseRankings, type RankedList } from '../../src/retrieve/fusion.js';

const RRF = { method: 'rrf', k: 60 } as const;
const CONVEX = { method: 'convex' } as const;

/** A list whose scores are irrelevant (RRF uses ranks only). */
function ranked(name: string, ids: number[], weight = 1): RankedList {
  return { name, weight, items: ids.map((id, i) => ({ id, score: 100 - i })) };
}

describe('fuseRankings: reciprocal rank fusion', () => {
  it('sums 1/(k + rank) over two lists, with exact scores and traces', () => {
    const fused = fuseRankings([ranked('keyword', [1, 2, 3]), ranked('vector', [2, 3, 4])], RRF);
    expect(fused.map((item) => item.id)).toEqual([2, 3, 1, 4]);
    expect(fused.map((item) => item.score)).toEqual([1 / 62 + 1 / 61, 1 / 63 + 1 / 62, 1 / 61, 1 / 63]);
    expect(fused[0]).toEqual({
      id: 2,
      score: 1 / 62 + 1 / 61,
      lists: {
        keyword: { rank: 2, score: 99, contribution: 1 / 62 },
        vector: { rank: 1, score: 100, contribution: 1 / 61 },
      },
    });
    expect(fused[3]).toEqual({ id: 4, score: 1 / 63, lists: { vector: { rank: 3, score: 98, contribution: 1 / 63 } } });
  });

  it('honours k', () => {
    const fused = fuseRankings([ranked('a', [7, 8])], { method: 'rrf', k: 1 });
    expect(fused.map((item) => [item.id, item.score])).toEqual([
      [7, 1 / 2],
      [8, 1 / 3],
    ]);
  });

  it('multiplies each contribution by its list weight', () => {
    const fused = fuseRankings([ranked('keyword', [1, 2], 2), ranked('vector', [2, 1], 0.5)], RRF);
    expect(fused.map((item) => [item.id, item.score])).toEqual([
      [1, 2 / 61 + 0.5 / 62],
      [2, 2 / 62 + 0.5 / 61],
    ]);
    expect(fused[1].lists.vector).toEqual({ rank: 1, score: 100, contribution: 0.5 / 61 });
  });

  it('breaks equal scores by id when the best ranks are equal', () => {
    const forward = fuseRankings([ranked('a', [5, 7]), ranked('b', [7, 5])], RRF);
    const backward = fuseRankings([ranked('a', [7, 5]), ranked('b', [5, 7])], RRF);
    expect(forward.map((item) => item.id)).toEqual([5, 7]);
    expect(backward.map((item) => item.id)).toEqual([5, 7]);
    expect(forward[0].score).toBe(forward[1].score);
  });

  it('counts an id repeated in one list once, at its best rank', () => {
    const fused = fuseRankings([ranked('keyword', [1, 2, 1, 1])], RRF);
    expect(fused).toEqual([
      { id: 1, score: 1 / 61, lists: { keyword: { rank: 1, score: 100, contribution: 1 / 61 } } },
      { id: 2, score: 1 / 62, lists: { keyword: { rank: 2, score: 99, contribution: 1 / 62 } } },
    ]);
  });

  it('ignores lists with weight 0 (and empty lists) entirely', () => {
    const fused = fuseRankings([ranked('keyword', [1, 2]), ranked('vector', [3, 2], 0), ranked('substring', [])], RRF);
    expect(fused.map((item) => item.id)).toEqual([1, 2]);
    expect(fused[1]).toEqual({ id: 2, score: 1 / 62, lists: { keyword: { rank: 2, score: 99, contribution: 1 / 62 } } });
  });

  it('returns nothing for no lists', () => {
    expect(fuseRankings([], RRF)).toEqual([]);
    expect(fuseRankings([ranked('a', [1], 0)], RRF)).toEqual([]);
  });

  it('is pure: the same input gives the same output and the input is not modified', () => {
    const lists = [ranked('keyword', [3, 1, 2]), ranked('vector', [2, 3])];
    const copy = structuredClone(lists);
    const first = fuseRankings(lists, RRF);
    expect(fuseRankings(lists, RRF)).toEqual(first);
    expect(lists).toEqual(copy);
  });
});

describe('fuseRankings: convex fusion', () => {
  it('sums weight × min-max normalised score per list (missing = 0)', () => {
    const fused = fuseRankings(
      [
        {
          name: 'keyword',
          weight: 0.75,
          items: [
            { id: 1, score: 10 },
            { id: 2, score: 5 },
            { id: 3, score: 0 },
          ],
        },
        {
          name: 'vector',
          weight: 0.25,
          items: [
            { id: 3, score: 4 },
            { id: 4, score: 2 },
            { id: 1, score: 0 },
          ],
        },
      ],
      CONVEX,
    );
    expect(fused.map((item) => [item.id, item.score])).toEqual([
      [1, 0.75],
      [2, 0.375],
      [3, 0.25],
      [4, 0.125],
    ]);
    expect(fused[2].lists).toEqual({
      keyword: { rank: 3, score: 0, contribution: 0 },
      vector: { rank: 1, score: 4, contribution: 0.25 },
    });
  });

  it('gives a single-item list (no score range) its full weight, shared out over the lists that ran', () => {
    const fused = fuseRankings([{ name: 'vector', weight: 0.5, items: [{ id: 9, score: -3.2 }] }], CONVEX);
    expect(fused).toEqual([{ id: 9, score: 1, lists: { vector: { rank: 1, score: -3.2, contribution: 1 } } }]);
    const withEmpty = fuseRankings(
      [
        { name: 'keyword', weight: 0.85, items: [] },
        { name: 'vector', weight: 0.15, items: [{ id: 9, score: 0.4 }] },
      ],
      CONVEX,
    );
    expect(withEmpty.map((item) => [item.id, item.score])).toEqual([[9, 1]]);
  });

  it('breaks ties by best rank first, then by id', () => {
    const fused = fuseRankings(
      [
        {
          name: 'keyword',
          weight: 1,
          items: [
            { id: 20, score: 1 },
            { id: 10, score: 1 },
          ],
        },
        { name: 'vector', weight: 1, items: [{ id: 7, score: 0.3 }] },
      ],
      CONVEX,
    );
    // All three score 0.5: ids 7 and 20 reached rank 1, id 10 only rank 2.
    expect(fused.map((item) => [item.id, item.score])).toEqual([
      [7, 0.5],
      [20, 0.5],
      [10, 0.5],
    ]);
  });
});
