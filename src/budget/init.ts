// `qact init`: a starting budget for the kernels a model uses. Each row is measured like `qact check`
// does, then its limits are set to the measured value plus a stated margin (rounded up to 3
// significant digits); `measured` records what was found.
import type { BudgetFile, BudgetRow, CheckResult } from "./types.js";
import { measuredOf } from "./update.js";

/** The metrics init puts limits on, per dtype. */
export const INIT_METRICS = { int: ["maxAbsLsb", "meanAbsLsb", "mismatches"], f32: ["maxUlp", "mismatches"] } as const;

/** Smallest number with 3 significant digits that is ≥ v. */
export function ceil3(v: number): number {
  if (v <= 0 || !Number.isFinite(v)) return v;
  const p = 10 ** (Math.floor(Math.log10(v)) - 2);
  let c = Number((Math.ceil(v / p) * p).toPrecision(3));
  while (c < v) c = Number((c + p).toPrecision(3));
  return c;
}

/** limit = measured · (1 + margin), rounded up (mismatches: to an integer). */
export function limitFor(metric: string, measured: number, margin: number): number {
  const v = measured * (1 + margin);
  return metric === "mismatches" ? Math.ceil(v) : ceil3(v);
}

export function budgetFromMeasurements(rows: BudgetRow[], result: CheckResult, margin: number): BudgetFile {
  return {
    kernels: rows.map((row, i) => {
      const r = result.rows[i];
      const names = row.dtype === "f32" ? INIT_METRICS.f32 : INIT_METRICS.int;
      const budget = Object.fromEntries(names.map((m) => [m, limitFor(m, r.metrics[m], margin)]));
      return { ...row, budget, measured: measuredOf(r.metrics) };
    }),
  };
}
