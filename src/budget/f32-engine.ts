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
 * loads its own runtime) costs more. `node bench/check-f32.mjs` (hardswish, M values/s, medians of 3)
 * on the shared 2-core dev machine under a load average of ~19: 2^18 in-thread 0.9 vs 2 workers
 * 0.2; 2^20 1.8 vs 0.7; 2^22 2.2 vs 1.3. Under that load two workers did not pay at any size
 * measured; the split is kept for idle CI runners (unmeasured here) and `--workers 1` turns it off.
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
