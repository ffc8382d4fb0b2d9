// Row evaluator for quantized row kernels (softmax, log_softmax): seeded random rows of several
// lengths plus the edge rows every row op must get right — all equal, one-hot, all at the minimum
// code, length 1 — run through the kernel and measured per element against the float64 rowRef of
// the op (src/ops/catalog/rows.ts), in output LSB (reference clamped to the output range).
import type { Kernel } from "../runtime/runtime.js";
import { INT_RANGE } from "../quant/dtype.js";
import { QactError } from "../errors.js";
import { rng } from "./rng.js";

export interface RowWorst {
  /** the input row (codes) */
  row: number[];
  index: number;
  y: number;
  /** reference in output steps (clamped) */
  r: number;
}

export interface RowMetrics {
  rows: number;
  count: number;
  maxAbsLsb: number;
  meanAbsLsb: number;
  /** elements whose code differs from the correctly rounded reference */
  mismatches: number;
  worst: RowWorst;
  /** how the rows were made (for reports) */
  sample: string;
}

export const ROW_LENGTHS = [1, 2, 3, 4, 5, 7, 8, 10, 16, 31, 64, 100, 1000];

/** The rows: `perLength` seeded random rows of each length in ROW_LENGTHS (uniform codes, and as
 *  many again drawn from a narrow band near the top so that several entries matter), then the edge
 *  rows: all equal (3 values, lengths 1, 10, 1000), one-hot (max at start, middle, end), all at the
 *  minimum code, and single elements at the minimum, zero point and maximum. */
export function evaluationRows(dtype: "int8" | "int16", seed = 1, perLength = 8): number[][] {
  const { min, max } = INT_RANGE[dtype];
  const r = rng(seed);
  const span = max - min + 1;
  const rows: number[][] = [];
  for (const len of ROW_LENGTHS) {
    const reps = len >= 1000 ? 2 : perLength;
    for (let t = 0; t < reps; t++) {
      rows.push(Array.from({ length: len }, () => min + Math.floor(r() * span)));
      const band = Math.max(2, Math.floor(span / 16));
      rows.push(Array.from({ length: len }, () => max - Math.floor(r() * band)));
    }
  }
  for (const len of [1, 10, 1000]) for (const v of [min, 0, max]) rows.push(Array(len).fill(v));
  for (const at of [0, 5, 11]) rows.push(Array.from({ length: 12 }, (_, i) => (i === at ? max : min)));
  rows.push(Array(33).fill(min), [min], [0], [max]);
  return rows;
}

export function evaluateRowKernel(k: Kernel, rows: number[][] = evaluationRows(k.dtype as "int8" | "int16")): RowMetrics {
  if (k.dtype === "f32" || k.op.rowRef === undefined || k.spec.shape !== "rows") {
    throw new QactError("op", `row evaluation needs a quantized row kernel (got ${k.name})`);
  }
  const out = k.output!, inp = k.input!;
  const { min, max } = INT_RANGE[k.outDtype as "int8" | "int16"];
  let maxAbs = -1, sumAbs = 0, count = 0, mismatches = 0;
  let worst: RowWorst = { row: [], index: 0, y: 0, r: 0 };
  for (const row of rows) {
    const x = k.dtype === "int8" ? Int8Array.from(row) : Int16Array.from(row);
    const y = k.run(x, undefined, { rowLength: row.length });
    const ref = k.op.rowRef(Float64Array.from(row, (q) => inp.scale * (q - inp.zeroPoint)), k.params);
    for (let i = 0; i < row.length; i++) {
      const steps = ref[i] / out.scale + out.zeroPoint;
      const r = Number.isNaN(steps) ? out.zeroPoint : Math.min(max, Math.max(min, steps));
      const e = Math.abs(y[i] - r);
      if (e > maxAbs) {
        maxAbs = e;
        worst = { row, index: i, y: y[i], r };
      }
      sumAbs += e;
      count++;
      const code = Math.min(max, Math.max(min, r < 0 ? -Math.round(-r) : Math.round(r)));
      if (y[i] !== code) mismatches++;
    }
  }
  return {
    rows: rows.length, count, maxAbsLsb: Math.max(0, maxAbs), meanAbsLsb: count ? sumAbs / count : 0, mismatches, worst,
    sample: `${rows.length} rows: seeded random of lengths ${ROW_LENGTHS.join(", ")} + all-equal, one-hot, all-minimum, length-1`,
  };
}
