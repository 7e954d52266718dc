import { createHash } from 'node:crypto';
import { chunkDocument } from '../ingest/chunk.js';
import { encodeSourceMap, lineOfOffset, lineStarts, toOriginalRange } from '../ingest/sourcemap.js';
import type { ChunkOptions, ParsedDocument } from '../ingest/types.js';
import type { ChunkFields, DocumentInput, DocumentSource } from '../store/index.js';

/** A chunk ready to be embedded and written, minus its vector. */
export interface PreparedChunk extends ChunkFields {
  /** Exactly what the embedder sees (title and heading path give a chunk its context). */
  embedInput: string;
  embedHash: string;
}

/** A document ready to be written: its row and its chunks. */
export interface PreparedDocument {
  document: DocumentInput;
  chunks: PreparedChunk[];
  /** True when an older version of the document is being replaced. */
  replacing: boolean;
  label: string;
}

/** Identifies a document for {@link prepareDocument}. */
export interface DocumentIdentity {
  source: DocumentSource;
  key: string;
  contentHash: string;
  size: number;
  mtimeMs: number;
  chunkerVersion: string;
}

/** The text handed to the embedder for a chunk. */
export function embedInputFor(title: string | undefined, headingPath: string[], text: string): string {
  const context = [title, headingPath.join(' > ')].filter((part) => part && part.length > 0).join('\n');
  return context ? `${context}\n\n${text}` : text;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Chunks a parsed document and maps every chunk back to the original file: UTF-16 offsets and
 * 1-based inclusive line numbers.
 */
export function prepareDocument(
  identity: DocumentIdentity,
  parsed: ParsedDocument,
  originalText: string,
  chunkOptions: ChunkOptions,
): Omit<PreparedDocument, 'replacing' | 'label'> {
  const starts = lineStarts(originalText);
  const spans = chunkDocument(parsed, chunkOptions);
  const chunks = spans.map((span): PreparedChunk => {
    const text = parsed.text.slice(span.start, span.end);
    // Map the chunk's content without its leading/trailing whitespace: separators that parsers
    // insert (HTML block breaks) have no original text, and blank lines should not widen the
    // reported line range.
    const { start: contentStart, end: contentEnd } = trimmedSpan(text, span.start);
    const { start: sourceStart, end: sourceEnd } = toOriginalRange(parsed.sourceMap, contentStart, contentEnd);
    const embedInput = embedInputFor(parsed.title, span.headingPath, text);
    return {
      idx: span.index,
      start: span.start,
      end: span.end,
      sourceStart,
      sourceEnd,
      startLine: lineOfOffset(starts, sourceStart),
      endLine: lineOfOffset(starts, Math.max(sourceStart, sourceEnd - 1)),
      headingPath: span.headingPath,
      tokens: span.tokens,
      text,
      embedInput,
      embedHash: sha256(embedInput),
    };
  });
  return {
    document: {
      source: identity.source,
      key: identity.key,
      title: parsed.title ?? null,
      format: parsed.format,
      contentHash: identity.contentHash,
      size: identity.size,
      mtimeMs: identity.mtimeMs,
      metadata: parsed.metadata,
      sourceMap: encodeSourceMap(parsed.sourceMap),
      lineStarts: starts,
      textLength: parsed.text.length,
      chunkerVersion: identity.chunkerVersion,
    },
    chunks,
  };
}

/** The span of `text` (which starts at `offset`) without leading and trailing whitespace. */
export function trimmedSpan(text: string, offset: number): { start: number; end: number } {
  const leading = text.length - text.trimStart().length;
  const trailing = text.length - text.trimEnd().length;
  if (leading === text.length) return { start: offset, end: offset + text.length };
  return { start: offset + leading, end: offset + text.length - trailing };
}
