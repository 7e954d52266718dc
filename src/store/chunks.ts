import type { SqliteDatabase } from './db.js';
import type { ChunkInput, DocumentSource, StoredChunk } from './types.js';

/** A chunk row written, whose FTS rows and vector are still to be written. */
export interface PendingSearchRow {
  rowid: bigint;
  title: string;
  headings: string;
  text: string;
  vector: Float32Array;
}

interface ChunkRow {
  id: number;
  document_id: number;
  idx: number;
  start: number;
  end: number;
  source_start: number;
  source_end: number;
  start_line: number;
  end_line: number;
  heading_path: string;
  tokens: number;
  text: string;
  source: DocumentSource;
  key: string;
  title: string | null;
  metadata: string;
}

const CHUNK_SELECT = `SELECT c.id, c.document_id, c.idx, c.start, c.end, c.source_start, c.source_end,
  c.start_line, c.end_line, c.heading_path, c.tokens, c.text, d.source, d.key, d.title, d.metadata
  FROM chunks c JOIN documents d ON d.id = c.document_id`;

function toStoredChunk(row: ChunkRow): StoredChunk {
  return {
    id: row.id,
    documentId: row.document_id,
    idx: row.idx,
    start: row.start,
    end: row.end,
    sourceStart: row.source_start,
    sourceEnd: row.source_end,
    startLine: row.start_line,
    endLine: row.end_line,
    headingPath: JSON.parse(row.heading_path) as string[],
    tokens: row.tokens,
    text: row.text,
    source: row.source,
    key: row.key,
    title: row.title,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

/**
 * Writes chunks together with their full-text rows and vectors. The three stay in step:
 * every write and delete here touches all of them, inside the caller's transaction.
 */
export class ChunkTable {
  constructor(private readonly db: SqliteDatabase) {}

  /** Removes a document's chunks, their FTS rows and their vectors. */
  deleteForDocument(documentId: number): number {
    const ids = this.db.prepare('SELECT id FROM chunks WHERE document_id = ?').pluck().all(documentId) as number[];
    const deleteFts = this.db.prepare('DELETE FROM chunks_fts WHERE rowid = ?');
    const deleteTrigram = this.db.prepare('DELETE FROM chunks_trigram WHERE rowid = ?');
    const deleteVector = this.db.prepare('DELETE FROM chunk_vectors WHERE rowid = ?');
    for (const id of ids) {
      deleteFts.run(id);
      deleteTrigram.run(id);
      deleteVector.run(BigInt(id)); // vec0 rejects non-integer rowids
    }
    this.db.prepare('DELETE FROM chunks WHERE document_id = ?').run(documentId);
    return ids.length;
  }

  /**
   * Inserts chunk rows for a document whose previous chunks were deleted, and returns what
   * {@link insertSearchRows} needs. Split in two so that a batch writes all plain rows first and
   * all FTS rows after: FTS5 flushes its pending terms whenever a later statement opens a
   * savepoint (the document upsert does), and interleaving made indexing ~2× slower.
   */
  insertRows(documentId: number, title: string | null, chunks: ChunkInput[]): PendingSearchRow[] {
    const insertChunk = this.db.prepare(
      `INSERT INTO chunks (document_id, idx, start, end, source_start, source_end, start_line, end_line,
         heading_path, tokens, embed_hash, text)
       VALUES (@documentId, @idx, @start, @end, @sourceStart, @sourceEnd, @startLine, @endLine,
         @headingPath, @tokens, @embedHash, @text)`,
    );
    return chunks.map((chunk) => {
      const result = insertChunk.run({
        documentId,
        idx: chunk.idx,
        start: chunk.start,
        end: chunk.end,
        sourceStart: chunk.sourceStart,
        sourceEnd: chunk.sourceEnd,
        startLine: chunk.startLine,
        endLine: chunk.endLine,
        headingPath: JSON.stringify(chunk.headingPath),
        tokens: chunk.tokens,
        embedHash: chunk.embedHash,
        text: chunk.text,
      });
      return { rowid: BigInt(result.lastInsertRowid), title: title ?? '', headings: chunk.headingPath.join(' > '), text: chunk.text, vector: chunk.vector };
    });
  }

  /** Writes the full-text rows and vectors of chunks inserted by {@link insertRows}. */
  insertSearchRows(rows: PendingSearchRow[]): void {
    const insertFts = this.db.prepare('INSERT INTO chunks_fts (rowid, title, headings, body) VALUES (?, ?, ?, ?)');
    const insertTrigram = this.db.prepare('INSERT INTO chunks_trigram (rowid, body) VALUES (?, ?)');
    const insertVector = this.db.prepare('INSERT INTO chunk_vectors (rowid, embedding) VALUES (?, ?)');
    for (const row of rows) insertFts.run(row.rowid, row.title, row.headings, row.text);
    for (const row of rows) insertTrigram.run(row.rowid, row.text);
    for (const row of rows) insertVector.run(row.rowid, row.vector);
  }

  /** A stored vector for text with this embedding hash, if any chunk already has one. */
  vectorForHash(embedHash: string): Float32Array | undefined {
    const id = this.db.prepare('SELECT id FROM chunks WHERE embed_hash = ? LIMIT 1').pluck().get(embedHash) as number | undefined;
    if (id === undefined) return undefined;
    const blob = this.db.prepare('SELECT embedding FROM chunk_vectors WHERE rowid = ?').pluck().get(BigInt(id)) as
      | Buffer
      | undefined;
    if (!blob) return undefined;
    const copy = new Uint8Array(blob); // copy: the Buffer's byteOffset may not be 4-aligned
    return new Float32Array(copy.buffer, 0, copy.byteLength / 4);
  }

  byIds(ids: number[]): Map<number, StoredChunk> {
    const result = new Map<number, StoredChunk>();
    if (ids.length === 0) return result;
    const rows = this.db.prepare(`${CHUNK_SELECT} WHERE c.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as ChunkRow[];
    for (const row of rows) result.set(row.id, toStoredChunk(row));
    return result;
  }

  /** The document id and key of each chunk id (cheap: no text is read). */
  documentsOf(ids: number[]): Map<number, { documentId: number; key: string }> {
    const result = new Map<number, { documentId: number; key: string }>();
    if (ids.length === 0) return result;
    const rows = this.db
      .prepare(
        `SELECT c.id, c.document_id, d.key FROM chunks c JOIN documents d ON d.id = c.document_id
         WHERE c.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as { id: number; document_id: number; key: string }[];
    for (const row of rows) result.set(row.id, { documentId: row.document_id, key: row.key });
    return result;
  }

  forDocument(documentId: number): StoredChunk[] {
    const rows = this.db.prepare(`${CHUNK_SELECT} WHERE c.document_id = ? ORDER BY c.idx`).all(documentId) as ChunkRow[];
    return rows.map(toStoredChunk);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM chunks').get() as { n: number }).n;
  }
}
