// Prints the docs/accuracy.md rows of the int16 `lut` kernels: for each op, exhaustive over all 65,536
// codes at the 24 quantizations of src/accuracy/sweeps.ts (the same seeds as test/kernels/q16-lut.test.ts),
// the worst maxAbsLsb, the worst and the average meanAbsLsb, and the table bytes.
//
//   npm run build && node scripts/quant-accuracy.mjs
import { load } from "../dist/index.js";
import { measureQuantized } from "../dist/accuracy/metrics.js";
import { int16Sweep } from "../dist/accuracy/sweeps.js";
import { allCodes } from "../dist/quant/dtype.js";
import { getOp } from "../dist/ops/index.js";

const OPS = ["sigmoid", "tanh", "silu", "gelu", "gelu_tanh", "elu", "selu", "softplus", "mish"];
const rt = await load({ engine: "scalar" });
const codes = allCodes("int16");
console.log("| op | dtype | method | maxAbsLsb (worst) | meanAbsLsb (worst / average) | table bytes | cases |");
console.log("|---|---|---|---|---|---|---|");
for (const op of OPS) {
  const cases = int16Sweep(op, 24, 0x1600 + op.length * 31 + op.charCodeAt(1));
  let max = 0, meanWorst = 0, meanSum = 0, bytes = 0, worstCase = "";
  for (const c of cases) {
    const k = rt.prepare({ op, dtype: "int16", method: "lut", input: c.input, output: c.output, params: c.params });
    const m = measureQuantized(getOp(op), k.params, codes, k.run(codes), c.input, c.output, "int16");
    if (m.maxAbsLsb > max) {
      max = m.maxAbsLsb;
      worstCase = `in ${c.input.scale.toPrecision(4)}/${c.input.zeroPoint}`;
    }
    meanWorst = Math.max(meanWorst, m.meanAbsLsb);
    meanSum += m.meanAbsLsb;
    bytes = k.paramBytes.length;
    k.dispose();
  }
  console.log(`| ${op} | int16 | lut | ${max.toFixed(3)} (${worstCase}) | ${meanWorst.toFixed(3)} / ${(meanSum / cases.length).toFixed(3)} | ${bytes} | ${cases.length} |`);
}
