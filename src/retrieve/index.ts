export { search, rankChunks, rankDocuments, DEFAULT_WEIGHTS } from './search.js';
export type { DocumentHit, SearchContext, SearchMode, SearchOptions, SearchResult, ScoreExplanation, FusionWeights } from './search.js';
export { fuseRankings, DEFAULT_FUSION } from './fusion.js';
export type { FusedItem, FusionOptions, ListContribution, RankedList } from './fusion.js';
export type { SearchFilter } from './filter.js';
export { buildKeywordQuery, quoteFts } from './query.js';
