import fs from 'node:fs';
import path from 'node:path';

/** Five documents; ids mix strings and a number, as BEIR corpora do. */
export const BEIR_CORPUS = [
  { _id: 'd1', title: 'Medicine note', text: 'Aspirin reduces fever and pain in adults.' },
  { _id: 'd2', title: 'Bird note', text: 'Penguins live in Antarctica and swim well.' },
  { _id: 'd3', title: 'Geology note', text: 'Volcanoes erupt molten lava and ash.' },
  { _id: 'd4', title: 'Medicine note', text: 'Aspirin thins the blood and prevents clots.' },
  { _id: 5, title: 'Ice note', text: 'Glaciers carve deep valleys over centuries.' },
];

/** Three judged queries and one that the qrels do not mention (so it is not run). */
export const BEIR_QUERIES = [
  { _id: 'q1', text: 'penguins' },
  { _id: 'q2', text: 'aspirin blood' },
  { _id: 'q3', text: 'glaciers' },
  { _id: 'q9', text: 'not judged, so not run' },
];

/** Judgements with a header line and one non-relevant (grade 0) entry. */
export const BEIR_QRELS = 'query-id\tcorpus-id\tscore\nq1\td2\t1\nq1\td1\t0\nq2\td1\t1\nq3\t5\t1\nq3\td3\t1\n';

/**
 * Keyword-mode metrics of the tiny folder, by hand:
 * - q1 "penguins": d2 at rank 1, its only relevant document → nDCG 1, recall 1, RR 1.
 * - q2 "aspirin blood": d4 (both words) then d1, the relevant one, at rank 2 → nDCG 1/log2(3), recall 1, RR 1/2.
 * - q3 "glaciers": 5 at rank 1; d3 (also relevant) is not retrieved → nDCG 1/(1 + 1/log2(3)), recall 1/2, RR 1.
 */
export const BEIR_KEYWORD_METRICS = {
  'ndcg@10': (1 + 1 / Math.log2(3) + 1 / (1 + 1 / Math.log2(3))) / 3, // 0.74802565
  'recall@100': 2.5 / 3,
  'mrr@10': 2.5 / 3,
};

export type BeirFile = 'corpus.jsonl' | 'queries.jsonl' | 'qrels/test.tsv';

/** Writes the tiny BEIR folder at `dir`; `edit` replaces a file's content, or drops it with null. */
export function writeBeirFolder(dir: string, edit: Partial<Record<BeirFile, string | null>> = {}): string {
  fs.mkdirSync(path.join(dir, 'qrels'), { recursive: true });
  const files: Record<string, string | null> = {
    'corpus.jsonl': BEIR_CORPUS.map((doc) => JSON.stringify(doc)).join('\n') + '\n',
    'queries.jsonl': BEIR_QUERIES.map((query) => JSON.stringify(query)).join('\n') + '\n',
    'qrels/test.tsv': BEIR_QRELS,
    ...edit,
  };
  for (const [name, content] of Object.entries(files)) if (content !== null) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
