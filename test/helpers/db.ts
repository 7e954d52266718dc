import { expect } from 'vitest';
import { openDatabase } from '../../src/store/db.js';

/** Row counts of every table that must stay in step, read through a separate connection. */
export interface RowCounts {
  documents: number;
  chunks: number;
  fts: number;
  trigram: number;
  vectors: number;
}

/** Counts rows of documents, chunks, both FTS tables and the vector table of an index file. */
export function countRows(file: string): RowCounts {
  const db = openDatabase(file, { readonly: true });
  try {
    const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    return {
      documents: count('documents'),
      chunks: count('chunks'),
      fts: count('chunks_fts'),
      trigram: count('chunks_trigram'),
      vectors: count('chunk_vectors'),
    };
  } finally {
    db.close();
  }
}

/** Sorted chunk ids and the sorted rowids of each side table, which must all be equal. */
export function rowIds(file: string): { chunks: number[]; fts: number[]; trigram: number[]; vectors: number[] } {
  const db = openDatabase(file, { readonly: true });
  try {
    const ids = (sql: string) => (db.prepare(sql).pluck().all() as (number | bigint)[]).map(Number).sort((a, b) => a - b);
    return {
      chunks: ids('SELECT id FROM chunks'),
      fts: ids('SELECT rowid FROM chunks_fts'),
      trigram: ids('SELECT rowid FROM chunks_trigram'),
      vectors: ids('SELECT rowid FROM chunk_vectors'),
    };
  } finally {
    db.close();
  }
}

/** Asserts that every chunk has exactly one row in each FTS table and in the vector table. */
export function expectConsistent(file: string): void {
  const ids = rowIds(file);
  expect(ids.fts).toEqual(ids.chunks);
  expect(ids.trigram).toEqual(ids.chunks);
  expect(ids.vectors).toEqual(ids.chunks);
}
