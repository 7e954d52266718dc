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
  /**
   * The decoded file text that source maps and line numbers refer to, exactly as
   * `readFileSync(path, 'utf8')` gives it (a leading BOM is kept as U+FEFF).
   */
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
  // The parsers see the text without its BOM; offsets are then shifted to index the text
  // with it, as everyone else reads the file.
  const body = decodeUtf8Strict(bytes);
  if (body === null) return { kind: 'skip', reason: 'invalid-utf8' };
  if (body.trim() === '') return { kind: 'skip', reason: 'empty' };
  if ((format === 'code' || format === 'text') && looksMinified(body)) {
    return { kind: 'skip', reason: 'generated', detail: 'minified or machine-generated (very long lines)' };
  }
  const contentHash = createHash('sha256').update(bytes).digest('hex');
  let parsed: ParsedDocument;
  try {
    parsed = parseText(body, format, absPath);
  } catch (error) {
    return { kind: 'skip', reason: 'parse-error', detail: error instanceof Error ? error.message : String(error) };
  }
  if (parsed.text.trim() === '') return { kind: 'skip', reason: 'empty', detail: 'no text after extraction' };
  if (!hasBom(bytes)) return { kind: 'ok', parsed, originalText: body, contentHash };
  const sourceMap = { runs: parsed.sourceMap.runs.map((run) => ({ ...run, origStart: run.origStart + 1 })) };
  return { kind: 'ok', parsed: { ...parsed, sourceMap }, originalText: BOM + body, contentHash };
}

const BOM = '\uFEFF';

/** True when the bytes start with the UTF-8 byte order mark (EF BB BF). */
function hasBom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/** Maps a filesystem error to a skip reason. */
export function skipForError(error: unknown): ReadSkip {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'skip', reason: 'vanished', detail };
  if (code === 'ELOOP') return { kind: 'skip', reason: 'symlink-loop', detail };
  return { kind: 'skip', reason: 'unreadable', detail };
}
