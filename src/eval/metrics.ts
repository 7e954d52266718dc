/**
 * Ranking metrics computed the way trec_eval / pytrec_eval (and so BEIR) compute them:
 * document-level, linear gain (gain = relevance grade), log2 discount, relevance = grade > 0.
 * Pure functions; no I/O.
 */

import { QuireError } from '../errors.js';

/** One retrieved document with its score. */
export interface ScoredDoc {
  id: string;
  score: number;
}

/** Relevance judgements of one query: document id → grade (> 0 means relevant). */
export type QueryQrels = Map<string, number>;

/** Mean metrics over the queries of a qrels set. */
export interface RunMetrics {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
  /** Number of queries averaged over (those present in the qrels). */
  queries: number;
}

/**
 * Orders a run as trec_eval does: score descending, ties broken by document id descending
 * (lexicographic, by UTF-16 code unit; trec_eval's strcmp on UTF-8 agrees for ASCII ids).
 * A document listed twice keeps only its best entry. Returns a new array.
 */
export function sortRun(ranked: readonly ScoredDoc[]): ScoredDoc[] {
  const best = new Map<string, ScoredDoc>();
  for (const doc of ranked) {
    const seen = best.get(doc.id);
    if (seen === undefined || doc.score > seen.score) best.set(doc.id, doc);
  }
  return [...best.values()].sort((a, b) => {
    if (a.score !== b.score) return b.score - a.score;
    return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
  });
}

function countRelevant(qrels: QueryQrels): number {
  let n = 0;
  for (const grade of qrels.values()) if (grade > 0) n++;
  return n;
}

/** Normalised discounted cumulative gain at cut-off `k` (0 when the query has no relevant doc). */
export function ndcgAtK(ranked: readonly ScoredDoc[], qrels: QueryQrels, k: number): number {
  const sorted = sortRun(ranked);
  let dcg = 0;
  const top = Math.min(k, sorted.length);
  for (let i = 0; i < top; i++) {
    const grade = qrels.get(sorted[i].id) ?? 0;
    if (grade > 0) dcg += grade / Math.log2(i + 2);
  }
  const ideal = [...qrels.values()].filter((g) => g > 0).sort((a, b) => b - a);
  let idcg = 0;
  for (let i = 0; i < Math.min(k, ideal.length); i++) idcg += ideal[i] / Math.log2(i + 2);
  return idcg > 0 ? dcg / idcg : 0;
}

/** Fraction of the relevant documents found in the top `k` (0 when there are none). */
export function recallAtK(ranked: readonly ScoredDoc[], qrels: QueryQrels, k: number): number {
  const total = countRelevant(qrels);
  if (total === 0) return 0;
  const sorted = sortRun(ranked);
  let found = 0;
  for (let i = 0; i < Math.min(k, sorted.length); i++) {
    if ((qrels.get(sorted[i].id) ?? 0) > 0) found++;
  }
  return found / total;
}

/** Reciprocal rank of the first relevant document within the top `k`, else 0. */
export function mrrAtK(ranked: readonly ScoredDoc[], qrels: QueryQrels, k: number): number {
  const sorted = sortRun(ranked);
  for (let i = 0; i < Math.min(k, sorted.length); i++) {
    if ((qrels.get(sorted[i].id) ?? 0) > 0) return 1 / (i + 1);
  }
  return 0;
}

/**
 * Mean nDCG@10, Recall@100 and MRR@10 over every query present in `qrels`; a query the run
 * has no results for scores 0. Queries in the run but absent from the qrels are ignored.
 */
export function evaluateRun(
  run: Map<string, readonly ScoredDoc[]>,
  qrels: Map<string, QueryQrels>,
): RunMetrics {
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  for (const [queryId, judged] of qrels) {
    const ranked = run.get(queryId) ?? [];
    ndcg += ndcgAtK(ranked, judged, 10);
    recall += recallAtK(ranked, judged, 100);
    mrr += mrrAtK(ranked, judged, 10);
  }
  const n = qrels.size;
  return {
    'ndcg@10': n ? ndcg / n : 0,
    'recall@100': n ? recall / n : 0,
    'mrr@10': n ? mrr / n : 0,
    queries: n,
  };
}

/**
 * Nearest-rank percentile (`p` in [0, 100]) of `values`: the smallest value such that at least
 * p% of the values are ≤ it. p = 0 gives the minimum. Returns NaN for an empty list.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) {
    throw new QuireError('INVALID_ARGUMENT', `percentile p must be in [0, 100], got ${p}`);
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
