import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { QuireError } from '../../src/errors.js';
import { openDatabase } from '../../src/store/db.js';
import { SCHEMA_VERSION, Store, type ChunkInput, type DocumentInput } from '../../src/store/index.js';
import { countRows, rowIds } from '../helpers/db.js';
import { useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-store-');
const IDENTITY = { embedderId: 'test:a', dimensions: 4, chunkerVersion: 'v1' };

/** Runs `fn` and returns what it threw (failing when it does not throw). */
function thrown(fn: () => unknown): QuireError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QuireError);
    return error as QuireError;
  }
  throw new Error('expected an error');
}

function document(key: string): DocumentInput {
  return {
    source: 'file',
    key,
    title: 'T',
    format: 'markdown',
    contentHash: `hash-${key}`,
    size: 10,
    mtimeMs: 1,
    metadata: { tag: 'x' },
    sourceMap: '',
    lineStarts: [0, 5],
    textLength: 10,
    chunkerVersion: 'v1',
  };
}

function chunks(n: number, prefix: string): ChunkInput[] {
  return Array.from({ length: n }, (_, idx) => ({
    idx,
    start: idx * 10,
    end: idx * 10 + 10,
    sourceStart: idx * 10,
    sourceEnd: idx * 10 + 10,
    startLine: idx + 1,
    endLine: idx + 1,
    headingPath: ['H'],
    tokens: 3,
    embedHash: `${prefix}-${idx}`,
    text: `${prefix} chunk ${idx}`,
    vector: Float32Array.from([idx + 1, 0.5, 0.25, 0]),
  }));
}

describe('Store.open', () => {
  it('creates the file with the schema, WAL, a busy timeout and the identity in meta', () => {
    const file = path.join(tmp(), 'nested', 'index.db');
    const store = Store.open(file, { identity: IDENTITY });
    try {
      expect(fs.existsSync(file)).toBe(true);
      const meta = store.meta();
      expect(meta).toMatchObject({ schemaVersion: SCHEMA_VERSION, embedderId: 'test:a', dimensions: 4, distance: 'cosine', chunkerVersion: 'v1' });
      expect(new Date(meta.createdAt!).toISOString()).toBe(meta.createdAt);
      expect(store.db.prepare(`SELECT value FROM meta WHERE key = 'schema_version'`).pluck().get()).toBe(String(SCHEMA_VERSION));
      expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(store.db.pragma('busy_timeout', { simple: true })).toBe(5000);
      const tables = store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).pluck().all();
      expect(tables).toEqual(expect.arrayContaining(['meta', 'documents', 'chunks', 'chunks_fts', 'chunks_trigram', 'chunk_vectors']));
    } finally {
      store.close();
    }
  });

  it('reopens an index with the same embedder without touching its meta', () => {
    const file = path.join(tmp(), 'index.db');
    const first = Store.open(file, { identity: IDENTITY });
    const created = first.meta();
    first.write(() => first.putDocument(document('/a.md'), chunks(2, 'a')));
    first.close();
    const again = Store.open(file, { identity: IDENTITY });
    expect(again.meta()).toEqual(created);
    expect(again.documents.count()).toBe(1);
    again.close();
  });

  it('refuses another embedder id or size, naming both and how to rebuild, and leaves the file alone', () => {
    const file = path.join(tmp(), 'index.db');
    Store.open(file, { identity: IDENTITY }).close();
    const byId = thrown(() => Store.open(file, { identity: { ...IDENTITY, embedderId: 'test:b' } }));
    expect(byId.code).toBe('EMBEDDER_MISMATCH');
    expect(byId.message).toBe(`${file} was built with embedder test:a (4 dims), but test:b (4 dims) is configured`);
    expect(byId.hint).toContain('quire index <paths> --rebuild');
    const byDims = thrown(() => Store.open(file, { identity: { ...IDENTITY, dimensions: 8 } }));
    expect(byDims.code).toBe('EMBEDDER_MISMATCH');
    expect(byDims.message).toContain('test:a (4 dims), but test:a (8 dims)');
    const store = Store.open(file, { identity: IDENTITY });
    expect(store.meta()).toMatchObject({ embedderId: 'test:a', dimensions: 4 });
    store.close();
  });

  it('switches embedders with rebuild, dropping the old content', () => {
    const file = path.join(tmp(), 'index.db');
    const old = Store.open(file, { identity: IDENTITY });
    old.write(() => old.putDocument(document('/a.md'), chunks(3, 'a')));
    old.close();
    const rebuilt = Store.open(file, { identity: { embedderId: 'test:b', dimensions: 6, chunkerVersion: 'v1' }, rebuild: true });
    expect(rebuilt.meta()).toMatchObject({ schemaVersion: SCHEMA_VERSION, embedderId: 'test:b', dimensions: 6 });
    expect(rebuilt.documents.count()).toBe(0);
    const six = chunks(1, 'b').map((c) => ({ ...c, vector: new Float32Array([1, 0, 0, 0, 0, 0]) }));
    rebuilt.write(() => rebuilt.putDocument(document('/b.md'), six));
    rebuilt.close();
    expect(countRows(file)).toEqual({ documents: 1, chunks: 1, fts: 1, trigram: 1, vectors: 1 });
    expect(() => Store.open(file, { identity: IDENTITY }).close()).toThrow(/test:b \(6 dims\), but test:a \(4 dims\)/);
  });

  it('reports a file that is not a database as DB_CORRUPT and does not overwrite it', () => {
    const file = path.join(tmp(), 'index.db');
    const garbage = Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 37 + 11) % 256));
    fs.writeFileSync(file, garbage);
    const error = thrown(() => Store.open(file, { identity: IDENTITY }));
    expect(error.code).toBe('DB_CORRUPT');
    expect(error.message).toContain(`${file} is not a valid quire index`);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('fails with NOT_FOUND for mustExist on a missing file, creating nothing', () => {
    const dir = tmp();
    const file = path.join(dir, 'sub', 'index.db');
    const error = thrown(() => Store.open(file, { identity: IDENTITY, mustExist: true }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe(`no index at ${file}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('refuses an index written by a newer schema', () => {
    const file = path.join(tmp(), 'index.db');
    const store = Store.open(file, { identity: IDENTITY });
    store.db.prepare(`UPDATE meta SET value = '99' WHERE key = 'schema_version'`).run();
    store.close();
    expect(thrown(() => Store.open(file, { identity: IDENTITY })).code).toBe('DB_SCHEMA_TOO_NEW');
  });
});

describe('locked databases', () => {
  it('turns a write blocked by another connection into DB_LOCKED', () => {
    const file = path.join(tmp(), 'index.db');
    const store = Store.open(file, { identity: IDENTITY });
    const other = new Database(file);
    try {
      other.exec('BEGIN EXCLUSIVE');
      store.db.pragma('busy_timeout = 50');
      const error = thrown(() => store.write(() => store.putDocument(document('/a.md'), chunks(1, 'a'))));
      expect(error.code).toBe('DB_LOCKED');
      expect(error.message).toBe(`${file} is locked by another process`);
      other.exec('ROLLBACK');
      store.write(() => store.putDocument(document('/a.md'), chunks(1, 'a')));
      expect(store.documents.count()).toBe(1);
    } finally {
      other.close();
      store.close();
    }
  });

  it('turns a database another process holds exclusively into DB_LOCKED on open', () => {
    const file = path.join(tmp(), 'plain.db');
    const other = new Database(file); // rollback journal: an exclusive lock blocks readers too
    try {
      other.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1);');
      const error = thrown(() => openDatabase(file, { busyTimeoutMs: 50 }));
      expect(error.code).toBe('DB_LOCKED');
    } finally {
      other.close();
    }
  });
});

describe('putDocument / deleteDocument', () => {
  it('keep chunks, both FTS tables and vectors in step', () => {
    const file = path.join(tmp(), 'index.db');
    const store = Store.open(file, { identity: IDENTITY });
    try {
      const a = store.write(() => store.putDocument(document('/a.md'), chunks(3, 'a')));
      const b = store.write(() => store.putDocument(document('/b.md'), chunks(2, 'b')));
      expect(countRows(file)).toEqual({ documents: 2, chunks: 5, fts: 5, trigram: 5, vectors: 5 });

      const again = store.write(() => store.putDocument({ ...document('/a.md'), contentHash: 'new' }, chunks(1, 'a2')));
      expect(again).toBe(a); // ids are stable across updates
      expect(countRows(file)).toEqual({ documents: 2, chunks: 3, fts: 3, trigram: 3, vectors: 3 });
      expect(store.chunks.forDocument(a).map((c) => c.text)).toEqual(['a2 chunk 0']);

      store.write(() => store.deleteDocument(store.documents.byId(b)!));
      expect(countRows(file)).toEqual({ documents: 1, chunks: 1, fts: 1, trigram: 1, vectors: 1 });
      const ids = rowIds(file);
      expect([ids.fts, ids.trigram, ids.vectors]).toEqual([ids.chunks, ids.chunks, ids.chunks]);
      // Search indexes only hold the live rows.
      expect(store.db.prepare(`SELECT rowid FROM chunks_fts WHERE chunks_fts MATCH '"chunk"'`).pluck().all()).toEqual(ids.chunks);
      expect(store.db.prepare(`SELECT rowid FROM chunks_trigram WHERE chunks_trigram MATCH '"a2 chunk"'`).pluck().all()).toEqual(ids.chunks);
    } finally {
      store.close();
    }
  });

  it('finds a stored vector by embedding hash, exactly', () => {
    const store = Store.open(path.join(tmp(), 'index.db'), { identity: IDENTITY });
    store.write(() => store.putDocument(document('/a.md'), chunks(2, 'a')));
    expect(Array.from(store.chunks.vectorForHash('a-1')!)).toEqual([2, 0.5, 0.25, 0]);
    expect(store.chunks.vectorForHash('nope')).toBeUndefined();
    store.close();
  });

  it('rolls a failed write transaction back completely', () => {
    const file = path.join(tmp(), 'index.db');
    const store = Store.open(file, { identity: IDENTITY });
    store.write(() => store.putDocument(document('/a.md'), chunks(2, 'a')));
    expect(() =>
      store.write(() => {
        store.putDocument(document('/b.md'), chunks(2, 'b'));
        store.putDocument(document('/c.md'), [{ ...chunks(1, 'c')[0], vector: new Float32Array(3) }]); // wrong size
      }),
    ).toThrow();
    store.close();
    expect(countRows(file)).toEqual({ documents: 1, chunks: 2, fts: 2, trigram: 2, vectors: 2 });
  });
});
