import fs from 'node:fs';
import { QuireError } from '../errors.js';
import { ChunkTable, type PendingSearchRow } from './chunks.js';
import { openDatabase, translateSqliteError, type SqliteDatabase } from './db.js';
import { DocumentTable } from './documents.js';
import { assertSameEmbedder, readMeta, writeMeta, type IndexMeta } from './meta.js';
import { dropContent, ensureVectorTable, migrate } from './schema.js';
import type { ChunkInput, DocumentInput, StoredDocument } from './types.js';

/** What the store needs to know about the embedder and chunker it serves. */
export interface StoreIdentity {
  embedderId: string;
  dimensions: number;
  chunkerVersion: string;
}

/** Options for {@link Store.open}. */
export interface StoreOpenOptions {
  identity: StoreIdentity;
  /** Drop all content and re-record the identity (re-embedding with another embedder). */
  rebuild?: boolean;
  /** Fail instead of creating a missing file. */
  mustExist?: boolean;
}

/** The SQLite file: documents, chunks, full-text and vectors, kept consistent by transactions. */
export class Store {
  readonly documents: DocumentTable;
  readonly chunks: ChunkTable;

  private constructor(
    readonly db: SqliteDatabase,
    readonly file: string,
  ) {
    this.documents = new DocumentTable(db);
    this.chunks = new ChunkTable(db);
  }

  /** Opens or creates the index file and checks that it was built with the same embedder. */
  static open(file: string, options: StoreOpenOptions): Store {
    if (options.mustExist && file !== ':memory:' && !fs.existsSync(file)) {
      throw new QuireError('NOT_FOUND', `no index at ${file}`, {
        hint: 'run `quire index <folder>` first, or pass --db to point at an existing index',
      });
    }
    const db = openDatabase(file);
    try {
      migrate(db); // a no-op when the schema is current
      const { identity } = options;
      const current = readMeta(db);
      if (!options.rebuild) assertSameEmbedder(current, { id: identity.embedderId, dimensions: identity.dimensions }, file);
      // Only take the write lock when something must change, so readers never queue behind a writer.
      const upToDate = !options.rebuild && current.embedderId !== undefined && current.chunkerVersion === identity.chunkerVersion;
      if (!upToDate) {
        db.transaction(() => {
          if (options.rebuild) dropContent(db);
          const meta = readMeta(db);
          assertSameEmbedder(meta, { id: identity.embedderId, dimensions: identity.dimensions }, file);
          ensureVectorTable(db, identity.dimensions);
          if (meta.embedderId === undefined) {
            writeMeta(db, {
              embedder_id: identity.embedderId,
              dimensions: String(identity.dimensions),
              distance: 'cosine',
              created_at: new Date().toISOString(),
            });
          }
          writeMeta(db, { chunker_version: identity.chunkerVersion });
        }).immediate();
      }
    } catch (error) {
      db.close();
      throw translateSqliteError(error, file);
    }
    return new Store(db, file);
  }

  meta(): IndexMeta {
    return readMeta(this.db);
  }

  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE, so writers queue instead of failing late). */
  write<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw translateSqliteError(error, this.file, 'write');
    }
  }

  /** Replaces documents and all their chunks. Call inside {@link write}. */
  putDocuments(items: { document: DocumentInput; chunks: ChunkInput[] }[]): number[] {
    const pending: PendingSearchRow[] = [];
    // The same document twice in one batch would delete rows still pending: keep the last one.
    const last = new Map(items.map((item) => [`${item.document.source}\0${item.document.key}`, item]));
    const ids = [...last.values()].map(({ document, chunks }) => {
      const existing = this.documents.byKey(document.source, document.key);
      if (existing) this.chunks.deleteForDocument(existing.id);
      const id = this.documents.upsert(document);
      pending.push(...this.chunks.insertRows(id, document.title, chunks));
      return id;
    });
    this.chunks.insertSearchRows(pending);
    return ids;
  }

  /** Replaces one document and all its chunks. Call inside {@link write}. */
  putDocument(document: DocumentInput, chunks: ChunkInput[]): number {
    return this.putDocuments([{ document, chunks }])[0];
  }

  /** Deletes a document with its chunks, full-text rows and vectors. Call inside {@link write}. */
  deleteDocument(document: StoredDocument): void {
    this.chunks.deleteForDocument(document.id);
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(document.id);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
