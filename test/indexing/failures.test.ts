import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuireError, openIndex, type IndexSummary } from '../../src/index.js';
import { countRows, expectConsistent } from '../helpers/db.js';
import { countingEmbedder, failingEmbedder } from '../helpers/embedders.js';
import { copyFixtureDocs, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-failures-');
/** More notes than one write batch holds (200 documents), so a run commits in several batches. */
const NOTES = 450;

function writeNotes(folder: string): void {
  fs.mkdirSync(folder, { recursive: true });
  for (let i = 0; i < NOTES; i++) {
    const n = String(i).padStart(3, '0');
    fs.writeFileSync(path.join(folder, `n${n}.md`), `# Note ${n}\n\nNote ${n} records decision ${i * 7} about the billing service.\n`);
  }
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the run to fail');
}

describe('a failing embedder', () => {
  it('keeps committed batches and earlier documents, writes nothing half, and the next run completes', async () => {
    const dir = tmp();
    const docs = copyFixtureDocs(dir);
    const db = path.join(dir, 'index.db');
    const first = openIndex({ db, pathBase: docs });
    await first.indexPath(docs);
    first.close();

    writeNotes(path.join(docs, 'notes'));
    fs.rmSync(path.join(docs, 'CHANGELOG'));
    // One embed call per batch of 200 notes: the second call fails.
    const broken = openIndex({ db, pathBase: docs, embedder: failingEmbedder(2, 256) });
    const error = await rejection(broken.indexPath(docs));
    expect((error as Error).message).toBe('embedder down (call 2)');
    broken.close();

    // The 13 earlier documents (even the deleted CHANGELOG: removal waits for a complete run)
    // plus the first batch of 200 notes, with every chunk fully written.
    expect(countRows(db)).toMatchObject({ documents: 13 + 200 });
    expectConsistent(db);
    const check = openIndex({ db, pathBase: docs });
    expect(check.get('CHANGELOG')).toBeDefined();
    expect(check.get('notes/n199.md')).toBeDefined();
    expect(check.get('notes/n200.md')).toBeUndefined();
    check.close();

    const embedder = countingEmbedder();
    const resumed = openIndex({ db, pathBase: docs, embedder });
    const summary = await resumed.indexPath(docs);
    expect(summary).toMatchObject({ added: NOTES - 200, updated: 0, removed: 1, unchanged: 12 + 200, skipped: 0, chunksEmbedded: NOTES - 200 });
    expect(embedder.texts).toHaveLength(NOTES - 200);
    expect(resumed.stats().documents).toBe(12 + NOTES);
    resumed.close();
    expectConsistent(db);
  });

  it('fails the batch when the embedder returns vectors of the wrong size', async () => {
    const dir = tmp();
    const docs = copyFixtureDocs(dir);
    const db = path.join(dir, 'index.db');
    const inner = countingEmbedder();
    const wrong = { ...inner, embed: async (texts: string[]) => texts.map(() => new Float32Array(inner.dimensions - 1)) };
    const index = openIndex({ db, pathBase: docs, embedder: wrong });
    const error = await rejection(index.indexPath(docs));
    expect(isQuireError(error, 'DIMENSION_MISMATCH')).toBe(true);
    expect(index.stats().documents).toBe(0);
    index.close();
    expectConsistent(db);
  });
});

describe('an aborted run', () => {
  it('stops with ABORTED, keeps the index consistent, and the next run completes the work', async () => {
    const dir = tmp();
    const notes = path.join(dir, 'notes');
    writeNotes(notes);
    const db = path.join(dir, 'index.db');
    const index = openIndex({ db, pathBase: dir });
    const controller = new AbortController();
    const error = await rejection(
      index.indexPath(notes, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (progress.phase === 'indexing' && progress.filesDone === 250) controller.abort();
        },
      }),
    );
    expect(isQuireError(error, 'ABORTED')).toBe(true);
    expect(index.stats().documents).toBe(200); // the first batch was committed before the abort
    expectConsistent(db);

    const summary: IndexSummary = await index.indexPath(notes);
    expect(summary).toMatchObject({ added: NOTES - 200, unchanged: 200, removed: 0, chunksEmbedded: NOTES - 200 });
    expect(index.stats().documents).toBe(NOTES);
    index.close();
    expectConsistent(db);
  });

  it('writes nothing when the signal has already fired', async () => {
    const dir = tmp();
    const docs = copyFixtureDocs(dir);
    const db = path.join(dir, 'index.db');
    const embedder = countingEmbedder();
    const index = openIndex({ db, pathBase: docs, embedder });
    const error = await rejection(index.indexPath(docs, { signal: AbortSignal.abort() }));
    expect(isQuireError(error, 'ABORTED')).toBe(true);
    expect(embedder.calls).toBe(0);
    expect(index.stats().documents).toBe(0);
    index.close();
  });
});
