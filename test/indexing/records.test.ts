import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuireError, openIndex, type RecordInput } from '../../src/index.js';
import { countRows, rowIds } from '../helpers/db.js';
import { countingEmbedder } from '../helpers/embedders.js';
import { useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-records-');

function open() {
  const dir = tmp();
  const db = path.join(dir, 'index.db');
  const embedder = countingEmbedder();
  return { db, embedder, index: openIndex({ db, pathBase: dir, embedder }) };
}

const RECORDS: RecordInput[] = [
  { id: 'kb-1', title: 'Resetting a password', text: 'Open Settings, choose Security and click Reset password.', metadata: { team: 'support' } },
  { id: 'kb-2', text: 'Invoices are emailed on the first day of each month.', metadata: { team: 'billing', tags: ['invoices'] } },
];

describe('add()', () => {
  it('adds records, then leaves unchanged ones alone without embedding', async () => {
    const { index, embedder } = open();
    expect(await index.add(RECORDS)).toMatchObject({ added: 2, updated: 0, unchanged: 0, skipped: 0, chunksEmbedded: 2 });
    const calls = embedder.calls;
    expect(await index.add(RECORDS)).toMatchObject({ added: 0, updated: 0, unchanged: 2, skipped: 0, chunksEmbedded: 0 });
    expect(embedder.calls).toBe(calls);
    index.close();
  });

  it('updates a record whose text, title or metadata changed', async () => {
    const { db, index } = open();
    await index.add(RECORDS);
    const id = index.get('kb-1')!.documentId;
    const changed = [{ ...RECORDS[0], text: 'Open Settings, choose Security and click Change password.' }, RECORDS[1]];
    expect(await index.add(changed)).toMatchObject({ added: 0, updated: 1, unchanged: 1, chunksEmbedded: 1 });
    expect(index.get('kb-1')).toMatchObject({ documentId: id, text: changed[0].text });
    expect(await index.add([{ ...RECORDS[1], metadata: { team: 'finance' } }])).toMatchObject({ updated: 1 });
    expect(index.get('kb-2')!.metadata).toEqual({ team: 'finance' });
    expect(await index.add([{ ...changed[0], title: 'Changing a password' }])).toMatchObject({ updated: 1 });
    expect(index.get('kb-1')!.title).toBe('Changing a password');
    expect(countRows(db)).toEqual({ documents: 2, chunks: 2, fts: 2, trigram: 2, vectors: 2 });
    index.close();
  });

  it('skips empty records with a warning and accepts async iterables', async () => {
    const { index } = open();
    const warnings: string[] = [];
    async function* stream() {
      yield RECORDS[0];
      yield { id: 'blank', text: ' \n\t ' };
      yield RECORDS[1];
    }
    const summary = await index.add(stream(), { onWarning: (message) => warnings.push(message) });
    expect(summary).toMatchObject({ added: 2, skipped: 1, skippedByReason: { empty: 1 } });
    expect(warnings).toEqual(['skipped record blank: empty']);
    expect(index.get('blank')).toBeUndefined();
    index.close();
  });

  it('rejects a duplicate id in one call without writing anything', async () => {
    const { db, index } = open();
    let error: unknown;
    try {
      await index.add([RECORDS[0], RECORDS[1], { id: 'kb-1', text: 'again' }]);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error, 'INVALID_ARGUMENT')).toBe(true);
    expect((error as Error).message).toBe('duplicate record id "kb-1" in one add() call');
    expect(countRows(db).documents).toBe(0);
    index.close();
  });

  it('rejects records without an id or text', async () => {
    const { index } = open();
    for (const bad of [{ id: '', text: 'x' }, { id: 'a', text: 3 }, { id: 'b', text: 'x', title: 7 }]) {
      await expect(index.add([bad as unknown as RecordInput])).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    index.close();
  });

  it('get() finds a record by id and numeric id; its text is the record text', async () => {
    const { index } = open();
    await index.add(RECORDS);
    const view = index.get('kb-1')!;
    expect(view).toMatchObject({
      source: 'record',
      path: 'kb-1',
      absolutePath: null,
      title: 'Resetting a password',
      format: 'text',
      metadata: { team: 'support' },
      text: RECORDS[0].text,
    });
    expect(view.chunks.map((c) => [c.startLine, c.endLine, c.sourceStart, c.sourceEnd, c.text])).toEqual([
      [1, 1, 0, RECORDS[0].text.length, RECORDS[0].text],
    ]);
    expect(index.get(view.documentId)?.path).toBe('kb-1');
    index.close();
  });

  it('a long record is chunked, and get() rebuilds its exact text from overlapping chunks', async () => {
    const { db, index } = open();
    const text = Array.from({ length: 60 }, (_, i) => `Paragraph ${i} describes step ${i} of the data migration in detail.`).join('\n\n');
    await index.add([{ id: 'long', text, format: 'markdown' }]);
    const view = index.get('long')!;
    expect(view.chunks.length).toBeGreaterThan(1);
    expect(view.text).toBe(text);
    expect(view.chunks[view.chunks.length - 1].endLine).toBe(text.split('\n').length);
    const ids = rowIds(db);
    expect(ids.vectors).toEqual(ids.chunks);
    index.close();
  });

  it('remove() deletes a record with its rows', async () => {
    const { db, index } = open();
    await index.add(RECORDS);
    expect(index.remove('kb-2')).toBe(true);
    expect(index.remove('kb-2')).toBe(false);
    expect(index.get('kb-2')).toBeUndefined();
    expect(countRows(db)).toEqual({ documents: 1, chunks: 1, fts: 1, trigram: 1, vectors: 1 });
    index.close();
  });
});
