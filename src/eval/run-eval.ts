import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { QuireError, throwIfAborted } from '../errors.js';
import type { IndexProgress, IndexSummary } from '../indexing/index.js';
import { openIndex, type OpenIndexOptions } from '../open-index.js';
import type { SearchMode } from '../retrieve/index.js';
import { readBeirCorpus, readBeirQrels, readBeirQueries } from './beir.js';
import { evaluateRun, percentile, type ScoredDoc } from './metrics.js';

/** The `quire eval --json` report. */
export interface EvalReport {
  'ndcg@10': number;
  'recall@100': number;
  'mrr@10': number;
  queries: number;
  indexSeconds: number;
  latencyMs: { p50: number; p95: number };
  mode: SearchMode;
  documents: number;
  chunks: number;
}

/** Options for {@link runBeirEval}. */
export interface EvalOptions extends Omit<OpenIndexOptions, 'db'> {
  mode?: SearchMode;
  /** Index file to build; default a temporary file removed afterwards. */
  db?: string;
  split?: string;
  onProgress?: (progress: IndexProgress) => void;
  onQueryProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Documents ranked per query (Recall@100 needs 100). */
const DOCS_PER_QUERY = 100;

/**
 * Indexes a BEIR corpus (one document per record), runs the split's queries and scores the run
 * at document level: a document's score is its best chunk's. As BEIR's evaluator does, a
 * retrieved document with the query's own id is ignored.
 */
export async function runBeirEval(dir: string, options: EvalOptions = {}): Promise<EvalReport & { summary: IndexSummary }> {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new QuireError('PATH_NOT_FOUND', `no such folder: ${dir}`);
  }
  const mode = options.mode ?? 'hybrid';
  const qrels = readBeirQrels(dir, options.split ?? 'test');
  const queries = await readBeirQueries(dir);
  const missing = [...qrels.keys()].filter((id) => !queries.has(id));
  if (missing.length > 0) throw new QuireError('EVAL_DATA_INVALID', `${missing.length} judged queries are missing from queries.jsonl (first: ${missing[0]})`);

  const tempDir = options.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'quire-eval-'));
  const db = options.db ?? path.join(tempDir!, 'eval.db');
  const index = openIndex({ ...options, db });
  try {
    const summary = await index.add(readBeirCorpus(dir), { onProgress: options.onProgress, signal: options.signal });
    const run = new Map<string, ScoredDoc[]>();
    const latencies: number[] = [];
    let done = 0;
    for (const queryId of qrels.keys()) {
      throwIfAborted(options.signal);
      const started = performance.now();
      // One extra hit, because BEIR ignores a document whose id equals the query id (ArguAna's
      // queries are corpus documents themselves).
      const hits = await index.rankDocuments(queries.get(queryId)!, { k: DOCS_PER_QUERY + 1, mode });
      const ranked = hits.filter((hit) => hit.key !== queryId).slice(0, DOCS_PER_QUERY);
      run.set(queryId, ranked.map((hit) => ({ id: hit.key, score: hit.score })));
      latencies.push(performance.now() - started);
      options.onQueryProgress?.(++done, qrels.size);
    }
    const metrics = evaluateRun(run, qrels);
    const stats = index.stats();
    return {
      ...metrics,
      indexSeconds: summary.seconds,
      latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) },
      mode,
      documents: stats.documents,
      chunks: stats.chunks,
      summary,
    };
  } finally {
    index.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
