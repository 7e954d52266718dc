import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './temp.js';

/** What one CLI run printed and returned. */
export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Bundles cli/main.ts with tsup into a private folder under node_modules/.cache and returns the
 * script path. A private output keeps test runs from racing each other (and anyone building
 * dist/, which tsup cleans first); inside the repository, better-sqlite3 and sqlite-vec resolve
 * from node_modules exactly as they do for dist/cli.js.
 */
export function buildCli(): string {
  // A fresh clone has no node_modules/.cache yet.
  const cacheDir = path.join(REPO_ROOT, 'node_modules', '.cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(cacheDir, 'quire-test-cli-'));
  execFileSync(
    path.join(REPO_ROOT, 'node_modules', '.bin', 'tsup'),
    ['cli/main.ts', '--no-config', '--format', 'esm', '--target', 'node20', '--out-dir', outDir, '--external', 'better-sqlite3', '--external', 'sqlite-vec', '--silent'],
    { cwd: REPO_ROOT, stdio: 'pipe' },
  );
  // node_modules ends package scope lookups, so say explicitly that the bundle is ESM.
  fs.writeFileSync(path.join(outDir, 'package.json'), '{"type":"module"}\n');
  return path.join(outDir, 'main.js');
}

/** Removes a folder made by {@link buildCli}. */
export function removeCliBuild(cli: string | undefined): void {
  if (cli) fs.rmSync(path.dirname(cli), { recursive: true, force: true });
}

/** An environment without any QUIRE_* or API key variables, so only the test's settings apply. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('QUIRE_') && key !== 'GROQ_API_KEY') env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs `node <cli> ...args` in `cwd` and captures its output (never throws on a nonzero exit). */
export function runCli(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = cleanEnv()): CliRun {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses stdout as JSON, with the run's output in the error when it is not. */
export function json(run: CliRun): any {
  try {
    return JSON.parse(run.stdout);
  } catch {
    throw new Error(`stdout is not JSON (exit ${run.status}):\n${run.stdout}\nstderr:\n${run.stderr}`);
  }
}
