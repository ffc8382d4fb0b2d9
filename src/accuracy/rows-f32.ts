// Accuracy of the ops along the last axis (softmax, log_softmax, maxout) on a stated set of rows:
// seeded random rows of lengths 1..4096, one-hot rows, all-equal rows, rows of huge and of tiny
// (subnormal) logits, and rows with −Inf entries. Each output element is measured in f32 ULP against
// the op's float64 row reference (rowRef), per shared/accuracy.md.
import type { Kernel } from "../runtime/runtime.js";
import type { OpDescriptor } from "../ops/index.js";
import type { Params } from "../types.js";
import { isCorrectlyRoundedF32, ulpError, type F32Metrics } from "./metrics.js";
import { rng } from "./rng.js";

export interface RowCase {
  /** what kind of row (for failure messages) */
  kind: string;
  row: Float32Array;
}

/** Row lengths of the random rows: every length 1..33, the ones around powers of two, 4096. */
export const STATED_LENGTHS: readonly number[] = [
  ...Array.from({ length: 33 }, (_, i) => i + 1), 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 1000,
  1023, 1024, 1025, 2047, 2048, 2049, 4095, 4096,
];

/**
 * The stated rows. `multipleOf` keeps every length a multiple of it (maxout's k); `randomPerLength`
 * random rows per stated length (plus `extraRandom` rows of random length in 1..4096).
 */
export function statedRows(seed = 1, opts: { multipleOf?: number; randomPerLength?: number; extraRandom?: number } = {}): RowCase[] {
  const r = rng(seed);
  const k = opts.multipleOf ?? 1;
  const fit = (n: number) => Math.max(k, Math.round(n / k) * k);
  const rows: RowCase[] = [];
  const uniform = (n: number, spread: number) => Float32Array.from({ length: n }, () => (2 * r() - 1) * spread);
  const lengths = [...new Set(STATED_LENGTHS.map(fit))];
  for (const n of lengths) {
    for (let j = 0; j < (opts.randomPerLength ?? 2); j++) rows.push({ kind: `random ±${j === 0 ? 10 : 100}`, row: uniform(n, j === 0 ? 10 : 100) });
  }
  for (let j = 0; j < (opts.extraRandom ?? 16); j++) {
    const n = fit(1 + Math.floor(r() * 4096));
    rows.push({ kind: "random length", row: uniform(n, 2 ** (8 * r() - 2)) });
  }
  for (const n of [1, 2, 3, 4, 5, 8, 17, 1000, 4096].map(fit)) {
    for (const hot of [1, 10, 100, 1000, 1e30]) {
      const row = new Float32Array(n);
      row[Math.floor(r() * n)] = hot;
      rows.push({ kind: `one-hot ${hot}`, row });
    }
    for (const c of [0, -0, 3.5, -7, 1e30, -1e30, 3.4028234663852886e38, -3.4028234663852886e38, 2 ** -149]) {
      rows.push({ kind: `all-equal ${c}`, row: new Float32Array(n).fill(c) });
    }
    rows.push({ kind: "huge logits", row: Float32Array.from({ length: n }, () => (2 * r() - 1) * 3e38) });
    rows.push({ kind: "huge, close", row: Float32Array.from({ length: n }, () => 1e30 + Math.floor(r() * 8) * 2 ** 76) });
    rows.push({ kind: "tiny logits", row: Float32Array.from({ length: n }, () => (2 * r() - 1) * 1e-40) });
    rows.push({ kind: "tiny normal logits", row: Float32Array.from({ length: n }, () => (2 * r() - 1) * 1e-30) });
    if (n > 1) {
      const row = uniform(n, 5);
      for (let i = 0; i < n; i += 2) row[i] = -Infinity;
      rows.push({ kind: "−Inf entries", row });
      rows.push({ kind: "wide spread", row: Float32Array.from({ length: n }, () => (2 * r() - 1) * 2 ** (20 * r())) });
    }
  }
  return rows;
}

export interface RowMetrics extends F32Metrics {
  rows: number;
  worstRow: string;
}

/** Measures a row kernel (shape rows or groups) on the rows, against op.rowRef. */
export function measureRows(kernel: Kernel, cases: RowCase[]): RowMetrics {
  const op: OpDescriptor = kernel.op;
  const p: Params = kernel.params;
  let maxUlp = -1, sumUlp = 0, maxAbs = 0, maxRel = 0, mismatches = 0, count = 0;
  let worst = { x: 0, y: 0, ref: 0, ulp: 0 }, worstRow = "";
  for (const c of cases) {
    const y = kernel.spec.shape === "rows" ? kernel.run(c.row, undefined, { rowLength: c.row.length }) : kernel.run(c.row);
    const ref = op.rowRef!(Float64Array.from(c.row), p);
    const k = c.row.length / ref.length; // 1 for softmax, k for maxout
    for (let i = 0; i < ref.length; i++) {
      const u = ulpError(y[i], ref[i]);
      if (u > maxUlp) {
        maxUlp = u;
        worst = { x: c.row[i * k], y: y[i], ref: ref[i], ulp: u };
        worstRow = `${c.kind}, length ${c.row.length}, index ${i}`;
      }
      sumUlp += u;
      if (Number.isFinite(ref[i]) && Number.isFinite(y[i])) {
        const a = Math.abs(y[i] - ref[i]);
        maxAbs = Math.max(maxAbs, a);
        if (ref[i] !== 0) maxRel = Math.max(maxRel, a / Math.abs(ref[i]));
      }
      if (!isCorrectlyRoundedF32(y[i], ref[i])) mismatches++;
      count++;
    }
  }
  return { count, maxUlp: Math.max(0, maxUlp), meanUlp: count ? sumUlp / count : 0, maxAbs, maxRel, mismatches, worst, rows: cases.length, worstRow };
}
