/** Formats quire can extract text from. */
export type DocumentFormat = 'markdown' | 'text' | 'html' | 'rst' | 'asciidoc' | 'code';

/**
 * Maps offsets in a document's extracted text back to offsets in the original file text
 * (both UTF-16 code unit indices, as JS strings index them).
 *
 * `runs` is sorted by `extStart` and tiles the extracted text exactly: run i covers
 * extracted `[extStart, extStart + extLength)`, and the next run starts where it ends.
 * When `extLength === origLength` the run maps linearly (character k ↦ origStart + k).
 * Otherwise the run is atomic (a decoded entity such as `&amp;` → `&`, or a synthetic
 * separator with `origLength` 0): a start offset inside it maps to `origStart`, an end
 * offset inside it maps to `origStart + origLength`.
 */
export interface SourceMap {
  runs: SourceRun[];
}

/** One run of a {@link SourceMap}. */
export interface SourceRun {
  extStart: number;
  extLength: number;
  origStart: number;
  origLength: number;
}

/** A heading found in the extracted text. Offsets index the extracted text. */
export interface Heading {
  /** 1 = top level. */
  level: number;
  /** Heading text without markup (`Install on Linux`). */
  title: string;
  /** Start of the heading line (or element) in the extracted text. */
  start: number;
  /** End of the heading line (exclusive). */
  end: number;
}

/** A span the chunker should avoid splitting (a fenced code block, a table). */
export interface AtomicBlock {
  kind: 'code' | 'table';
  start: number;
  end: number;
}

/** The result of parsing one file (or record): text to index plus its structure. */
export interface ParsedDocument {
  format: DocumentFormat;
  /** Extracted text: what is chunked, indexed and cited. */
  text: string;
  /** Title from front matter, `<title>`, or the first top-level heading, when there is one. */
  title?: string;
  /** Front matter and other document metadata (JSON-serialisable). */
  metadata: Record<string, unknown>;
  /** Map from `text` offsets to offsets in the original file text. */
  sourceMap: SourceMap;
  /** Headings in document order. */
  headings: Heading[];
  /** Code blocks and tables in document order. */
  blocks: AtomicBlock[];
  /** Non-fatal problems (for example malformed front matter), one line each. */
  warnings: string[];
}

/** One chunk: a slice `[start, end)` of a document's extracted text. */
export interface ChunkSpan {
  /** 0-based position of the chunk in its document. */
  index: number;
  start: number;
  end: number;
  /** Enclosing headings at the chunk start, outermost first (`['Install', 'Linux']`). */
  headingPath: string[];
  /** Estimated token count of the chunk text. */
  tokens: number;
}

/** Chunker settings, in estimated tokens. */
export interface ChunkOptions {
  /** Target maximum chunk size. */
  maxTokens: number;
  /** Tokens of context repeated from the end of the previous chunk. */
  overlapTokens: number;
}
