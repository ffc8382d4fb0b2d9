// A progress bar for long runs: shown on stderr only when stdout and stderr are terminals, not
// with --quiet, and only once the run has lasted more than a second (QACT_PROGRESS_DELAY_MS
// overrides the delay; the tests set 0 so they do not depend on the machine's speed).
import cliProgress from "cli-progress";

export interface Progress {
  tick(n: number): void;
  stop(): void;
}

export function progressBar(total: number, opts: { quiet?: boolean; label?: string; delayMs?: number } = {}): Progress {
  const enabled = !opts.quiet && process.stdout.isTTY === true && process.stderr.isTTY === true;
  if (!enabled) return { tick: () => {}, stop: () => {} };
  const t0 = Date.now();
  const env = Number(process.env.QACT_PROGRESS_DELAY_MS);
  const delay = opts.delayMs ?? (process.env.QACT_PROGRESS_DELAY_MS !== undefined && Number.isFinite(env) && env >= 0 ? env : 1000);
  let done = 0;
  let bar: cliProgress.SingleBar | undefined;
  return {
    tick(n) {
      done += n;
      if (!bar && Date.now() - t0 >= delay) {
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
