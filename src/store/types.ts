/** Where a document came from: a file on disk, or a record given to `add()`. */
export type DocumentSource = 'file' | 'record';

/** A document row as stored. */
export interface StoredDocument {
  id: number;
  source: DocumentSource;
  /** Absolute path for files; the caller's id for records. */
  key: string;
  title: string | null;
  format: string;
  contentHash: string;
  size: number;
  mtimeMs: number;
  metadata: Record<string, unknown>;
  textLength: number;
  chunkerVersion: string;
  indexedAt: string;
}

/** A document to write, with everything needed to map its text back to the original. */
export interface DocumentInput {
  source: DocumentSource;
  key: string;
  title: string | null;
  format: string;
  contentHash: string;
  size: number;
  mtimeMs: number;
  metadata: Record<string, unknown>;
  /** Encoded source map (see ingest/sourcemap). */
  sourceMap: string;
  /** Offsets where each line of the original text starts. */
  lineStarts: number[];
  textLength: number;
  chunkerVersion: string;
}

/** A chunk to write. Offsets `start/end` index the extracted text; `source*` the original file. */
export interface ChunkInput {
  idx: number;
  start: number;
  end: number;
  sourceStart: number;
  sourceEnd: number;
  startLine: number;
  endLine: number;
  headingPath: string[];
  tokens: number;
  embedHash: string;
  text: string;
  vector: Float32Array;
}

/** A chunk row joined with its document, as search results need it. */
export interface StoredChunk {
  id: number;
  documentId: number;
  idx: number;
  start: number;
  end: number;
  sourceStart: number;
  sourceEnd: number;
  startLine: number;
  endLine: number;
  headingPath: string[];
  tokens: number;
  text: string;
  source: DocumentSource;
  key: string;
  title: string | null;
  metadata: Record<string, unknown>;
}
