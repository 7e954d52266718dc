// One stop-word list for the whole library: the embedder's (also the right set for queries).
import { ENGLISH_STOPWORDS } from '../embed/stopwords.js';

/** A user query turned into FTS5 MATCH expressions. */
export interface KeywordQuery {
  /** MATCH expression for the porter/unicode61 table, or null when the query has no terms. */
  match: string | null;
  /** MATCH expression for the trigram table (identifiers, CJK, substrings), or null. */
  substringMatch: string | null;
  /** The terms kept, lower-cased (for explanations and tests). */
  terms: string[];
  /** CJK words shorter than a trigram (1–2 characters), matched by a plain substring scan. */
  shortCjkTerms: string[];
}

const TERM_PATTERN = /[\p{L}\p{N}\p{M}_]+(?:['’.:\-/][\p{L}\p{N}\p{M}_]+)*/gu;
const CJK_PATTERN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;

/** Quotes a string as an FTS5 string literal, so user text can never be parsed as query syntax. */
export function quoteFts(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A stop word, or a contraction of one (`it's`, `we'll`) or a negation (`don't`, `isn't`). */
function isStopTerm(term: string): boolean {
  if (ENGLISH_STOPWORDS.has(term)) return true;
  const match = /^(\p{L}+)['’](t|s|re|ve|ll|d|m)$/u.exec(term);
  return match !== null && (ENGLISH_STOPWORDS.has(match[1]) || (match[2] === 't' && match[1].endsWith('n')));
}

/** True for tokens worth a substring search: snake_case, dotted.names, camelCase, mixed digits. */
function looksLikeIdentifier(term: string): boolean {
  return /[_.:/]/.test(term) || /[a-z][A-Z]/.test(term) || (/\d/.test(term) && /\p{L}/u.test(term));
}

/**
 * Builds FTS5 queries from free text: each term quoted (a term with inner punctuation becomes a
 * phrase), OR-ed so partial matches still rank, stop words dropped when other terms remain.
 */
export function buildKeywordQuery(text: string): KeywordQuery {
  const raw = text.normalize('NFKC').match(TERM_PATTERN) ?? [];
  const seen = new Set<string>();
  const terms: string[] = [];
  const identifiers: string[] = [];
  for (const term of raw) {
    const lower = term.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    terms.push(lower);
    if (term.length >= 3 && looksLikeIdentifier(term)) identifiers.push(term);
  }
  const content = terms.filter((term) => !isStopTerm(term));
  const kept = content.length > 0 ? content : terms;
  const substrings = new Set(identifiers);
  for (const run of text.match(CJK_RUN) ?? []) {
    // Trigram FTS needs 3+ characters; CJK words are often 2, so use overlapping trigrams.
    if (run.length <= 3) substrings.add(run);
    else for (let i = 0; i + 3 <= run.length; i++) substrings.add(run.slice(i, i + 3));
  }
  const substringTerms = [...substrings].filter((term) => [...term].length >= 3);
  const shortCjkTerms = [...substrings].filter((term) => CJK_PATTERN.test(term) && [...term].length < 3);
  return {
    match: kept.length > 0 ? kept.map(quoteFts).join(' OR ') : null,
    substringMatch: substringTerms.length > 0 ? substringTerms.map(quoteFts).join(' OR ') : null,
    terms: kept,
    shortCjkTerms,
  };
}

/** True when the text contains CJK characters (their words are not space-separated). */
export function hasCjk(text: string): boolean {
  return CJK_PATTERN.test(text);
}
