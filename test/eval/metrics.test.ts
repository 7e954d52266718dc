import { describe, expect, it } from 'vitest';
import { isQuireError } from '../../src/errors.js';
import {
  evaluateRun,
  mrrAtK,
  ndcgAtK,
  percentile,
  recallAtK,
  sortRun,
  type ScoredDoc,
} from '../../src/eval/metrics.js';

const run = (...ids: string[]): ScoredDoc[] => ids.map((id, i) => ({ id, score: ids.length - i }));
const qrels = (entries: Record<string, number>) => new Map(Object.entries(entries));

describe('sortRun', () => {
  it('orders by score descending, then by id descending like trec_eval', () => {
    const sorted = sortRun([
      { id: 'a', score: 1 },
      { id: 'c', score: 2 },
      { id: 'b', score: 1 },
      { id: 'd', score: 1 },
    ]);
    expect(sorted.map((d) => d.id)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('keeps only the best entry of a duplicated id and does not mutate its input', () => {
    const input = [
      { id: 'x', score: 1 },
      { id: 'y', score: 2 },
      { id: 'x', score: 3 },
    ];
    expect(sortRun(input)).toEqual([
      { id: 'x', score: 3 },
      { id: 'y', score: 2 },
    ]);
    expect(input[0]).toEqual({ id: 'x', score: 1 });
  });
});

describe('ndcgAtK', () => {
  it('relevant at ranks 1 and 3 of 2 relevant', () => {
    const expected = (1 + 1 / Math.log2(4)) / (1 + 1 / Math.log2(3));
    expect(expected).toBeCloseTo(0.9197207891481876, 12);
    expect(ndcgAtK(run('r1', 'n1', 'r2', 'n2'), qrels({ r1: 1, r2: 1 }), 10)).toBeCloseTo(
      0.9197207891481876,
      12,
    );
  });

  it('uses linear gain for grade 2 and builds the ideal ranking from the grades', () => {
    // Ranked: grade 1 at rank 1, grade 2 at rank 2. Ideal: 2 then 1. Constant from Python.
    const dcg = 1 + 2 / Math.log2(3);
    const idcg = 2 + 1 / Math.log2(3);
    expect(ndcgAtK(run('a', 'b'), qrels({ a: 1, b: 2 }), 10)).toBeCloseTo(dcg / idcg, 12);
    expect(dcg / idcg).toBeCloseTo(0.8597186998521972, 12);
  });

  it('counts only the top k and cuts the ideal at k too', () => {
    // 3 relevant, k = 2, one relevant at rank 2.
    const expected = (1 / Math.log2(3)) / (1 + 1 / Math.log2(3));
    expect(ndcgAtK(run('n', 'r1', 'r2'), qrels({ r1: 1, r2: 1, r3: 1 }), 2)).toBeCloseTo(
      expected,
      12,
    );
  });

  it('ignores grade-0 judgements and is 1 for a perfect ranking', () => {
    expect(ndcgAtK(run('a', 'z'), qrels({ a: 1, z: 0 }), 10)).toBe(1);
    expect(ndcgAtK(run('z', 'a'), qrels({ a: 1, z: 0 }), 10)).toBeCloseTo(1 / Math.log2(3), 12);
  });

  it('breaks score ties by id descending', () => {
    const tied = [
      { id: 'a', score: 1 },
      { id: 'b', score: 1 },
    ];
    // 'b' ranks first, so relevant 'a' is at rank 2.
    expect(ndcgAtK(tied, qrels({ a: 1 }), 10)).toBeCloseTo(1 / Math.log2(3), 12);
    expect(mrrAtK(tied, qrels({ a: 1 }), 10)).toBe(0.5);
  });

  it('is 0 for an empty run or a query without relevant documents', () => {
    expect(ndcgAtK([], qrels({ a: 1 }), 10)).toBe(0);
    expect(ndcgAtK(run('a'), qrels({ a: 0 }), 10)).toBe(0);
  });
});

describe('recallAtK and mrrAtK', () => {
  it('computes recall over the relevant documents of the qrels', () => {
    expect(recallAtK(run('r1', 'n', 'r2'), qrels({ r1: 1, r2: 2, r3: 1, n: 0 }), 100)).toBeCloseTo(
      2 / 3,
      12,
    );
    expect(recallAtK(run('n', 'r1'), qrels({ r1: 1 }), 1)).toBe(0);
    expect(recallAtK([], qrels({ r1: 1 }), 100)).toBe(0);
  });

  it('gives the reciprocal rank of the first relevant document within k', () => {
    expect(mrrAtK(run('n1', 'n2', 'r'), qrels({ r: 1 }), 10)).toBeCloseTo(1 / 3, 12);
    expect(mrrAtK(run('n1', 'n2', 'r'), qrels({ r: 1 }), 2)).toBe(0);
    expect(mrrAtK([], qrels({ r: 1 }), 10)).toBe(0);
  });
});

describe('evaluateRun', () => {
  it('averages over the queries of the qrels; a missing query scores 0', () => {
    const judged = new Map([
      ['q1', qrels({ d1: 1 })],
      ['q2', qrels({ d2: 1, d3: 1 })],
    ]);
    const results = new Map<string, ScoredDoc[]>([
      ['q1', run('d1')],
      ['q9', run('d1')], // not judged: ignored
    ]);
    expect(evaluateRun(results, judged)).toEqual({
      'ndcg@10': 0.5,
      'recall@100': 0.5,
      'mrr@10': 0.5,
      queries: 2,
    });
  });

  it('returns zeros for empty qrels', () => {
    expect(evaluateRun(new Map(), new Map())).toEqual({
      'ndcg@10': 0,
      'recall@100': 0,
      'mrr@10': 0,
      queries: 0,
    });
  });
});

describe('percentile', () => {
  it('uses the nearest-rank method', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile(values, 0)).toBe(15);
    expect(percentile([3, 1, 2], 50)).toBe(2);
  });

  it('is NaN for no values and rejects p outside [0, 100]', () => {
    expect(percentile([], 50)).toBeNaN();
    try {
      percentile([1], 101);
      expect.unreachable();
    } catch (error) {
      expect(isQuireError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });
});
