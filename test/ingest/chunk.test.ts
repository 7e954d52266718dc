import { describe, expect, it } from 'vitest';
import { seeded } from './map-check.js';
import { CHUNKER_VERSION, DEFAULT_CHUNK_OPTIONS, chunkDocument } from '../../src/ingest/chunk.js';
import { normalizeBlocks } from '../../src/ingest/chunk-breaks.js';
import { createTokenCounter, estimateTokens } from '../../src/ingest/tokens.js';
import type { AtomicBlock, ChunkOptions, ChunkSpan, Heading } from '../../src/ingest/types.js';
import { isQuireError } from '../../src/errors.js';

type Doc = { text: string; headings: Heading[]; blocks: AtomicBlock[] };

/** A heading whose line starts at the first occurrence of `marker`. */
function heading(text: string, marker: string, level: number, title: string): Heading {
  const start = text.indexOf(marker);
  if (start < 0) throw new Error(`marker not found: ${marker}`);
  const newline = text.indexOf('\n', start);
  return { level, title, start, end: newline < 0 ? text.length : newline };
}

/** A code block from the first ``` to the end of the last ```. */
function fence(text: string): AtomicBlock {
  return { kind: 'code', start: text.indexOf('```'), end: text.lastIndexOf('```') + 3 };
}

function slices(text: string, chunks: ChunkSpan[]): string[] {
  return chunks.map((c) => text.slice(c.start, c.end));
}

function chunk(doc: Doc, maxTokens: number, overlapTokens: number): ChunkSpan[] {
  return chunkDocument(doc, { maxTokens, overlapTokens });
}

describe('estimateTokens', () => {
  it('counts words, punctuation runs, CJK characters and astral characters', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens(' \n\t\u00a0\u3000')).toBe(0);
    expect(estimateTokens('a')).toBe(1); // 2 units
    expect(estimateTokens('hello world')).toBe(3); // 6 + 6 units
    expect(estimateTokens('foo.bar(baz)')).toBe(6); // 4 + 3 + 4 + 3 + 4 + 3 units
    expect(estimateTokens('----------')).toBe(3); // one symbol run: 2 + 10 units
    expect(estimateTokens('café')).toBe(2); // 2 + 1 + 1 + 2 units
    expect(estimateTokens('日本語のテキスト')).toBe(8);
    expect(estimateTokens('😀')).toBe(2); // 4 + 2 units
    expect(estimateTokens('😀😀')).toBe(3); // 6 + 4 units
  });

  it('is about chars/4 on English prose', () => {
    const prose =
      'Retrieval systems split long documents into chunks so that each piece fits the ' +
      'context window of an embedding model, and so that citations can point at a precise span.';
    expect(estimateTokens(prose)).toBe(43);
    expect(Math.round(prose.length / 4)).toBe(42);
  });

  it('answers slice questions from prefix sums exactly like estimateTokens', () => {
    const rand = seeded(7);
    for (let round = 0; round < 100; round++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 30));
      const counter = createTokenCounter(text);
      const n = text.length;
      for (let k = 0; k < 20; k++) {
        const a = Math.floor(rand() * (n + 1));
        const b = Math.floor(rand() * (n + 1));
        const [s, e] = a <= b ? [a, b] : [b, a];
        expect(counter.count(s, e)).toBe(estimateTokens(text.slice(s, e)));
        const max = Math.floor(rand() * 8);
        // Brute-force references.
        let fit = s;
        for (let x = s; x <= n; x++) if (estimateTokens(text.slice(s, x)) <= max) fit = x;
        expect(counter.fitEnd(s, max)).toBe(fit);
        let reach = n;
        for (let x = n; x >= s; x--) if (estimateTokens(text.slice(s, x)) >= max) reach = x;
        expect(counter.reachEnd(s, max)).toBe(max <= 0 ? s : reach);
        let fitStart = e;
        for (let x = e; x >= 0; x--) if (estimateTokens(text.slice(x, e)) <= max) fitStart = x;
        expect(counter.fitStart(e, max)).toBe(fitStart);
      }
    }
  });
});

describe('chunkDocument', () => {
  it('exports its version and defaults', () => {
    expect(CHUNKER_VERSION).toBe('v1');
    expect(DEFAULT_CHUNK_OPTIONS).toEqual({ maxTokens: 512, overlapTokens: 64 });
  });

  it('returns no chunks for empty text', () => {
    expect(chunkDocument({ text: '', headings: [], blocks: [] }, DEFAULT_CHUNK_OPTIONS)).toEqual([]);
  });

  it('returns one chunk covering a small document', () => {
    const text = '\n# Title\n\nHello world.\n';
    const doc = { text, headings: [heading(text, '# Title', 1, 'Title')], blocks: [] };
    expect(chunkDocument(doc, DEFAULT_CHUNK_OPTIONS)).toEqual([
      { index: 0, start: 0, end: text.length, headingPath: ['Title'], tokens: 6 },
    ]);
  });

  it('keeps whitespace-only text as one chunk (lossless)', () => {
    expect(chunk({ text: '  \n\n ', headings: [], blocks: [] }, 1, 0)).toEqual([
      { index: 0, start: 0, end: 5, headingPath: [], tokens: 0 },
    ]);
  });

  it('rejects invalid options', () => {
    const doc = { text: 'abc', headings: [], blocks: [] };
    for (const options of [
      { maxTokens: 0, overlapTokens: 0 },
      { maxTokens: 1.5, overlapTokens: 0 },
      { maxTokens: 10, overlapTokens: 10 },
      { maxTokens: 10, overlapTokens: -1 },
      { maxTokens: Number.NaN, overlapTokens: 0 },
    ]) {
      let error: unknown;
      try {
        chunkDocument(doc, options);
      } catch (e) {
        error = e;
      }
      expect(isQuireError(error, 'INVALID_ARGUMENT')).toBe(true);
    }
  });

  // Three-letter words cost exactly 1 token (4 units), a `.` after a word 3 units.

  it('prefers a heading over a later paragraph break, without overlap', () => {
    const text = 'aaa bbb\n\nccc ddd eee fff\n\n## S\n\nggg hhh iii jjj kkk lll';
    const doc = { text, headings: [heading(text, '## S', 2, 'S')], blocks: [] };
    expect(chunk(doc, 10, 2)).toEqual([
      { index: 0, start: 0, end: 26, headingPath: [], tokens: 6 },
      { index: 1, start: 26, end: 55, headingPath: ['S'], tokens: 8 },
    ]);
    // The same text without the heading breaks at the later paragraph and overlaps.
    expect(chunk({ ...doc, headings: [] }, 10, 2)).toEqual([
      { index: 0, start: 0, end: 32, headingPath: [], tokens: 8 },
      { index: 1, start: 26, end: 55, headingPath: [], tokens: 8 },
    ]);
  });

  it('prefers a paragraph break over a later sentence end', () => {
    const text = 'aaa bbb ccc ddd eee.\n\nfff ggg. hhh iii jjj kkk lll mmm';
    expect(chunk({ text, headings: [], blocks: [] }, 10, 0)).toEqual([
      { index: 0, start: 0, end: 22, headingPath: [], tokens: 6 },
      { index: 1, start: 22, end: 54, headingPath: [], tokens: 9 },
    ]);
  });

  it('prefers a sentence end over word boundaries', () => {
    const text = 'aaa bbb ccc ddd eee fff ggg. hhh iii jjj kkk';
    expect(slices(text, chunk({ text, headings: [], blocks: [] }, 10, 0))).toEqual([
      'aaa bbb ccc ddd eee fff ggg. ',
      'hhh iii jjj kkk',
    ]);
  });

  it('does not split a code block that fits in a chunk', () => {
    const text = 'aaa bbb ccc ddd\n\n```\nxxx = 1\nyyy = 2\nzzz = 3\n```\n';
    expect(chunk({ text, headings: [], blocks: [fence(text)] }, 12, 0)).toEqual([
      { index: 0, start: 0, end: 17, headingPath: [], tokens: 4 },
      { index: 1, start: 17, end: 49, headingPath: [], tokens: 10 },
    ]);
    // A break at the start of a block needs no overlap either.
    expect(chunk({ text, headings: [], blocks: [fence(text)] }, 12, 2)).toEqual(
      chunk({ text, headings: [], blocks: [fence(text)] }, 12, 0),
    );
    // Without the block, the same text is cut at the last line end that fits.
    expect(slices(text, chunk({ text, headings: [], blocks: [] }, 12, 0))).toEqual([
      'aaa bbb ccc ddd\n\n```\nxxx = 1\nyyy = 2\nzzz = 3\n',
      '```\n',
    ]);
  });

  it('splits an oversized code block at line ends', () => {
    const line = 'aaa bbb\n'; // 2 tokens
    const text = 'intro\n\n```\n' + line.repeat(8) + '```\n\nend';
    const doc = { text, headings: [], blocks: [fence(text)] };
    expect(chunk(doc, 8, 0)).toEqual([
      { index: 0, start: 0, end: 7, headingPath: [], tokens: 2 },
      { index: 1, start: 7, end: 35, headingPath: [], tokens: 8 },
      { index: 2, start: 35, end: 67, headingPath: [], tokens: 8 },
      { index: 3, start: 67, end: 83, headingPath: [], tokens: 5 },
    ]);
    expect(slices(text, chunk(doc, 8, 0))).toEqual([
      'intro\n\n',
      '```\n' + line.repeat(3),
      line.repeat(4),
      line + '```\n\nend',
    ]);
    // With overlap, chunks inside the block overlap by whole lines; none after the block.
    expect(chunk(doc, 8, 2).map((c) => [c.start, c.end, c.tokens])).toEqual([
      [0, 7, 2],
      [7, 35, 8],
      [27, 59, 8],
      [51, 80, 8],
      [80, 83, 1],
    ]);
    expect(text.slice(51, 80)).toBe(line.repeat(3) + '```\n\n');
  });

  it('overlaps after a paragraph break, aligned to a sentence start', () => {
    const text = 'aaa bbb ccc ddd eee. fff ggg.\n\nhhh iii jjj kkk lll mmm nnn';
    expect(chunk({ text, headings: [], blocks: [] }, 12, 4)).toEqual([
      { index: 0, start: 0, end: 31, headingPath: [], tokens: 9 },
      { index: 1, start: 21, end: 58, headingPath: [], tokens: 10 },
    ]);
    expect(text.slice(21, 31)).toBe('fff ggg.\n\n');
  });

  it('does not overlap after a heading break', () => {
    const text = 'aaa bbb ccc ddd eee. fff ggg.\n\n# H\n\nhhh iii jjj kkk';
    const doc = { text, headings: [heading(text, '# H', 1, 'H')], blocks: [] };
    expect(chunk(doc, 12, 4)).toEqual([
      { index: 0, start: 0, end: 31, headingPath: [], tokens: 9 },
      { index: 1, start: 31, end: 51, headingPath: ['H'], tokens: 6 },
    ]);
  });

  it('records the enclosing heading path of each chunk', () => {
    const text =
      '# Install\n\nRun the installer.\n\n## macOS\n\nUse brew to install it.\n\n' +
      '## Linux\n\nUse apt to install it. Then check the version of every tool that you use.\n\n' +
      '### Debian\n\nRun apt update first.\n';
    const headings = [
      heading(text, '# Install', 1, 'Install'),
      heading(text, '## macOS', 2, 'macOS'),
      heading(text, '## Linux', 2, 'Linux'),
      heading(text, '### Debian', 3, 'Debian'),
    ];
    const chunks = chunk({ text, headings, blocks: [] }, 12, 3);
    expect(chunks.map((c) => [text.slice(c.start, c.end), c.headingPath, c.tokens])).toEqual([
      ['# Install\n\nRun the installer.\n\n', ['Install'], 8],
      ['## macOS\n\nUse brew to install it.\n\n', ['Install', 'macOS'], 9],
      ['## Linux\n\nUse apt to install it. ', ['Install', 'Linux'], 9],
      // Overlap aligned to a word start: no sentence starts in the 3-token overlap.
      ['it. Then check the version of every tool that ', ['Install', 'Linux'], 12],
      // The Debian heading lies in the heading window: it is not left dangling at the end.
      ['tool that you use.\n\n', ['Install', 'Linux'], 6],
      ['### Debian\n\nRun apt update first.\n', ['Install', 'Linux', 'Debian'], 9],
    ]);
    expect(chunks.map((c) => [c.start, c.end])).toEqual([
      [0, 31],
      [31, 66],
      [66, 99],
      [95, 141],
      [131, 151],
      [151, 185],
    ]);
  });

  it('uses the heading path at the first non-whitespace character', () => {
    const text = '\n\n# A\n\n' + 'aaa '.repeat(30);
    const chunks = chunk({ text, headings: [heading(text, '# A', 1, 'A')], blocks: [] }, 12, 0);
    expect(chunks[0]).toEqual({ index: 0, start: 0, end: 47, headingPath: ['A'], tokens: 12 });
  });

  it('breaks CJK text without spaces at sentence ends', () => {
    const text = 'あいうえお。かきくけこ。さしすせそ。たちつてと。';
    expect(chunk({ text, headings: [], blocks: [] }, 10, 0)).toEqual([
      { index: 0, start: 0, end: 6, headingPath: [], tokens: 6 },
      { index: 1, start: 6, end: 12, headingPath: [], tokens: 6 },
      { index: 2, start: 12, end: 18, headingPath: [], tokens: 6 },
      { index: 3, start: 18, end: 24, headingPath: [], tokens: 6 },
    ]);
  });

  it('hard-cuts CJK text without any break point at the token limit', () => {
    const text = '一二三四五六七八九十'.repeat(2) + '一二三四五';
    expect(slices(text, chunk({ text, headings: [], blocks: [] }, 10, 0))).toEqual([
      '一二三四五六七八九十',
      '一二三四五六七八九十',
      '一二三四五',
    ]);
    expect(chunk({ text, headings: [], blocks: [] }, 10, 2).map((c) => [c.start, c.end, c.tokens])).toEqual([
      [0, 10, 10],
      [8, 18, 10],
      [16, 25, 9],
    ]);
  });

  it('never hard-cuts inside a surrogate pair', () => {
    // 11 units of letters; the emoji's high surrogate brings 4 more, its low surrogate 2.
    const text = 'abcdefghij😀xyz';
    expect(chunk({ text, headings: [], blocks: [] }, 4, 0)).toEqual([
      { index: 0, start: 0, end: 10, headingPath: [], tokens: 3 },
      { index: 1, start: 10, end: 15, headingPath: [], tokens: 3 },
    ]);
    // A code point larger than maxTokens is kept whole (the only case over the limit).
    expect(chunk({ text: '😀😀', headings: [], blocks: [] }, 1, 0)).toEqual([
      { index: 0, start: 0, end: 2, headingPath: [], tokens: 2 },
      { index: 1, start: 2, end: 4, headingPath: [], tokens: 2 },
    ]);
  });

  it('keeps the invariants on thousands of random documents', () => {
    const rand = seeded(20240611);
    for (let round = 0; round < 3000; round++) {
      const doc = randomDocument(rand);
      const maxTokens = rand() < 0.1 ? 1 + Math.floor(rand() * 3) : 4 + Math.floor(rand() * 80);
      const overlapTokens = rand() < 0.3 ? 0 : Math.floor(rand() * maxTokens * (rand() < 0.8 ? 0.3 : 1));
      const options = { maxTokens, overlapTokens };
      const chunks = chunkDocument(doc, options);
      checkInvariants(doc, options, chunks, `round ${round}`);
      if (JSON.stringify(chunkDocument(doc, options)) !== JSON.stringify(chunks)) {
        throw new Error(`round ${round}: not deterministic`);
      }
    }
  });

  // Speed is measured by bench/, never asserted here; this checks the invariants at size.
  it('chunks 5 MB of text losslessly', () => {
    const rand = seeded(99);
    const parts: string[] = [];
    const headings: Heading[] = [];
    const blocks: AtomicBlock[] = [];
    let length = 0;
    while (length < 5_000_000) {
      const doc = randomDocument(rand);
      for (const h of doc.headings) headings.push({ ...h, start: h.start + length, end: h.end + length });
      for (const b of doc.blocks) blocks.push({ ...b, start: b.start + length, end: b.end + length });
      parts.push(doc.text, '\n\n');
      length += doc.text.length + 2;
    }
    const doc = { text: parts.join(''), headings, blocks };
    const cjk = { text: '日本語の文章です'.repeat(300_000), headings: [], blocks: [] };
    const dense = { text: 'x'.repeat(5_000_000), headings: [], blocks: [] };
    for (const input of [doc, cjk, dense]) {
      const chunks = chunkDocument(input, DEFAULT_CHUNK_OPTIONS);
      expect(chunks[0].start).toBe(0);
      expect(chunks[chunks.length - 1].end).toBe(input.text.length);
      let ordered = true;
      let withinBudget = true;
      for (let i = 0; i < chunks.length; i++) {
        if (i > 0 && !(chunks[i].start <= chunks[i - 1].end && chunks[i].start > chunks[i - 1].start)) ordered = false;
        if (chunks[i].tokens > DEFAULT_CHUNK_OPTIONS.maxTokens) withinBudget = false;
      }
      expect(ordered).toBe(true);
      expect(withinBudget).toBe(true);
    }
  });
});

function checkInvariants(doc: Doc, options: ChunkOptions, chunks: ChunkSpan[], label: string): void {
  const { text } = doc;
  const n = text.length;
  const fail = (message: string): never => {
    throw new Error(`${label}: ${message}\n${JSON.stringify({ doc, options }).slice(0, 4000)}`);
  };
  if (n === 0) {
    if (chunks.length !== 0) fail('empty text must give no chunks');
    return;
  }
  if (chunks.length === 0) fail('no chunks');
  if (chunks[0].start !== 0) fail('first chunk must start at 0');
  if (chunks[chunks.length - 1].end !== n) fail('last chunk must end at text length');
  if (estimateTokens(text) <= options.maxTokens && chunks.length !== 1) fail('small text must be one chunk');
  const whitespaceOnly = text.trim() === '';
  const blocks = normalizeBlocks(text, doc.blocks).map((b) => ({
    ...b,
    fits: estimateTokens(text.slice(b.first, b.end)) <= options.maxTokens,
  }));
  for (let i = 0; i < chunks.length; i++) {
    const c = chunks[i];
    const slice = text.slice(c.start, c.end);
    if (c.index !== i) fail(`chunk ${i} has index ${c.index}`);
    if (!(c.end > c.start)) fail(`chunk ${i} is empty`);
    if (i > 0) {
      const prev = chunks[i - 1];
      if (c.start > prev.end) fail(`gap before chunk ${i}`);
      if (c.start <= prev.start) fail(`chunk ${i} does not advance its start`);
      if (c.end <= prev.end) fail(`chunk ${i} does not advance its end`);
    }
    if (c.tokens !== estimateTokens(slice)) fail(`chunk ${i} token count`);
    if (c.tokens > options.maxTokens) {
      if ([...slice.trim()].length !== 1) fail(`chunk ${i} exceeds maxTokens (${c.tokens})`);
    }
    if (!whitespaceOnly && estimateTokens(slice) === 0 && slice.trim() === '') fail(`chunk ${i} is whitespace-only`);
    for (const edge of [c.start, c.end]) {
      if (isHigh(text.charCodeAt(edge - 1)) && isLow(text.charCodeAt(edge))) fail(`chunk ${i} splits a surrogate pair`);
      for (const b of blocks) {
        if (b.fits && b.first < edge && edge < b.end) {
          fail(`chunk ${i} splits a block that fits at ${edge}`);
        }
      }
    }
    const expectedPath = naiveHeadingPath(doc.headings, nextNonSpace(text, c.start));
    if (JSON.stringify(c.headingPath) !== JSON.stringify(expectedPath)) fail(`chunk ${i} heading path`);
  }
}

function naiveHeadingPath(headings: Heading[], position: number): string[] {
  const path: Heading[] = [];
  for (const h of [...headings].sort((a, b) => a.start - b.start)) {
    if (h.start > position) continue;
    while (path.length > 0 && path[path.length - 1].level >= h.level) path.pop();
    path.push(h);
  }
  return path.map((h) => h.title);
}

function nextNonSpace(text: string, i: number): number {
  const match = /\S/u.exec(text.slice(i));
  return match === null ? text.length : i + match.index;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}


const WORDS = [
  'the', 'a', 'index', 'retrieval', 'chunk', 'x', 'café', 'Привет', '日本語', 'テキスト',
  '😀', '👍🏽', 'foo.bar()', '42', 'internationalization', '—', 'e.g.', '"quoted."', '漢字。',
  'かな、', 'end.', 'why?', 'yes!', '----------', '|', '```',
];
const SEPARATORS = [' ', ' ', ' ', ' ', '', '\n', '\n\n', '  ', '\t', '\r\n', '\u3000', '\n \n'];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)];
}

function randomText(rand: () => number, words: number): string {
  let text = '';
  for (let i = 0; i < words; i++) text += pick(rand, WORDS) + pick(rand, SEPARATORS);
  return text;
}

function randomDocument(rand: () => number): Doc {
  const roll = rand();
  if (roll < 0.01) return { text: '', headings: [], blocks: [] };
  if (roll < 0.02) return { text: pick(rand, SEPARATORS).repeat(1 + Math.floor(rand() * 5)), headings: [], blocks: [] };
  let text = rand() < 0.2 ? pick(rand, SEPARATORS) : '';
  const headings: Heading[] = [];
  const blocks: AtomicBlock[] = [];
  const parts = Math.floor(rand() * 12);
  for (let p = 0; p < parts; p++) {
    const kind = rand();
    if (kind < 0.25) {
      const level = 1 + Math.floor(rand() * 7);
      const title = randomText(rand, 1 + Math.floor(rand() * 3)).replace(/\s+/g, ' ').trim();
      const start = text.length;
      text += `${'#'.repeat(level)} ${title}`;
      headings.push({ level, title, start, end: text.length });
      text += rand() < 0.8 ? '\n\n' : '\n';
    } else if (kind < 0.45) {
      const start = text.length;
      text += '```\n';
      const lines = Math.floor(rand() * (rand() < 0.2 ? 60 : 8));
      for (let l = 0; l < lines; l++) {
        text += rand() < 0.05 ? 'y'.repeat(Math.floor(rand() * 400)) : randomText(rand, Math.floor(rand() * 6)).replace(/\n/g, ' ');
        text += '\n';
      }
      text += '```';
      blocks.push({ kind: 'code', start, end: text.length });
      text += rand() < 0.8 ? '\n\n' : '\n';
    } else if (kind < 0.5) {
      const start = text.length;
      const rows = 1 + Math.floor(rand() * 10);
      for (let r = 0; r < rows; r++) text += `| ${pick(rand, WORDS)} | ${pick(rand, WORDS)} |\n`;
      blocks.push({ kind: 'table', start, end: text.length - 1 });
      text += '\n';
    } else {
      text += randomText(rand, Math.floor(rand() * 120)) + '\n\n';
    }
  }
  if (rand() < 0.1 && text.length > 0) {
    // Arbitrary extra spans, possibly overlapping other blocks.
    const a = Math.floor(rand() * text.length);
    blocks.push({ kind: 'table', start: a, end: a + Math.floor(rand() * (text.length - a + 1)) });
  }
  // Parsers give document order; the chunker must not depend on it.
  if (rand() < 0.1) headings.reverse();
  return { text, headings, blocks };
}
