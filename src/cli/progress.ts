// A progress bar for long runs: shown on stderr only when stdout and stderr are terminals, not
// with --quiet, and only once the run has lasted more than a second.
import cliProgress from "cli-progress";

export interface Progress {
  tick(n: number): void;
  stop(): void;
}

export function progressBar(total: number, opts: { quiet?: boolean; label?: string; delayMs?: number } = {}): Progress {
  const enabled = !opts.quiet && process.stdout.isTTY === true && process.stderr.isTTY === true;
  if (!enabled) return { tick: () => {}, stop: () => {} };
  const t0 = Date.now();
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  return {
    tick(n) {
      done += n;
      if (!bar && Date.now() - t0 > (opts.delayMs ?? 1000)) {
        bar = new cliProgress.SingleBar({
          stream: process.stderr, format: `${opts.label ?? "qact"} [{bar}] {percentage}% | {value}/{total} inputs | ETA {eta_formatted}`,
          hideCursor: true, clearOnComplete: true, etaBuffer: 50,
        }, cliProgress.Presets.shades_classic);
        bar.start(total, done);
      } else bar?.update(done);
    },
    stop() {
      bar?.stop();
    },
  };
}
