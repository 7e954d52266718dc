import type { SkipReason } from '../ingest/walk.js';

export type { SkipReason };

/** What an indexing run did (document counts, except `chunksEmbedded`). */
export interface IndexSummary {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  skipped: number;
  /** Chunks whose text had to be embedded (0 when nothing changed). */
  chunksEmbedded: number;
  seconds: number;
  /** Non-fatal problems in indexed documents (for example malformed front matter). */
  warnings: number;
  /** `skipped` broken down by reason. */
  skippedByReason: Partial<Record<SkipReason, number>>;
}

/** Progress of an indexing run, reported after each file. */
export interface IndexProgress {
  phase: 'scanning' | 'indexing' | 'removing' | 'done';
  /** Files found so far (scanning) or in total (indexing). */
  filesTotal: number;
  filesDone: number;
  chunksWritten: number;
  chunksEmbedded: number;
  /** The file being processed, when there is one. */
  current?: string;
}

/** Options for `indexPath` and `add`. */
export interface IndexRunOptions {
  onProgress?: (progress: IndexProgress) => void;
  /** One-line warnings: skipped files, malformed front matter… */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

/** Content that is not a file, given to `add()`. */
export interface RecordInput {
  id: string;
  text: string;
  title?: string;
  metadata?: Record<string, unknown>;
  /** How to read `text`: plain text (default) or Markdown. */
  format?: 'text' | 'markdown';
}

/** Creates an all-zero summary. */
export function emptySummary(): IndexSummary {
  return { added: 0, updated: 0, removed: 0, unchanged: 0, skipped: 0, chunksEmbedded: 0, seconds: 0, warnings: 0, skippedByReason: {} };
}

/** Counts one skipped document. */
export function countSkip(summary: IndexSummary, reason: SkipReason): void {
  summary.skipped++;
  summary.skippedByReason[reason] = (summary.skippedByReason[reason] ?? 0) + 1;
}
