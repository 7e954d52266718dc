import { QuireError } from '../errors.js';
import type { SqliteDatabase } from './db.js';

/** Current schema version. Each entry in MIGRATIONS moves the schema up by one. */
export const SCHEMA_VERSION = 1;

/**
 * Ordered migrations. The vector table is created separately (its dimensions come from the
 * embedder), see {@link ensureVectorTable}.
 */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  CREATE TABLE IF NOT EXISTS documents (
    id              INTEGER PRIMARY KEY,
    source          TEXT NOT NULL CHECK (source IN ('file', 'record')),
    key             TEXT NOT NULL,
    title           TEXT,
    format          TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    size            INTEGER NOT NULL,
    mtime_ms        REAL NOT NULL,
    metadata        TEXT NOT NULL DEFAULT '{}',
    source_map      TEXT NOT NULL,
    line_starts     BLOB NOT NULL,
    text_length     INTEGER NOT NULL,
    chunker_version TEXT NOT NULL,
    indexed_at      TEXT NOT NULL,
    UNIQUE (source, key)
  );
  CREATE TABLE IF NOT EXISTS chunks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused: ids stay valid references
    document_id  INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    source_start INTEGER NOT NULL,
    source_end   INTEGER NOT NULL,
    start_line   INTEGER NOT NULL,
    end_line     INTEGER NOT NULL,
    heading_path TEXT NOT NULL DEFAULT '[]',
    tokens       INTEGER NOT NULL,
    embed_hash   TEXT NOT NULL,
    text         TEXT NOT NULL,
    UNIQUE (document_id, idx)
  );
  CREATE INDEX IF NOT EXISTS chunks_embed_hash ON chunks(embed_hash);
  CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    title, headings, body,
    tokenize = 'porter unicode61', content = '', contentless_delete = 1
  );
  CREATE VIRTUAL TABLE IF NOT EXISTS chunks_trigram USING fts5(
    body, tokenize = 'trigram', content = '', contentless_delete = 1
  );
  `,
];

/** Reads the schema version recorded in `meta` (0 for a new file). */
export function readSchemaVersion(db: SqliteDatabase): number {
  const hasMeta = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).get();
  if (!hasMeta) return 0;
  const row = db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).get() as { value: string } | undefined;
  return row ? Number(row.value) : 0;
}

/** Brings the schema up to {@link SCHEMA_VERSION}; refuses files made by a newer quire. */
export function migrate(db: SqliteDatabase): void {
  const current = readSchemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new QuireError('DB_SCHEMA_TOO_NEW', `index schema version ${current} is newer than this quire supports (${SCHEMA_VERSION})`, {
      hint: 'upgrade quire, or rebuild the index with `quire index --rebuild`',
    });
  }
  if (current === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let version = current; version < SCHEMA_VERSION; version++) db.exec(MIGRATIONS[version]);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('schema_version', ?)
                ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(String(SCHEMA_VERSION));
  })();
}

/** Creates the vec0 table for `dimensions`-wide cosine vectors when it does not exist. */
export function ensureVectorTable(db: SqliteDatabase, dimensions: number): void {
  if (!Number.isInteger(dimensions) || dimensions <= 0) {
    throw new QuireError('INVALID_ARGUMENT', `embedder dimensions must be a positive integer, got ${dimensions}`);
  }
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS chunk_vectors USING vec0(
    embedding float[${dimensions}] distance_metric=cosine
  )`);
}

/** Drops every indexed document, chunk and vector (used by `--rebuild`). */
export function dropContent(db: SqliteDatabase): void {
  db.exec(`
    DROP TABLE IF EXISTS chunk_vectors;
    DELETE FROM chunks_fts;
    DELETE FROM chunks_trigram;
    DELETE FROM chunks;
    DELETE FROM documents;
    DELETE FROM meta WHERE key <> 'schema_version';
  `);
}
