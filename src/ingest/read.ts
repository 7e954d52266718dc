import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { throwIfAborted } from '../errors.js';
import { decodeUtf8Strict, detectFormat, isProbablyBinary, looksMinified } from './detect.js';
import { parseText } from './parse/index.js';
import type { DocumentFormat, ParsedDocument } from './types.js';
import type { SkipReason } from './walk.js';

export { parseText };

/** Options for {@link readDocument}. */
export interface ReadOptions {
  /** Format to parse as; detected from the file name when omitted. */
  format?: DocumentFormat;
  /** Files that grew past this size since they were walked are skipped as 'too-large'. */
  maxFileBytes?: number;
  signal?: AbortSignal;
}

/** A file read and parsed successfully. */
export interface ReadOk {
  kind: 'ok';
  parsed: ParsedDocument;
  /** The decoded file text (BOM removed) that source maps and line numbers refer to. */
  originalText: string;
  /** sha256 (hex) of the raw bytes. */
  contentHash: string;
}

/** A file quire does not index, and why. */
export interface ReadSkip {
  kind: 'skip';
  reason: SkipReason;
  detail?: string;
}

/**
 * Reads, decodes and parses one file. Never throws for problems with the file itself (they
 * come back as skips); throws ABORTED when the signal fires.
 */
export async function readDocument(absPath: string, options: ReadOptions = {}): Promise<ReadOk | ReadSkip> {
  throwIfAborted(options.signal);
  const format = options.format ?? detectFormat(absPath);
  if (format === null) return { kind: 'skip', reason: 'unsupported' };
  let bytes: Buffer;
  try {
    bytes = await readFile(absPath, options.signal === undefined ? {} : { signal: options.signal });
  } catch (error) {
    throwIfAborted(options.signal);
    return skipForError(error);
  }
  if (options.maxFileBytes !== undefined && bytes.length > options.maxFileBytes) {
    return { kind: 'skip', reason: 'too-large', detail: `${bytes.length} bytes > ${options.maxFileBytes}` };
  }
  if (isProbablyBinary(bytes)) return { kind: 'skip', reason: 'binary' };
  const originalText = decodeUtf8Strict(bytes);
  if (originalText === null) return { kind: 'skip', reason: 'invalid-utf8' };
  if (originalText.trim() === '') return { kind: 'skip', reason: 'empty' };
  if ((format === 'code' || format === 'text') && looksMinified(originalText)) {
    return { kind: 'skip', reason: 'generated', detail: 'minified or machine-generated (very long lines)' };
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  let parsed: ParsedDocument;
  try {
    parsed = parseText(originalText, format, absPath);
  } catch (error) {
    return { kind: 'skip', reason: 'parse-error', detail: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.text.trim() === '') return { kind: 'skip', reason: 'empty', detail: 'no text after extraction' };
  return { kind: 'ok', parsed, originalText, contentHash };
}

/** Maps a filesystem error to a skip reason. */
export function skipForError(error: unknown): ReadSkip {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'skip', reason: 'vanished', detail };
  if (code === 'ELOOP') return { kind: 'skip', reason: 'symlink-loop', detail };
  return { kind: 'skip', reason: 'unreadable', detail };
}
