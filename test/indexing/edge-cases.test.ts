import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuireError, openIndex } from '../../src/index.js';
import { countRows, expectConsistent } from '../helpers/db.js';
import { copyFixtureDocs, FIXTURE_FILES, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-edges-');

function setup() {
  const dir = tmp();
  const docs = copyFixtureDocs(dir);
  const db = path.join(dir, 'index.db');
  return { dir, docs, db };
}

describe('indexing edge cases', () => {
  it('indexes a file reached twice in one run once (a root named twice, a root inside a root)', async () => {
    const { docs, db } = setup();
    const index = openIndex({ db, pathBase: docs });
    const readme = path.join(docs, 'README.md');
    const summary = await index.indexPath([docs, readme, readme, path.join(docs, 'guides'), docs]);
    expect([summary.added, summary.skipped]).toEqual([FIXTURE_FILES.length, 0]);
    expect(countRows(db).documents).toBe(FIXTURE_FILES.length);
    expectConsistent(db);
    index.close();
  });

  it('keeps what was indexed under a folder that cannot be walked this time', async () => {
    const { dir, docs, db } = setup();
    const index = openIndex({ db, pathBase: docs });
    await index.indexPath(docs);
    const before = countRows(db);
    // The guides folder turns into a dangling link: unreadable now, perhaps back later.
    const guides = path.join(docs, 'guides');
    fs.renameSync(guides, path.join(dir, 'guides-away'));
    fs.symlinkSync(path.join(dir, 'missing-target'), guides);
    const warnings: string[] = [];
    const summary = await index.indexPath(docs, { onWarning: (message) => warnings.push(message) });
    expect([summary.removed, summary.skippedByReason.unreadable]).toEqual([0, 1]);
    expect(warnings).toEqual(['skipped guides: unreadable (broken symlink)']);
    expect(countRows(db)).toEqual(before);
    expectConsistent(db);
    index.close();
  });

  it('re-chunks existing documents when the chunk size changes', async () => {
    const { docs, db } = setup();
    const first = openIndex({ db, pathBase: docs });
    await first.indexPath(docs);
    const chunksBefore = countRows(db).chunks;
    first.close();
    const smaller = openIndex({ db, pathBase: docs, chunk: { maxTokens: 64, overlapTokens: 8 } });
    const summary = await smaller.indexPath(docs);
    expect([summary.updated, summary.unchanged]).toEqual([FIXTURE_FILES.length, 0]);
    expect(countRows(db).chunks).toBeGreaterThan(chunksBefore * 3);
    expect(Math.max(...smaller.get('guides/webhooks.md')!.chunks.map((chunk) => chunk.tokens))).toBeLessThanOrEqual(64);
    expectConsistent(db);
    smaller.close();
  });

  it('removes a record whose text becomes empty', async () => {
    const { db } = setup();
    const index = openIndex({ db });
    await index.add([{ id: 'r1', text: 'refunds take five days' }]);
    const summary = await index.add([{ id: 'r1', text: '  ' }]);
    expect([summary.removed, summary.skipped, summary.skippedByReason.empty]).toEqual([1, 1, 1]);
    expect(index.get('r1')).toBeUndefined();
    expectConsistent(db);
    index.close();
  });

  it('refuses k above 1000 instead of returning fewer results than asked', async () => {
    const { db } = setup();
    const index = openIndex({ db });
    await index.add([{ id: 'r1', text: 'refunds take five days' }]);
    const error = await index.search('refunds', { k: 5000 }).catch((caught: unknown) => caught);
    expect(isQuireError(error, 'INVALID_ARGUMENT') && error.message).toBe('k must be an integer from 1 to 1000, got 5000');
    index.close();
  });

  it('finds two-character CJK words, which a trigram index cannot match', async () => {
    const { db } = setup();
    const index = openIndex({ db });
    await index.add([
      { id: 'zh', text: '这是一个中文文档。' },
      { id: 'ja', text: '日本語の説明書です。' },
      { id: 'en', text: 'An English manual.' },
    ]);
    const results = await index.search('中文', { mode: 'keyword' });
    expect(results.map((result) => result.path)).toEqual(['zh']);
    expect(Object.keys(results[0].explain.lists)).toEqual(['substring']);
    index.close();
  });
});
