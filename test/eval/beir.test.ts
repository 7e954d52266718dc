import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuireError, openIndex, runBeirEval } from '../../src/index.js';
import { BEIR_CORPUS, BEIR_KEYWORD_METRICS, writeBeirFolder } from '../helpers/beir.js';
import { useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-beir-');

function beirFolder(edit: Parameters<typeof writeBeirFolder>[1] = {}): string {
  return writeBeirFolder(path.join(tmp(), 'tiny'), edit);
}

async function evalError(dir: string): Promise<Error & { code?: string }> {
  try {
    await runBeirEval(dir, { mode: 'keyword', db: path.join(tmp(), 'eval.db') });
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the evaluation to fail');
}

describe('runBeirEval', () => {
  it('scores keyword retrieval exactly as computed by hand', async () => {
    const db = path.join(tmp(), 'eval.db');
    const report = await runBeirEval(beirFolder(), { mode: 'keyword', db });
    // See BEIR_KEYWORD_METRICS for the hand computation.
    expect(report['ndcg@10']).toBeCloseTo(BEIR_KEYWORD_METRICS['ndcg@10'], 12);
    expect(report['ndcg@10']).toBeCloseTo(0.7480256, 6);
    expect(report['recall@100']).toBeCloseTo(2.5 / 3, 12);
    expect(report['mrr@10']).toBeCloseTo(2.5 / 3, 12);
    expect(report).toMatchObject({ queries: 3, mode: 'keyword', documents: 5, chunks: 5, summary: { added: 5, skipped: 0 } });
    expect(report.indexSeconds).toBeGreaterThanOrEqual(0);
    expect(report.latencyMs.p95).toBeGreaterThanOrEqual(report.latencyMs.p50);

    // Each record is one document titled from the corpus, keyed by its id.
    const index = openIndex({ db });
    expect(index.get('5')).toMatchObject({ source: 'record', title: 'Ice note', text: 'Glaciers carve deep valleys over centuries.' });
    index.close();
  });

  it('ignores a retrieved document whose id is the query id, as BEIR does', async () => {
    // Document "q1" repeats the query word three times: it would rank first for q1.
    const corpus = [...BEIR_CORPUS, { _id: 'q1', title: 'Penguins', text: 'penguins penguins penguins' }];
    const dir = beirFolder({ 'corpus.jsonl': corpus.map((doc) => JSON.stringify(doc)).join('\n') + '\n' });
    const report = await runBeirEval(dir, { mode: 'keyword', db: path.join(tmp(), 'eval.db') });
    expect(report.documents).toBe(6);
    expect(report['ndcg@10']).toBeCloseTo(BEIR_KEYWORD_METRICS['ndcg@10'], 12);
    expect(report['mrr@10']).toBeCloseTo(2.5 / 3, 12);
  });

  it('runs the other modes over the same data', async () => {
    const dir = beirFolder();
    for (const mode of ['vector', 'hybrid'] as const) {
      const report = await runBeirEval(dir, { mode });
      expect(report).toMatchObject({ queries: 3, mode, documents: 5 });
      expect(report['mrr@10']).toBeGreaterThan(0);
      expect(report['ndcg@10']).toBeLessThanOrEqual(1);
    }
  });

  it('names a missing file', async () => {
    for (const name of ['corpus.jsonl', 'queries.jsonl', 'qrels/test.tsv'] as const) {
      const dir = beirFolder({ [name]: null });
      const error = await evalError(dir);
      expect(isQuireError(error, 'EVAL_DATA_INVALID'), name).toBe(true);
      expect(error.message).toBe(`${dir} is not a BEIR folder: ${name} is missing`);
    }
  });

  it('names the file and line of invalid JSON', async () => {
    const queries = beirFolder({ 'queries.jsonl': '{"_id":"q1","text":"penguins"}\n{"_id": "q2", text}\n' });
    const error = await evalError(queries);
    expect(isQuireError(error, 'EVAL_DATA_INVALID')).toBe(true);
    expect(error.message).toMatch(new RegExp(`^${escape(path.join(queries, 'queries.jsonl'))}:2: invalid JSON \\(`));

    const lines = BEIR_CORPUS.map((doc) => JSON.stringify(doc));
    lines.splice(2, 0, '{"_id": "broken"');
    const corpus = beirFolder({ 'corpus.jsonl': lines.join('\n') });
    expect((await evalError(corpus)).message).toMatch(new RegExp(`^${escape(path.join(corpus, 'corpus.jsonl'))}:3: invalid JSON`));
  });

  it('rejects records and judgements it cannot use', async () => {
    const noId = beirFolder({ 'corpus.jsonl': '{"title":"x","text":"y"}\n' });
    expect((await evalError(noId)).message).toBe(`${path.join(noId, 'corpus.jsonl')}:1: missing _id`);
    const badQrels = beirFolder({ 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\nq1\td2\n' });
    expect((await evalError(badQrels)).message).toBe(`${path.join(badQrels, 'qrels', 'test.tsv')}:2: expected query-id<TAB>corpus-id<TAB>score`);
    const unknownQuery = beirFolder({ 'qrels/test.tsv': 'q1\td2\t1\nq7\td1\t1\n' });
    expect((await evalError(unknownQuery)).message).toBe('1 judged queries are missing from queries.jsonl (first: q7)');
    const empty = beirFolder({ 'qrels/test.tsv': 'query-id\tcorpus-id\tscore\n' });
    expect((await evalError(empty)).message).toBe(`${path.join(empty, 'qrels', 'test.tsv')} has no judgements`);
  });

  it('fails with PATH_NOT_FOUND for a missing folder', async () => {
    const error = await evalError(path.join(tmp(), 'nowhere'));
    expect(isQuireError(error, 'PATH_NOT_FOUND')).toBe(true);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
