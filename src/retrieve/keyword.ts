import type { SqliteDatabase } from '../store/index.js';
import type { KeywordQuery } from './query.js';

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
export function keywordSearch(db: SqliteDatabase, query: KeywordQuery, k: number, documentIds: number[] | null): ScoredChunk[] {
  const { match } = query;
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

/**
 * Substring search for identifiers and CJK text: the trigram index for terms of 3+ characters,
 * and a plain scan of chunk text for 1–2 character CJK words, which a trigram cannot match.
 * Empty when not applicable.
 */
export function substringSearch(db: SqliteDatabase, query: KeywordQuery, k: number, documentIds: number[] | null): ScoredChunk[] {
  const { substringMatch, shortCjkTerms } = query;
  if (k <= 0 || documentIds?.length === 0) return [];
  const trigram = substringMatch ? trigramSearch(db, substringMatch, k, documentIds) : [];
  if (shortCjkTerms.length === 0) return trigram;
  const scanned = scanForTerms(db, shortCjkTerms, k, documentIds);
  if (trigram.length === 0) return scanned;
  // Trigram hits first (they match longer strings), then scan hits not already listed, scaled
  // below the weakest trigram hit so the list stays sorted by score.
  const listed = new Set(trigram.map((item) => item.id));
  const floor = trigram[trigram.length - 1].score;
  const extra = scanned
    .filter((item) => !listed.has(item.id))
    .map((item) => ({ id: item.id, score: (floor * item.score) / (shortCjkTerms.length + 1) }));
  return [...trigram, ...extra].slice(0, k);
}

/** Chunks containing any of `terms`, scored by how many distinct terms they contain. */
function scanForTerms(db: SqliteDatabase, terms: string[], k: number, documentIds: number[] | null): ScoredChunk[] {
  const score = terms.map((_, i) => `(instr(text, @t${i}) > 0)`).join(' + ');
  const where = documentIds ? 'AND document_id IN (SELECT value FROM json_each(@docs))' : '';
  const params: Record<string, unknown> = { k, docs: JSON.stringify(documentIds ?? []) };
  terms.forEach((term, i) => (params[`t${i}`] = term));
  const rows = db
    .prepare(`SELECT id, ${score} AS s FROM chunks WHERE s > 0 ${where} ORDER BY s DESC, id LIMIT @k`)
    .all(params) as { id: number; s: number }[];
  return rows.map((row) => ({ id: row.id, score: row.s }));
}

function trigramSearch(db: SqliteDatabase, substringMatch: string, k: number, documentIds: number[] | null): ScoredChunk[] {
  const where = documentIds ? `AND ${DOC_FILTER}` : '';
  const rows = db
    .prepare(
      `SELECT rowid AS id, bm25(chunks_trigram) AS s FROM chunks_trigram
       WHERE chunks_trigram MATCH @match ${where} ORDER BY s LIMIT @k`,
    )
    .all({ match: substringMatch, k, docs: JSON.stringify(documentIds ?? []) }) as { id: number; s: number }[];
  return rows.map((row) => ({ id: row.id, score: -row.s }));
}
