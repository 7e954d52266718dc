import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as sqliteVec from 'sqlite-vec';
import { QuireError } from '../errors.js';

/** A better-sqlite3 connection with sqlite-vec loaded. */
export type SqliteDatabase = Database.Database;

/** Options for {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** Open without creating or writing (used by read-only commands on a missing file). */
  readonly?: boolean;
  /** Milliseconds to wait for another writer before failing with DB_LOCKED. */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when needed) the SQLite file with WAL, a busy timeout and sqlite-vec.
 * Low-level SQLite failures become QuireErrors with codes the CLI can explain.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): SqliteDatabase {
  if (options.readonly && file !== ':memory:' && !fs.existsSync(file)) {
    throw new QuireError('NOT_FOUND', `no index at ${file}`, {
      hint: 'run `quire index <folder>` first, or pass --db to point at an existing index',
    });
  }
  if (!options.readonly && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: SqliteDatabase;
  try {
    db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  } catch (error) {
    throw translateSqliteError(error, file);
  }
  try {
    sqliteVec.load(db);
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    // Memory-mapped reads make vector scans ~35% faster (shared/notes/sqlite-stack.md); pages are
    // mapped, not copied, so this costs address space, not RAM.
    db.pragma('mmap_size = 2147418112');
    // Touch the schema so a non-database file fails here, not on first query.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    db.close();
    throw translateSqliteError(error, file);
  }
  return db;
}

/** Maps better-sqlite3 errors to QuireErrors (corrupt file, locked database, I/O). */
export function translateSqliteError(error: unknown, file: string, operation: 'open' | 'write' = 'open'): QuireError {
  if (error instanceof QuireError) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT' || /not a database|malformed/i.test(message)) {
    return new QuireError('DB_CORRUPT', `${file} is not a valid quire index (${message})`, {
      hint: 'move the file away and re-run `quire index`, or pass --db to use another file',
      cause: error,
    });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new QuireError('DB_LOCKED', `${file} is locked by another process`, {
      hint: 'wait for the other quire process to finish and try again',
      cause: error,
    });
  }
  if (operation === 'write') return new QuireError('DB_WRITE_FAILED', `cannot write to ${file}: ${message}`, { cause: error });
  return new QuireError('DB_OPEN_FAILED', `cannot open ${file}: ${message}`, { cause: error });
}
