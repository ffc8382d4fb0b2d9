// The metrics a budget row may limit (shared/accuracy.md), which dtype each applies to, and how a
// measured value is compared with its limit.
import type { DType } from "../types.js";

export interface MetricInfo {
  /** int8/int16 rows, f32 rows, or both */
  dtypes: "int" | "f32" | "any";
  /** "max": fails when value > limit; "min": fails when value < limit; "abs": fails when |value| > limit */
  kind: "max" | "min" | "abs";
  unit: string;
}

export const METRICS: Record<string, MetricInfo> = {
  maxAbsLsb: { dtypes: "int", kind: "max", unit: "LSB" },
  meanAbsLsb: { dtypes: "int", kind: "max", unit: "LSB" },
  rmsLsb: { dtypes: "int", kind: "max", unit: "LSB" },
  biasLsb: { dtypes: "int", kind: "abs", unit: "LSB" },
  sqnrDb: { dtypes: "int", kind: "min", unit: "dB" },
  mismatches: { dtypes: "any", kind: "max", unit: "" },
  maxUlp: { dtypes: "f32", kind: "max", unit: "ULP" },
  meanUlp: { dtypes: "f32", kind: "max", unit: "ULP" },
  maxAbs: { dtypes: "f32", kind: "max", unit: "" },
  maxRel: { dtypes: "f32", kind: "max", unit: "" },
};

/** The metrics reported (and written by --update) for a dtype, in a stable order. */
export function metricsFor(dtype: DType): string[] {
  const want = dtype === "f32" ? "f32" : "int";
  return Object.keys(METRICS).filter((m) => METRICS[m].dtypes === want || METRICS[m].dtypes === "any");
}

/** True when the value is within the limit (NaN never is). */
export function withinLimit(metric: string, value: number, limit: number): boolean {
  if (Number.isNaN(value)) return false;
  switch (METRICS[metric].kind) {
    case "max": return value <= limit;
    case "min": return value >= limit;
    case "abs": return Math.abs(value) <= limit;
  }
}

/** How a failed comparison reads: "1.5 > 1", "38.2 dB < 40 dB", "|−0.7| > 0.5". */
export function describeFailure(metric: string, value: number, limit: number): string {
  const u = METRICS[metric].unit ? ` ${METRICS[metric].unit}` : "";
  switch (METRICS[metric].kind) {
    case "max": return `${metric} ${fmt(value)}${u} > limit ${fmt(limit)}${u}`;
    case "min": return `${metric} ${fmt(value)}${u} < limit ${fmt(limit)}${u}`;
    case "abs": return `${metric} |${fmt(value)}|${u} > limit ${fmt(limit)}${u}`;
  }
}

/** A number for humans: integers as is, others to 4 significant digits. */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-4 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
}

/** A number for JSON files: Infinity/NaN as strings, others to 6 significant digits. */
export function jsonNumber(v: number): number | string {
  if (!Number.isFinite(v)) return String(v);
  return Number.isInteger(v) ? v : Number(v.toPrecision(6));
}
