import { fileURLToPath } from 'node:url';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_FILES } from '../helpers/temp.js';
import { readDocument, type ReadOk } from '../../src/ingest/read.js';
import { lineOfOffset, lineStarts, toOriginalOffset } from '../../src/ingest/sourcemap.js';
import { walkFiles } from '../../src/ingest/walk.js';
import { checkSourceMap } from './map-check.js';

const docsRoot = fileURLToPath(new URL('../../fixtures/docs', import.meta.url));

async function loadAll(): Promise<Map<string, ReadOk>> {
  const docs = new Map<string, ReadOk>();
  for await (const e of walkFiles([docsRoot], { maxFileBytes: 100_000 })) {
    if (e.type !== 'file') throw new Error(`unexpected skip of ${e.absPath}: ${e.reason}`);
    const result = await readDocument(e.absPath);
    if (result.kind !== 'ok') throw new Error(`could not read ${e.absPath}: ${result.reason}`);
    docs.set(relative(docsRoot, e.absPath), result);
  }
  return docs;
}

describe('fixtures/docs', async () => {
  const docs = await loadAll();
  const get = (rel: string): ReadOk => docs.get(rel)!;

  it('walks exactly the published files, in order (drafts/ and hidden files excluded)', () => {
    expect([...docs.keys()]).toEqual([...FIXTURE_FILES]);
  });

  it('has titles from front matter, <title>, the first h1, or the file name', () => {
    expect(Object.fromEntries([...docs].map(([rel, d]) => [rel, d.parsed.title]))).toEqual({
      CHANGELOG: 'CHANGELOG',
      'README.md': 'Lumen',
      'faq.html': 'Frequently asked questions - Lumen',
      'getting-started.md': 'Getting started with Lumen',
      'guides/flags-and-rollouts.md': 'Flags and rollouts',
      'guides/install-docker.md': 'Run Lumen with Docker',
      'guides/install-linux.md': 'Install on Linux',
      'guides/webhooks.md': 'Webhooks',
      'reference/cli.md': 'Command-line reference',
      'reference/configuration.md': 'Configuration reference',
      'reference/http-api.html': 'HTTP API reference — Lumen',
      'reference/sdk-javascript.html': 'JavaScript SDK | Lumen',
      'troubleshooting.md': 'Troubleshooting',
    });
  });

  it('maps every extracted character of every file back exactly', () => {
    for (const d of docs.values()) checkSourceMap(d.originalText, d.parsed, 400);
  });

  it('parses Markdown structure', () => {
    const linux = get('guides/install-linux.md').parsed;
    expect(linux.metadata).toEqual({ title: 'Install on Linux', tags: ['install', 'linux', 'systemd'] });
    expect(linux.headings.map((h) => `${h.level} ${h.title}`)).toEqual([
      '1 Install on Linux',
      '2 Supported distributions',
      '2 Debian and Ubuntu',
      '2 Fedora and RHEL',
      '2 Tarball (any distribution)',
      '2 Run as a systemd service',
      '2 Open the firewall',
      '2 Upgrade and uninstall',
    ]);
    expect(linux.blocks.map((b) => b.kind)).toEqual(['table', 'code', 'code', 'code', 'code', 'code', 'code']);
    const rollouts = get('guides/flags-and-rollouts.md').parsed;
    expect(rollouts.headings.map((h) => `${h.level} ${h.title}`)).toEqual([
      '1 Flags and rollouts',
      '2 Flag types',
      '2 Targeting rules',
      '2 Percentage rollouts',
      '2 Scheduled changes',
      '2 Kill switch',
      '2 多言語のメモ',
    ]);
  });

  it('gives source line numbers for headings', () => {
    const webhooks = get('guides/webhooks.md');
    const retry = webhooks.parsed.headings.find((h) => h.title === 'Retry policy')!;
    const orig = toOriginalOffset(webhooks.parsed.sourceMap, retry.start, 'start');
    expect(webhooks.originalText.slice(orig, orig + 15)).toBe('## Retry policy');
    expect(lineOfOffset(lineStarts(webhooks.originalText), orig)).toBe(38);
  });

  it('extracts only the main content of HTML pages', () => {
    const api = get('reference/http-api.html');
    const text = api.parsed.text;
    for (const chrome of ['Lumen Docs', 'Search the docs', 'Command line', 'dataLayer', 'font-family', '©', 'Internal: rate limits']) {
      expect(text).not.toContain(chrome);
    }
    expect(text.startsWith('HTTP API reference\n\nThe HTTP API lives under /api/v1 on the same port as the UI\n')).toBe(true);
    expect(api.parsed.headings.map((h) => h.title)).toEqual([
      'HTTP API reference',
      'Authentication',
      'Endpoints',
      'Example: roll out to 25%',
      'Errors',
    ]);
    expect(api.parsed.blocks.map((b) => text.slice(b.start, b.end).split('\n')[0])).toEqual([
      'Method | Path | Description',
      'curl -X PATCH "https://flags.example.com/api/v1/projects/shop/flags/new-checkout?env=production" \\',
    ]);
    const at = text.indexOf('Bearer <token>');
    const start = toOriginalOffset(api.parsed.sourceMap, at, 'start');
    const end = toOriginalOffset(api.parsed.sourceMap, at + 'Bearer <token>'.length, 'end');
    expect(api.originalText.slice(start, end)).toBe('Bearer &lt;token&gt;');
    expect(lineOfOffset(lineStarts(api.originalText), start)).toBe(35);
    expect(text).toContain('Settings\u00a0→\u00a0API tokens');

    const sdk = get('reference/sdk-javascript.html').parsed;
    expect(sdk.text).not.toContain('Table of contents');
    expect(sdk.text).not.toContain('¶');
    expect(sdk.text).not.toContain('Built with Sphinx');
    expect(sdk.text).toContain("sdkKey | — | Required. The environment's SDK key.");
    expect(sdk.blocks.map((b) => b.kind)).toEqual(['code', 'code', 'table']);

    const faq = get('faq.html').parsed;
    expect(faq.text.startsWith('Frequently asked questions\n\nDoes Lumen send data to a third party?\n\nNo.')).toBe(true);
    expect(faq.text.endsWith('Is there a hosted version?\n\nNot yet. Lumen <3 self-hosting.')).toBe(true);
  });

  it('keeps unicode intact', () => {
    const t = get('troubleshooting.md').parsed.text;
    expect(t).toContain('`结账页面`');
    expect(t).toContain('🔍');
    expect(t).toContain('**Port already in use** — another process');
  });
});
