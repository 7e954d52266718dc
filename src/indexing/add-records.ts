import { QuireError, throwIfAborted } from '../errors.js';
import { parseText } from '../ingest/read.js';
import type { IndexingContext } from './index-paths.js';
import { prepareDocument, sha256 } from './prepare.js';
import { emptySummary, type IndexRunOptions, type IndexSummary, type RecordInput } from './types.js';
import { BatchWriter } from './writer.js';

/**
 * Adds or updates records (content that is not a file). A record whose id, text, title and
 * metadata are unchanged is left alone; an empty record is skipped with a warning.
 */
export async function addRecords(
  context: IndexingContext,
  records: Iterable<RecordInput> | AsyncIterable<RecordInput>,
  options: IndexRunOptions = {},
): Promise<IndexSummary> {
  const started = performance.now();
  const summary = emptySummary();
  let chunksWritten = 0;
  let done = 0;
  const writer = new BatchWriter(context.store, context.embedder, summary, options.signal, (_documents, chunks) => {
    chunksWritten += chunks;
  });
  const seenIds = new Set<string>();
  for await (const record of records) {
    throwIfAborted(options.signal);
    validateRecord(record);
    if (seenIds.has(record.id)) throw new QuireError('INVALID_ARGUMENT', `duplicate record id "${record.id}" in one add() call`);
    seenIds.add(record.id);
    const format = record.format ?? 'text';
    const contentHash = sha256(JSON.stringify([record.text, record.title ?? null, record.metadata ?? {}, format]));
    const existing = context.store.documents.byKey('record', record.id);
    if (existing && existing.contentHash === contentHash && existing.chunkerVersion === context.chunkerVersion) {
      summary.unchanged++;
    } else if (record.text.trim() === '') {
      summary.skipped++;
      summary.skippedByReason.empty = (summary.skippedByReason.empty ?? 0) + 1;
      // An emptied record no longer exists, as for an emptied file.
      if (existing) {
        await writer.flush();
        context.store.write(() => context.store.deleteDocument(existing));
        summary.removed++;
      }
      options.onWarning?.(`skipped record ${record.id}: empty${existing ? ' (its previous version was removed)' : ''}`);
    } else {
      const parsed = parseText(record.text, format);
      if (record.title !== undefined) parsed.title = record.title;
      parsed.metadata = { ...parsed.metadata, ...(record.metadata ?? {}) };
      const prepared = prepareDocument(
        {
          source: 'record',
          key: record.id,
          contentHash,
          size: Buffer.byteLength(record.text),
          mtimeMs: 0,
          chunkerVersion: context.chunkerVersion,
        },
        parsed,
        record.text,
        context.chunkOptions,
      );
      await writer.add({ ...prepared, replacing: existing !== undefined, label: record.id });
    }
    done++;
    options.onProgress?.({
      phase: 'indexing',
      filesTotal: done,
      filesDone: done,
      chunksWritten,
      chunksEmbedded: summary.chunksEmbedded,
      current: record.id,
    });
  }
  await writer.flush();
  summary.seconds = Math.round(performance.now() - started) / 1000;
  return summary;
}

function validateRecord(record: RecordInput): void {
  if (!record || typeof record.id !== 'string' || record.id === '') {
    throw new QuireError('INVALID_ARGUMENT', 'every record needs a non-empty string id');
  }
  if (typeof record.text !== 'string') throw new QuireError('INVALID_ARGUMENT', `record "${record.id}" needs a string text`);
  if (record.title !== undefined && typeof record.title !== 'string') {
    throw new QuireError('INVALID_ARGUMENT', `record "${record.id}" has a title that is not a string`);
  }
}
