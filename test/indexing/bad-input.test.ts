import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuireError, openIndex } from '../../src/index.js';
import { readDocument } from '../../src/ingest/read.js';
import { expectConsistent } from '../helpers/db.js';
import { copyFixtureDocs, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-bad-');
const isRoot = process.getuid?.() === 0;

function setup() {
  const dir = tmp();
  const folder = path.join(dir, 'docs');
  fs.mkdirSync(folder);
  const db = path.join(dir, 'index.db');
  const warnings: string[] = [];
  const index = openIndex({ db, pathBase: folder });
  const run = () => index.indexPath(folder, { onWarning: (message) => warnings.push(message) });
  const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(folder, name), content);
  return { dir, folder, db, index, warnings, run, write };
}

describe('bad input', () => {
  it('skips binary, invalid UTF-8, empty and too-large files with one warning each and indexes the rest', async () => {
    const { db, index, warnings, run, write } = setup();
    write('good.md', '# Good\n\nA normal page about deployment.\n');
    write('binary.md', Buffer.from([0x23, 0x20, 0x48, 0x00, 0x01, 0x02, 0x0a]));
    write('latin1.txt', Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'));
    write('empty.md', '');
    write('blank.txt', '  \n\n\t\n');
    const big = Buffer.alloc(50 * 1024 * 1024, 'lorem ipsum dolor sit amet\n');
    write('huge.txt', big);
    write('bad-front.md', '---\ntitle: [unclosed\ntags: : :\n---\n# Body\n\nThe body survives.\n');
    write('broken.html', '<html><body><h1>Broken page<p>An unclosed <b>bold <div>paragraph &amp; more</body>');
    const summary = await run();
    expect(summary).toMatchObject({
      added: 3,
      updated: 0,
      removed: 0,
      unchanged: 0,
      skipped: 5,
      skippedByReason: { binary: 1, 'invalid-utf8': 1, empty: 2, 'too-large': 1 },
    });
    expect(warnings).toHaveLength(6);
    for (const warning of warnings) expect(warning).not.toContain('\n');
    expect(warnings.filter((w) => w.startsWith('skipped ')).map((w) => w.split(':')[0]).sort()).toEqual([
      'skipped binary.md',
      'skipped blank.txt',
      'skipped empty.md',
      'skipped huge.txt',
      'skipped latin1.txt',
    ]);
    expect(warnings).toContain(`skipped huge.txt: too-large (${big.length} bytes > ${10 * 1024 * 1024})`);
    expect(warnings.find((w) => w.startsWith('bad-front.md: '))).toMatch(/^bad-front\.md: front matter is not valid YAML, kept as text: /);

    // Malformed front matter: indexed, the block kept as text, no metadata.
    const front = index.get('bad-front.md')!;
    expect(front.metadata).toEqual({});
    expect(front.text).toContain('title: [unclosed');
    expect(front.text).toContain('The body survives.');
    // Malformed HTML: indexed with its visible text.
    const html = index.get('broken.html')!;
    expect(html.text).toContain('Broken page');
    expect(html.text).toContain('paragraph & more');
    expect((await index.search('paragraph', { mode: 'keyword' }))[0]?.path).toBe('broken.html');
    expect(index.stats().documents).toBe(3);
    expectConsistent(db);
    index.close();
  });

  it('counts a file that vanishes between the walk and the read, and removes its old version', async () => {
    const { folder, index, warnings, write } = setup();
    write('a.md', '# A\n\nStays.\n');
    write('b.md', '# B\n\nGoes away.\n');
    await index.indexPath(folder);
    write('b.md', '# B\n\nChanged, then gone.\n');
    const summary = await index.indexPath(folder, {
      onWarning: (message) => warnings.push(message),
      onProgress: (progress) => {
        if (progress.phase === 'indexing' && progress.current === 'b.md') fs.rmSync(path.join(folder, 'b.md'));
      },
    });
    expect(summary).toMatchObject({ added: 0, updated: 0, unchanged: 1, removed: 1, skipped: 1, skippedByReason: { vanished: 1 } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^skipped b\.md: vanished \(ENOENT/);
    expect(index.get('b.md')).toBeUndefined();
    index.close();
  });

  it('readDocument reports a missing path as vanished', async () => {
    const missing = path.join(tmp(), 'gone.md');
    const result = await readDocument(missing);
    expect(result).toMatchObject({ kind: 'skip', reason: 'vanished' });
  });

  it('fails on a missing folder with PATH_NOT_FOUND and loses nothing', async () => {
    const { dir, folder, index, write } = setup();
    write('a.md', '# A\n\nIndexed.\n');
    await index.indexPath(folder);
    let error: unknown;
    try {
      await index.indexPath([folder, path.join(dir, 'missing')]);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error, 'PATH_NOT_FOUND')).toBe(true);
    expect((error as Error).message).toBe(`no such file or folder: ${path.join(dir, 'missing')}`);
    expect(index.get('a.md')).toBeDefined();
    index.close();
  });

  it('removes an indexed file that became binary, keeping the index consistent', async () => {
    const { db, index, run, write } = setup();
    write('a.md', '# A\n\nText.\n');
    write('b.md', '# B\n\nMore text.\n');
    await run();
    write('a.md', Buffer.from([0x00, 0xff, 0x10, 0x00]));
    expect(await run()).toMatchObject({ removed: 1, unchanged: 1, skipped: 1, skippedByReason: { binary: 1 } });
    expect(index.get('a.md')).toBeUndefined();
    expect(index.stats().documents).toBe(1);
    expectConsistent(db);
    index.close();
  });

  it('keeps the old version of an indexed file that can no longer be read (dangling symlink)', async () => {
    const { folder, index, warnings, run, write } = setup();
    write('a.md', '# A\n\nThe first version.\n');
    await run();
    fs.rmSync(path.join(folder, 'a.md'));
    fs.symlinkSync(path.join(folder, 'nowhere.md'), path.join(folder, 'a.md'));
    expect(await run()).toMatchObject({ removed: 0, skipped: 1, skippedByReason: { unreadable: 1 } });
    expect(warnings).toEqual(['skipped a.md: unreadable (broken symlink)']);
    expect(index.get('a.md')!.text).toBe('# A\n\nThe first version.\n');
    index.close();
  });

  it.skipIf(isRoot)('skips an unreadable file (chmod 000) and keeps its old version', async () => {
    const { folder, index, warnings, run, write } = setup();
    write('a.md', '# A\n\nReadable once.\n');
    write('b.md', '# B\n\nNever readable.\n');
    fs.chmodSync(path.join(folder, 'b.md'), 0);
    expect(await run()).toMatchObject({ added: 1, skipped: 1, skippedByReason: { unreadable: 1 } });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^skipped b\.md: unreadable/);
    write('a.md', '# A\n\nReadable once, now changed.\n');
    fs.chmodSync(path.join(folder, 'a.md'), 0);
    expect(await run()).toMatchObject({ removed: 0, skippedByReason: { unreadable: 2 } });
    expect(index.get('a.md')!.text).toBe('# A\n\nReadable once.\n');
    index.close();
  });

  it('a copy of fixtures/docs with junk added still indexes all 13 pages', async () => {
    const dir = tmp();
    const docs = copyFixtureDocs(dir);
    fs.writeFileSync(path.join(docs, 'guides', 'logo.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    fs.writeFileSync(path.join(docs, 'photo.png'), Buffer.from([0x89, 0x50]));
    const index = openIndex({ db: path.join(dir, 'index.db'), pathBase: docs });
    const summary = await index.indexPath(docs);
    expect(summary).toMatchObject({ added: 13, skipped: 2, skippedByReason: { binary: 1, unsupported: 1 } });
    index.close();
  });
});
