import fs from 'node:fs';
import path from 'node:path';
import { QuireError } from './errors.js';
import { createLocalEmbedder } from './embed/local.js';
import type { Embedder } from './embed/types.js';
import { CHUNKER_VERSION, DEFAULT_CHUNK_OPTIONS } from './ingest/chunk.js';
import type { ChunkOptions } from './ingest/types.js';
import { addRecords, indexPaths, type IndexingContext, type IndexRunOptions, type IndexSummary, type RecordInput } from './indexing/index.js';
import { getDocument, type DocumentView } from './document-view.js';
import { rankChunks, rankDocuments, search, type DocumentHit, type FusionWeights, type SearchOptions, type SearchResult } from './retrieve/index.js';
import type { FusedItem, FusionOptions } from './retrieve/index.js';
import { Store, type IndexMeta } from './store/index.js';

/** Default largest file indexed, in bytes. Bigger files are skipped with a warning. */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Options for {@link openIndex}. */
export interface OpenIndexOptions {
  /** Path of the SQLite file (created when missing), or `:memory:`. */
  db: string;
  /** Embedder for chunks and queries. Default: the built-in offline `local` embedder. */
  embedder?: Embedder;
  /** Chunk size and overlap in estimated tokens. */
  chunk?: Partial<ChunkOptions>;
  /** Files larger than this are skipped. Default 10 MiB. */
  maxFileBytes?: number;
  /** Result paths are shown relative to this folder. Default: the working directory. */
  pathBase?: string;
  /** Drop everything in the index first (needed to switch embedders). */
  rebuild?: boolean;
  /** Fail with NOT_FOUND instead of creating a new index file (for read-only use). */
  mustExist?: boolean;
  /** Defaults for every search. */
  search?: { fusion?: FusionOptions; weights?: Partial<FusionWeights> };
}

/** Counts and identity of an index. */
export interface IndexStats {
  db: string;
  bytes: number;
  documents: number;
  chunks: number;
  embedder: string | undefined;
  dimensions: number | undefined;
  chunkerVersion: string | undefined;
  schemaVersion: number;
  createdAt: string | undefined;
  formats: Record<string, number>;
  lastIndexedAt: string | null;
}

/** An open index. Every method works on this object's own connection; there is no global state. */
export interface QuireIndex {
  readonly db: string;
  readonly embedder: Embedder;
  /** Adds or updates records (content that is not a file). */
  add(records: Iterable<RecordInput> | AsyncIterable<RecordInput>, options?: IndexRunOptions): Promise<IndexSummary>;
  /** Indexes files and folders incrementally. */
  indexPath(paths: string | string[], options?: IndexRunOptions): Promise<IndexSummary>;
  /** Searches the index. */
  search(query: string, options?: SearchOptions): Promise<SearchResult[]>;
  /** Ranked chunk ids with fusion traces, before passages are merged (for evaluation and tooling). */
  rankChunks(query: string, options: SearchOptions & { k: number }): Promise<FusedItem[]>;
  /** Documents ranked by their best chunk (document-level search, as evaluation needs). */
  rankDocuments(query: string, options: SearchOptions & { k: number }): Promise<DocumentHit[]>;
  /** A document by file path, record id or numeric document id. */
  get(pathOrId: string | number): DocumentView | undefined;
  /** Removes a document (file path, record id or numeric id). Returns whether one was removed. */
  remove(pathOrId: string | number): boolean;
  stats(): IndexStats;
  meta(): IndexMeta;
  close(): void;
}

/** Opens (or creates) an index file. */
export function openIndex(options: OpenIndexOptions): QuireIndex {
  if (!options || typeof options.db !== 'string' || options.db === '') {
    throw new QuireError('INVALID_ARGUMENT', 'openIndex needs a db path');
  }
  const embedder = options.embedder ?? createLocalEmbedder();
  const chunkOptions = validateChunkOptions({ ...DEFAULT_CHUNK_OPTIONS, ...options.chunk });
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!(maxFileBytes > 0)) throw new QuireError('INVALID_ARGUMENT', `maxFileBytes must be positive, got ${maxFileBytes}`);
  const pathBase = path.resolve(options.pathBase ?? process.cwd());
  // Chunk boundaries depend on the rules and on the size settings: a change to either
  // re-chunks documents on the next run.
  const chunkerVersion = `${CHUNKER_VERSION}:${chunkOptions.maxTokens}:${chunkOptions.overlapTokens}`;
  const store = Store.open(options.db, {
    identity: { embedderId: embedder.id, dimensions: embedder.dimensions, chunkerVersion },
    rebuild: options.rebuild,
    mustExist: options.mustExist,
  });
  const indexing: IndexingContext = { store, embedder, chunkOptions, chunkerVersion, maxFileBytes, pathBase };
  const searchContext = { store, embedder, pathBase };
  const searchDefaults = options.search ?? {};
  const withDefaults = <T extends SearchOptions>(opts: T): T => ({
    ...opts,
    fusion: opts.fusion ?? searchDefaults.fusion,
    weights: { ...searchDefaults.weights, ...opts.weights },
  });

  return {
    db: options.db,
    embedder,
    add: (records, runOptions) => addRecords(indexing, records, runOptions),
    indexPath: (paths, runOptions) => indexPaths(indexing, Array.isArray(paths) ? paths : [paths], runOptions),
    search: (query, searchOptions = {}) => search(searchContext, query, withDefaults(searchOptions)),
    rankChunks: (query, searchOptions) => rankChunks(searchContext, query, withDefaults(searchOptions)),
    rankDocuments: (query, searchOptions) => rankDocuments(searchContext, query, withDefaults(searchOptions)),
    get: (pathOrId) => getDocument(store, pathOrId, pathBase),
    remove: (pathOrId) => {
      const view = getDocument(store, pathOrId, pathBase);
      if (!view) return false;
      const document = store.documents.byId(view.documentId)!;
      store.write(() => store.deleteDocument(document));
      return true;
    },
    stats: () => collectStats(store, options.db),
    meta: () => store.meta(),
    close: () => store.close(),
  };
}

function validateChunkOptions(chunk: ChunkOptions): ChunkOptions {
  if (!Number.isInteger(chunk.maxTokens) || chunk.maxTokens < 16) {
    throw new QuireError('INVALID_ARGUMENT', `chunk size must be an integer of at least 16 tokens, got ${chunk.maxTokens}`);
  }
  if (!Number.isInteger(chunk.overlapTokens) || chunk.overlapTokens < 0 || chunk.overlapTokens >= chunk.maxTokens / 2) {
    throw new QuireError('INVALID_ARGUMENT', `chunk overlap must be an integer from 0 to half the chunk size, got ${chunk.overlapTokens}`);
  }
  return chunk;
}

function collectStats(store: Store, file: string): IndexStats {
  const meta = store.meta();
  const formats = Object.fromEntries(
    (store.db.prepare('SELECT format, count(*) AS n FROM documents GROUP BY format ORDER BY format').all() as { format: string; n: number }[]).map(
      (row) => [row.format, row.n],
    ),
  );
  const last = store.db.prepare('SELECT max(indexed_at) AS t FROM documents').pluck().get() as string | null;
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += fs.statSync(file + suffix).size;
    } catch {
      // a missing WAL file (or :memory:) adds nothing
    }
  }
  return {
    db: file,
    bytes,
    documents: store.documents.count(),
    chunks: store.chunks.count(),
    embedder: meta.embedderId,
    dimensions: meta.dimensions,
    chunkerVersion: meta.chunkerVersion,
    schemaVersion: meta.schemaVersion,
    createdAt: meta.createdAt,
    formats,
    lastIndexedAt: last,
  };
}
