import { QuireError } from '../errors.js';
import type { SqliteDatabase } from './db.js';

/** Index-wide facts recorded in the `meta` table. */
export interface IndexMeta {
  schemaVersion: number;
  embedderId?: string;
  dimensions?: number;
  distance?: string;
  chunkerVersion?: string;
  createdAt?: string;
}

/** Reads the meta table into a typed object. */
export function readMeta(db: SqliteDatabase): IndexMeta {
  const rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
  const map = new Map(rows.map((row) => [row.key, row.value]));
  return {
    schemaVersion: Number(map.get('schema_version') ?? 0),
    embedderId: map.get('embedder_id'),
    dimensions: map.has('dimensions') ? Number(map.get('dimensions')) : undefined,
    distance: map.get('distance'),
    chunkerVersion: map.get('chunker_version'),
    createdAt: map.get('created_at'),
  };
}

/** Writes meta keys (upsert). */
export function writeMeta(db: SqliteDatabase, values: Record<string, string>): void {
  const statement = db.prepare(`INSERT INTO meta (key, value) VALUES (?, ?)
                                ON CONFLICT(key) DO UPDATE SET value = excluded.value`);
  for (const [key, value] of Object.entries(values)) statement.run(key, value);
}

/**
 * Refuses to use an index with an embedder other than the one it was built with: vectors from
 * two embedders live in different spaces, and mixing them silently ruins search.
 */
export function assertSameEmbedder(meta: IndexMeta, embedder: { id: string; dimensions: number }, file: string): void {
  if (meta.embedderId === undefined) return;
  if (meta.embedderId !== embedder.id || meta.dimensions !== embedder.dimensions) {
    throw new QuireError(
      'EMBEDDER_MISMATCH',
      `${file} was built with embedder ${meta.embedderId} (${meta.dimensions} dims), but ${embedder.id} (${embedder.dimensions} dims) is configured`,
      {
        hint: `re-embed everything with \`quire index <paths> --rebuild\`, configure ${meta.embedderId} again, or pass --db to use a separate index`,
      },
    );
  }
}
