import { Command, Option } from 'commander';
import { QuireError, type SearchMode, type SearchResult } from '../../src/index.js';
import { openConfiguredIndex, printJson, type CommonOptions } from '../context.js';

interface SearchCommandOptions extends CommonOptions {
  limit: string;
  mode: SearchMode;
  path?: string[];
  meta?: string[];
  explain?: boolean;
}

/** `quire search <query>`: hybrid search with optional filters and score traces. */
export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('search the index (hybrid BM25 + vectors by default)')
    .argument('<query...>', 'what to look for')
    .option('-k, --limit <n>', 'number of results', '10')
    .addOption(new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'vector', 'keyword']).default('hybrid'))
    .addOption(new Option('--fusion <method>', 'how hybrid lists are fused').choices(['rrf', 'convex']))
    .option('--path <glob...>', 'only documents whose path matches a glob (repeatable)')
    .option('--meta <key=value...>', 'only documents whose metadata has key = value (repeatable)')
    .option('--explain', 'show each list\'s rank and contribution to the score')
    .action(async (words: string[], options: SearchCommandOptions, command: Command) => {
      const merged = { ...command.optsWithGlobals(), ...options } as SearchCommandOptions;
      const k = Number(merged.limit);
      if (!Number.isInteger(k) || k <= 0) throw new QuireError('INVALID_ARGUMENT', `--limit must be a positive integer, got "${merged.limit}"`);
      const index = openConfiguredIndex(merged, { mustExist: true });
      try {
        const results = await index.search(words.join(' '), {
          k,
          mode: merged.mode,
          filter: { path: merged.path, metadata: parseMeta(merged.meta) },
        });
        if (merged.json) printJson({ results: results.map((result) => toJson(result, merged.explain === true)) });
        else process.stdout.write(formatResults(results, merged.explain === true));
      } finally {
        index.close();
      }
    });
}

function parseMeta(pairs: string[] | undefined): Record<string, string> | undefined {
  if (!pairs) return undefined;
  const metadata: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new QuireError('INVALID_ARGUMENT', `--meta expects key=value, got "${pair}"`);
    metadata[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return metadata;
}

/** The stable JSON shape of DESIGN.md, plus title/headingPath (and explain when asked). */
function toJson(result: SearchResult, explain: boolean): Record<string, unknown> {
  return {
    path: result.path,
    startLine: result.startLine,
    endLine: result.endLine,
    score: result.score,
    text: result.text,
    chunkId: result.chunkId,
    documentId: result.documentId,
    title: result.title,
    headingPath: result.headingPath,
    ...(explain ? { explain: result.explain } : {}),
  };
}

function formatResults(results: SearchResult[], explain: boolean): string {
  if (results.length === 0) return 'no results\n';
  return results
    .map((result, i) => {
      const where = `${result.path}:${result.startLine}-${result.endLine}`;
      const context = result.headingPath.length > 0 ? `  ${result.headingPath.join(' > ')}` : result.title ? `  ${result.title}` : '';
      const lines = [`${i + 1}. ${where}  (score ${result.score.toFixed(4)})${context}`];
      if (explain) {
        const parts = Object.entries(result.explain.lists).map(
          ([name, c]) => `${name} #${c.rank} (${c.score.toFixed(3)}) +${c.contribution.toFixed(4)}`,
        );
        lines.push(`   ${result.explain.fusion}: ${parts.join(' · ')}`);
      }
      lines.push(...excerpt(result.text).map((line) => `   ${line}`));
      return lines.join('\n');
    })
    .join('\n\n')
    .concat('\n');
}

/** The first few non-empty lines of a passage, trimmed for a terminal. */
function excerpt(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 3)
    .map((line) => (line.length > 160 ? `${line.slice(0, 157)}…` : line));
}
