import { QuireError, throwIfAborted } from '../errors.js';
import type { Embedder } from '../embed/types.js';
import type { ChunkInput, Store } from '../store/index.js';
import type { PreparedDocument } from './prepare.js';
import type { IndexSummary } from './types.js';

/** Flush a batch once it holds this many chunks: bounds memory and keeps transactions short. */
export const BATCH_CHUNKS = 512;
/** …or this many documents. */
export const BATCH_DOCUMENTS = 200;

/**
 * Collects prepared documents and writes them in batches: vectors are reused for any chunk
 * text already embedded in the index (content hash), the rest is embedded, then each batch is
 * written in one transaction. A failure leaves earlier batches committed and this batch unwritten,
 * so the index is always consistent and the next run picks up where this one stopped.
 */
export class BatchWriter {
  private pending: PreparedDocument[] = [];
  private pendingChunks = 0;

  constructor(
    private readonly store: Store,
    private readonly embedder: Embedder,
    private readonly summary: IndexSummary,
    private readonly signal: AbortSignal | undefined,
    private readonly onWritten: (documents: number, chunks: number) => void,
  ) {}

  async add(document: PreparedDocument): Promise<void> {
    this.pending.push(document);
    this.pendingChunks += document.chunks.length;
    if (this.pendingChunks >= BATCH_CHUNKS || this.pending.length >= BATCH_DOCUMENTS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingChunks = 0;
    const vectors = await this.vectorsFor(batch);
    throwIfAborted(this.signal);
    let chunkCount = 0;
    const items = batch.map((prepared) => ({
      document: prepared.document,
      chunks: prepared.chunks.map((chunk): ChunkInput => ({ ...chunk, vector: vectors.get(chunk.embedHash)! })),
    }));
    this.store.write(() => this.store.putDocuments(items));
    for (const prepared of batch) {
      chunkCount += prepared.chunks.length;
      if (prepared.replacing) this.summary.updated++;
      else this.summary.added++;
    }
    this.onWritten(batch.length, chunkCount);
  }

  /** Vectors for every chunk of the batch, embedding only texts the index has never seen. */
  private async vectorsFor(batch: PreparedDocument[]): Promise<Map<string, Float32Array>> {
    const vectors = new Map<string, Float32Array>();
    const missing = new Map<string, string>();
    for (const prepared of batch) {
      for (const chunk of prepared.chunks) {
        if (vectors.has(chunk.embedHash) || missing.has(chunk.embedHash)) continue;
        const stored = this.store.chunks.vectorForHash(chunk.embedHash);
        if (stored) vectors.set(chunk.embedHash, stored);
        else missing.set(chunk.embedHash, chunk.embedInput);
      }
    }
    const entries = [...missing.entries()];
    const size = Math.max(1, this.embedder.maxBatchSize);
    for (let offset = 0; offset < entries.length; offset += size) {
      throwIfAborted(this.signal);
      const slice = entries.slice(offset, offset + size);
      const embedded = await this.embedder.embed(
        slice.map(([, input]) => input),
        { signal: this.signal },
      );
      if (embedded.length !== slice.length) {
        throw new QuireError('INTERNAL', `embedder ${this.embedder.id} returned ${embedded.length} vectors for ${slice.length} texts`);
      }
      embedded.forEach((vector, i) => {
        if (vector.length !== this.embedder.dimensions) {
          throw new QuireError(
            'DIMENSION_MISMATCH',
            `embedder ${this.embedder.id} returned a ${vector.length}-dimensional vector, expected ${this.embedder.dimensions}`,
          );
        }
        vectors.set(slice[i][0], vector);
      });
      this.summary.chunksEmbedded += slice.length;
    }
    return vectors;
  }
}
