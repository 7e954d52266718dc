import { QuireError, throwIfAborted } from '../errors.js';
import { displayPath } from '../paths.js';
import type { Embedder } from '../embed/types.js';
import type { SqliteDatabase, Store } from '../store/index.js';
import { resolveFilter, type SearchFilter } from './filter.js';
import { DEFAULT_FUSION, fuseRankings, type FusedItem, type FusionOptions, type ListContribution, type RankedList } from './fusion.js';
import { keywordSearch, substringSearch } from './keyword.js';
import { buildKeywordQuery, hasCjk } from './query.js';
import { mergePassages } from './merge.js';
import { MAX_KNN_K, vectorSearch } from './vector.js';

/** Which retrievers run: both fused (default), embeddings only, or BM25 only. */
export type SearchMode = 'hybrid' | 'vector' | 'keyword';

/** Relative weights of the ranked lists in fusion. */
export interface FusionWeights {
  keyword: number;
  vector: number;
  /** Trigram substring matches (identifiers, CJK). */
  substring: number;
}

/**
 * Default list weights. The local embedder is lexical too (hashed word and n-gram features), so
 * its list refines BM25 rather than competing with it: on SciFact, vector weight 0.1–0.15 gave
 * the best hybrid, 0.2 equalled keyword-only, higher weights lost. Substring matches are a
 * fallback (CJK, identifiers) and weigh less than words.
 */
export const DEFAULT_WEIGHTS: FusionWeights = { keyword: 0.85, vector: 0.15, substring: 0.25 };

/** Options for a search. */
export interface SearchOptions {
  /** Number of results (passages) to return. Default 10. */
  k?: number;
  mode?: SearchMode;
  filter?: SearchFilter;
  fusion?: FusionOptions;
  weights?: Partial<FusionWeights>;
  /** Candidates taken from each list before fusion. Default max(50, 4k). */
  candidates?: number;
  signal?: AbortSignal;
}

/** Per-list trace of how a result was scored (for `--explain`). */
export interface ScoreExplanation {
  fusion: FusionOptions['method'];
  lists: Record<string, ListContribution>;
}

/** One search hit: a passage of a document with its line range in the original file. */
export interface SearchResult {
  /** Path relative to the working directory (or absolute when outside it); the record id for records. */
  path: string;
  absolutePath: string | null;
  /** 1-based inclusive line range in the original file. */
  startLine: number;
  endLine: number;
  score: number;
  text: string;
  chunkId: number;
  chunkIds: number[];
  documentId: number;
  title: string | null;
  headingPath: string[];
  /** UTF-16 offsets of the passage in the original file text, end exclusive. */
  sourceStart: number;
  sourceEnd: number;
  metadata: Record<string, unknown>;
  explain: ScoreExplanation;
}

/** What search needs from the index. */
export interface SearchContext {
  store: Store;
  embedder: Embedder;
  pathBase: string;
}

/** Ranks chunks for a query and returns fused items (best first), before passage merging. */
export async function rankChunks(context: SearchContext, query: string, options: SearchOptions & { k: number }): Promise<FusedItem[]> {
  const mode = options.mode ?? 'hybrid';
  if (!['hybrid', 'vector', 'keyword'].includes(mode)) {
    throw new QuireError('INVALID_ARGUMENT', `unknown search mode "${mode}" (use hybrid, vector or keyword)`);
  }
  const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
  const db: SqliteDatabase = context.store.db;
  const documentIds = resolveFilter(db, options.filter, context.pathBase);
  const candidates = Math.min(options.candidates ?? Math.max(50, options.k * 4), MAX_KNN_K);
  const lists: RankedList[] = [];
  if (mode !== 'vector') {
    const parsed = buildKeywordQuery(query); // parsed once for both word and substring search
    const keyword = keywordSearch(db, parsed, candidates, documentIds);
    lists.push({ name: 'keyword', weight: weights.keyword, items: keyword });
    // Substring (trigram) matches only when word search cannot do the job: CJK text has no
    // spaces to split words on, and identifiers may sit inside longer names. Measured on
    // SciFact, always fusing them in costs ~0.015 nDCG@10 (terms like "IL-6" match noise).
    if (hasCjk(query) || keyword.length < candidates) {
      lists.push({ name: 'substring', weight: weights.substring, items: substringSearch(db, parsed, candidates, documentIds) });
    }
  }
  if (mode !== 'keyword') {
    throwIfAborted(options.signal);
    const [vector] = await context.embedder.embed([query], { signal: options.signal });
    throwIfAborted(options.signal);
    lists.push({ name: 'vector', weight: weights.vector, items: vectorSearch(db, vector, candidates, documentIds) });
  }
  return fuseRankings(lists, options.fusion ?? DEFAULT_FUSION);
}

/** A document-level hit: the document scored by its best chunk. */
export interface DocumentHit {
  documentId: number;
  /** File path (absolute) or record id. */
  key: string;
  score: number;
  /** The chunk that gave the document its score. */
  chunkId: number;
}

/** Ranks documents (each by its best chunk), best first, up to `k`. */
export async function rankDocuments(context: SearchContext, query: string, options: SearchOptions & { k: number }): Promise<DocumentHit[]> {
  assertK(options.k);
  const fused = await rankChunks(context, query, { ...options, candidates: options.candidates ?? Math.max(50, options.k * 2) });
  const owners = context.store.chunks.documentsOf(fused.map((item) => item.id));
  const hits: DocumentHit[] = [];
  const seen = new Set<number>();
  for (const item of fused) {
    const owner = owners.get(item.id);
    if (!owner || seen.has(owner.documentId)) continue;
    seen.add(owner.documentId);
    hits.push({ documentId: owner.documentId, key: owner.key, score: item.score, chunkId: item.id });
    if (hits.length >= options.k) break;
  }
  return hits;
}

/** Largest `k` a search accepts: each list is cut at 4096 candidates (sqlite-vec's KNN limit). */
export const MAX_RESULTS = 1000;

function assertK(k: number): void {
  if (!Number.isInteger(k) || k <= 0 || k > MAX_RESULTS) {
    throw new QuireError('INVALID_ARGUMENT', `k must be an integer from 1 to ${MAX_RESULTS}, got ${k}`);
  }
}

/** Hybrid (or single-mode) search returning merged passages with their file locations. */
export async function search(context: SearchContext, query: string, options: SearchOptions = {}): Promise<SearchResult[]> {
  const k = options.k ?? 10;
  assertK(k);
  if (query.trim() === '') throw new QuireError('INVALID_ARGUMENT', 'the query is empty');
  const fused = await rankChunks(context, query, { ...options, k });
  const chunks = context.store.chunks.byIds(fused.map((item) => item.id));
  const method = (options.fusion ?? DEFAULT_FUSION).method;
  return mergePassages(fused, chunks, k).map((passage) => {
    const { chunk } = passage;
    const absolutePath = chunk.source === 'file' ? chunk.key : null;
    return {
      path: absolutePath ? displayPath(absolutePath, context.pathBase) : chunk.key,
      absolutePath,
      startLine: passage.startLine,
      endLine: passage.endLine,
      score: passage.fused.score,
      // Chunks keep the whitespace between them; trimmed, the text spans exactly startLine..endLine.
      text: passage.text.trim(),
      chunkId: chunk.id,
      chunkIds: passage.chunkIds,
      documentId: chunk.documentId,
      title: chunk.title,
      headingPath: passage.headingPath,
      sourceStart: passage.sourceStart,
      sourceEnd: passage.sourceEnd,
      metadata: chunk.metadata,
      explain: { fusion: method, lists: passage.fused.lists },
    };
  });
}
