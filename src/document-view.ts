import path from 'node:path';
import type { Store, StoredChunk, StoredDocument } from './store/index.js';
import { displayPath } from './paths.js';

/** A chunk of a document as `get()` shows it. */
export interface ChunkView {
  chunkId: number;
  index: number;
  startLine: number;
  endLine: number;
  sourceStart: number;
  sourceEnd: number;
  headingPath: string[];
  tokens: number;
  text: string;
}

/** An indexed document with its extracted text and chunks. */
export interface DocumentView {
  documentId: number;
  source: 'file' | 'record';
  path: string;
  absolutePath: string | null;
  title: string | null;
  format: string;
  metadata: Record<string, unknown>;
  contentHash: string;
  indexedAt: string;
  /** The extracted text, rebuilt from the chunks (which cover it without gaps). */
  text: string;
  chunks: ChunkView[];
}

/**
 * Finds a document by numeric id, record id, or file path (relative to `pathBase` or absolute)
 * and rebuilds its text from its chunks.
 */
export function getDocument(store: Store, pathOrId: string | number, pathBase: string): DocumentView | undefined {
  const document = findDocument(store, pathOrId, pathBase);
  if (!document) return undefined;
  const chunks = store.chunks.forDocument(document.id);
  return {
    documentId: document.id,
    source: document.source,
    path: document.source === 'file' ? displayPath(document.key, pathBase) : document.key,
    absolutePath: document.source === 'file' ? document.key : null,
    title: document.title,
    format: document.format,
    metadata: document.metadata,
    contentHash: document.contentHash,
    indexedAt: document.indexedAt,
    text: joinChunks(chunks),
    chunks: chunks.map((chunk) => ({
      chunkId: chunk.id,
      index: chunk.idx,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      sourceStart: chunk.sourceStart,
      sourceEnd: chunk.sourceEnd,
      headingPath: chunk.headingPath,
      tokens: chunk.tokens,
      text: chunk.text,
    })),
  };
}

function findDocument(store: Store, pathOrId: string | number, pathBase: string): StoredDocument | undefined {
  if (typeof pathOrId === 'number') return store.documents.byId(pathOrId);
  return store.documents.byKey('record', pathOrId) ?? store.documents.byKey('file', path.resolve(pathBase, pathOrId));
}

/** Concatenates chunks in order, skipping the overlap each chunk repeats from the previous one. */
export function joinChunks(chunks: Pick<StoredChunk, 'start' | 'end' | 'text'>[]): string {
  let text = '';
  let end = 0;
  for (const chunk of chunks) {
    if (chunk.end <= end) continue;
    text += chunk.text.slice(Math.max(0, end - chunk.start));
    end = chunk.end;
  }
  return text;
}
