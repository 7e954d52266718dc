import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** The sample documentation folder. */
export const FIXTURE_DOCS = path.join(REPO_ROOT, 'fixtures', 'docs');

/** Relative paths of the files a walk of fixtures/docs indexes (drafts/ and hidden files excluded). */
export const FIXTURE_FILES = [
  'CHANGELOG',
  'README.md',
  'faq.html',
  'getting-started.md',
  'guides/flags-and-rollouts.md',
  'guides/install-docker.md',
  'guides/install-linux.md',
  'guides/webhooks.md',
  'reference/cli.md',
  'reference/configuration.md',
  'reference/http-api.html',
  'reference/sdk-javascript.html',
  'troubleshooting.md',
] as const;

/**
 * Registers an afterEach hook that removes every folder made with the returned function, so
 * each test works in its own fresh directory under os.tmpdir(). Call at module or describe level.
 */
export function useTempDirs(prefix = 'quire-test-'): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    made.push(dir);
    return dir;
  };
}

/** Copies fixtures/docs (with its hidden files) into `dir/docs` and returns that folder. */
export function copyFixtureDocs(dir: string, name = 'docs'): string {
  const target = path.join(dir, name);
  fs.cpSync(FIXTURE_DOCS, target, { recursive: true });
  return target;
}

/** 1-based line number of a UTF-16 offset in `text` (lines end at \n, \r\n or a lone \r). */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) line++;
  }
  return line;
}
