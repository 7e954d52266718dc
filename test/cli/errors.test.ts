import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openIndex } from '../../src/index.js';
import { BEIR_KEYWORD_METRICS, writeBeirFolder } from '../helpers/beir.js';
import { buildCli, cleanEnv, json, removeCliBuild, runCli, type CliRun } from '../helpers/cli.js';
import { fixedEmbedder } from '../helpers/embedders.js';
import { copyFixtureDocs, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-cli-err-');
let cli: string;
beforeAll(() => {
  cli = buildCli();
}, 120_000);
afterAll(() => removeCliBuild(cli));

/** Asserts a clean failure: the exit code, and exactly one stderr line `quire: <message>` (with an optional `(hint)`), no stack. */
function expectFailure(run: CliRun, status: number, firstLine: string | RegExp): void {
  expect(run.status, run.stderr).toBe(status);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  if (typeof firstLine === 'string') expect(lines[0].startsWith(firstLine), lines[0]).toBe(true);
  else expect(lines[0]).toMatch(firstLine);
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('CLI errors', () => {
  it('search on a missing index: exit 3, one line, and no file is created', () => {
    const cwd = tmp();
    const db = path.join(cwd, 'missing.db');
    expectFailure(runCli(cli, ['search', 'retry', '--db', db], cwd), 3, `quire: no index at ${db}`);
    expectFailure(runCli(cli, ['status', '--db', db], cwd), 3, `quire: no index at ${db}`);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });

  it('an unknown flag or command: nonzero exit with usage help', () => {
    const cwd = tmp();
    const flag = runCli(cli, ['search', 'retry', '--bogus'], cwd);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("unknown option '--bogus'");
    const command = runCli(cli, ['frobnicate'], cwd);
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
    const mode = runCli(cli, ['search', 'retry', '--mode', 'fuzzy'], cwd);
    expect(mode.status).toBe(2);
    expect(mode.stderr).toContain('fuzzy');
  });

  it('a corrupt index: exit 4, one line, and the file is left as it was', () => {
    const cwd = tmp();
    copyFixtureDocs(cwd);
    const db = path.join(cwd, 'index.db');
    const garbage = Buffer.from('this is not an SQLite database, just some bytes\n'.repeat(200));
    fs.writeFileSync(db, garbage);
    const message = new RegExp(`^quire: ${db.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid quire index \\(`);
    expectFailure(runCli(cli, ['search', 'retry', '--db', db], cwd), 4, message);
    expectFailure(runCli(cli, ['index', 'docs', '--db', db, '--no-progress'], cwd), 4, message);
    expect(fs.readFileSync(db).equals(garbage)).toBe(true);
  });

  it('an index built with another embedder: exit 5 naming both and how to rebuild; --rebuild switches', () => {
    const cwd = tmp();
    copyFixtureDocs(cwd);
    const db = path.join(cwd, 'index.db');
    openIndex({ db, embedder: fixedEmbedder('test:other', 16) }).close();
    const run = runCli(cli, ['index', 'docs', '--db', db, '--no-progress'], cwd);
    expectFailure(run, 5, `quire: ${db} was built with embedder test:other (16 dims), but local:hash-v1-d768 (768 dims) is configured`);
    expect(run.stderr).toContain('--rebuild');
    const rebuilt = runCli(cli, ['index', 'docs', '--db', db, '--rebuild', '--json', '--no-progress'], cwd);
    expect(rebuilt.status, rebuilt.stderr).toBe(0);
    expect(json(rebuilt).added).toBe(13);
  });

  it('a missing folder: exit 3; invalid settings: exit 2', () => {
    const cwd = tmp();
    expectFailure(runCli(cli, ['index', 'nowhere', '--db', 'i.db'], cwd), 3, `quire: no such file or folder: ${path.join(cwd, 'nowhere')}`);
    expectFailure(runCli(cli, ['search', 'x', '--limit', '0'], cwd), 2, 'quire: --limit must be a positive integer, got "0"');
    expectFailure(runCli(cli, ['search', 'x'], cwd, cleanEnv({ QUIRE_EMBED_MODEL: 'remote-model' })), 2, /^quire: embed model "remote-model" is not available/);
    fs.writeFileSync(path.join(cwd, 'quire.config.json'), '{"chunkTokens": 300, "colour": "blue"}');
    expectFailure(runCli(cli, ['status'], cwd), 2, `quire: ${path.join(cwd, 'quire.config.json')}: colour: Unrecognized key: "colour"`);
  });

  it('--verbose adds the error code', () => {
    const cwd = tmp();
    const run = runCli(cli, ['search', 'x', '--db', 'missing.db', '--verbose'], cwd);
    expect(run.status).toBe(3);
    expect(run.stderr).toContain('code: NOT_FOUND\n');
  });
});

describe('quire eval', () => {
  it('prints the report contract for a BEIR folder', () => {
    const cwd = tmp();
    writeBeirFolder(path.join(cwd, 'tiny'));
    const run = runCli(cli, ['eval', 'tiny', '--mode', 'keyword', '--json', '--no-progress'], cwd);
    expect(run.status, run.stderr).toBe(0);
    const report = json(run);
    expect(Object.keys(report)).toEqual(expect.arrayContaining(['ndcg@10', 'recall@100', 'mrr@10', 'queries', 'indexSeconds', 'latencyMs']));
    expect(Object.keys(report.latencyMs).sort()).toEqual(['p50', 'p95']);
    expect(typeof report.indexSeconds).toBe('number');
    expect(typeof report.latencyMs.p50).toBe('number');
    expect(typeof report.latencyMs.p95).toBe('number');
    expect(report.queries).toBe(3);
    expect(report['ndcg@10']).toBeCloseTo(BEIR_KEYWORD_METRICS['ndcg@10'], 12);
    expect(report['recall@100']).toBeCloseTo(BEIR_KEYWORD_METRICS['recall@100'], 12);
    expect(report['mrr@10']).toBeCloseTo(BEIR_KEYWORD_METRICS['mrr@10'], 12);
    expect(fs.readdirSync(cwd)).toEqual(['tiny']); // the evaluation index was temporary
  });

  it('fails cleanly on a folder that is not BEIR data', () => {
    const cwd = tmp();
    const dir = writeBeirFolder(path.join(cwd, 'tiny'), { 'queries.jsonl': null });
    expectFailure(runCli(cli, ['eval', 'tiny', '--json'], cwd), 3, `quire: tiny is not a BEIR folder: queries.jsonl is missing`);
    expect(fs.existsSync(dir)).toBe(true);
    expectFailure(runCli(cli, ['eval', 'absent'], cwd), 3, 'quire: no such folder: absent');
  });
});
