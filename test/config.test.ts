import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_FILE, DEFAULT_DB, parseSize, QuireError, resolveConfig, type ConfigFlags } from '../src/index.js';
import { useTempDirs } from './helpers/temp.js';

const tmp = useTempDirs('quire-config-');

function withFile(content: unknown): string {
  const cwd = tmp();
  fs.writeFileSync(path.join(cwd, CONFIG_FILE), typeof content === 'string' ? content : JSON.stringify(content));
  return cwd;
}

function configError(flags: ConfigFlags, env: NodeJS.ProcessEnv, cwd: string): QuireError {
  try {
    resolveConfig(flags, env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(QuireError);
    expect((error as QuireError).code).toBe('INVALID_CONFIG');
    return error as QuireError;
  }
  throw new Error('expected INVALID_CONFIG');
}

function sizeError(value: string | number): string {
  try {
    parseSize(value);
  } catch (error) {
    expect((error as QuireError).code).toBe('INVALID_CONFIG');
    return (error as Error).message;
  }
  throw new Error(`expected ${value} to be rejected`);
}

describe('resolveConfig', () => {
  it('has defaults when nothing is configured', () => {
    const cwd = tmp();
    expect(resolveConfig({}, {}, cwd)).toEqual({
      db: path.join(cwd, DEFAULT_DB),
      embedModel: 'local',
      chunkTokens: undefined,
      chunkOverlap: undefined,
      maxFileBytes: undefined,
      fusion: undefined,
      weights: undefined,
    });
  });

  it('takes flags over environment variables over quire.config.json', () => {
    const cwd = withFile({
      db: 'file.db',
      chunkTokens: 300,
      chunkOverlap: 30,
      maxFileSize: '2MB',
      search: { fusion: 'convex', rrfK: 20, weights: { keyword: 0.8, vector: 0.2 } },
    });
    expect(resolveConfig({}, {}, cwd)).toEqual({
      db: path.join(cwd, 'file.db'),
      embedModel: 'local',
      chunkTokens: 300,
      chunkOverlap: 30,
      maxFileBytes: 2 * 1024 * 1024,
      fusion: { method: 'convex' },
      weights: { keyword: 0.8, vector: 0.2 },
    });
    const env = { QUIRE_DB: 'env.db', QUIRE_CHUNK_TOKENS: '500', QUIRE_MAX_FILE_SIZE: '1k', QUIRE_FUSION: 'rrf' };
    expect(resolveConfig({}, env, cwd)).toMatchObject({
      db: path.join(cwd, 'env.db'),
      chunkTokens: 500,
      chunkOverlap: 30,
      maxFileBytes: 1024,
      fusion: { method: 'rrf', k: 20 },
    });
    const flags = { db: '/abs/flag.db', chunkTokens: '600', maxFileSize: 5, fusion: 'convex' };
    expect(resolveConfig(flags, env, cwd)).toMatchObject({
      db: path.resolve('/abs/flag.db'),
      chunkTokens: 600,
      chunkOverlap: 30,
      maxFileBytes: 5,
      fusion: { method: 'convex' },
    });
  });

  it('ignores empty environment variables', () => {
    const cwd = withFile({ db: 'file.db' });
    expect(resolveConfig({}, { QUIRE_DB: '', QUIRE_CHUNK_TOKENS: '' }, cwd)).toMatchObject({ db: path.join(cwd, 'file.db'), chunkTokens: undefined });
  });

  it('uses RRF with k = 60 unless rrfK says otherwise', () => {
    expect(resolveConfig({ fusion: 'rrf' }, {}, tmp()).fusion).toEqual({ method: 'rrf', k: 60 });
  });

  it('rejects a config file that is not JSON', () => {
    const cwd = withFile('{ "db": "x.db", }');
    const error = configError({}, {}, cwd);
    expect(error.message).toMatch(new RegExp(`^${path.join(cwd, CONFIG_FILE).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not valid JSON: `));
  });

  it('rejects unknown keys, naming them', () => {
    expect(configError({}, {}, withFile({ db: 'x.db', dbPath: 'y.db' })).message).toContain('dbPath');
    expect(configError({}, {}, withFile({ search: { fusoin: 'rrf' } })).message).toContain('fusoin');
    expect(configError({}, {}, withFile({ search: { weights: { bm25: 1 } } })).message).toContain('bm25');
  });

  it('rejects values of the wrong type, naming the setting', () => {
    expect(configError({}, {}, withFile({ chunkTokens: 'big' })).message).toContain('chunkTokens');
    expect(configError({}, {}, withFile({ search: { fusion: 'sum' } })).message).toContain('search.fusion');
    expect(configError({}, {}, withFile({ search: { weights: { vector: -1 } } })).message).toContain('search.weights.vector');
  });

  it('rejects bad flag and environment values', () => {
    const cwd = tmp();
    expect(configError({ fusion: 'sum' }, {}, cwd).message).toBe('fusion must be rrf or convex, got "sum"');
    expect(configError({}, { QUIRE_CHUNK_TOKENS: 'lots' }, cwd).message).toBe('chunk tokens must be a non-negative integer, got "lots"');
    expect(configError({ chunkOverlap: '1.5' }, {}, cwd).message).toBe('chunk overlap must be a non-negative integer, got "1.5"');
    expect(configError({}, { QUIRE_MAX_FILE_SIZE: 'huge' }, cwd).message).toContain('"huge"');
  });

  it('refuses a non-local embedding model from any source', () => {
    const cwd = tmp();
    const message = configError({}, { QUIRE_EMBED_MODEL: 'nomic-embed-text-v1_5' }, cwd).message;
    expect(message).toContain('"nomic-embed-text-v1_5"');
    expect(configError({ embedModel: 'text-embedding-3-small' }, {}, cwd).message).toContain('"text-embedding-3-small"');
    expect(configError({}, {}, withFile({ embedModel: 'bge-small' })).message).toContain('"bge-small"');
    expect(resolveConfig({ embedModel: 'local' }, { QUIRE_EMBED_MODEL: 'remote-model' }, cwd).embedModel).toBe('local');
  });
});

describe('parseSize', () => {
  it.each([
    ['1048576', 1048576],
    ['10MB', 10 * 1024 * 1024],
    ['10mb', 10 * 1024 * 1024],
    ['512k', 512 * 1024],
    ['512KB', 512 * 1024],
    ['1.5 GiB', 1.5 * 1024 ** 3],
    ['1.5kb', 1536],
    [' 7 ', 7],
    ['2b', 2],
  ])('parses %j as %d bytes', (input, bytes) => {
    expect(parseSize(input)).toBe(bytes);
  });

  it('accepts positive numbers, flooring fractions', () => {
    expect(parseSize(2048)).toBe(2048);
    expect(parseSize(10.7)).toBe(10);
    expect(parseSize(undefined)).toBeUndefined();
  });

  it('rejects zero, negatives and unknown units', () => {
    expect(sizeError(0)).toBe('max file size must be positive, got 0');
    expect(sizeError(-1)).toBe('max file size must be positive, got -1');
    expect(sizeError('0')).toBe('max file size must be positive, got "0"');
    expect(sizeError('0.1')).toBe('max file size must be positive, got "0.1"');
    expect(sizeError('10 TB')).toBe('max file size must look like 10MB, 512KB or 1048576, got "10 TB"');
    expect(sizeError('-5MB')).toContain('"-5MB"');
    expect(sizeError('')).toContain('""');
  });
});
