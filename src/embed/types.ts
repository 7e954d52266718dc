/** Options every provider call accepts. */
export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * Turns texts into fixed-size vectors. Implementations are plain objects made by factories.
 * Batching, retries and caching live outside the embedder.
 */
export interface Embedder {
  /** Stable identity recorded in the index (`local:hash-v1`, `remote:nomic-embed-text-v1_5`). */
  readonly id: string;
  /** Length of every returned vector. */
  readonly dimensions: number;
  /** Largest number of texts one `embed` call should receive. */
  readonly maxBatchSize: number;
  /** Returns one L2-normalised vector per input text, in input order. */
  embed(texts: string[], options?: CallOptions): Promise<Float32Array[]>;
}
