import type { SpanLocation, StoredChunk } from '../store/index.js';
import type { FusedItem } from './fusion.js';

/** A passage made of one chunk, or of overlapping/adjacent chunks of one document merged. */
export interface Passage extends SpanLocation {
  /** The best-scoring chunk of the passage. */
  chunk: StoredChunk;
  /** Every chunk merged into the passage, in document order. */
  chunkIds: number[];
  fused: FusedItem;
  text: string;
  /** Heading path where the passage starts. */
  headingPath: string[];
}

/** Merging stops growing a passage past this many characters, so one result stays readable. */
export const MAX_MERGED_LENGTH = 3200;

/**
 * Walks fused chunks best first and builds up to `k` passages. A chunk that overlaps or touches a
 * passage already chosen from the same document is merged into it (chunks overlap by design, and
 * showing the same lines twice wastes result slots); the passage keeps its best score.
 */
export function mergePassages(fused: FusedItem[], chunks: Map<number, StoredChunk>, k: number): Passage[] {
  const passages: Passage[] = [];
  const byDocument = new Map<number, Passage[]>();
  for (const item of fused) {
    // Only chunks ranked before the k-th passage was found take part: a low-ranked chunk must
    // not widen a top passage just because it happens to sit next to it.
    if (passages.length >= k) break;
    const chunk = chunks.get(item.id);
    if (!chunk) continue;
    const siblings = byDocument.get(chunk.documentId) ?? [];
    const target = siblings.find(
      (passage) =>
        chunk.start <= passage.end &&
        chunk.end >= passage.start &&
        Math.max(passage.end, chunk.end) - Math.min(passage.start, chunk.start) <= MAX_MERGED_LENGTH,
    );
    if (target) {
      extend(target, chunk);
      continue;
    }
    const passage: Passage = {
      chunk,
      chunkIds: [chunk.id],
      fused: item,
      start: chunk.start,
      end: chunk.end,
      sourceStart: chunk.sourceStart,
      sourceEnd: chunk.sourceEnd,
      startLine: chunk.startLine,
      endLine: chunk.endLine,
      text: chunk.text,
      headingPath: chunk.headingPath,
    };
    passages.push(passage);
    siblings.push(passage);
    byDocument.set(chunk.documentId, siblings);
  }
  return passages;
}

/** Grows a passage to cover `chunk` too; texts are joined without repeating the overlap. */
function extend(passage: Passage, chunk: StoredChunk): void {
  if (chunk.start < passage.start) {
    passage.headingPath = chunk.headingPath;
    passage.text = chunk.text.slice(0, passage.start - chunk.start) + passage.text;
    passage.start = chunk.start;
  }
  if (chunk.end > passage.end) {
    passage.text += chunk.text.slice(chunk.text.length - (chunk.end - passage.end));
    passage.end = chunk.end;
  }
  passage.sourceStart = Math.min(passage.sourceStart, chunk.sourceStart);
  passage.sourceEnd = Math.max(passage.sourceEnd, chunk.sourceEnd);
  passage.startLine = Math.min(passage.startLine, chunk.startLine);
  passage.endLine = Math.max(passage.endLine, chunk.endLine);
  passage.chunkIds.push(chunk.id);
  passage.chunkIds.sort((a, b) => a - b);
}
