// int16, method table: one direct table of correctly rounded outputs, one entry per input code between
// the constant ends (assembly/q16/table.ts; src/tables/table16.ts). Offered for the elementwise ops
// without an int16 `fixed` kernel (the piecewise-linear ones are exact and faster or as fast in `fixed`,
// in 32–56 bytes) and for user-defined ops.
import { OPS } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildTable16ByCode, table16Layout } from "../../tables/table16.js";
import { FIXED_OPS } from "./fixed.js";

export function q16TableKernels(): KernelSpec[] {
  return OPS.filter((op) => op.kind === "elementwise" && !FIXED_OPS.includes(op.name)).map((op) => ({
    op, dtype: "int16", method: "table", exportName: "i16_table", anyOp: true,
    algorithm: { simd: "gather", scalar: "load" },
    prepare: (k) => table16Layout(buildTable16ByCode(k.op, k.params, k.input!, k.output!)),
  }));
}
