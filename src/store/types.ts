/** Where a document came from: a file on disk, or a record given to `add()`. */
export type DocumentSource = 'file' | 'record';

/** What every document row records. */
export interface DocumentFields {
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
}

/** A document row as stored. */
export interface StoredDocument extends DocumentFields {
  id: number;
  indexedAt: string;
}

/** A document to write, with everything needed to map its text back to the original. */
export interface DocumentInput extends DocumentFields {
  /** Encoded source map (see ingest/sourcemap). */
  sourceMap: string;
  /** Offsets where each line of the original text starts. */
  lineStarts: number[];
}

/**
 * Where a span of a document lies: `start/end` index the extracted text, `sourceStart/sourceEnd`
 * the original file text (UTF-16, end exclusive), lines are 1-based and inclusive.
 */
export interface SpanLocation {
  start: number;
  end: number;
  sourceStart: number;
  sourceEnd: number;
  startLine: number;
  endLine: number;
}

/** What every chunk row records. */
export interface ChunkFields extends SpanLocation {
  idx: number;
  headingPath: string[];
  tokens: number;
  text: string;
}

/** A chunk to write. */
export interface ChunkInput extends ChunkFields {
  embedHash: string;
  vector: Float32Array;
}

/** A chunk row joined with its document, as search results need it. */
export interface StoredChunk extends ChunkFields {
  id: number;
  documentId: number;
  source: DocumentSource;
  key: string;
  title: string | null;
  metadata: Record<string, unknown>;
}
