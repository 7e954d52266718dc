import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isQuireError } from '../../src/errors.js';
import { walkFiles, type WalkEvent, type WalkOptions } from '../../src/ingest/walk.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'quire-walk-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(rel: string, content: string | Buffer = 'x\n'): Promise<void> {
  const abs = join(root, rel);
  await mkdir(join(abs, '..'), { recursive: true });
  await writeFile(abs, content);
}

/** Events as `file:rel` / `skip:rel:reason`, relative to the temp root. */
async function walk(roots: string[] = [root], options: Partial<WalkOptions> = {}): Promise<string[]> {
  const out: string[] = [];
  for await (const e of walkFiles(roots, { maxFileBytes: 1000, ...options })) out.push(show(e));
  return out;
}
function show(e: WalkEvent): string {
  const rel = relative(root, e.absPath) || '.';
  return e.type === 'file' ? `file:${rel}` : `skip:${rel}:${e.reason}`;
}

describe('walkFiles', () => {
  it('applies nested .gitignore/.quireignore rules, hides dot entries, sorts by name', async () => {
    await put('.gitignore', '*.gen.md\nbuild/\n!keep.gen.md\n');
    await put('.quireignore', 'private.md\n');
    await put('a.md');
    await put('B.md');
    await put('b.txt');
    await put('big.md', 'x'.repeat(1001));
    await put('exact.md', 'x'.repeat(1000));
    await put('build/x.md');
    await put('data.bin');
    await put('keep.gen.md');
    await put('other.gen.md');
    await put('local.md');
    await put('private.md');
    await put('.hidden/secret.md');
    await put('.dotfile.md');
    await put('node_modules/pkg/README.md');
    await put('sub/.gitignore', 'local.md\n!z.gen.md\n');
    await put('sub/inner.md');
    await put('sub/local.md');
    await put('sub/y.gen.md');
    await put('sub/z.gen.md');
    await put('sub/deeper/local.md');
    await put('sub/deeper/.quireignore', '!local.md\n');
    await put('z.md');
    expect(await walk()).toEqual([
      'file:B.md',
      'file:a.md',
      'file:b.txt',
      'skip:big.md:too-large',
      'skip:data.bin:unsupported',
      'file:exact.md',
      'file:keep.gen.md',
      'file:local.md',
      'file:sub/deeper/local.md',
      'file:sub/inner.md',
      'file:sub/z.gen.md',
      'file:z.md',
    ]);
  });

  it('reports file sizes, modification times and formats', async () => {
    await put('a.md', 'hello\n');
    const events: WalkEvent[] = [];
    for await (const e of walkFiles([root], { maxFileBytes: 100 })) events.push(e);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.type === 'file' && e.size === 6 && e.format === 'markdown' && e.mtimeMs > 0).toBe(true);
  });

  it('accepts single files and hidden roots given explicitly', async () => {
    await put('.docs/a.md');
    await put('one.html', '<p>x</p>');
    await put('pic.png');
    expect(await walk([join(root, 'one.html'), join(root, '.docs'), join(root, 'pic.png')])).toEqual([
      'file:one.html',
      'file:.docs/a.md',
      'skip:pic.png:unsupported',
    ]);
  });

  it('follows symlinks but reports loops', async () => {
    await put('docs/a.md');
    await put('other/b.md');
    await symlink(join(root, 'docs'), join(root, 'docs', 'loop')); // a cycle
    await symlink(join(root, 'other'), join(root, 'docs', 'link-to-other'));
    await symlink(join(root, 'other', 'b.md'), join(root, 'docs', 'c.md'));
    await symlink(join(root, 'docs', 'self'), join(root, 'docs', 'self'));
    await symlink(join(root, 'missing.md'), join(root, 'docs', 'dangling.md'));
    expect(await walk([join(root, 'docs'), join(root, 'other')])).toEqual([
      'file:docs/a.md',
      'file:docs/c.md',
      'skip:docs/dangling.md:unreadable',
      'file:docs/link-to-other/b.md',
      'skip:docs/loop:symlink-loop',
      'skip:docs/self:symlink-loop',
      'skip:other:symlink-loop',
    ]);
  });

  it('reports a file that vanishes during the walk', async () => {
    await put('a.md');
    await put('b.md');
    const seen: string[] = [];
    for await (const e of walkFiles([root], { maxFileBytes: 1000 })) {
      seen.push(show(e));
      if (seen.length === 1) await rm(join(root, 'b.md'));
    }
    expect(seen).toEqual(['file:a.md', 'skip:b.md:vanished']);
  });

  it.skipIf(process.getuid?.() === 0)('reports unreadable folders', async () => {
    await put('locked/a.md');
    await put('z.md');
    await chmod(join(root, 'locked'), 0o000);
    try {
      expect(await walk()).toEqual(['skip:locked:unreadable', 'file:z.md']);
    } finally {
      await chmod(join(root, 'locked'), 0o755);
    }
  });

  it('throws PATH_NOT_FOUND for a missing root', async () => {
    let caught: unknown;
    try {
      await walk([join(root, 'nope')]);
    } catch (error) {
      caught = error;
    }
    expect(isQuireError(caught, 'PATH_NOT_FOUND')).toBe(true);
    expect((caught as Error).message).toBe(`no such file or folder: ${join(root, 'nope')}`);
  });

  it('stops when the signal fires', async () => {
    await put('a.md');
    await put('b.md');
    const controller = new AbortController();
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const e of walkFiles([root], { maxFileBytes: 1000, signal: controller.signal })) {
        seen.push(show(e));
        controller.abort();
      }
    } catch (error) {
      caught = error;
    }
    expect(seen).toEqual(['file:a.md']);
    expect(isQuireError(caught, 'ABORTED')).toBe(true);
  });

  it('is deterministic', async () => {
    for (const name of ['c.md', 'a.md', 'b/z.md', 'b/a.md', 'A.md', '_x.md', '10.md', '9.md']) await put(name);
    const first = await walk();
    expect(first).toEqual(['file:10.md', 'file:9.md', 'file:A.md', 'file:_x.md', 'file:a.md', 'file:b/a.md', 'file:b/z.md', 'file:c.md']);
    expect(await walk()).toEqual(first);
  });
});
