// int16, method table: every elementwise op through one direct table of correctly rounded outputs,
// one entry per input code between the constant ends (assembly/q16/table.ts; src/tables/table16.ts).
import { OPS } from "../../ops/index.js";
import type { KernelSpec } from "../spec.js";
import { buildTable16ByCode, table16Layout } from "../../tables/table16.js";

export function q16TableKernels(): KernelSpec[] {
  return OPS.filter((op) => op.kind === "elementwise").map((op) => ({
    op, dtype: "int16", method: "table", exportName: "i16_table",
    algorithm: { simd: "gather", scalar: "load" },
    prepare: (k) => table16Layout(buildTable16ByCode(k.op, k.params, k.input!, k.output!)),
  }));
}
