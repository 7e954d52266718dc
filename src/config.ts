import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QuireError } from './errors.js';
import type { FusionOptions } from './retrieve/index.js';

/** Name of the optional configuration file read from the working directory. */
export const CONFIG_FILE = 'quire.config.json';
/** Where the index lives unless configured otherwise. */
export const DEFAULT_DB = path.join('.quire', 'index.db');

const weightsSchema = z.strictObject({
  keyword: z.number().min(0).optional(),
  vector: z.number().min(0).optional(),
  substring: z.number().min(0).optional(),
});

/** Schema of quire.config.json. Unknown keys are errors, so typos do not pass silently. */
export const configFileSchema = z.strictObject({
  db: z.string().min(1).optional(),
  embedModel: z.string().min(1).optional(),
  chunkTokens: z.number().int().min(16).optional(),
  chunkOverlap: z.number().int().min(0).optional(),
  maxFileSize: z.union([z.number().positive(), z.string()]).optional(),
  search: z
    .strictObject({
      fusion: z.enum(['rrf', 'convex']).optional(),
      rrfK: z.number().positive().optional(),
      weights: weightsSchema.optional(),
    })
    .optional(),
});

/** Settings given on the command line (all optional). */
export interface ConfigFlags {
  db?: string;
  embedModel?: string;
  chunkTokens?: string | number;
  chunkOverlap?: string | number;
  maxFileSize?: string | number;
  fusion?: string;
}

/** Fully resolved settings. */
export interface ResolvedConfig {
  db: string;
  embedModel: string;
  chunkTokens?: number;
  chunkOverlap?: number;
  maxFileBytes?: number;
  fusion?: FusionOptions;
  weights?: { keyword?: number; vector?: number; substring?: number };
}

/**
 * Resolves settings: flags override environment variables, which override quire.config.json in
 * `cwd`. Every invalid value is a one-line INVALID_CONFIG error naming the setting.
 */
export function resolveConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): ResolvedConfig {
  const file = readConfigFile(cwd);
  const pick = <T>(flag: T | undefined, envName: string, fromFile: T | undefined): T | string | undefined =>
    flag ?? (env[envName] !== undefined && env[envName] !== '' ? env[envName] : undefined) ?? fromFile;

  const embedModel = String(pick(flags.embedModel, 'QUIRE_EMBED_MODEL', file.embedModel) ?? 'local');
  if (embedModel !== 'local') {
    throw new QuireError('INVALID_CONFIG', `embed model "${embedModel}" is not available: this version of quire supports only the built-in "local" embedder`, {
      hint: 'unset QUIRE_EMBED_MODEL (or set it to local)',
    });
  }
  const fusionName = pick(flags.fusion, 'QUIRE_FUSION', file.search?.fusion);
  let fusion: FusionOptions | undefined;
  if (fusionName !== undefined) {
    if (fusionName === 'rrf') fusion = { method: 'rrf', k: file.search?.rrfK ?? 60 };
    else if (fusionName === 'convex') fusion = { method: 'convex' };
    else throw new QuireError('INVALID_CONFIG', `fusion must be rrf or convex, got "${fusionName}"`);
  }
  const db = String(pick(flags.db, 'QUIRE_DB', file.db) ?? DEFAULT_DB);
  return {
    db: path.resolve(cwd, db),
    embedModel,
    chunkTokens: toInteger('chunk tokens', pick(flags.chunkTokens, 'QUIRE_CHUNK_TOKENS', file.chunkTokens)),
    chunkOverlap: toInteger('chunk overlap', pick(flags.chunkOverlap, 'QUIRE_CHUNK_OVERLAP', file.chunkOverlap)),
    maxFileBytes: parseSize(pick(flags.maxFileSize, 'QUIRE_MAX_FILE_SIZE', file.maxFileSize)),
    fusion,
    weights: file.search?.weights,
  };
}

function readConfigFile(cwd: string): z.infer<typeof configFileSchema> {
  const file = path.join(cwd, CONFIG_FILE);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new QuireError('INVALID_CONFIG', `cannot read ${file}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new QuireError('INVALID_CONFIG', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? issue.path.join('.') : (issue as { keys?: string[] }).keys?.join(', ') ?? 'file';
    throw new QuireError('INVALID_CONFIG', `${file}: ${where}: ${issue.message}`);
  }
  return parsed.data;
}

function toInteger(name: string, value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 0) throw new QuireError('INVALID_CONFIG', `${name} must be a non-negative integer, got "${value}"`);
  return number;
}

/** Parses sizes like `10MB`, `512k`, `1.5 GiB` or a byte count. */
export function parseSize(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') {
    if (value > 0) return Math.floor(value);
    throw new QuireError('INVALID_CONFIG', `max file size must be positive, got ${value}`);
  }
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?b)?\s*$/i.exec(value);
  if (!match) throw new QuireError('INVALID_CONFIG', `max file size must look like 10MB, 512KB or 1048576, got "${value}"`);
  const scale = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[match[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  const bytes = Math.floor(Number(match[1]) * scale);
  if (bytes <= 0) throw new QuireError('INVALID_CONFIG', `max file size must be positive, got "${value}"`);
  return bytes;
}
