import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isQuireError } from '../../src/errors.js';
import { resolveFilter } from '../../src/retrieve/filter.js';
import { Store } from '../../src/store/index.js';

const BASE = path.resolve('/srv/site');
let store: Store;
const ids: Record<string, number> = {};

function put(source: 'file' | 'record', key: string, metadata: Record<string, unknown>): void {
  ids[key] = store.write(() =>
    store.putDocument(
      {
        source,
        key,
        title: null,
        format: 'markdown',
        contentHash: key,
        size: 1,
        mtimeMs: 0,
        metadata,
        sourceMap: '',
        lineStarts: [0],
        textLength: 1,
        chunkerVersion: 'v1',
      },
      [],
    ),
  );
}

beforeEach(() => {
  store = Store.open(':memory:', { identity: { embedderId: 'test', dimensions: 4, chunkerVersion: 'v1' } });
  put('file', path.join(BASE, 'guides', 'webhooks.md'), { tags: ['webhooks', 'api'], version: 2, draft: false });
  put('file', path.join(BASE, 'guides', 'deep', 'linux.md'), { tags: 'install', version: '2' });
  put('file', path.join(BASE, 'README.md'), { title: 'Home', draft: true });
  put('file', path.resolve('/elsewhere/guides/outside.md'), { version: 3 });
  put('record', 'rec-1', { tags: ['api'], team: 'core' });
  put('record', 'note-7', { team: 'docs' });
});
afterEach(() => store.close());

function resolve(filter: Parameters<typeof resolveFilter>[1]): string[] | null {
  const found = resolveFilter(store.db, filter, BASE);
  if (found === null) return null;
  const names = Object.fromEntries(Object.entries(ids).map(([key, id]) => [id, key]));
  return found.map((id) => names[id]).map((key) => (key.startsWith('/') ? path.relative(BASE, key) : key)).sort();
}

describe('resolveFilter', () => {
  it('means "no filter" when nothing is asked', () => {
    expect(resolve(undefined)).toBeNull();
    expect(resolve({})).toBeNull();
    expect(resolve({ path: [], metadata: {} })).toBeNull();
  });

  it('matches globs against paths relative to pathBase', () => {
    expect(resolve({ path: 'guides/*.md' })).toEqual(['guides/webhooks.md']);
    expect(resolve({ path: 'guides/**' })).toEqual(['guides/deep/linux.md', 'guides/webhooks.md']);
    // A glob without a slash matches file names at any depth, as in .gitignore.
    expect(resolve({ path: '*.md' })).toEqual(['../../elsewhere/guides/outside.md', 'README.md', 'guides/deep/linux.md', 'guides/webhooks.md']);
    expect(resolve({ path: './*.md' })).toEqual(['README.md']); // top level only
    expect(resolve({ path: 'README.md' })).toEqual(['README.md']);
    expect(resolve({ path: ['README.md', '**/linux.md'] })).toEqual(['README.md', 'guides/deep/linux.md']);
  });

  it('matches globs against absolute paths, and record ids against their key', () => {
    expect(resolve({ path: '/elsewhere/**' })).toEqual(['../../elsewhere/guides/outside.md']);
    expect(resolve({ path: 'rec-*' })).toEqual(['rec-1']);
  });

  it('matches metadata by equality, inside arrays, and across number/string', () => {
    expect(resolve({ metadata: { tags: 'api' } })).toEqual(['guides/webhooks.md', 'rec-1']);
    expect(resolve({ metadata: { tags: 'install' } })).toEqual(['guides/deep/linux.md']);
    expect(resolve({ metadata: { version: 2 } })).toEqual(['guides/deep/linux.md', 'guides/webhooks.md']);
    expect(resolve({ metadata: { version: '3' } })).toEqual(['../../elsewhere/guides/outside.md']);
    expect(resolve({ metadata: { draft: true } })).toEqual(['README.md']);
    expect(resolve({ metadata: { draft: false } })).toEqual(['guides/webhooks.md']);
    expect(resolve({ metadata: { team: 'nobody' } })).toEqual([]);
  });

  it('requires every condition to hold', () => {
    expect(resolve({ path: 'guides/**', metadata: { tags: 'api' } })).toEqual(['guides/webhooks.md']);
    expect(resolve({ metadata: { tags: 'api', team: 'core' } })).toEqual(['rec-1']);
    expect(resolve({ path: '*.md', metadata: { tags: 'api' } })).toEqual(['guides/webhooks.md']);
    expect(resolve({ path: 'guides/deep/*.md', metadata: { tags: 'api' } })).toEqual([]);
  });

  it('rejects an empty glob', () => {
    let error: unknown;
    try {
      resolveFilter(store.db, { path: ' ' }, BASE);
    } catch (caught) {
      error = caught;
    }
    expect(isQuireError(error, 'INVALID_ARGUMENT')).toBe(true);
  });
});
