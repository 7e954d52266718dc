import { Command, Option } from 'commander';
import { resolveConfig, runBeirEval, type SearchMode } from '../../src/index.js';
import { interruptSignal, printJson, type CommonOptions } from '../context.js';
import { IndexProgressBar } from '../progress.js';

interface EvalCommandOptions extends CommonOptions {
  mode: SearchMode;
  split: string;
  keepDb?: string;
  progress?: boolean;
}

/** `quire eval <beir-dir>`: retrieval quality on a BEIR collection. */
export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('index a BEIR folder and report nDCG@10, Recall@100, MRR@10 and latency')
    .argument('<dir>', 'BEIR folder with corpus.jsonl, queries.jsonl and qrels/')
    .addOption(new Option('--mode <mode>', 'retrieval mode').choices(['hybrid', 'vector', 'keyword']).default('hybrid'))
    .addOption(new Option('--fusion <method>', 'how hybrid lists are fused').choices(['rrf', 'convex']))
    .option('--split <name>', 'qrels split to evaluate', 'test')
    .option('--keep-db <file>', 'build the evaluation index in this file and keep it')
    .option('--chunk-tokens <n>', 'target chunk size in tokens (default 512)')
    .option('--chunk-overlap <n>', 'tokens repeated between chunks (default 64)')
    .option('--no-progress', 'do not show progress')
    .action(async (dir: string, options: EvalCommandOptions, command: Command) => {
      const merged = { ...command.optsWithGlobals(), ...options } as EvalCommandOptions;
      const config = resolveConfig(merged);
      const bar = new IndexProgressBar(merged.progress !== false);
      const signal = interruptSignal();
      try {
        const report = await runBeirEval(dir, {
          mode: merged.mode,
          split: merged.split,
          db: merged.keepDb,
          signal,
          chunk: {
            ...(config.chunkTokens !== undefined ? { maxTokens: config.chunkTokens } : {}),
            ...(config.chunkOverlap !== undefined ? { overlapTokens: config.chunkOverlap } : {}),
          },
          search: { fusion: config.fusion, weights: config.weights },
          onProgress: (progress) => bar.update(progress),
        });
        bar.stop();
        const { summary: _summary, ...result } = report;
        if (merged.json) return printJson(result);
        process.stdout.write(
          `${dir} (${result.mode}, ${result.queries} queries, ${result.documents} documents)\n` +
            `nDCG@10     ${result['ndcg@10'].toFixed(4)}\nRecall@100  ${result['recall@100'].toFixed(4)}\nMRR@10      ${result['mrr@10'].toFixed(4)}\n` +
            `index       ${result.indexSeconds.toFixed(1)} s\nlatency     p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms\n`,
        );
      } finally {
        bar.stop();
      }
    });
}
