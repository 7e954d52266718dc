export { Store, type StoreIdentity, type StoreOpenOptions } from './store.js';
export { openDatabase, type SqliteDatabase } from './db.js';
export { SCHEMA_VERSION } from './schema.js';
export type { IndexMeta } from './meta.js';
export type { ChunkFields, ChunkInput, DocumentFields, DocumentInput, DocumentSource, SpanLocation, StoredChunk, StoredDocument } from './types.js';
