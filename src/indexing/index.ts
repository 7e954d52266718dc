export { indexPaths, type IndexingContext } from './index-paths.js';
export { addRecords } from './add-records.js';
export type { IndexProgress, IndexRunOptions, IndexSummary, RecordInput, SkipReason } from './types.js';
