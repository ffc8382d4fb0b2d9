// int16, method table: one direct table of correctly rounded outputs, one entry per input code between
// the constant ends (assembly/q16/table.ts; src/tables/table16.ts). Offered for every elementwise op
// but the two-slope piecewise-linear ones (identity, relu, relu6, leaky_relu, hard_tanh, hard_sigmoid),
// and for user-defined ops. Those six are exact in `fixed` with a 32-byte block, where a table of up to
// 128 KiB adds no accuracy and runs from 4× slower (a slope of 1: 6.3 G against 1.6 G elem/s) to 1.25×
// faster (other slopes); hardswish keeps it: its `fixed` gate runs at 0.3 G elem/s, the table at 1.5 G
// (docs/bench-quantized.md).
import { OPS } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildTable16ByCode, table16Layout } from "../../tables/table16.js";
import { PWL2_OPS } from "./fixed.js";

export function q16TableKernels(): KernelSpec[] {
  return OPS.filter((op) => op.kind === "elementwise" && !PWL2_OPS.includes(op.name)).map((op) => ({
    op, dtype: "int16", method: "table", exportName: "i16_table", anyOp: true,
    algorithm: { simd: "gather", scalar: "load" },
    prepare: (k) => table16Layout(buildTable16ByCode(k.op, k.params, k.input!, k.output!)),
  }));
}
