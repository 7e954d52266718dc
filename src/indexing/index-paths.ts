import fs from 'node:fs';
import path from 'node:path';
import { throwIfAborted } from '../errors.js';
import { displayPath } from '../paths.js';
import type { Embedder } from '../embed/types.js';
import { readDocument } from '../ingest/read.js';
import type { ChunkOptions } from '../ingest/types.js';
import { walkFiles } from '../ingest/walk.js';
import type { Store, StoredDocument } from '../store/index.js';
import { prepareDocument } from './prepare.js';
import { countSkip, emptySummary, type IndexRunOptions, type IndexSummary, type SkipReason } from './types.js';
import { BatchWriter } from './writer.js';

/** Settings an indexing run needs. */
export interface IndexingContext {
  store: Store;
  embedder: Embedder;
  chunkOptions: ChunkOptions;
  chunkerVersion: string;
  maxFileBytes: number;
  /** Paths in warnings are shown relative to this folder. */
  pathBase: string;
}

interface FoundFile {
  absPath: string;
  size: number;
  mtimeMs: number;
}

/** Skips that mean "this file is not indexable any more": its old version is removed. */
const REMOVES_OLD_VERSION: ReadonlySet<SkipReason> = new Set([
  'too-large',
  'binary',
  'invalid-utf8',
  'empty',
  'unsupported',
  'vanished',
  'generated',
]);

/**
 * Indexes files and folders incrementally: unchanged files (same size and mtime, or same content
 * hash) are not re-read or re-embedded; changed files are re-chunked and only new chunk texts are
 * embedded; files gone from a walked folder are removed. Removal happens only after a complete
 * walk, so an interrupted or failed run never deletes anything.
 */
export async function indexPaths(context: IndexingContext, roots: string[], options: IndexRunOptions = {}): Promise<IndexSummary> {
  const started = performance.now();
  const summary = emptySummary();
  const { signal } = options;
  const absoluteRoots = normalizeRoots(roots);
  const warn = (message: string) => options.onWarning?.(message);
  const show = (absPath: string) => displayPath(absPath, context.pathBase);

  // Pass 1: walk (stat only), so progress can show a total and an ETA.
  const files: FoundFile[] = [];
  const seen = new Set<string>();
  // Folders that could not be walked this time: what was indexed under them is kept.
  const keptPrefixes: string[] = [];
  const report = (phase: 'scanning' | 'indexing' | 'removing' | 'done', filesDone: number, current?: string) =>
    options.onProgress?.({
      phase,
      filesTotal: files.length,
      filesDone,
      chunksWritten,
      chunksEmbedded: summary.chunksEmbedded,
      current,
    });
  let chunksWritten = 0;
  for await (const event of walkFiles(absoluteRoots, { maxFileBytes: context.maxFileBytes, signal })) {
    if (event.type === 'file') {
      if (seen.has(event.absPath)) continue; // reached twice (a root named twice, or via a link)
      files.push({ absPath: event.absPath, size: event.size, mtimeMs: event.mtimeMs });
      seen.add(event.absPath);
      if (files.length % 500 === 0) report('scanning', 0);
      continue;
    }
    if (!REMOVES_OLD_VERSION.has(event.reason)) {
      seen.add(event.absPath);
      keptPrefixes.push(event.absPath + path.sep);
    }
    countSkip(summary, event.reason);
    if (event.reason !== 'unsupported') warn(`skipped ${show(event.absPath)}: ${event.reason}${event.detail ? ` (${event.detail})` : ''}`);
  }

  // Pass 2: read, chunk, embed and write what changed.
  let filesDone = 0;
  const writer = new BatchWriter(context.store, context.embedder, summary, signal, (_documents, chunks) => {
    chunksWritten += chunks;
  });
  for (const file of files) {
    throwIfAborted(signal);
    report('indexing', filesDone, show(file.absPath));
    const existing = context.store.documents.byKey('file', file.absPath);
    if (existing && isCurrent(existing, file, context.chunkerVersion)) {
      summary.unchanged++;
    } else {
      const result = await readDocument(file.absPath, { maxFileBytes: context.maxFileBytes, signal });
      if (result.kind === 'skip') {
        countSkip(summary, result.reason);
        // A file that is no longer indexable loses its old version; one that is only
        // unreadable right now keeps it.
        if (REMOVES_OLD_VERSION.has(result.reason)) seen.delete(file.absPath);
        warn(`skipped ${show(file.absPath)}: ${result.reason}${result.detail ? ` (${result.detail})` : ''}`);
      } else if (existing && existing.contentHash === result.contentHash && existing.chunkerVersion === context.chunkerVersion) {
        context.store.write(() => context.store.documents.touch(existing.id, file.size, file.mtimeMs));
        summary.unchanged++;
      } else {
        for (const warning of result.parsed.warnings) {
          summary.warnings++;
          warn(`${show(file.absPath)}: ${warning}`);
        }
        const prepared = prepareDocument(
          { source: 'file', key: file.absPath, contentHash: result.contentHash, size: file.size, mtimeMs: file.mtimeMs, chunkerVersion: context.chunkerVersion },
          result.parsed,
          result.originalText,
          context.chunkOptions,
        );
        await writer.add({ ...prepared, replacing: existing !== undefined, label: show(file.absPath) });
      }
    }
    filesDone++;
  }
  await writer.flush();

  // Pass 3: the walk completed, so documents under the roots that were not seen are gone.
  report('removing', filesDone);
  const gone = documentsUnder(context.store, absoluteRoots).filter(
    (document) => !seen.has(document.key) && !keptPrefixes.some((prefix) => document.key.startsWith(prefix)),
  );
  if (gone.length > 0) {
    context.store.write(() => {
      for (const document of gone) context.store.deleteDocument(document);
    });
  }
  summary.removed = gone.length;
  summary.seconds = round((performance.now() - started) / 1000);
  report('done', filesDone);
  return summary;
}

/** Absolute roots without repeats, and without roots inside another root folder (walked anyway). */
function normalizeRoots(roots: string[]): string[] {
  const unique = [...new Set(roots.map((root) => path.resolve(root)))];
  const folders = unique.filter(isDirectory);
  return unique.filter((root) => !folders.some((folder) => folder !== root && root.startsWith(folder + path.sep)));
}

function isCurrent(existing: StoredDocument, file: FoundFile, chunkerVersion: string): boolean {
  return existing.size === file.size && existing.mtimeMs === file.mtimeMs && existing.chunkerVersion === chunkerVersion;
}

/** File documents inside any of the roots (a root may be a folder or a single file). */
function documentsUnder(store: Store, roots: string[]): StoredDocument[] {
  const prefixes = roots.map((root) => (isDirectory(root) ? root.endsWith(path.sep) ? root : root + path.sep : null));
  return store.documents
    .all()
    .filter((document) => document.source === 'file')
    .filter((document) => roots.some((root, i) => document.key === root || (prefixes[i] !== null && document.key.startsWith(prefixes[i]!))));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function round(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
