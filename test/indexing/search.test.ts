import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndex, type SearchMode, type SearchResult } from '../../src/index.js';
import { copyFixtureDocs, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-search-');
const MODES: SearchMode[] = ['hybrid', 'keyword', 'vector'];

async function fixtureIndex() {
  const dir = tmp();
  const docs = copyFixtureDocs(dir);
  const index = openIndex({ db: path.join(dir, 'index.db'), pathBase: docs });
  await index.indexPath(docs);
  return { docs, index };
}

function documents(results: SearchResult[]): string[] {
  return [...new Set(results.map((result) => result.path))].sort();
}

describe('search on fixtures/docs', () => {
  it.each([
    ['retry policy', 'guides/webhooks.md'],
    ['install on linux', 'guides/install-linux.md'],
    ['docker compose', 'guides/install-docker.md'],
    ['environment variables', 'reference/configuration.md'],
  ])('"%s" finds %s first in every mode', async (query, expected) => {
    const { index } = await fixtureIndex();
    for (const mode of MODES) {
      const results = await index.search(query, { mode, k: 5 });
      expect(results[0]?.path, `${mode}: ${results.map((r) => r.path).join(', ')}`).toBe(expected);
    }
    index.close();
  });

  it('returns passages that quote their file lines, merged so no two overlap', async () => {
    const { docs, index } = await fixtureIndex();
    for (const mode of MODES) {
      const results = await index.search('how do webhooks retry failed deliveries', { mode, k: 10 });
      expect(results.length).toBeGreaterThan(0);
      for (const result of results) {
        const original = fs.readFileSync(path.join(docs, result.path), 'utf8');
        expect(result.absolutePath).toBe(path.join(docs, result.path));
        expect(result.startLine).toBeGreaterThanOrEqual(1);
        expect(result.endLine).toBeGreaterThanOrEqual(result.startLine);
        expect(result.chunkIds).toContain(result.chunkId);
        if (result.path.endsWith('.md')) {
          const lines = original.split('\n').slice(result.startLine - 1, result.endLine).join('\n');
          expect(lines).toContain(result.text.trim());
          expect(original.slice(result.sourceStart, result.sourceEnd)).toBe(result.text.trim());
        }
      }
      for (const a of results) {
        for (const b of results) {
          if (a === b || a.documentId !== b.documentId) continue;
          expect(a.sourceEnd <= b.sourceStart || b.sourceEnd <= a.sourceStart, `${a.path} passages overlap`).toBe(true);
        }
      }
      const scores = results.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
    }
    index.close();
  });

  it('explains which lists ranked a hybrid result', async () => {
    const { index } = await fixtureIndex();
    const [top] = await index.search('retry policy', { k: 3 });
    expect(Object.keys(top.explain.lists).sort()).toEqual(expect.arrayContaining(['keyword', 'vector']));
    for (const trace of Object.values(top.explain.lists)) expect(trace.rank).toBeGreaterThanOrEqual(1);
    const [keywordOnly] = await index.search('retry policy', { k: 3, mode: 'keyword' });
    expect(Object.keys(keywordOnly.explain.lists)).not.toContain('vector');
    index.close();
  });

  it('filters by path glob, returning every matching document when there are fewer than k', async () => {
    const { index } = await fixtureIndex();
    const all = ['reference/cli.md', 'reference/configuration.md', 'reference/http-api.html', 'reference/sdk-javascript.html'];
    expect(documents(await index.search('retry policy', { mode: 'vector', k: 20, filter: { path: 'reference/**' } }))).toEqual(all);
    for (const mode of MODES) {
      const results = await index.search('retry policy', { mode, k: 20, filter: { path: ['reference/*.html', 'faq.html'] } });
      expect(documents(results).every((p) => ['faq.html', 'reference/http-api.html', 'reference/sdk-javascript.html'].includes(p))).toBe(true);
      expect(results.length).toBeGreaterThan(0);
    }
    expect(await index.search('retry policy', { filter: { path: 'nothing/**' } })).toEqual([]);
    index.close();
  });

  it('filters by front-matter metadata, including list values', async () => {
    const { index } = await fixtureIndex();
    const install = ['guides/install-docker.md', 'guides/install-linux.md'];
    expect(documents(await index.search('retry policy', { mode: 'vector', k: 10, filter: { metadata: { tags: 'install' } } }))).toEqual(install);
    for (const mode of MODES) {
      const results = await index.search('docker', { mode, k: 10, filter: { metadata: { tags: 'install' } } });
      expect(results[0]?.path).toBe('guides/install-docker.md');
      expect(documents(results).every((p) => install.includes(p))).toBe(true);
    }
    index.close();
  });

  it('rejects bad arguments', async () => {
    const { index } = await fixtureIndex();
    await expect(index.search('retry', { k: 0 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(index.search('  ')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(index.search('retry', { mode: 'fuzzy' as SearchMode })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    index.close();
  });
});

describe('search over records', () => {
  it('a filter never returns fewer results than exist, even when its documents rank far below k', async () => {
    const dir = tmp();
    const index = openIndex({ db: path.join(dir, 'index.db'), pathBase: dir });
    const noise = Array.from({ length: 120 }, (_, i) => ({
      id: `noise-${i}`,
      text: `Retry policy ${i}: the retry policy sets how each retry backs off. Retry policy, retry policy.`,
      metadata: { kind: 'noise' },
    }));
    const targets = Array.from({ length: 6 }, (_, i) => ({
      id: `target-${i}`,
      text: `Target note ${i} about warehouse inventory, shelf labels and a retry of the scanner sync.`,
      metadata: { kind: 'target' },
    }));
    await index.add([...noise, ...targets]);
    const ids = targets.map((t) => t.id).sort();
    for (const mode of MODES) {
      const unfiltered = await index.search('retry policy', { mode, k: 10 });
      expect(unfiltered.some((r) => r.path.startsWith('target-')), mode).toBe(false);
      const filtered = await index.search('retry policy', { mode, k: 10, filter: { metadata: { kind: 'target' } } });
      expect(documents(filtered), mode).toEqual(ids);
      const byPath = await index.search('retry policy', { mode, k: 10, filter: { path: 'target-*' } });
      expect(documents(byPath), mode).toEqual(ids);
    }
    index.close();
  });

  it('finds CJK text and identifiers inside longer words through the trigram index', async () => {
    const dir = tmp();
    const index = openIndex({ db: path.join(dir, 'index.db'), pathBase: dir });
    await index.add([
      { id: 'ja', text: '全文検索エンジンの設定方法を説明します。' },
      { id: 'config', text: 'Set maxRetryAttempts to 5 in the worker settings.' },
      { id: 'other', text: 'Unrelated text about lunch menus and coffee.' },
    ]);
    expect((await index.search('検索エンジン', { mode: 'keyword' })).map((r) => r.path)).toEqual(['ja']);
    expect((await index.search('RetryAttempts', { mode: 'keyword' })).map((r) => r.path)).toEqual(['config']);
    expect(await index.search('nonexistentword', { mode: 'keyword' })).toEqual([]);
    index.close();
  });

  it('returns nothing from an empty index', async () => {
    const dir = tmp();
    const index = openIndex({ db: path.join(dir, 'index.db'), pathBase: dir });
    for (const mode of MODES) expect(await index.search('anything', { mode })).toEqual([]);
    index.close();
  });
});
