import fs from 'node:fs';
import path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { openIndex, type QuireIndex } from '../../src/index.js';
import { readDocument } from '../../src/ingest/read.js';
import { countRows, expectConsistent, rowIds } from '../helpers/db.js';
import { countingEmbedder } from '../helpers/embedders.js';
import { copyFixtureDocs, FIXTURE_FILES, lineAt, useTempDirs } from '../helpers/temp.js';

const tmp = useTempDirs('quire-indexing-');

interface Setup {
  dir: string;
  docs: string;
  db: string;
  index: QuireIndex;
  embedder: ReturnType<typeof countingEmbedder>;
}

function setup(): Setup {
  const dir = tmp();
  const docs = copyFixtureDocs(dir);
  const db = path.join(dir, 'index.db');
  const embedder = countingEmbedder();
  return { dir, docs, db, embedder, index: openIndex({ db, pathBase: docs, embedder }) };
}

/** Text without whitespace and without the ' | ' separators the HTML reader puts between table cells. */
function squeeze(text: string): string {
  return text.replace(/ \| /g, '').replace(/\s+/g, '');
}

/** A long Markdown guide: 12 sections of distinct paragraphs (several chunks). */
function longGuide(marker = 'original'): string {
  const sections = Array.from({ length: 12 }, (_, s) => {
    const sentences = Array.from(
      { length: 9 },
      (_, i) => `Section ${s} sentence ${i} explains how the scheduler handles job ${s * 10 + i} and its queue.`,
    );
    const paragraph = s === 6 ? sentences.join(' ').replace('sentence 4', `sentence 4 (${marker})`) : sentences.join(' ');
    return `## Part ${s}\n\n${paragraph}\n`;
  });
  return `# Scheduler guide\n\n${sections.join('\n')}`;
}

describe('indexPath on fixtures/docs', () => {
  it('adds every indexable file on the first run and embeds each chunk once', async () => {
    const { docs, db, index, embedder } = setup();
    const warnings: string[] = [];
    const summary = await index.indexPath(docs, { onWarning: (message) => warnings.push(message) });
    const stats = index.stats();
    expect(summary).toMatchObject({ added: FIXTURE_FILES.length, updated: 0, removed: 0, unchanged: 0, skipped: 0, skippedByReason: {} });
    expect(warnings).toEqual([]);
    expect(stats.documents).toBe(FIXTURE_FILES.length);
    expect(summary.chunksEmbedded).toBe(stats.chunks);
    expect(embedder.texts.length).toBe(stats.chunks);
    expect(countRows(db)).toEqual({ documents: 13, chunks: stats.chunks, fts: stats.chunks, trigram: stats.chunks, vectors: stats.chunks });
    expect(stats.formats).toEqual({ html: 3, markdown: 9, text: 1 });
    expect(FIXTURE_FILES.map((file) => index.get(file)?.path)).toEqual([...FIXTURE_FILES]);
    expect(index.get('drafts/roadmap.md')).toBeUndefined();
    index.close();
  });

  it('maps every chunk back to its lines and offsets in the original file', async () => {
    const { docs, index } = setup();
    await index.indexPath(docs);
    for (const file of FIXTURE_FILES) {
      const original = fs.readFileSync(path.join(docs, file), 'utf8');
      const view = index.get(file)!;
      expect(view.chunks.length).toBeGreaterThan(0);
      for (const chunk of view.chunks) {
        const where = `${file} chunk ${chunk.index}`;
        expect(chunk.sourceStart, where).toBeLessThan(chunk.sourceEnd);
        expect(chunk.sourceEnd, where).toBeLessThanOrEqual(original.length);
        expect([chunk.startLine, chunk.endLine], where).toEqual([lineAt(original, chunk.sourceStart), lineAt(original, chunk.sourceEnd - 1)]);
        if (view.format === 'markdown' || view.format === 'text') {
          expect(original.slice(chunk.sourceStart, chunk.sourceEnd), where).toBe(chunk.text.trim());
        } else {
          // HTML: the original span holds exactly the chunk's visible text (tags and entities aside).
          const dom = parseDocument(original.slice(chunk.sourceStart, chunk.sourceEnd));
          for (const link of DomUtils.getElements({ class: 'headerlink' }, dom.children, true)) DomUtils.removeElement(link);
          const visible = DomUtils.textContent(dom);
          expect(squeeze(visible), where).toBe(squeeze(chunk.text));
        }
      }
    }
    index.close();
  });

  it('get() returns the extracted text, by relative path, absolute path and numeric id', async () => {
    const { docs, index } = setup();
    await index.indexPath(docs);
    for (const file of FIXTURE_FILES) {
      const read = await readDocument(path.join(docs, file));
      if (read.kind !== 'ok') throw new Error(`${file} did not read`);
      const view = index.get(file)!;
      expect(view.text, file).toBe(read.parsed.text);
      expect(view.title, file).toBe(read.parsed.title ?? null);
      expect(view.metadata, file).toEqual(read.parsed.metadata);
      expect(index.get(path.join(docs, file))?.documentId).toBe(view.documentId);
      expect(index.get(view.documentId)?.path).toBe(file);
    }
    expect(index.get('guides/webhooks.md')).toMatchObject({
      source: 'file',
      absolutePath: path.join(docs, 'guides', 'webhooks.md'),
      format: 'markdown',
      title: 'Webhooks',
      metadata: { title: 'Webhooks', tags: ['webhooks', 'integrations', 'retries'] },
    });
    expect(index.get('guides/missing.md')).toBeUndefined();
    expect(index.get(987654)).toBeUndefined();
    index.close();
  });

  it('re-indexing an unchanged folder reads and embeds nothing', async () => {
    const { docs, db, index, embedder } = setup();
    await index.indexPath(docs);
    const before = countRows(db);
    const calls = embedder.calls;
    const summary = await index.indexPath(docs);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 13, skipped: 0, chunksEmbedded: 0 });
    expect(embedder.calls).toBe(calls);
    expect(countRows(db)).toEqual(before);
    index.close();
  });

  it('a file whose mtime changed but whose content did not stays unchanged, with no embedding', async () => {
    const { docs, index, embedder } = setup();
    await index.indexPath(docs);
    const file = path.join(docs, 'guides', 'webhooks.md');
    const before = index.get('guides/webhooks.md')!;
    fs.utimesSync(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
    const calls = embedder.calls;
    const summary = await index.indexPath(docs);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 0, unchanged: 13, chunksEmbedded: 0 });
    expect(embedder.calls).toBe(calls);
    expect(index.get('guides/webhooks.md')!.chunks).toEqual(before.chunks);
    // The new mtime was recorded, so the next run does not even hash the file again.
    expect((await index.indexPath(docs)).unchanged).toBe(13);
    index.close();
  });

  it('re-embeds only the chunks of an edited paragraph', async () => {
    const { docs, db, index, embedder } = setup();
    const guide = path.join(docs, 'guides', 'scheduler.md');
    fs.writeFileSync(guide, longGuide());
    await index.indexPath(docs);
    const before = index.get('guides/scheduler.md')!;
    expect(before.chunks.length).toBeGreaterThanOrEqual(4);

    fs.writeFileSync(guide, longGuide('edited'));
    embedder.texts.length = 0;
    const summary = await index.indexPath(docs);
    const after = index.get('guides/scheduler.md')!;
    const seen = new Set(before.chunks.map((c) => JSON.stringify([c.headingPath, c.text])));
    const changed = after.chunks.filter((c) => !seen.has(JSON.stringify([c.headingPath, c.text])));
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 13 });
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(summary.chunksEmbedded).toBe(changed.length);
    expect(summary.chunksEmbedded).toBeLessThan(after.chunks.length);
    expect(embedder.texts).toHaveLength(changed.length);
    for (const text of embedder.texts) expect(text).toContain('(edited)');
    expect(after.documentId).toBe(before.documentId);
    expect(after.text).toBe(longGuide('edited')); // a Markdown file without front matter is its own text
    expect(index.get('guides/scheduler.md')!.text).not.toContain('(original)');
    expectConsistent(db);
    index.close();
  });

  it('removes a deleted file with its chunks, full-text rows and vectors', async () => {
    const { docs, db, index } = setup();
    await index.indexPath(docs);
    const before = countRows(db);
    const gone = index.get('troubleshooting.md')!;
    fs.rmSync(path.join(docs, 'troubleshooting.md'));
    const summary = await index.indexPath(docs);
    expect(summary).toMatchObject({ added: 0, updated: 0, removed: 1, unchanged: 12, skipped: 0, chunksEmbedded: 0 });
    expect(index.get('troubleshooting.md')).toBeUndefined();
    const n = gone.chunks.length;
    expect(countRows(db)).toEqual({
      documents: before.documents - 1,
      chunks: before.chunks - n,
      fts: before.fts - n,
      trigram: before.trigram - n,
      vectors: before.vectors - n,
    });
    const ids = rowIds(db);
    for (const chunk of gone.chunks) expect(ids.chunks).not.toContain(chunk.chunkId);
    expectConsistent(db);
    index.close();
  });

  it('only removes documents under the roots it walked', async () => {
    const { docs, index } = setup();
    await index.indexPath(docs);
    const summary = await index.indexPath(path.join(docs, 'guides'));
    expect(summary).toMatchObject({ added: 0, removed: 0, unchanged: 4 });
    fs.rmSync(path.join(docs, 'guides', 'install-docker.md'));
    expect(await index.indexPath(path.join(docs, 'reference', 'cli.md'))).toMatchObject({ removed: 0, unchanged: 1 });
    expect(await index.indexPath(path.join(docs, 'guides'))).toMatchObject({ removed: 1, unchanged: 3 });
    expect(index.stats().documents).toBe(12);
    index.close();
  });

  it('remove() deletes a document by path or id and reports whether it existed', async () => {
    const { docs, db, index } = setup();
    await index.indexPath(docs);
    const id = index.get('faq.html')!.documentId;
    expect(index.remove('README.md')).toBe(true);
    expect(index.remove(id)).toBe(true);
    expect(index.remove('README.md')).toBe(false);
    expect(index.stats().documents).toBe(11);
    expectConsistent(db);
    expect(await index.indexPath(docs)).toMatchObject({ added: 2, unchanged: 11 });
    index.close();
  });
});
