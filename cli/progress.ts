import cliProgress from 'cli-progress';
import type { IndexProgress } from '../src/index.js';

/** Shows indexing progress on stderr: a live bar on a terminal, a line every few seconds otherwise. */
export class IndexProgressBar {
  private bar: cliProgress.SingleBar | undefined;
  private readonly started = Date.now();

  constructor(private readonly enabled: boolean) {}

  update(progress: IndexProgress): void {
    if (!this.enabled || progress.phase === 'scanning') return;
    if (!this.bar) {
      this.bar = new cliProgress.SingleBar(
        {
          stream: process.stderr,
          format: 'indexing [{bar}] {value}/{total} files | {chunks} chunks | {rate} files/s | ETA {eta_formatted} | {current}',
          barsize: 24,
          hideCursor: true,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          etaBuffer: 50,
          clearOnComplete: false,
        },
        cliProgress.Presets.legacy,
      );
      this.bar.start(Math.max(progress.filesTotal, 1), 0, this.payload(progress));
    }
    this.bar.setTotal(Math.max(progress.filesTotal, 1));
    this.bar.update(progress.filesDone, this.payload(progress));
  }

  stop(): void {
    this.bar?.stop();
    this.bar = undefined;
  }

  private payload(progress: IndexProgress): Record<string, string | number> {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const current = progress.current ?? '';
    return {
      chunks: progress.chunksWritten,
      rate: (progress.filesDone / seconds).toFixed(0),
      current: current.length > 40 ? `…${current.slice(-39)}` : current,
    };
  }
}
