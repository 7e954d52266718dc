import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { QuireError } from '../errors.js';
import type { RecordInput } from '../indexing/index.js';
import type { QueryQrels } from './metrics.js';

/** A BEIR query. */
export interface BeirQuery {
  id: string;
  text: string;
}

function requireFile(dir: string, name: string): string {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    throw new QuireError('EVAL_DATA_INVALID', `${dir} is not a BEIR folder: ${name} is missing`, {
      hint: 'a BEIR folder holds corpus.jsonl, queries.jsonl and qrels/test.tsv',
    });
  }
  return file;
}

async function* readJsonLines(file: string): AsyncGenerator<{ line: number; value: Record<string, unknown> }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    if (line.trim() === '') continue;
    try {
      yield { line: number, value: JSON.parse(line) as Record<string, unknown> };
    } catch (error) {
      throw new QuireError('EVAL_DATA_INVALID', `${file}:${number}: invalid JSON (${(error as Error).message})`);
    }
  }
}

/** Streams corpus.jsonl as records: one document per line, title + text. */
export async function* readBeirCorpus(dir: string): AsyncGenerator<RecordInput> {
  const file = requireFile(dir, 'corpus.jsonl');
  for await (const { line, value } of readJsonLines(file)) {
    const id = value._id;
    if (typeof id !== 'string' && typeof id !== 'number') throw new QuireError('EVAL_DATA_INVALID', `${file}:${line}: missing _id`);
    const title = typeof value.title === 'string' ? value.title : '';
    const text = typeof value.text === 'string' ? value.text : '';
    yield { id: String(id), title: title || undefined, text: text.trim() === '' ? title : text };
  }
}

/** Reads queries.jsonl into a map id → text. */
export async function readBeirQueries(dir: string): Promise<Map<string, string>> {
  const file = requireFile(dir, 'queries.jsonl');
  const queries = new Map<string, string>();
  for await (const { line, value } of readJsonLines(file)) {
    if ((typeof value._id !== 'string' && typeof value._id !== 'number') || typeof value.text !== 'string') {
      throw new QuireError('EVAL_DATA_INVALID', `${file}:${line}: a query needs _id and text`);
    }
    queries.set(String(value._id), value.text);
  }
  return queries;
}

/** Reads qrels/<split>.tsv (`query-id corpus-id score`, with an optional header line). */
export function readBeirQrels(dir: string, split = 'test'): Map<string, QueryQrels> {
  const file = requireFile(dir, path.join('qrels', `${split}.tsv`));
  const qrels = new Map<string, QueryQrels>();
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [queryId, docId, score] = line.split('\t');
    if (index === 0 && !/^-?\d+(\.\d+)?$/.test(score ?? '')) return; // header
    const grade = Number(score);
    if (queryId === undefined || docId === undefined || !Number.isFinite(grade)) {
      throw new QuireError('EVAL_DATA_INVALID', `${file}:${index + 1}: expected query-id<TAB>corpus-id<TAB>score`);
    }
    let judged = qrels.get(queryId);
    if (!judged) qrels.set(queryId, (judged = new Map()));
    judged.set(docId, grade);
  });
  if (qrels.size === 0) throw new QuireError('EVAL_DATA_INVALID', `${file} has no judgements`);
  return qrels;
}
