// Checking resolved budget rows: each kernel is evaluated exhaustively (all int8/int16 codes; every
// f32 of the row's domain), each limited metric compared with its limit, the worst input kept.
import type { Runtime } from "../runtime/runtime.js";
import { evaluateKernel } from "../accuracy/evaluate.js";
import type { F32Worst, QuantWorst } from "../accuracy/metrics.js";
import { kernelName } from "../kernels/spec.js";
import { describeFailure, fmt, metricsFor, withinLimit } from "./metrics.js";
import { ALL_F32, f32Interval } from "./load.js";
import { evaluateF32Job } from "./f32-engine.js";
import type { CheckResult, ResolvedRow, RowResult } from "./types.js";

export interface CheckOptions {
  /** worker threads for f32 rows */
  workers?: number;
  /** values evaluated since the last call (for a progress bar) */
  onProgress?: (n: number) => void;
}

function worstText(w: QuantWorst | F32Worst, f32: boolean): string {
  if (f32) {
    const x = w as F32Worst;
    return `x=${x.x}: y=${x.y}, ref=${x.ref} (${fmt(x.ulp)} ULP)`;
  }
  const q = w as QuantWorst;
  const g = (v: number) => String(Number(v.toPrecision(7)));
  return `q=${q.q} (x=${g(q.x)}): y=${q.y}, reference ${g(q.r)} LSB (${g(q.ref)})`;
}

export async function checkRow(rt: Runtime, r: ResolvedRow, opts: CheckOptions = {}): Promise<RowResult> {
  const t0 = performance.now();
  const isF32 = r.spec.dtype === "f32";
  let metrics: Record<string, number>;
  let worst: QuantWorst | F32Worst;
  let evaluated: string;
  if (!isF32) {
    const k = rt.prepare({ op: r.op, dtype: r.spec.dtype, method: r.spec.method, params: r.params, input: r.input, output: r.output });
    try {
      const m = evaluateKernel(k);
      if (m.kind !== "quant") throw new Error("unreachable");
      const { worst: w, count: _c, kind: _k, ...rest } = m;
      metrics = rest;
      worst = w;
      evaluated = `all ${r.size} ${r.spec.dtype} codes`;
      opts.onProgress?.(r.size);
    } finally {
      k.dispose();
    }
  } else {
    const { a, b } = r.domain === "all" ? ALL_F32 : f32Interval(r.domain![0], r.domain![1]);
    const m = await evaluateF32Job({
      op: r.opRef, customDomain: "module" in r.opRef ? r.op.domain : undefined, method: r.spec.method, params: r.params,
      engine: rt.engine, a, b,
    }, { workers: opts.workers, onProgress: opts.onProgress, rt, opDescriptor: r.op });
    const { worst: w, count: _c, sumUlp: _s, ...rest } = m;
    metrics = rest;
    worst = w;
    evaluated = r.domain === "all" ? "all 2^32 f32 bit patterns" : `every f32 in [${r.domain![0]}, ${r.domain![1]}] (${r.size} values)`;
  }
  // a stable order: the metrics of shared/accuracy.md for this dtype
  const ordered: Record<string, number> = {};
  for (const name of metricsFor(r.spec.dtype)) if (name in metrics) ordered[name] = metrics[name];
  const failures = Object.entries(r.row.budget)
    .filter(([name, limit]) => !withinLimit(name, ordered[name], limit))
    .map(([name, limit]) => ({ metric: name, value: ordered[name], limit, text: describeFailure(name, ordered[name], limit) }));
  return {
    index: r.index, label: r.label, kernel: kernelName(r.spec, rt.engine), dtype: r.spec.dtype, evaluated,
    pass: failures.length === 0, metrics: ordered, limits: { ...r.row.budget }, failures, worst,
    worstText: worstText(worst, isF32), seconds: (performance.now() - t0) / 1000,
  };
}

export async function checkBudget(rt: Runtime, file: string, rows: ResolvedRow[], opts: CheckOptions = {}): Promise<CheckResult> {
  const t0 = performance.now();
  const results: RowResult[] = [];
  for (const r of rows) results.push(await checkRow(rt, r, opts));
  return { file, engine: rt.engine, pass: results.every((r) => r.pass), rows: results, seconds: (performance.now() - t0) / 1000 };
}
