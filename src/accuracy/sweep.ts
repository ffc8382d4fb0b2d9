// Exhaustive f32 evaluation (`qact sweep`): one f32 kernel over every f32 bit pattern of a domain
// (all 2^32, or every f32 in [lo, hi]), measured with the metrics of shared/accuracy.md against the
// float64 references evaluated inside WASM (build/qact.ref.wasm, assembly/ref/). Blocks of 2^16
// consecutive bit patterns go through the kernel (zero copy) and then through the reference module,
// which accumulates maxUlp, maxAbs, maxRel, mismatches and the worst input. The work is split in
// chunks of 2^22 handed to worker threads (default 2) as they become free.
import { readFile } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { QactError, show } from "../errors.js";
import { load, type Kernel, type Runtime } from "../runtime/runtime.js";
import { getOp } from "../ops/index.js";
import type { Engine } from "../runtime/load.js";
import { orderedIndex } from "./f32space.js";

/** Ops the reference module knows, in the order of its op ids (assembly/ref/index.ts). */
export const REF_OPS = ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "celu", "softplus", "mish"] as const;

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

export interface SweepStats {
  count: number;
  maxUlp: number;
  maxAbs: number;
  maxRel: number;
  mismatches: number;
  sumUlp: number;
  /** bit pattern of the worst input (largest ULP error; smallest bit pattern on ties) */
  worstBits: number;
  worstY: number;
  worstRef: number;
}

export interface SweepResult {
  kernel: string;
  op: string;
  method: string;
  engine: Engine;
  params: Record<string, number | number[]>;
  domain: string;
  count: number;
  maxUlp: number;
  meanUlp: number;
  maxAbs: number;
  maxRel: number;
  mismatches: number;
  worst: { x: number; bits: string; y: number; ref: number };
  seconds: number;
  /** CPU time of the whole process (all threads), user + system */
  cpuSeconds: number;
  workers: number;
}

/** A contiguous range of bit patterns [start, start + count). */
export interface BitRange {
  start: number;
  count: number;
}

const BLOCK = 1 << 16;
const CHUNK = 1 << 22;

export function emptyStats(): SweepStats {
  return { count: 0, maxUlp: -1, maxAbs: 0, maxRel: 0, mismatches: 0, sumUlp: 0, worstBits: 0, worstY: 0, worstRef: 0 };
}

export function mergeStats(a: SweepStats, b: SweepStats): SweepStats {
  const bWorse = b.maxUlp > a.maxUlp || (b.maxUlp === a.maxUlp && b.count > 0 && (a.count === 0 || b.worstBits < a.worstBits));
  const w = bWorse ? b : a;
  return {
    count: a.count + b.count, maxUlp: Math.max(a.maxUlp, b.maxUlp), maxAbs: Math.max(a.maxAbs, b.maxAbs),
    maxRel: Math.max(a.maxRel, b.maxRel), mismatches: a.mismatches + b.mismatches, sumUlp: a.sumUlp + b.sumUlp,
    worstBits: w.worstBits, worstY: w.worstY, worstRef: w.worstRef,
  };
}

/** The bit-pattern ranges of a domain (negative values and positive values are separate runs). */
export function domainRanges(domain: "all" | [number, number]): BitRange[] {
  if (domain === "all") return [{ start: 0, count: 2 ** 32 }];
  const [lo, hi] = domain;
  if (typeof lo !== "number" || typeof hi !== "number" || Number.isNaN(lo) || Number.isNaN(hi) || !(lo <= hi)) {
    throw new QactError("domain", `domain must be "all" or lo,hi with lo ≤ hi, neither NaN (got ${show(domain)})`);
  }
  const a = orderedIndex(Math.fround(lo)), b = orderedIndex(Math.fround(hi));
  const out: BitRange[] = [];
  if (a < 0) {
    const top = Math.min(b, -1); // ordered index −1 is −0 (bits 0x80000000)
    out.push({ start: 0x80000000 + (-(top + 1)), count: top - a + 1 });
  }
  if (b >= 0) {
    const from = Math.max(a, 0);
    out.push({ start: from, count: b - from + 1 });
  }
  return out;
}

function chunks(ranges: BitRange[]): BitRange[] {
  const out: BitRange[] = [];
  for (const r of ranges) {
    for (let o = 0; o < r.count; o += CHUNK) out.push({ start: r.start + o, count: Math.min(CHUNK, r.count - o) });
  }
  return out;
}

interface RefExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  measure(op: number, start: number, count: number, yPtr: number, p0: number, p1: number, st: number): void;
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

/** Runs a kernel and the reference module over bit ranges in this thread. */
export class RangeMeasurer {
  private readonly inPtr: number;
  private readonly outPtr: number;
  private readonly yPtr: number;
  private readonly stPtr: number;
  private readonly fn: (i: number, o: number, n: number, p: number) => void;
  private readonly paramsPtr: number;
  private readonly opId: number;
  private readonly p: [number, number];

  constructor(private readonly rt: Runtime, private readonly kernel: Kernel, private readonly ref: RefExports) {
    this.opId = refOpId(kernel.op.name);
    this.p = refParams(kernel.op.name, kernel.params);
    this.inPtr = rt.heap.alloc(BLOCK * 4, 16);
    this.outPtr = rt.heap.alloc(BLOCK * 4, 16);
    // the kernel's own params block, written by prepare(): call the export directly for each block
    this.paramsPtr = rt.heap.alloc(kernel.paramBytes.length, 16);
    rt.heap.bytes(this.paramsPtr, kernel.paramBytes.length).set(kernel.paramBytes);
    this.fn = rt.exports[kernel.spec.exportName] as (i: number, o: number, n: number, p: number) => void;
    const base = ref.heap_base();
    this.stPtr = base;
    this.yPtr = base + 128;
    const need = this.yPtr + BLOCK * 4;
    if (ref.memory.buffer.byteLength < need) ref.memory.grow(Math.ceil((need - ref.memory.buffer.byteLength) / 65536));
  }

  measure(r: BitRange): SweepStats {
    const { ref, rt } = this;
    ref.stats_reset(this.stPtr);
    for (let off = 0; off < r.count; off += BLOCK) {
      const m = Math.min(BLOCK, r.count - off);
      const s = r.start + off;
      const xs = new Uint32Array(rt.memory.buffer, this.inPtr, m);
      for (let i = 0; i < m; i++) xs[i] = s + i;
      this.fn(this.inPtr, this.outPtr, m, this.paramsPtr);
      new Uint8Array(ref.memory.buffer, this.yPtr, m * 4).set(new Uint8Array(rt.memory.buffer, this.outPtr, m * 4));
      ref.measure(this.opId, s, m, this.yPtr, this.p[0], this.p[1], this.stPtr);
    }
    const st = new Float64Array(ref.memory.buffer, this.stPtr, 9);
    return { maxUlp: st[0], maxAbs: st[1], maxRel: st[2], mismatches: st[3], count: st[4], worstBits: st[5], worstY: st[6], worstRef: st[7], sumUlp: st[8] };
  }
}

function workerUrl(): URL {
  // under the TypeScript sources (tests), use the compiled worker in dist/
  return import.meta.url.endsWith(".ts") ? new URL("../../dist/accuracy/sweep-worker.js", import.meta.url) : new URL("./sweep-worker.js", import.meta.url);
}

export interface WorkerInit {
  op: string;
  method?: string;
  params: Record<string, unknown>;
  engine: Engine;
}

export async function sweepF32(o: SweepOptions): Promise<SweepResult> {
  const op = getOp(o.op);
  refOpId(op.name);
  const domain = o.domain ?? "all";
  const ranges = domainRanges(domain);
  const workers = o.workers ?? 2;
  if (!Number.isInteger(workers) || workers < 0 || workers > 64) {
    throw new QactError("workers", `workers must be an integer in [0, 64] (got ${show(workers)})`);
  }
  const rt = await load({ engine: o.engine ?? "auto" });
  const kernel = rt.prepare({ op: op.name, dtype: "f32", method: o.method, params: o.params }); // validates
  const init: WorkerInit = { op: op.name, method: kernel.method, params: o.params ?? {}, engine: rt.engine };
  const todo = chunks(ranges);
  const total = todo.reduce((a, c) => a + c.count, 0);
  let stats = emptyStats(), done = 0;
  const t0 = performance.now(), cpu0 = process.cpuUsage();
  if (workers === 0) {
    const m = new RangeMeasurer(rt, kernel, await loadRefModule());
    for (const c of todo) {
      stats = mergeStats(stats, m.measure(c));
      done += c.count;
      o.onProgress?.(done, total);
    }
  } else {
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(workers, todo.length) }, () => new Promise<void>((resolve, reject) => {
      const w = new Worker(workerUrl(), { workerData: init });
      const feed = () => {
        if (next < todo.length) w.postMessage(todo[next++]);
        else { void w.terminate(); resolve(); }
      };
      w.on("message", (msg: { ready?: true; stats?: SweepStats; error?: string }) => {
        if (msg.error) { void w.terminate(); reject(new QactError("sweep", msg.error)); return; }
        if (msg.stats) {
          stats = mergeStats(stats, msg.stats);
          done += msg.stats.count;
          o.onProgress?.(done, total);
        }
        feed();
      });
      w.on("error", (e) => reject(e));
      // after resolve() (all work handed out and merged) this is a no-op
      w.on("exit", (code) => reject(new QactError("sweep", `a sweep worker stopped (exit code ${code}) before its work was done`)));
    })));
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const f = new Float32Array(1), u = new Uint32Array(f.buffer);
  u[0] = stats.worstBits >>> 0;
  const res: SweepResult = {
    kernel: kernel.name, op: op.name, method: kernel.method, engine: rt.engine, params: kernel.params,
    domain: domain === "all" ? "all" : `[${domain[0]}, ${domain[1]}]`, count: stats.count,
    maxUlp: Math.max(0, stats.maxUlp), meanUlp: stats.count ? stats.sumUlp / stats.count : 0,
    maxAbs: stats.maxAbs, maxRel: stats.maxRel, mismatches: stats.mismatches,
    worst: { x: f[0], bits: `0x${(stats.worstBits >>> 0).toString(16).padStart(8, "0")}`, y: stats.worstY, ref: stats.worstRef },
    seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, workers,
  };
  kernel.dispose();
  return res;
}
