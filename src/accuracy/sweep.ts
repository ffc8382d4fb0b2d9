// THE f32 interval evaluator, behind both `qact sweep` (sweepF32 below) and the f32 rows of `qact
// check` (src/budget/f32-engine.ts): one f32 kernel over an ordered-index interval (every f32 in
// [lo, hi], or all 2^32 bit patterns), measured with the metrics of shared/accuracy.md. The interval
// is cut in chunks of 2^22 values (never across ±0) handed to worker threads (./sweep-worker.ts) as
// they become free, or measured on this thread (workers: 0). A chunk goes through the kernel in
// blocks of 2^16 (zero copy), in increasing value order, and then through the reference its op
// selects (RangeMeasurer): a catalog op of REF_OPS uses the float64 references evaluated inside WASM
// (build/qact.ref.wasm, assembly/ref/), which also accumulates the metrics; any other op (the
// piecewise ones, custom ops) its JavaScript reference op.ref through f32Stats (./metrics.ts). Both
// accumulate the same F32Stats: the worst input is the first (smallest value) of the largest error,
// meanUlp is Infinity when any error is (test/accuracy/sweep.test.ts runs both on the same intervals).
import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { QactError, show } from "../errors.js";
import { load, type Kernel, type Runtime } from "../runtime/runtime.js";
import { getOp, type OpDescriptor } from "../ops/index.js";
import { loadCustomOp } from "../ops/custom.js";
import type { Engine } from "../runtime/load.js";
import type { Params } from "../types.js";
import { bitsIndex, fromOrderedIndex, indexBits, orderedIndex } from "./f32space.js";
import { emptyF32Stats, f32Stats, mergeF32Stats, type F32Stats, type F32Metrics } from "./metrics.js";

/** Ops the reference module knows, in the order of its op ids (assembly/ref/index.ts). */
export const REF_OPS = ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "celu", "softplus", "mish"] as const;

export interface F32Job {
  /** a catalog op, or a user module (absolute path) + export */
  op: { builtin: string } | { module: string; exportName: string };
  /** the domain the custom op was validated over (custom ops only) */
  customDomain?: [number, number];
  method?: string;
  params: Params | Record<string, unknown>;
  engine: Engine;
  /** ordered-index interval, inclusive */
  a: number;
  b: number;
  /** measure against op.ref in JavaScript even where the WASM reference exists (tests, benchmarks) */
  jsRef?: boolean;
}

export interface F32RunOptions {
  /** worker threads; 0 measures on this thread */
  workers: number;
  /** called with the number of values done since the last call */
  onProgress?: (n: number) => void;
  /** for the in-thread path: the runtime and op descriptor already loaded */
  rt?: Runtime;
  op?: OpDescriptor;
}

/** Chunk: the ordered indices [a, a + count). */
export interface IndexRange {
  a: number;
  count: number;
}

const BLOCK = 1 << 16;
const CHUNK = 1 << 22;

/** The chunks of [a, b]: at most CHUNK values each (fewer when that gives each of `parts` workers
 *  one, but not below BLOCK), none across ±0 (so bit patterns run one way). */
export function chunks(a: number, b: number, parts = 1): IndexRange[] {
  const size = Math.min(CHUNK, Math.max(BLOCK, Math.ceil((b - a + 1) / parts)));
  const out: IndexRange[] = [];
  for (let s = a; s <= b;) {
    const end = Math.min(b, s + size - 1, s < 0 ? -1 : Infinity);
    out.push({ a: s, count: end - s + 1 });
    s = end + 1;
  }
  return out;
}

interface RefExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  measure(op: number, start: number, step: number, count: number, yPtr: number, p0: number, p1: number, st: number): void;
  stats_reset(st: number): void;
  ref(op: number, x: number, p0: number, p1: number): number;
  ulp_error(y: number, r: number): number;
  ulp_f32(v: number): number;
  erfc(x: number): number;
}

/** Instantiates build/qact.ref.wasm (the float64 references and the metrics, in WASM). */
export async function loadRefModule(): Promise<RefExports> {
  const bytes = await readFile(new URL("../../build/qact.ref.wasm", import.meta.url));
  const { instance } = await WebAssembly.instantiate(bytes, {});
  return instance.exports as unknown as RefExports;
}

export function refOpId(op: string): number {
  const id = (REF_OPS as readonly string[]).indexOf(op);
  if (id < 0) throw new QactError("op", `sweep has no float64 reference in WASM for ${show(op)}; available: ${REF_OPS.join(", ")}`);
  return id;
}

/** The two float64 params the reference module reads for an op. */
export function refParams(op: string, p: Record<string, number | number[]>): [number, number] {
  const n = (k: string) => p[k] as number;
  switch (op) {
    case "elu": case "celu": return [n("alpha"), 0];
    case "selu": return [n("alpha"), n("scale")];
    case "softplus": return [n("beta"), 0];
    default: return [0, 0];
  }
}

/** Runs a kernel over index ranges on this thread and measures it against the reference module
 *  (when given) or the op's JavaScript reference. */
export class RangeMeasurer {
  private readonly inPtr: number;
  private readonly outPtr: number;
  private readonly yPtr: number;
  private readonly stPtr: number;
  private readonly fn: (i: number, o: number, n: number, p: number) => void;
  private readonly paramsPtr: number;

  constructor(private readonly rt: Runtime, private readonly kernel: Kernel, private readonly ref?: RefExports) {
    this.inPtr = rt.heap.alloc(BLOCK * 4, 16);
    this.outPtr = rt.heap.alloc(BLOCK * 4, 16);
    // the kernel's own params block, written by prepare(): call the export directly for each block
    this.paramsPtr = rt.heap.alloc(kernel.paramBytes.length, 16);
    rt.heap.bytes(this.paramsPtr, kernel.paramBytes.length).set(kernel.paramBytes);
    this.fn = rt.exports[kernel.spec.exportName] as (i: number, o: number, n: number, p: number) => void;
    const base = ref?.heap_base() ?? 0;
    this.stPtr = base;
    this.yPtr = base + 128;
    const need = this.yPtr + BLOCK * 4;
    if (ref && ref.memory.buffer.byteLength < need) ref.memory.grow(Math.ceil((need - ref.memory.buffer.byteLength) / 65536));
  }

  measure(r: IndexRange): F32Stats {
    const { ref, rt, kernel } = this;
    const f = (x: number) => kernel.op.ref!(x, kernel.params);
    const opId = ref ? refOpId(kernel.op.name) : 0;
    const [p0, p1] = refParams(kernel.op.name, kernel.params);
    let st = emptyF32Stats();
    ref?.stats_reset(this.stPtr);
    for (let off = 0; off < r.count; off += BLOCK) {
      const m = Math.min(BLOCK, r.count - off);
      const start = indexBits(r.a + off), step = r.a < 0 ? -1 : 1;
      const xs = new Uint32Array(rt.memory.buffer, this.inPtr, m);
      for (let i = 0; i < m; i++) xs[i] = start + i * step;
      this.fn(this.inPtr, this.outPtr, m, this.paramsPtr);
      if (ref) {
        new Uint8Array(ref.memory.buffer, this.yPtr, m * 4).set(new Uint8Array(rt.memory.buffer, this.outPtr, m * 4));
        ref.measure(opId, start, step, m, this.yPtr, p0, p1, this.stPtr);
      } else {
        const s = f32Stats(f, new Float32Array(rt.memory.buffer, this.inPtr, m), new Float32Array(rt.memory.buffer, this.outPtr, m));
        st = mergeF32Stats(st, { ...s, worst: r.a + off + s.worst });
      }
    }
    if (!ref) return st;
    const v = new Float64Array(ref.memory.buffer, this.stPtr, 9);
    return { maxUlp: v[0], maxAbs: v[1], maxRel: v[2], mismatches: v[3], count: v[4], worst: bitsIndex(v[5]), worstY: v[6], worstRef: v[7], sumUlp: v[8] };
  }

  /** Frees the blocks and the kernel. */
  dispose(): void {
    for (const p of [this.inPtr, this.outPtr, this.paramsPtr]) this.rt.heap.release(p);
    this.kernel.dispose();
  }
}

/** Loads what a job needs on this thread (or in a worker): runtime, op, kernel, and a measurer
 *  with the WASM reference for a catalog op of REF_OPS, the JavaScript one otherwise. */
export async function openMeasurer(job: F32Job, rt?: Runtime, op?: OpDescriptor): Promise<RangeMeasurer> {
  rt ??= await load({ engine: job.engine });
  op ??= "builtin" in job.op ? getOp(job.op.builtin) : await loadCustomOp(`${job.op.module}#${job.op.exportName}`, "/", { domain: job.customDomain });
  const kernel = rt.prepare({ op, dtype: "f32", method: job.method, params: job.params });
  const wasmRef = "builtin" in job.op && (REF_OPS as readonly string[]).includes(op.name) && !job.jsRef;
  return new RangeMeasurer(rt, kernel, wasmRef ? await loadRefModule() : undefined);
}

function workerUrl(): URL {
  // under the TypeScript sources (tests), use the compiled worker in dist/
  return import.meta.url.endsWith(".ts") ? new URL("../../dist/accuracy/sweep-worker.js", import.meta.url) : new URL("./sweep-worker.js", import.meta.url);
}

/** Evaluates a job over [job.a, job.b]; the stats' worst is an ordered index. */
export async function evaluateF32(job: F32Job, opts: F32RunOptions): Promise<F32Stats> {
  const todo = chunks(job.a, job.b, opts.workers);
  let stats = emptyF32Stats();
  if (opts.workers === 0) {
    const m = await openMeasurer(job, opts.rt, opts.op);
    try {
      for (const c of todo) {
        stats = mergeF32Stats(stats, m.measure(c));
        opts.onProgress?.(c.count);
      }
    } finally {
      m.dispose();
    }
    return stats;
  }
  let next = 0;
  const started: Worker[] = [];
  try {
    await Promise.all(Array.from({ length: Math.min(opts.workers, todo.length) }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(workerUrl(), { workerData: job });
      started.push(w);
      const feed = () => {
        if (next < todo.length) w.postMessage(todo[next++]);
        else { void w.terminate(); resolve(); }
      };
      w.on("message", (msg: { ready?: true; stats?: F32Stats; error?: { message: string; field?: string } }) => {
        // a QactError in the worker (bad input) stays one (exit 2); anything else is internal (exit 3)
        if (msg.error) { reject(msg.error.field ? new QactError(msg.error.field, msg.error.message) : new Error(`f32 worker: ${msg.error.message}`)); return; }
        if (msg.stats) {
          stats = mergeF32Stats(stats, msg.stats);
          opts.onProgress?.(msg.stats.count);
        }
        feed();
      });
      w.on("error", (e) => reject(new Error(`f32 worker failed: ${e.message}`)));
      // after resolve() (all work handed out and merged) this is a no-op
      w.on("exit", (code) => reject(new Error(`an f32 worker stopped (exit code ${code}) before its work was done`)));
    })));
  } finally {
    await Promise.all(started.map((w) => w.terminate())); // after a failure: stop the others now
  }
  return stats;
}

export interface SweepOptions {
  op: string;
  method?: string;
  params?: Record<string, unknown>;
  engine?: Engine | "auto";
  /** "all" (every bit pattern, NaNs included) or [lo, hi] (every f32 in the interval) */
  domain?: "all" | [number, number];
  /** worker threads; 0 runs in this thread (default 2) */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
}

/** The metrics of shared/accuracy.md (F32Metrics) with the run's description; worst has the input's bits. */
export interface SweepResult extends Omit<F32Metrics, "worst"> {
  kernel: string;
  op: string;
  method: string;
  engine: Engine;
  params: Record<string, number | number[]>;
  domain: string;
  worst: { x: number; bits: string; y: number; ref: number };
  seconds: number;
  /** CPU time of the whole process (all threads), user + system */
  cpuSeconds: number;
  workers: number;
}

/** The ordered-index interval of a sweep domain. */
export function domainInterval(domain: "all" | [number, number]): { a: number; b: number } {
  if (domain === "all") return { a: -(2 ** 31), b: 2 ** 31 - 1 };
  const [lo, hi] = domain;
  if (typeof lo !== "number" || typeof hi !== "number" || Number.isNaN(lo) || Number.isNaN(hi) || !(lo <= hi)) {
    throw new QactError("domain", `domain must be "all" or lo,hi with lo ≤ hi, neither NaN (got ${show(domain)})`);
  }
  return { a: orderedIndex(Math.fround(lo)), b: orderedIndex(Math.fround(hi)) };
}

/** `qact sweep`: a catalog op of REF_OPS over a domain, against the WASM reference. */
export async function sweepF32(o: SweepOptions): Promise<SweepResult> {
  const op = getOp(o.op);
  refOpId(op.name);
  const domain = o.domain ?? "all";
  const { a, b } = domainInterval(domain);
  const workers = o.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new QactError("workers", `workers must be an integer in [0, 64] (got ${show(workers)})`);
  }
  const rt = await load({ engine: o.engine ?? "auto" });
  const kernel = rt.prepare({ op: op.name, dtype: "f32", method: o.method, params: o.params }); // validates
  kernel.dispose();
  const total = b - a + 1;
  let done = 0;
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  const stats = await evaluateF32({ op: { builtin: op.name }, method: kernel.method, params: o.params ?? {}, engine: rt.engine, a, b }, {
    workers, rt, op, onProgress: (n) => o.onProgress?.((done += n), total),
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    kernel: kernel.name, op: op.name, method: kernel.method, engine: rt.engine, params: kernel.params,
    domain: domain === "all" ? "all" : `[${domain[0]}, ${domain[1]}]`, count: stats.count,
    maxUlp: Math.max(0, stats.maxUlp), meanUlp: stats.count ? stats.sumUlp / stats.count : 0,
    maxAbs: stats.maxAbs, maxRel: stats.maxRel, mismatches: stats.mismatches,
    worst: { x: fromOrderedIndex(stats.worst), bits: `0x${indexBits(stats.worst).toString(16).padStart(8, "0")}`, y: stats.worstY, ref: stats.worstRef },
    seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, workers,
  };
}
