import picomatch from 'picomatch';
import path from 'node:path';
import { QuireError } from '../errors.js';
import type { SqliteDatabase } from '../store/index.js';

/** Restricts a search to some documents. All given conditions must hold. */
export interface SearchFilter {
  /** Glob(s) matched against the document path relative to `pathBase` (and against the absolute path). */
  path?: string | string[];
  /** Exact values of document metadata (front matter or record metadata), e.g. `{ tag: 'api' }`. */
  metadata?: Record<string, string | number | boolean>;
}

/**
 * Resolves a filter to the set of matching document ids, or null when nothing is filtered.
 * Filters are resolved before ranking, so filtered searches rank only eligible chunks and never
 * return fewer results than exist.
 */
export function resolveFilter(db: SqliteDatabase, filter: SearchFilter | undefined, pathBase: string): number[] | null {
  if (!filter) return null;
  const globs = filter.path === undefined ? [] : Array.isArray(filter.path) ? filter.path : [filter.path];
  const metadata = Object.entries(filter.metadata ?? {});
  if (globs.length === 0 && metadata.length === 0) return null;
  for (const glob of globs) {
    if (typeof glob !== 'string' || glob.trim() === '') throw new QuireError('INVALID_ARGUMENT', 'path filter must be a non-empty glob');
  }
  // `basename`: a glob without a slash (`*.md`) matches file names at any depth, as in .gitignore.
  const matchers = globs.map((glob) => picomatch(glob, { dot: true, basename: !glob.includes('/') }));
  const rows = db.prepare('SELECT id, source, key, metadata FROM documents').all() as {
    id: number;
    source: string;
    key: string;
    metadata: string;
  }[];
  const ids: number[] = [];
  for (const row of rows) {
    if (matchers.length > 0) {
      const candidates = row.source === 'file' ? [toPosix(path.relative(pathBase, row.key)), toPosix(row.key)] : [row.key];
      if (!matchers.some((match) => candidates.some((candidate) => match(candidate)))) continue;
    }
    if (metadata.length > 0) {
      const values = JSON.parse(row.metadata) as Record<string, unknown>;
      if (!metadata.every(([key, expected]) => metadataMatches(values[key], expected))) continue;
    }
    ids.push(row.id);
  }
  return ids;
}

/** A metadata value matches when equal, or when it is an array containing the value (tags). */
function metadataMatches(actual: unknown, expected: string | number | boolean): boolean {
  if (Array.isArray(actual)) return actual.some((item) => metadataMatches(item, expected));
  if (actual === expected) return true;
  return actual !== undefined && actual !== null && String(actual) === String(expected);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
