import { describe, expect, it } from 'vitest';
import { buildKeywordQuery, quoteFts } from '../../src/retrieve/query.js';

describe('quoteFts', () => {
  it('wraps text in double quotes and doubles inner quotes', () => {
    expect(quoteFts('retry')).toBe('"retry"');
    expect(quoteFts('say "hi"')).toBe('"say ""hi"""');
    expect(quoteFts('')).toBe('""');
  });
});

describe('buildKeywordQuery', () => {
  it('quotes each term and ORs them', () => {
    expect(buildKeywordQuery('Retry policy')).toEqual({
      match: '"retry" OR "policy"',
      substringMatch: null,
      terms: ['retry', 'policy'],
      shortCjkTerms: [],
    });
  });

  it('never lets FTS5 syntax through: operators, columns, prefixes and quotes are quoted terms', () => {
    const query = buildKeywordQuery('title:"x" NEAR(webhook* -secret) ^start');
    expect(query.match).toBe('"title" OR "x" OR "near" OR "webhook" OR "secret" OR "start"');
    expect(query.terms).toEqual(['title', 'x', 'near', 'webhook', 'secret', 'start']);
  });

  it('keeps inner punctuation inside one quoted phrase and lower-cases, de-duplicating', () => {
    expect(buildKeywordQuery("RETRY retry don't e-mail").match).toBe('"retry" OR "e-mail"');
    expect(buildKeywordQuery('Retry RETRY backoff').terms).toEqual(['retry', 'backoff']);
  });

  it('drops stop words when other terms remain', () => {
    expect(buildKeywordQuery('how do I configure the webhooks').terms).toEqual(['configure', 'webhooks']);
  });

  it('keeps stop words when the query has nothing else', () => {
    expect(buildKeywordQuery('To be or not to be')).toEqual({
      match: '"to" OR "be" OR "or" OR "not"',
      substringMatch: null,
      terms: ['to', 'be', 'or', 'not'],
      shortCjkTerms: [],
    });
  });

  it('sends identifiers (snake_case, dotted, camelCase, letters+digits, 3+ chars) to the substring index', () => {
    const query = buildKeywordQuery('set max_attempts in lumen.config retryBackoff v2 http2 page');
    expect(query.terms).toEqual(['set', 'max_attempts', 'lumen.config', 'retrybackoff', 'v2', 'http2', 'page']);
    expect(query.match).toBe('"set" OR "max_attempts" OR "lumen.config" OR "retrybackoff" OR "v2" OR "http2" OR "page"');
    expect(query.substringMatch).toBe('"max_attempts" OR "lumen.config" OR "retryBackoff" OR "http2"');
  });

  it('turns CJK runs into overlapping trigrams (and a 3-character run into itself)', () => {
    expect(buildKeywordQuery('日本語の検索')).toEqual({
      match: '"日本語の検索"',
      substringMatch: '"日本語" OR "本語の" OR "語の検" OR "の検索"',
      terms: ['日本語の検索'],
      shortCjkTerms: [],
    });
    expect(buildKeywordQuery('東京都').substringMatch).toBe('"東京都"');
  });

  it('has no substring query for CJK runs shorter than a trigram', () => {
    expect(buildKeywordQuery('検索 tips')).toEqual({
      match: '"検索" OR "tips"',
      substringMatch: null,
      terms: ['検索', 'tips'],
      shortCjkTerms: ['検索'],
    });
  });

  it('returns no match at all for an empty or punctuation-only query', () => {
    const empty = { match: null, substringMatch: null, terms: [], shortCjkTerms: [] };
    expect(buildKeywordQuery('')).toEqual(empty);
    expect(buildKeywordQuery('  ?! -- "" ')).toEqual(empty);
  });
});
