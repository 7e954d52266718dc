import type { SqliteDatabase } from '../store/index.js';
import type { ScoredChunk } from './keyword.js';

/** sqlite-vec refuses k above this. */
export const MAX_KNN_K = 4096;

/**
 * Exact cosine KNN over vec0. Scores are cosine similarities (1 − distance). A document filter
 * goes inside the KNN as a rowid constraint, so vec0 ranks only eligible rows and k is never
 * spent on rows the filter would drop afterwards.
 */
export function vectorSearch(db: SqliteDatabase, vector: Float32Array, k: number, documentIds: number[] | null): ScoredChunk[] {
  if (k <= 0 || documentIds?.length === 0) return [];
  const limit = Math.min(k, MAX_KNN_K);
  const where = documentIds
    ? 'AND rowid IN (SELECT id FROM chunks WHERE document_id IN (SELECT value FROM json_each(@docs)))'
    : '';
  const rows = db
    .prepare(`SELECT rowid AS id, distance FROM chunk_vectors WHERE embedding MATCH @vector AND k = @k ${where}`)
    .all({ vector, k: limit, docs: JSON.stringify(documentIds ?? []) }) as { id: number; distance: number }[];
  // Identical vectors can come back with distance -2e-16; clamp so similarity stays ≤ 1.
  return rows.map((row) => ({ id: row.id, score: 1 - Math.max(0, row.distance) }));
}
