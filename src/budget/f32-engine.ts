// THE entry point for evaluating an f32 kernel over an interval (or all 2^32 patterns):
// evaluateF32Job(). Today it splits the ordered-index interval across worker threads that each run
// the kernel in JS-driven chunks (f32-range.ts); a faster engine (WASM reference, `qact sweep`) can
// replace this one function without touching `qact check`.
import { Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { QactError } from "../errors.js";
import { load, type Runtime } from "../runtime/runtime.js";
import type { OpDescriptor } from "../ops/index.js";
import type { Engine } from "../runtime/load.js";
import type { Params } from "../types.js";
import { evaluateF32Range, mergeF32, type F32Partial } from "./f32-range.js";

export interface F32Job {
  /** a catalog op, or a user module (absolute path) + export */
  op: { builtin: string } | { module: string; exportName: string };
  /** the domain the custom op was validated over (custom ops only) */
  customDomain?: [number, number];
  method: string;
  params: Params;
  engine: Engine;
  /** ordered-index interval, inclusive */
  a: number;
  b: number;
}

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

const WORKER_URL = new URL("./f32-worker.js", import.meta.url);

function workerAvailable(): boolean {
  return WORKER_URL.protocol === "file:" && existsSync(fileURLToPath(WORKER_URL));
}

export async function evaluateF32Job(job: F32Job, opts: F32RunOptions = {}): Promise<F32Partial> {
  const size = job.b - job.a + 1;
  const workers = Math.max(0, Math.min(opts.workers ?? Math.min(2, availableParallelism()), 16));
  if ((size <= IN_THREAD_MAX && !opts.forceWorkers) || workers <= 1 || !workerAvailable()) {
    const rt = opts.rt ?? (await load({ engine: job.engine }));
    const op = opts.opDescriptor;
    if (!op) throw new QactError("op", "in-thread f32 evaluation needs the op descriptor");
    const k = rt.prepare({ op, dtype: "f32", method: job.method, params: job.params });
    try {
      return evaluateF32Range(k, job.a, job.b, opts.onProgress);
    } finally {
      k.dispose();
    }
  }
  const per = Math.ceil(size / workers);
  const parts: Promise<F32Partial>[] = [];
  const started: Worker[] = [];
  for (let w = 0; w < workers; w++) {
    const a = job.a + w * per, b = Math.min(job.b, a + per - 1);
    if (a > b) break;
    parts.push(new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL, { workerData: { ...job, a, b } });
      started.push(worker);
      let done = false;
      worker.on("message", (m: { progress?: number; result?: F32Partial; error?: { message: string; field?: string } }) => {
        if (m.progress) opts.onProgress?.(m.progress);
        if (m.result) { done = true; resolve(m.result); void worker.terminate(); }
        // a QactError in the worker (bad input) stays one (exit 2); anything else is internal (exit 3)
        if (m.error) {
          done = true;
          reject(m.error.field ? new QactError(m.error.field, m.error.message) : new Error(`f32 worker: ${m.error.message}`));
          void worker.terminate();
        }
      });
      worker.on("error", (e) => { done = true; reject(new Error(`f32 worker failed: ${e.message}`)); });
      worker.on("exit", (code) => { if (!done) reject(new Error(`f32 worker exited with code ${code}`)); });
    }));
  }
  let results: F32Partial[];
  try {
    results = await Promise.all(parts);
  } catch (e) {
    await Promise.all(started.map((w) => w.terminate())); // one failed: stop the others now
    throw e;
  }
  let acc: F32Partial | undefined;
  for (const p of results) acc = mergeF32(acc, p);
  return acc!;
}
