// The f32 rows of `qact check`: evaluateF32Job() runs the one f32 interval evaluator
// (src/accuracy/sweep.ts evaluateF32, shared with `qact sweep`) with check's worker policy.
import { availableParallelism } from "node:os";
import type { Runtime } from "../runtime/runtime.js";
import { getOp, resolveParams, type OpDescriptor } from "../ops/index.js";
import { evaluateF32, type F32Job } from "../accuracy/sweep.js";
import { fromOrderedIndex } from "../accuracy/f32space.js";
import { f32Metrics, ulpError, type F32Metrics } from "../accuracy/metrics.js";

export type { F32Job };

export interface F32RunOptions {
  /** worker threads (default: min(2, cores)); 0 or 1 with a small interval runs on this thread */
  workers?: number;
  /** called with the number of values done since the last call */
  onProgress?: (n: number) => void;
  /** for the in-thread path: the runtime and descriptor already loaded */
  rt?: Runtime;
  opDescriptor?: OpDescriptor;
  /** use worker threads whatever the size (benchmarks) */
  forceWorkers?: boolean;
}

/**
 * Below this many values the interval is evaluated on the calling thread: worker start-up (each
 * loads its own runtime, ~0.1–0.3 s) costs more. `node bench/check-f32.mjs` (M values per CPU-second,
 * medians of 5, shared 2-core machine under a load average of ~3): hardswish (JS reference) 2^18
 * in-thread 9.5 vs 2 workers 1.0; 2^20 9.6 vs 2.6; 2^22 9.8 vs 6.6; 2^24 9.9 vs 8.7; sigmoid (WASM
 * reference) 2^20 42 vs 3.9, 2^24 44 vs 28. Under that load two workers never ran in parallel (wall
 * time tracked CPU time); the split is kept for idle CI runners (unmeasured here), `--workers 1`
 * turns it off.
 */
export const IN_THREAD_MAX = 1 << 20;

/**
 * The metrics of every f32 with ordered index in [job.a, job.b], with the sum of the ULP errors.
 * The worst input's reference and error are those of op.ref (JavaScript), as check has always
 * printed them: the WASM reference of a smooth op can differ from it in the last float64 digit
 * (relative ≤ 1e-14, never in the f32 rounding: test/accuracy/sweep.test.ts).
 */
export async function evaluateF32Job(job: F32Job, opts: F32RunOptions = {}): Promise<F32Metrics & { sumUlp: number }> {
  const workers = Math.max(0, Math.min(opts.workers ?? Math.min(2, availableParallelism()), 16));
  const inThread = (job.b - job.a + 1 <= IN_THREAD_MAX && !opts.forceWorkers) || workers <= 1;
  const s = await evaluateF32(job, { workers: inThread ? 0 : workers, onProgress: opts.onProgress, rt: opts.rt, op: opts.opDescriptor });
  const m = { ...f32Metrics(s, fromOrderedIndex(s.worst)), sumUlp: s.sumUlp };
  const op = opts.opDescriptor ?? ("builtin" in job.op ? getOp(job.op.builtin) : undefined);
  if (op && m.count) {
    m.worst.ref = op.ref!(m.worst.x, resolveParams(op, job.params as Record<string, unknown>));
    m.worst.ulp = ulpError(m.worst.y, m.worst.ref);
  }
  return m;
}
