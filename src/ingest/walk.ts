import type { Dirent, Stats } from 'node:fs';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { QuireError, throwIfAborted } from '../errors.js';
import { detectFormat } from './detect.js';
import type { DocumentFormat } from './types.js';

/** Why a file was not indexed. */
export type SkipReason =
  | 'too-large'
  | 'binary'
  | 'invalid-utf8'
  | 'unreadable'
  | 'vanished'
  | 'empty'
  | 'unsupported'
  | 'symlink-loop'
  | 'parse-error'
  | 'generated';

/** One result of {@link walkFiles}. */
export type WalkEvent =
  | { type: 'file'; absPath: string; size: number; mtimeMs: number; format: DocumentFormat }
  | { type: 'skip'; absPath: string; reason: SkipReason; detail?: string };

/** Options for {@link walkFiles}. */
export interface WalkOptions {
  /** Files larger than this are reported as 'too-large'. */
  maxFileBytes: number;
  signal?: AbortSignal;
}

/** Ignore files read in every directory; later files override earlier ones. */
const IGNORE_FILES = ['.gitignore', '.quireignore'];
/** Rules that apply below one directory. */
interface RuleSet {
  dir: string;
  ig: Ignore;
}

/**
 * Yields the supported files under `roots` (folders or single files), depth-first, entries
 * sorted by name (code-unit order). Inside folders: `.gitignore` and `.quireignore` in any
 * directory apply to the paths below it, deeper files overriding shallower ones as in git
 * (ignore files above a root are not read); hidden entries (`.name`) and `node_modules` are
 * skipped silently, as are ignored ones. Symlinks are followed; a directory already visited
 * (by realpath) is reported as 'symlink-loop' instead of being walked again. A root given
 * explicitly is walked even if hidden or ignored. A missing root throws PATH_NOT_FOUND.
 */
export async function* walkFiles(roots: string[], options: WalkOptions): AsyncGenerator<WalkEvent> {
  const visited = new Set<string>();
  for (const root of roots) {
    throwIfAborted(options.signal);
    const absRoot = resolve(root);
    let info: Stats;
    try {
      info = await stat(absRoot);
    } catch (cause) {
      throw new QuireError('PATH_NOT_FOUND', `no such file or folder: ${root}`, { cause });
    }
    if (info.isDirectory()) yield* walkDir(absRoot, [], visited, options);
    else yield fileEvent(absRoot, info, options);
  }
}

async function* walkDir(
  dir: string,
  inherited: RuleSet[],
  visited: Set<string>,
  options: WalkOptions,
): AsyncGenerator<WalkEvent> {
  throwIfAborted(options.signal);
  let real: string;
  let entries: Dirent[];
  try {
    real = await realpath(dir);
    if (visited.has(real)) {
      yield { type: 'skip', absPath: dir, reason: 'symlink-loop', detail: `already visited ${real}` };
      return;
    }
    visited.add(real);
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    yield errorEvent(dir, error);
    return;
  }
  const rules = [...inherited];
  const own = await loadIgnoreRules(dir);
  if (own !== null) rules.push({ dir, ig: own });

  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    throwIfAborted(options.signal);
    const name = entry.name;
    if (name.startsWith('.') || name === 'node_modules') continue;
    const abs = join(dir, name);
    let info: Stats | null = null;
    let isDir = entry.isDirectory();
    if (entry.isSymbolicLink()) {
      try {
        info = await stat(abs);
      } catch (error) {
        yield await brokenLinkEvent(abs, error);
        continue;
      }
      isDir = info.isDirectory();
    }
    if (isIgnored(rules, abs, isDir)) continue;
    if (isDir) {
      yield* walkDir(abs, rules, visited, options);
      continue;
    }
    if (detectFormat(abs) === null) {
      yield { type: 'skip', absPath: abs, reason: 'unsupported' };
      continue;
    }
    try {
      info ??= await stat(abs);
    } catch (error) {
      yield errorEvent(abs, error);
      continue;
    }
    yield fileEvent(abs, info, options);
  }
}

function fileEvent(abs: string, info: Stats, options: WalkOptions): WalkEvent {
  if (!info.isFile()) return { type: 'skip', absPath: abs, reason: 'unsupported', detail: 'not a regular file' };
  const format = detectFormat(abs);
  if (format === null) return { type: 'skip', absPath: abs, reason: 'unsupported' };
  if (info.size > options.maxFileBytes) {
    return { type: 'skip', absPath: abs, reason: 'too-large', detail: `${info.size} bytes > ${options.maxFileBytes}` };
  }
  return { type: 'file', absPath: abs, size: info.size, mtimeMs: info.mtimeMs, format };
}

/** Reads `.gitignore` + `.quireignore` in `dir` into one rule set, or null when there are none. */
async function loadIgnoreRules(dir: string): Promise<Ignore | null> {
  let ig: Ignore | null = null;
  for (const file of IGNORE_FILES) {
    let content: string;
    try {
      content = await readFile(join(dir, file), 'utf8');
    } catch {
      continue; // absent or unreadable: no rules
    }
    ig ??= ignore();
    ig.add(content);
  }
  return ig;
}

/**
 * Git semantics: every rule set from the root down is consulted, and the deepest one that
 * has an opinion (ignore or re-include) wins.
 */
function isIgnored(rules: RuleSet[], abs: string, isDir: boolean): boolean {
  let ignored = false;
  for (const { dir, ig } of rules) {
    let rel = relative(dir, abs);
    if (sep !== '/') rel = rel.split(sep).join('/');
    if (isDir) rel += '/';
    const result = ig.test(rel);
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

async function brokenLinkEvent(abs: string, error: unknown): Promise<WalkEvent> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    // The link itself may still exist: then it is dangling, not vanished.
    const still = await lstat(abs).then(() => true, () => false);
    if (still) return { type: 'skip', absPath: abs, reason: 'unreadable', detail: 'broken symlink' };
  }
  return errorEvent(abs, error);
}

function errorEvent(abs: string, error: unknown): WalkEvent {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return { type: 'skip', absPath: abs, reason: 'vanished', detail };
  if (code === 'ELOOP') return { type: 'skip', absPath: abs, reason: 'symlink-loop', detail };
  return { type: 'skip', absPath: abs, reason: 'unreadable', detail };
}
