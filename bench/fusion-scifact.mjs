// Compares fusion settings on a BEIR collection (default: SciFact) with the built-in embedder.
// Usage: npm run build && node bench/fusion-scifact.mjs [beir-dir]
// Prints nDCG@10 and Recall@100 for keyword, vector, RRF and convex fusion at several weights.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { evaluateRun, fuseRankings, openIndex, runBeirEval } from '../dist/index.js';

const dir = process.argv[2] ?? new URL('../../shared/eval/scifact', import.meta.url).pathname;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'quire-fusion-'));
const db = path.join(tmp, 'index.db');
const base = await runBeirEval(dir, { db, mode: 'keyword' });
console.error(`indexed ${base.documents} documents (${base.chunks} chunks) in ${base.indexSeconds} s`);

const queries = new Map(
  fs.readFileSync(path.join(dir, 'queries.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line)).map((q) => [String(q._id), q.text]),
);
const qrels = new Map();
for (const line of fs.readFileSync(path.join(dir, 'qrels', 'test.tsv'), 'utf8').trim().split('\n').slice(1)) {
  const [q, d, s] = line.split('\t');
  if (!qrels.has(q)) qrels.set(q, new Map());
  qrels.get(q).set(d, Number(s));
}

const index = openIndex({ db, mustExist: true });
const N = 200;
const lists = new Map();
for (const q of qrels.keys()) {
  const text = queries.get(q);
  const keyword = (await index.rankChunks(text, { k: N, candidates: N, mode: 'keyword', weights: { substring: 0 } })).map((r) => ({ id: r.id, score: r.lists.keyword.score }));
  const vector = (await index.rankChunks(text, { k: N, candidates: N, mode: 'vector' })).map((r) => ({ id: r.id, score: r.lists.vector.score }));
  lists.set(q, { keyword, vector });
}
// Chunk → document id, read straight from the index file (a bench may look inside).
const sqlite = new Database(db, { readonly: true });
const ownerOf = sqlite.prepare('SELECT d.key FROM chunks c JOIN documents d ON d.id = c.document_id WHERE c.id = ?').pluck();
const keys = new Map();
function keyOf(chunkId) {
  if (!keys.has(chunkId)) keys.set(chunkId, ownerOf.get(chunkId));
  return keys.get(chunkId);
}

function evaluate(fuse) {
  const run = new Map();
  for (const [q, { keyword, vector }] of lists) {
    const best = new Map();
    for (const item of fuse(keyword, vector)) {
      const key = keyOf(item.id);
      if (!best.has(key)) best.set(key, item.score);
      if (best.size >= 100) break;
    }
    run.set(q, [...best].map(([id, score]) => ({ id, score })));
  }
  const m = evaluateRun(run, qrels);
  return `${m['ndcg@10'].toFixed(4)}  ${m['recall@100'].toFixed(4)}`;
}
const fused = (method, wk, wv) => (keyword, vector) =>
  fuseRankings([{ name: 'keyword', weight: wk, items: keyword }, { name: 'vector', weight: wv, items: vector }], method);

console.log('setting                      nDCG@10 R@100');
console.log(`keyword only                 ${evaluate((k) => k)}`);
console.log(`vector only                  ${evaluate((_k, v) => v)}`);
for (const w of [1, 0.5, 0.3, 0.2]) console.log(`rrf k=60 vector weight ${w.toFixed(2)}  ${evaluate(fused({ method: 'rrf', k: 60 }, 1, w))}`);
for (const w of [0.5, 0.35, 0.25, 0.2, 0.15, 0.1]) console.log(`convex vector weight ${w.toFixed(2)}    ${evaluate(fused({ method: 'convex' }, 1 - w, w))}`);
index.close();
sqlite.close();
fs.rmSync(tmp, { recursive: true, force: true });
