/**
 * Hashed-feature text vectors: the engine behind the local embedder. A text becomes a bag of
 * weighted features — Porter-stemmed words and the character n-grams of those stems — that signed
 * feature hashing folds into `dimensions` buckets; the result is L2-normalised.
 *
 * Weight of a word w occurring tf times: (1 + ln tf) · prior(w), where the prior stands in for IDF
 * without any corpus statistics (stop words, very common and common English words weigh less).
 * The word's unigram feature gets `unigramWeight` times that; its n-grams share `charWeight`
 * times it (each n-gram gets 1/√count of it, so the n-gram block has the same norm for short and
 * long words).
 *
 * Determinism: only IEEE-754 basic operations (+ − × ÷ √) touch the numbers, in an order fixed by
 * the text, so the same text gives bit-identical vectors on every platform. (`Math.log` is not
 * required to be correctly rounded, so `ln` below uses basic operations only.)
 */

import { COMMON_WORDS, VERY_COMMON_WORDS } from './common-words.js';
import { porterStem } from './porter.js';
import { ENGLISH_STOPWORDS } from './stopwords.js';
import { normalizeText, segment } from './text.js';

/** Everything that shapes the vectors. Changing any value changes the output. */
export interface HashFeatureConfig {
  dimensions: number;
  /** Weight of the stemmed-word feature. */
  unigramWeight: number;
  /** Total weight of a word's character n-grams (0 disables them). */
  charWeight: number;
  /** Shortest and longest character n-gram, counting the `<` `>` word-boundary markers. */
  charMin: number;
  charMax: number;
  /** Prior weight of stop words and single letters (which get no n-grams). */
  stopWeight: number;
  /** Prior weight of VERY_COMMON_WORDS. */
  veryCommonWeight: number;
  /** Prior weight of COMMON_WORDS. */
  commonWeight: number;
  /** Hash seed (0 for the shipped embedder; other values only to measure hashing noise). */
  seed: number;
}

const SEED_UNIGRAM = 0x2f1a3c5d;
const SEED_CHAR = 0x6b43a9b5;
/** Longest word that gets character n-grams (longer ones are usually ids, hashes, base64). */
const MAX_GRAM_WORD = 24;
/** Words cached per featuriser before the cache is dropped and refilled. */
const CACHE_LIMIT = 200_000;
const EMPTY = new Int32Array(0);

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
 * Natural logarithm of x > 0 with basic IEEE operations only (same bits on every platform):
 * x = m·2^e with m in [√½, √2], ln m = 2·atanh((m−1)/(m+1)) summed as a series.
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

/**
 * A stem's precomputed features, as signed buckets ±(bucket + 1). One object per stem, shared by
 * every surface form; `count`/`epoch` are scratch space for the `vector` call in progress.
 */
interface Term {
  key: string;
  unigram: number;
  grams: Int32Array;
  prior: number;
  stop: boolean;
  count: number;
  epoch: number;
}

/** Turns texts into vectors. Holds a bounded word → features cache; output never depends on it. */
export interface Featurizer {
  readonly config: Readonly<HashFeatureConfig>;
  /** The L2-normalised vector of one text (a fixed unit vector on bucket 0 when it has no words). */
  vector(text: string): Float32Array;
  /** Stemmed tokens with stop-word flags, in order (diagnostics and lexical baselines). */
  terms(text: string): { key: string; stop: boolean }[];
}

/** Stems of the stop words: stop status is a property of the stem, so all forms agree. */
const STOP_STEMS: ReadonlySet<string> = new Set([...ENGLISH_STOPWORDS].map(porterStem));

function isStopStem(stem: string): boolean {
  if (stem.length === 1) {
    const c = stem.charCodeAt(0);
    return c >= 97 && c <= 122; // a single latin letter
  }
  return STOP_STEMS.has(stem);
}

export function createFeaturizer(config: HashFeatureConfig): Featurizer {
  const dims = config.dimensions;
  const byToken = new Map<string, Term>();
  const byStem = new Map<string, Term>();
  const tokens: string[] = [];
  const unique: Term[] = [];
  const acc = new Float64Array(dims);
  let epoch = 0;
  const priors = new Map<string, number>();
  for (const w of COMMON_WORDS.split(' ')) if (w) priors.set(porterStem(w), config.commonWeight);
  for (const w of VERY_COMMON_WORDS.split(' ')) {
    if (w) priors.set(porterStem(w), config.veryCommonWeight);
  }

  function signedBucket(h: number): number {
    if (config.seed !== 0) h = fmix32((h ^ config.seed) >>> 0);
    const bucket = ((h >>> 1) % dims) + 1;
    return h & 1 ? -bucket : bucket;
  }

  function charGrams(stem: string): Int32Array {
    if (config.charWeight === 0 || stem.length > MAX_GRAM_WORD) return EMPTY;
    const padded = '<' + stem + '>';
    const n = padded.length;
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      let h = (0x811c9dc5 ^ SEED_CHAR) >>> 0;
      for (let j = i; j < n && j - i < config.charMax; j++) {
        h ^= padded.charCodeAt(j);
        h = Math.imul(h, 0x01000193);
        const len = j - i + 1;
        // The whole padded word is the unigram feature already.
        if (len >= config.charMin && !(i === 0 && j === n - 1)) {
          out.push(signedBucket(fmix32(h ^ len)));
        }
      }
    }
    return Int32Array.from(out);
  }

  function term(token: string): Term {
    let t = byToken.get(token);
    if (t !== undefined) return t;
    if (byToken.size >= CACHE_LIMIT) {
      byToken.clear();
      byStem.clear();
    }
    const key = porterStem(token);
    t = byStem.get(key);
    if (t === undefined) {
      const stop = isStopStem(key);
      t = {
        key,
        unigram: signedBucket(hashString(key, SEED_UNIGRAM)),
        grams: stop ? EMPTY : charGrams(key),
        prior: stop ? config.stopWeight : (priors.get(key) ?? 1),
        stop,
        count: 0,
        epoch: -1,
      };
      byStem.set(key, t);
    }
    byToken.set(token, t);
    return t;
  }

  function add(signed: number, w: number): void {
    if (signed > 0) acc[signed - 1] += w;
    else acc[-signed - 1] -= w;
  }

  function vector(text: string): Float32Array {
    tokens.length = 0;
    unique.length = 0;
    segment(normalizeText(text), tokens);
    epoch++;
    for (let i = 0; i < tokens.length; i++) {
      const t = term(tokens[i]);
      if (t.epoch !== epoch) {
        t.epoch = epoch;
        t.count = 1;
        unique.push(t);
      } else t.count++;
    }

    acc.fill(0);
    for (let u = 0; u < unique.length; u++) {
      const t = unique[u];
      const w = (t.count === 1 ? 1 : 1 + ln(t.count)) * t.prior;
      add(t.unigram, w * config.unigramWeight);
      const grams = t.grams;
      const g = grams.length;
      if (g === 0) continue;
      const wg = (w * config.charWeight) / Math.sqrt(g);
      for (let i = 0; i < g; i++) add(grams[i], wg);
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
