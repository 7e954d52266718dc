import type { SqliteDatabase } from './db.js';
import type { DocumentInput, DocumentSource, StoredDocument } from './types.js';

interface DocumentRow {
  id: number;
  source: DocumentSource;
  key: string;
  title: string | null;
  format: string;
  content_hash: string;
  size: number;
  mtime_ms: number;
  metadata: string;
  text_length: number;
  chunker_version: string;
  indexed_at: string;
}

const DOCUMENT_COLUMNS = `id, source, key, title, format, content_hash, size, mtime_ms, metadata,
  text_length, chunker_version, indexed_at`;

function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    source: row.source,
    key: row.key,
    title: row.title,
    format: row.format,
    contentHash: row.content_hash,
    size: row.size,
    mtimeMs: row.mtime_ms,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
    textLength: row.text_length,
    chunkerVersion: row.chunker_version,
    indexedAt: row.indexed_at,
  };
}

/** Reads and writes rows of the `documents` table. */
export class DocumentTable {
  constructor(private readonly db: SqliteDatabase) {}

  byKey(source: DocumentSource, key: string): StoredDocument | undefined {
    const row = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE source = ? AND key = ?`).get(source, key) as
      | DocumentRow
      | undefined;
    return row ? toStoredDocument(row) : undefined;
  }

  byId(id: number): StoredDocument | undefined {
    const row = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = ?`).get(id) as DocumentRow | undefined;
    return row ? toStoredDocument(row) : undefined;
  }

  /** All documents, ordered by key (for listing and filter resolution). */
  all(): StoredDocument[] {
    const rows = this.db.prepare(`SELECT ${DOCUMENT_COLUMNS} FROM documents ORDER BY key`).all() as DocumentRow[];
    return rows.map(toStoredDocument);
  }

  /** Inserts or replaces the document row and returns its id (stable across updates). */
  upsert(input: DocumentInput): number {
    const lineStarts = Buffer.from(new Uint32Array(input.lineStarts).buffer);
    const row = this.db
      .prepare(
        `INSERT INTO documents (source, key, title, format, content_hash, size, mtime_ms, metadata,
           source_map, line_starts, text_length, chunker_version, indexed_at)
         VALUES (@source, @key, @title, @format, @contentHash, @size, @mtimeMs, @metadata,
           @sourceMap, @lineStarts, @textLength, @chunkerVersion, @indexedAt)
         ON CONFLICT(source, key) DO UPDATE SET
           title = excluded.title, format = excluded.format, content_hash = excluded.content_hash,
           size = excluded.size, mtime_ms = excluded.mtime_ms, metadata = excluded.metadata,
           source_map = excluded.source_map, line_starts = excluded.line_starts,
           text_length = excluded.text_length, chunker_version = excluded.chunker_version,
           indexed_at = excluded.indexed_at
         RETURNING id`,
      )
      .get({
        ...input,
        metadata: JSON.stringify(input.metadata),
        lineStarts,
        indexedAt: new Date().toISOString(),
      }) as { id: number };
    return row.id;
  }

  /** Records a new mtime/size for a file whose content hash did not change. */
  touch(id: number, size: number, mtimeMs: number): void {
    this.db.prepare('UPDATE documents SET size = ?, mtime_ms = ? WHERE id = ?').run(size, mtimeMs, id);
  }

  /** The encoded source map and original line starts of a document. */
  sourceMapping(id: number): { sourceMap: string; lineStarts: number[] } | undefined {
    const row = this.db.prepare('SELECT source_map, line_starts FROM documents WHERE id = ?').get(id) as
      | { source_map: string; line_starts: Buffer }
      | undefined;
    if (!row) return undefined;
    const copy = new Uint8Array(row.line_starts); // copy: the Buffer's offset may be unaligned
    return { sourceMap: row.source_map, lineStarts: Array.from(new Uint32Array(copy.buffer, 0, copy.byteLength / 4)) };
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM documents').get() as { n: number }).n;
  }
}
