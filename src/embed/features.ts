/**
 * Hashed-feature text vectors: the engine behind the local embedder. A text becomes a sparse bag
 * of weighted features (stemmed words, word bigrams, character n-grams of stems) that signed
 * feature hashing folds into `dimensions` buckets; the result is L2-normalised.
 *
 * Determinism: only IEEE-754 basic operations (+ − × ÷ √) touch the numbers, in an order fixed by
 * the text, so the same text gives bit-identical vectors on every platform. (`Math.log` is not
 * specified to be correctly rounded, so `ln` below is computed with basic operations only.)
 */

import { porterStem } from './porter.js';
import { ENGLISH_STOPWORDS } from './stopwords.js';
import { normalizeText, segment } from './text.js';

/** Everything that shapes the vectors. Changing any value changes the output. */
export interface HashFeatureConfig {
  dimensions: number;
  /** Weight of the stemmed-word feature. */
  unigramWeight: number;
  /** Weight of adjacent-word bigram features (0 disables them). */
  bigramWeight: number;
  /** Total weight of a word's character n-grams (0 disables them). */
  charWeight: number;
  charMin: number;
  charMax: number;
  /** Prior weight of stop words and one-letter words (others weigh 1). */
  stopWeight: number;
  /** Form bigrams over the sequence with stop words removed. */
  bigramSkipStop: boolean;
  /** Apply the Porter stemmer to a–z words. */
  stem: boolean;
  /** EXPERIMENT: length prior table by token length (index = length, last entry for longer). */
  lengthPrior?: number[];
  tfMode?: 'log' | 'binary' | 'raw';
  /** EXPERIMENT: prior by stem (bench only). */
  priorOf?: (key: string, token: string) => number;
}

// Seeds separating the feature families in the hash space.
const SEED_UNIGRAM = 0x2f1a3c5d;
const SEED_CHAR = 0x6b43a9b5;
const SEED_BIGRAM = 0x1b873593;

/** murmur3's 32-bit finaliser: spreads every input bit over the output. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, seeded, then finalised. */
function hashString(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/**
 * Natural logarithm of x > 0 using only basic IEEE operations (exact on every platform):
 * x = m·2^e with m in [√½, √2], ln m = 2·atanh((m−1)/(m+1)) by its series.
 */
export function ln(x: number): number {
  let e = 0;
  while (x > Math.SQRT2) {
    x /= 2;
    e++;
  }
  while (x < Math.SQRT1_2) {
    x *= 2;
    e--;
  }
  const s = (x - 1) / (x + 1);
  const s2 = s * s;
  let term = s;
  let sum = 0;
  for (let k = 1; k <= 31; k += 2) {
    sum += term / k;
    term *= s2;
  }
  return 2 * sum + e * Math.LN2;
}

/** A word's precomputed features. Signed buckets are encoded as ±(bucket + 1). */
interface Term {
  key: string;
  hash: number;
  unigram: number;
  grams: Int32Array;
  prior: number;
  stop: boolean;
}

function signedBucket(h: number, dimensions: number): number {
  const bucket = ((h >>> 1) % dimensions) + 1;
  return h & 1 ? -bucket : bucket;
}

/** A featuriser with a bounded per-instance cache of word → features (output never depends on it). */
export interface Featurizer {
  readonly config: Readonly<HashFeatureConfig>;
  /** The L2-normalised vector of one text (a fixed unit vector on bucket 0 when it has no words). */
  vector(text: string): Float32Array;
  /** Stemmed tokens with stop flags, in order (for diagnostics and lexical baselines). */
  terms(text: string): { key: string; stop: boolean }[];
}

const CACHE_LIMIT = 200_000;

export function createFeaturizer(config: HashFeatureConfig): Featurizer {
  const dims = config.dimensions;
  const cache = new Map<string, Term>();
  const tokens: string[] = [];
  const acc = new Float64Array(dims);

  function charGrams(stem: string): Int32Array {
    if (config.charWeight === 0) return new Int32Array(0);
    const padded = '<' + stem + '>';
    const n = padded.length;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      let h = (0x811c9dc5 ^ SEED_CHAR) >>> 0;
      for (let j = i; j < n && j - i < config.charMax; j++) {
        h ^= padded.charCodeAt(j);
        h = Math.imul(h, 0x01000193);
        const len = j - i + 1;
        if (len >= config.charMin && !(i === 0 && j === n - 1)) {
          out.push(signedBucket(fmix32(h ^ len), dims));
        }
      }
    }
    return Int32Array.from(out);
  }

  function term(token: string): Term {
    let t = cache.get(token);
    if (t !== undefined) return t;
    const stop = token.length === 1 ? !isDigit(token) : ENGLISH_STOPWORDS.has(token);
    const key = config.stem ? porterStem(token) : token;
    const hash = hashString(key, SEED_UNIGRAM);
    const grams = token.length <= 24 ? charGrams(key) : new Int32Array(0);
    t = {
      key,
      hash,
      unigram: signedBucket(hash, dims),
      grams,
      prior: config.priorOf
        ? config.priorOf(key, token)
        : stop
        ? config.stopWeight
        : config.lengthPrior
          ? config.lengthPrior[Math.min(token.length, config.lengthPrior.length - 1)]
          : 1,
      stop,
    };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(token, t);
    return t;
  }

  const tfw = (n: number) =>
    config.tfMode === 'binary' ? 1 : config.tfMode === 'raw' ? n : 1 + ln(n);

  function add(signed: number, w: number): void {
    if (signed > 0) acc[signed - 1] += w;
    else acc[-signed - 1] -= w;
  }

  function vector(text: string): Float32Array {
    tokens.length = 0;
    segment(normalizeText(text), tokens);
    acc.fill(0);

    const counts = new Map<string, { t: Term; n: number }>();
    const bigrams = new Map<number, { n: number; w: number }>();
    let prev: Term | undefined;
    for (const token of tokens) {
      const t = term(token);
      const c = counts.get(t.key);
      if (c === undefined) counts.set(t.key, { t, n: 1 });
      else c.n++;
      if (config.bigramWeight === 0) continue;
      if (config.bigramSkipStop && t.stop) continue;
      if (prev !== undefined) {
        const h = fmix32((Math.imul(prev.hash, 0x9e3779b1) ^ t.hash ^ SEED_BIGRAM) >>> 0);
        const b = bigrams.get(h);
        const w = prev.prior < t.prior ? prev.prior : t.prior;
        if (b === undefined) bigrams.set(h, { n: 1, w });
        else b.n++;
      }
      prev = t;
    }

    for (const { t, n } of counts.values()) {
      const w = tfw(n) * t.prior;
      add(t.unigram, w * config.unigramWeight);
      const g = t.grams.length;
      if (g > 0) {
        const wg = (w * config.charWeight) / Math.sqrt(g);
        for (let i = 0; i < g; i++) add(t.grams[i], wg);
      }
    }
    for (const [h, { n, w }] of bigrams) {
      add(signedBucket(h, dims), tfw(n) * w * config.bigramWeight);
    }

    let sum = 0;
    for (let i = 0; i < dims; i++) sum += acc[i] * acc[i];
    const out = new Float32Array(dims);
    if (sum === 0) {
      out[0] = 1;
      return out;
    }
    const inv = 1 / Math.sqrt(sum);
    for (let i = 0; i < dims; i++) out[i] = acc[i] * inv;
    return out;
  }

  function terms(text: string): { key: string; stop: boolean }[] {
    return segment(normalizeText(text)).map((token) => {
      const t = term(token);
      return { key: t.key, stop: t.stop };
    });
  }

  return { config, vector, terms };
}

function isDigit(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57;
}
