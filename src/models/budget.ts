// Budget rows (shared/design.md "Budget file") for the distinct activation kernels a model needs.
import { QactError } from "../errors.js";
import { findKernel } from "../kernels/registry.js";
import { getOp, resolveParams } from "../ops/index.js";
import { validateQuant } from "../quant/params.js";
import type { Params, QuantParams } from "../types.js";
import type { ActivationSite, ModelReport } from "./types.js";
import type { BudgetRow as SharedBudgetRow } from "../budget/types.js";

/** A budget row (shared/design.md; the type of src/budget/types.ts) as the model needs it. */
export type BudgetRow = SharedBudgetRow & { dtype: "int8" | "int16"; method: string; input: QuantParams; output: QuantParams; params: Params; budget: { maxAbsLsb: number } };

export interface BudgetPlan {
  rows: BudgetRow[];
  /** where each row's kernel is used in the model */
  usedBy: string[][];
  /** activation sites without a row, and why */
  skipped: { where: string; modelOp: string; reason: string }[];
}

export function budgetFromModel(r: ModelReport, opts: { method?: string; maxAbsLsb?: number } = {}): BudgetPlan {
  const rows: BudgetRow[] = [];
  const usedBy: string[][] = [];
  const skipped: BudgetPlan["skipped"] = [];
  const keys = new Map<string, number>();
  const skip = (a: ActivationSite, reason: string) => skipped.push({ where: a.where, modelOp: a.modelOp, reason });
  for (const a of r.activations) {
    if (!a.quantized) {
      skip(a, a.input.perChannel || a.output.perChannel ? "per-channel activation quantization"
        : `not int8/int16 quantized (input ${a.input.dtype}, output ${a.output.dtype})`);
      continue;
    }
    if (a.input.dtype !== a.output.dtype) {
      skip(a, `input ${a.input.dtype} and output ${a.output.dtype} differ`);
      continue;
    }
    const dtype = a.input.dtype as "int8" | "int16";
    let row: BudgetRow;
    try {
      const op = getOp(a.op);
      if (op.kind === "rowwise") {
        skip(a, `${op.name} works along rows, and a budget row has no row length in this version`);
        continue;
      }
      resolveParams(op, a.params); // validates the model's params against the op's ranges
      const spec = findKernel(op, dtype, opts.method);
      row = {
        op: op.name, dtype, method: spec.method,
        input: validateQuant(dtype, a.input.quant, "in"), output: validateQuant(dtype, a.output.quant, "out"),
        params: a.params, budget: { maxAbsLsb: opts.maxAbsLsb ?? 1 },
      };
    } catch (e) {
      if (e instanceof QactError) {
        skip(a, e.message);
        continue;
      }
      throw e;
    }
    const key = JSON.stringify([row.op, row.dtype, row.method, row.input, row.output, row.params]);
    const at = keys.get(key);
    if (at !== undefined) {
      usedBy[at].push(a.where);
    } else {
      keys.set(key, rows.length);
      rows.push(row);
      usedBy.push([a.where]);
    }
  }
  return { rows, usedBy, skipped };
}
