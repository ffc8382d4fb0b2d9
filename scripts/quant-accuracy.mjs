// Prints the docs/accuracy.md rows of the int16 `lut`/`poly`/`table` and int8 `poly` kernels: for each op, exhaustive
// over every input code at the quantizations of src/accuracy/sweeps.ts (the same seeds as
// test/kernels/q16-lut.test.ts, q16-poly.test.ts, q16-table.test.ts and q8-poly.test.ts), the worst maxAbsLsb,
// the worst and the average meanAbsLsb, and the table/coefficient bytes (the largest over the cases: the
// int16 `table` keeps the codes between its constant ends, so its size depends on the quantization).
//
//   npm run build && node scripts/quant-accuracy.mjs
import { load } from "../dist/index.js";
import { measureQuantized } from "../dist/accuracy/metrics.js";
import { int16Sweep, int8Sweep } from "../dist/accuracy/sweeps.js";
import { allCodes } from "../dist/quant/dtype.js";
import { getOp } from "../dist/ops/index.js";

const rt = await load({ engine: "scalar" });
const FAMILIES = [
  { dtype: "int16", method: "lut", ops: ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "softplus", "mish"],
    cases: (op) => int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1)) },
  { dtype: "int16", method: "poly", ops: ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "softplus", "mish"],
    cases: (op) => int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1)) },
  { dtype: "int16", method: "table", ops: ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "softplus", "mish"],
    cases: (op) => int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1)) },
  { dtype: "int8", method: "poly", ops: ["sigmoid", "tanh", "silu", "hardswish", "gelu", "elu"],
    cases: (op) => int8Sweep(op, 60, 0x0800 + op.length * 17 + op.charCodeAt(2)) },
];
console.log("| op | dtype | method | maxAbsLsb (worst case) | meanAbsLsb (worst / average) | table bytes | cases |");
console.log("|---|---|---|---|---|---|---|");
for (const fam of FAMILIES) {
  const codes = allCodes(fam.dtype);
  for (const op of fam.ops) {
    const cases = fam.cases(op);
    let max = 0, meanWorst = 0, meanSum = 0, bytes = 0, worstCase = "";
    for (const c of cases) {
      const k = rt.prepare({ op, dtype: fam.dtype, method: fam.method, input: c.input, output: c.output, params: c.params });
      const m = measureQuantized(getOp(op), k.params, codes, k.run(codes), c.input, c.output, fam.dtype);
      if (m.maxAbsLsb > max) {
        max = m.maxAbsLsb;
        worstCase = `in ${c.input.scale.toPrecision(4)}/${c.input.zeroPoint}, out ${c.output.scale.toPrecision(4)}/${c.output.zeroPoint}`;
      }
      meanWorst = Math.max(meanWorst, m.meanAbsLsb);
      meanSum += m.meanAbsLsb;
      bytes = Math.max(bytes, k.paramBytes.length);
      k.dispose();
    }
    console.log(`| ${op} | ${fam.dtype} | ${fam.method} | ${max.toFixed(3)} (${worstCase}) | ${meanWorst.toFixed(3)} / ${(meanSum / cases.length).toFixed(3)} | ${bytes} | ${cases.length} |`);
  }
}
