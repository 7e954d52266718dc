import { createLocalEmbedder } from '../../src/embed/local.js';
import type { CallOptions, Embedder } from '../../src/embed/types.js';

/** An embedder wrapper that records every call (plain object, no mocking). */
export interface CountingEmbedder extends Embedder {
  /** Number of embed() calls. */
  calls: number;
  /** Every text embedded, in order. */
  texts: string[];
}

/** Wraps `inner` (default: the local embedder) and counts calls and texts. */
export function countingEmbedder(inner: Embedder = createLocalEmbedder()): CountingEmbedder {
  const wrapper: CountingEmbedder = {
    id: inner.id,
    dimensions: inner.dimensions,
    maxBatchSize: inner.maxBatchSize,
    calls: 0,
    texts: [],
    async embed(texts: string[], options?: CallOptions) {
      wrapper.calls++;
      wrapper.texts.push(...texts);
      return inner.embed(texts, options);
    },
  };
  return wrapper;
}

/**
 * The local embedder with a batch size of `batchSize`, failing on embed() call number
 * `failOnCall` (1-based) and every call after it.
 */
export function failingEmbedder(failOnCall: number, batchSize = 1): CountingEmbedder {
  const inner = createLocalEmbedder();
  const wrapper: CountingEmbedder = {
    id: inner.id,
    dimensions: inner.dimensions,
    maxBatchSize: batchSize,
    calls: 0,
    texts: [],
    async embed(texts: string[], options?: CallOptions) {
      wrapper.calls++;
      if (wrapper.calls >= failOnCall) throw new Error(`embedder down (call ${wrapper.calls})`);
      wrapper.texts.push(...texts);
      return inner.embed(texts, options);
    },
  };
  return wrapper;
}

/** A tiny deterministic embedder with a chosen id and size (for identity checks). */
export function fixedEmbedder(id: string, dimensions: number): Embedder {
  return {
    id,
    dimensions,
    maxBatchSize: 64,
    async embed(texts: string[]) {
      return texts.map((text) => {
        const vector = new Float32Array(dimensions);
        vector[text.length % dimensions] = 1;
        return vector;
      });
    },
  };
}
