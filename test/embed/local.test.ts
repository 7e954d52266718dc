import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLocalEmbedder, LOCAL_FEATURES } from '../../src/embed/local.js';
import { createFeaturizer, ln } from '../../src/embed/features.js';
import { porterStem } from '../../src/embed/porter.js';
import { normalizeText, segment } from '../../src/embed/text.js';
import { isQuireError } from '../../src/errors.js';

const embedder = createLocalEmbedder();

async function one(text: string): Promise<Float32Array> {
  const [vector] = await embedder.embed([text]);
  return vector;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function norm(a: Float32Array): number {
  return Math.sqrt(dot(a, a));
}

/** SHA-256 of the vector as little-endian float32 bytes (the same on every platform). */
function sha256(vector: Float32Array): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((x, i) => bytes.writeFloatLE(x, i * 4));
  return createHash('sha256').update(bytes).digest('hex');
}

describe('createLocalEmbedder', () => {
  it('describes itself: id encodes the version and dimensions', () => {
    expect(embedder.id).toBe('local:hash-v1-d768');
    expect(embedder.dimensions).toBe(768);
    expect(embedder.maxBatchSize).toBe(256);
    expect(createLocalEmbedder({ dimensions: 384 }).id).toBe('local:hash-v1-d384');
  });

  it('rejects impossible dimensions', () => {
    for (const dimensions of [0, 31, 4097, 100.5, Number.NaN]) {
      try {
        createLocalEmbedder({ dimensions });
        expect.unreachable();
      } catch (error) {
        expect(isQuireError(error, 'INVALID_ARGUMENT')).toBe(true);
      }
    }
  });

  it('is deterministic: separate instances give bit-identical vectors', async () => {
    const texts = ['Retry policy for failed webhook deliveries.', 'Ünïcödé café naïve — ok', '東京'];
    const a = await createLocalEmbedder().embed(texts);
    const b = await createLocalEmbedder().embed(texts);
    // A warm cache (second call on the same instance) must not change anything either.
    const c = await embedder.embed(texts);
    const d = await embedder.embed(texts);
    for (let i = 0; i < texts.length; i++) {
      expect(Buffer.from(a[i].buffer).equals(Buffer.from(b[i].buffer))).toBe(true);
      expect(Buffer.from(c[i].buffer).equals(Buffer.from(d[i].buffer))).toBe(true);
      expect(Buffer.from(a[i].buffer).equals(Buffer.from(c[i].buffer))).toBe(true);
    }
  });

  it('golden vectors: a change here changes every stored index, so it needs a new id version', async () => {
    // If this fails after an intentional change to the features, weights, word lists, stemmer,
    // normalisation or hashing, bump `local:hash-v1` to v2 in src/embed/local.ts and update these.
    const english = await one(
      'The quick brown fox jumps over the lazy dog; running dogs ran 3 times faster in 2024!',
    );
    const mixed = await one('Ünïcödé café naïve — 東京タワー, Straße ＡＢＣ');
    expect(sha256(english)).toBe('3c47c72cbd74fdc9996486be287ae183b6d571f76b6aac865c4846e90f68ff4e');
    expect(sha256(mixed)).toBe('357b64ae18a6999c77a1454d802a0f2b10bb051a19ce6e0b71078b3f89d01f93');
  });

  it('returns unit-norm Float32Arrays of the configured length', async () => {
    for (const dimensions of [64, 768, 1000]) {
      const e = createLocalEmbedder({ dimensions });
      const vectors = await e.embed(['a short text', 'x'.repeat(5000), 'Ελληνικά κείμενα']);
      for (const v of vectors) {
        expect(v).toBeInstanceOf(Float32Array);
        expect(v.length).toBe(dimensions);
        expect(norm(v)).toBeCloseTo(1, 5);
      }
    }
  });

  it('puts related texts closer than unrelated ones', async () => {
    const query = await one('how do I install the python package manager');
    const pip = await one('Installing packages with pip, the Python package manager.');
    const snake = await one('Pythons are large snakes that live in tropical forests.');
    const cake = await one('Mix two cups of flour with sugar and bake for forty minutes.');
    expect(dot(query, pip)).toBeGreaterThan(dot(query, snake));
    expect(dot(query, snake)).toBeGreaterThan(dot(query, cake));
  });

  it('stems: inflected forms share their features', async () => {
    expect(Array.from(await one('running'))).toEqual(Array.from(await one('runs')));
    const a = await one('connection timeouts were configured');
    const b = await one('configure the connected timeout');
    const c = await one('bake bread with flour');
    expect(dot(a, b)).toBeGreaterThan(0.8);
    expect(dot(a, b)).toBeGreaterThan(dot(a, c) + 0.5);
  });

  it('handles CJK text with character bigrams', async () => {
    const tokyo = await one('東京は日本の首都です');
    const capital = await one('日本の首都は東京');
    const cats = await one('猫が好きです');
    expect(norm(tokyo)).toBeCloseTo(1, 5);
    expect(tokyo[0]).not.toBe(1); // not the empty-text vector
    expect(dot(tokyo, capital)).toBeGreaterThan(dot(tokyo, cats));
    expect(segment(normalizeText('日本の首都'))).toEqual(['日本', '本の', 'の首', '首都']);
  });

  it('gives empty and word-less text a fixed unit vector on bucket 0', async () => {
    const vectors = await embedder.embed(['', '   \n\t', '!!! --- ...']);
    for (const v of vectors) {
      expect(v[0]).toBe(1);
      expect(norm(v)).toBe(1);
    }
  });

  it('embeds a batch of 1000 texts in order', async () => {
    const texts = Array.from({ length: 1000 }, (_, i) => `document number ${i} about topic ${i % 7}`);
    const batch = await embedder.embed(texts);
    expect(batch).toHaveLength(1000);
    for (const i of [0, 1, 63, 64, 65, 500, 998, 999]) {
      expect(Array.from(batch[i])).toEqual(Array.from(await one(texts[i])));
    }
  });

  it('honours an abort signal that already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embed(['text'], { signal: controller.signal })).rejects.toSatisfy(
      (error: unknown) => isQuireError(error, 'ABORTED'),
    );
  });

  it('stops a long batch when the signal fires midway', async () => {
    const controller = new AbortController();
    const texts = Array.from({ length: 5000 }, (_, i) => `text ${i}`);
    const pending = embedder.embed(texts, { signal: controller.signal });
    setImmediate(() => controller.abort());
    await expect(pending).rejects.toSatisfy((error: unknown) => isQuireError(error, 'ABORTED'));
  });
});

describe('text analysis', () => {
  it('lowercases, folds diacritics and compatibility forms, splits on punctuation', () => {
    expect(segment(normalizeText("Café NAÏVE, don't re-use ＡＢＣ x_y 3.14"))).toEqual([
      'cafe', 'naive', 'don', 't', 're', 'use', 'abc', 'x', 'y', '3', '14',
    ]);
  });

  it('stop-word status belongs to the stem, whatever form comes first', () => {
    const f = createFeaturizer({ ...LOCAL_FEATURES });
    expect(f.terms('others other')).toEqual([
      { key: 'other', stop: true },
      { key: 'other', stop: true },
    ]);
    expect(f.terms('The Foxes')).toEqual([
      { key: 'the', stop: true },
      { key: 'fox', stop: false },
    ]);
  });
});

describe('porterStem', () => {
  it('matches the reference Porter algorithm', () => {
    const cases: Record<string, string> = {
      caresses: 'caress', ponies: 'poni', ties: 'ti', cats: 'cat', feed: 'feed', agreed: 'agre',
      plastered: 'plaster', bled: 'bled', motoring: 'motor', sing: 'sing', conflated: 'conflat',
      troubled: 'troubl', sized: 'size', hopping: 'hop', tanned: 'tan', falling: 'fall',
      hissing: 'hiss', fizzed: 'fizz', failing: 'fail', filing: 'file', happy: 'happi', sky: 'sky',
      relational: 'relat', conditional: 'condit', rational: 'ration', valenci: 'valenc',
      digitizer: 'digit', conformabli: 'conform', radicalli: 'radic', differentli: 'differ',
      vileli: 'vile', analogousli: 'analog', vietnamization: 'vietnam', predication: 'predic',
      operator: 'oper', feudalism: 'feudal', decisiveness: 'decis', hopefulness: 'hope',
      callousness: 'callous', formaliti: 'formal', sensitiviti: 'sensit', sensibiliti: 'sensibl',
      triplicate: 'triplic', formative: 'form', formalize: 'formal', electriciti: 'electr',
      electrical: 'electr', hopeful: 'hope', goodness: 'good', revival: 'reviv',
      allowance: 'allow', inference: 'infer', airliner: 'airlin', gyroscopic: 'gyroscop',
      adjustable: 'adjust', defensible: 'defens', irritant: 'irrit', replacement: 'replac',
      adjustment: 'adjust', dependent: 'depend', adoption: 'adopt', homologou: 'homolog',
      communism: 'commun', activate: 'activ', angulariti: 'angular', homologous: 'homolog',
      effective: 'effect', bowdlerize: 'bowdler', probate: 'probat', rate: 'rate', cease: 'ceas',
      controll: 'control', roll: 'roll', running: 'run', runs: 'run', generalizations: 'gener',
    };
    for (const [word, stem] of Object.entries(cases)) expect(porterStem(word), word).toBe(stem);
  });

  it('leaves short, non a–z and very long words alone', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('pneumonoultramicroscopicsilicovolcanoconiosis')).toBe(
      'pneumonoultramicroscopicsilicovolcanoconiosis',
    );
    expect(porterStem('café')).toBe('café');
    expect(porterStem('covid19s')).toBe('covid19s');
    expect(porterStem('東京')).toBe('東京');
  });
});

describe('ln', () => {
  it('agrees with Math.log', () => {
    for (const x of [1, 2, 3, 7, 10, 100, 12345, 0.5, 1e-6]) {
      expect(ln(x)).toBeCloseTo(Math.log(x), 13);
    }
    expect(ln(1)).toBe(0);
  });
});
