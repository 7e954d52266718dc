import type { SqliteDatabase } from '../store/index.js';
import { buildKeywordQuery } from './query.js';

/** A chunk id with a score where higher is better. */
export interface ScoredChunk {
  id: number;
  score: number;
}

/** BM25 column weights: title, heading path, body. Titles and headings name what a chunk is about. */
export const BM25_WEIGHTS = { title: 2, headings: 1.5, body: 1 } as const;

const DOC_FILTER = 'rowid IN (SELECT id FROM chunks WHERE document_id IN (SELECT value FROM json_each(@docs)))';

/**
 * BM25 over the porter/unicode61 index. Scores are negated bm25() so that higher is better.
 * `documentIds` (when not null) restricts the search before ranking.
 */
export function keywordSearch(db: SqliteDatabase, query: string, k: number, documentIds: number[] | null): ScoredChunk[] {
  const { match } = buildKeywordQuery(query);
  if (!match || k <= 0 || documentIds?.length === 0) return [];
  const where = documentIds ? `AND ${DOC_FILTER}` : '';
  const rows = db
    .prepare(
      `SELECT rowid AS id, bm25(chunks_fts, ${BM25_WEIGHTS.title}, ${BM25_WEIGHTS.headings}, ${BM25_WEIGHTS.body}) AS s
       FROM chunks_fts WHERE chunks_fts MATCH @match ${where} ORDER BY s LIMIT @k`,
    )
    .all({ match, k, docs: JSON.stringify(documentIds ?? []) }) as { id: number; s: number }[];
  return rows.map((row) => ({ id: row.id, score: -row.s }));
}

/** Substring search over the trigram index, for identifiers and CJK text. Empty when not applicable. */
export function substringSearch(db: SqliteDatabase, query: string, k: number, documentIds: number[] | null): ScoredChunk[] {
  const { substringMatch } = buildKeywordQuery(query);
  if (!substringMatch || k <= 0 || documentIds?.length === 0) return [];
  const where = documentIds ? `AND ${DOC_FILTER}` : '';
  const rows = db
    .prepare(
      `SELECT rowid AS id, bm25(chunks_trigram) AS s FROM chunks_trigram
       WHERE chunks_trigram MATCH @match ${where} ORDER BY s LIMIT @k`,
    )
    .all({ match: substringMatch, k, docs: JSON.stringify(documentIds ?? []) }) as { id: number; s: number }[];
  return rows.map((row) => ({ id: row.id, score: -row.s }));
}
