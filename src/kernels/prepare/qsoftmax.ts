// Prepare for the `accurate` quantized softmax / log_softmax kernels (assembly/qrows/softmax.ts):
// validates the quantization and writes the params header and the exp / log tables.
import { QactError } from "../../errors.js";
import { INT_RANGE } from "../../quant/dtype.js";
import { expTableQ30, log1pTableQ32 } from "../../tables/softmax.js";
import type { QuantParams } from "../../types.js";

/** Output scale 2^−k with k in 1..16 (softmax outputs are probabilities in [0, 1]). */
function outputShift(out: QuantParams, what: string): number {
  const k = -Math.log2(out.scale);
  if (!Number.isInteger(k) || k < 1 || k > 16) {
    throw new QactError("out-scale", `${what} needs out-scale 2^-k with k in 1..16 (e.g. 1/256, 1/32768, 1/65536; got ${out.scale})`);
  }
  return k;
}

export function prepareSoftmaxAccurate(beta: number, input: QuantParams, output: QuantParams,
  dtype: "int8" | "int16", outDtype: "int8" | "int16"): Uint8Array {
  const k = outputShift(output, `accurate softmax ${dtype} → ${outDtype}`);
  const { min, max } = INT_RANGE[outDtype];
  const c = beta * input.scale;
  const bytes = new Uint8Array(32 + (dtype === "int8" ? 1024 : 2048));
  const v = new DataView(bytes.buffer);
  [k, output.zeroPoint, min, max, outDtype === "int16" && dtype === "int8" ? 1 : 0].forEach((x, i) => v.setInt32(4 * i, x, true));
  if (dtype === "int8") {
    expTableQ30(c).forEach((e, d) => v.setUint32(32 + 4 * d, e, true));
  } else {
    expTableQ30(c, 256).forEach((e, h) => v.setUint32(32 + 4 * h, e, true));
    expTableQ30(c).forEach((e, l) => v.setUint32(32 + 1024 + 4 * l, e, true));
  }
  return bytes;
}

export function prepareLogSoftmaxAccurate(beta: number, input: QuantParams, output: QuantParams): Uint8Array {
  const a = (beta * input.scale) / output.scale;
  const ln2 = Math.LN2 / output.scale;
  // |−a·d − log-sum| · 2^32 < 2^62 for d ≤ 255 and rows up to 2^31 elements (log-sum ≤ 33 ln 2)
  if (a * 255 + 34 * ln2 >= 2 ** 29) {
    throw new QactError("out-scale", `accurate log_softmax needs beta·in-scale/out-scale·255 + 34·ln2/out-scale < 2^29 (got out-scale ${output.scale}, beta·in-scale ${beta * input.scale})`);
  }
  const bytes = new Uint8Array(32 + 1024 + 257 * 8);
  const v = new DataView(bytes.buffer);
  v.setBigInt64(0, BigInt(Math.round(a * 2 ** 32)), true);
  v.setBigInt64(8, BigInt(Math.round(ln2 * 2 ** 32)), true);
  v.setInt32(16, output.zeroPoint, true);
  expTableQ30(beta * input.scale).forEach((e, d) => v.setUint32(32 + 4 * d, e, true));
  log1pTableQ32(output.scale).forEach((x, i) => v.setBigInt64(32 + 1024 + 8 * i, x, true));
  return bytes;
}
