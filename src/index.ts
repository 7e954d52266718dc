/**
 * quire: retrieval-augmented search over folders of documents, in one SQLite file.
 * This file is the curated public API; everything else is internal.
 */
export { openIndex, DEFAULT_MAX_FILE_BYTES } from './open-index.js';
export type { OpenIndexOptions, QuireIndex, IndexStats } from './open-index.js';
export type { DocumentView, ChunkView } from './document-view.js';

export { QuireError, isQuireError } from './errors.js';
export type { ErrorCode } from './errors.js';

export { createLocalEmbedder } from './embed/local.js';
export type { Embedder, CallOptions } from './embed/types.js';

export { DEFAULT_CHUNK_OPTIONS, CHUNKER_VERSION } from './ingest/chunk.js';
export type { ChunkOptions, DocumentFormat } from './ingest/types.js';

export type { IndexProgress, IndexRunOptions, IndexSummary, RecordInput, SkipReason } from './indexing/index.js';

export { fuseRankings, DEFAULT_FUSION, DEFAULT_WEIGHTS } from './retrieve/index.js';
export type {
  DocumentHit,
  FusedItem,
  FusionOptions,
  FusionWeights,
  ListContribution,
  RankedList,
  ScoreExplanation,
  SearchFilter,
  SearchMode,
  SearchOptions,
  SearchResult,
} from './retrieve/index.js';

export { resolveConfig, parseSize, CONFIG_FILE, DEFAULT_DB } from './config.js';
export type { ConfigFlags, ResolvedConfig } from './config.js';

export { runBeirEval } from './eval/run-eval.js';
export type { EvalOptions, EvalReport } from './eval/run-eval.js';
export { evaluateRun, ndcgAtK, recallAtK, mrrAtK } from './eval/metrics.js';
