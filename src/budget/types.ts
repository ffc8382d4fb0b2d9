// A budget file as read (BudgetFile, BudgetRow), a row after validation (ResolvedRow) and the
// outcome of checking it (RowResult, CheckResult).
import type { OpDescriptor } from "../ops/index.js";
import type { KernelSpec } from "../kernels/spec.js";
import type { DType, Params, QuantParams } from "../types.js";
import type { QuantWorst, F32Worst } from "../accuracy/metrics.js";

export interface BudgetRow {
  name?: string;
  op: string;
  dtype: DType;
  method?: string;
  params?: Record<string, number | number[]>;
  input?: { scale: number; zeroPoint?: number };
  output?: { scale: number; zeroPoint?: number };
  domain?: "all" | [number, number];
  budget: Record<string, number>;
  measured?: Record<string, number | string | null>;
}

export interface BudgetFile {
  $schema?: string;
  kernels: BudgetRow[];
}

export interface ResolvedRow {
  index: number;
  row: BudgetRow;
  /** "sigmoid int16/poly" (+ the row's name) */
  label: string;
  op: OpDescriptor;
  /** the op as written: a catalog name, or a custom module ref resolved against the budget file */
  opRef: { builtin: string } | { module: string; exportName: string };
  spec: KernelSpec;
  params: Params;
  input?: QuantParams;
  output?: QuantParams;
  /** f32 rows: the ordered-index interval evaluated ("all" or [lo, hi]) */
  domain?: "all" | [number, number];
  /** how many inputs the row evaluates */
  size: number;
}

export interface RowResult {
  index: number;
  label: string;
  kernel: string;
  dtype: DType;
  /** what was evaluated: "all 256 int8 codes", "every f32 in [1, 2] (8388609 values)" */
  evaluated: string;
  pass: boolean;
  metrics: Record<string, number>;
  limits: Record<string, number>;
  /** the limits exceeded, with a readable comparison */
  failures: { metric: string; value: number; limit: number; text: string }[];
  worst: QuantWorst | F32Worst;
  /** "q=-3 (x=-0.375) y=5 ref=4.62" */
  worstText: string;
  seconds: number;
}

export interface CheckResult {
  file: string;
  /** line of each row in the budget file (for annotations), when known */
  rowLines?: number[];
  engine: string;
  pass: boolean;
  rows: RowResult[];
  seconds: number;
}
