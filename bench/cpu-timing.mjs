// The timing harness of the quantized benchmarks (bench/quantized.mjs, bench/int16-vs-tflm.mjs):
// medians of REPS samples of this process's CPU time (process.cpuUsage, user + system; on a shared
// machine other processes' load then does not count) or of wall-clock time (--clock wall), after a
// warm-up round, the implementations alternating inside each round. Command-line options read here:
// --n (elements, default 1,048,576), --reps (default 15), --filter, --clock cpu|wall.
const args = process.argv.slice(2);
export const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
export const flag = (name) => args.includes(`--${name}`);
export const N = Number(opt("n", "1048576"));
export const REPS = Number(opt("reps", "15"));
export const FILTER = opt("filter", "");
export const WALL = opt("clock", "cpu") === "wall";
const SAMPLE_SECONDS = 0.01;

/** seconds: CPU time of this process (default) or wall-clock time */
const now = WALL ? () => performance.now() / 1000 : () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

/** Input codes spread over the whole dtype range (a multiplicative hash of the index). */
export function fillCodes(t, dtype) {
  const d = t.data;
  const mask = dtype === "int8" ? 0xff : 0xffff, off = dtype === "int8" ? 128 : 32768;
  for (let i = 0; i < d.length; i++) d[i] = (((i * 2654435761) >>> 7) & mask) - off;
}

function iterations(fn) {
  let it = 1;
  for (;;) {
    const t0 = now();
    for (let i = 0; i < it; i++) fn();
    const dt = now() - t0;
    if (dt > SAMPLE_SECONDS / 4) return Math.max(1, Math.round((it * SAMPLE_SECONDS) / dt));
    it *= 2;
  }
}

/** Median seconds per call of each impl ({ fn }), alternating impls in every round. */
export function time(impls) {
  const its = impls.map((im) => iterations(im.fn));
  const samples = impls.map(() => []);
  for (let r = 0; r <= REPS; r++) {
    impls.forEach((im, j) => {
      const t0 = now();
      for (let i = 0; i < its[j]; i++) im.fn();
      if (r > 0) samples[j].push((now() - t0) / its[j]);
    });
  }
  return samples.map((s) => s.sort((a, b) => a - b)[Math.floor(s.length / 2)]);
}

export const fmt = (v) => (v >= 1e9 ? `${(v / 1e9).toFixed(2)}G` : `${(v / 1e6).toFixed(0)}M`);
export const ratio = (a, b) => (b ? (a / b).toFixed(2) : "—");
