// The truth every quantized kernel is measured against (shared/accuracy.md): the float64 reference
// on the exact input value, in output steps, and its correctly rounded code. A result within ~1e-9
// LSB of a rounding tie is recomputed with the op's arbitrary-precision reference before a code is
// called correct or wrong.
import type { OpDescriptor } from "../ops/index.js";
import { Dec, exactDecimal } from "../ops/decimal.js";
import { INT_RANGE } from "../quant/dtype.js";
import { clamp, roundHalfAway } from "../quant/rounding.js";
import type { Params, QuantParams } from "../types.js";

export interface RefPoint {
  /** the exact input value, scale · (q − zeroPoint) */
  x: number;
  /** float64 reference value */
  ref: number;
  /** ref in output steps (unrounded, unclamped): ref / outScale + outZp */
  steps: number;
  /** clamp(roundHalfAway(steps)) with ties settled in high precision */
  code: number;
}

/** Relative distance below which float64 cannot be trusted to pick the side of a tie. */
const TIE_TOLERANCE = 1e-9;

function roundSettled(op: OpDescriptor, p: Params, q: number, input: QuantParams, steps: number, ref: number, out: QuantParams): number {
  const r = roundHalfAway(steps);
  const frac = Math.abs(steps - Math.trunc(steps));
  const tol = TIE_TOLERANCE * (Math.abs(ref / out.scale) + Math.abs(out.zeroPoint) + 1);
  if (Math.abs(frac - 0.5) > tol || !op.refDecimal) return r;
  const yd = op.refDecimal(exactDecimal(input.scale).times(q - input.zeroPoint), p);
  if (!yd) return r;
  const s = yd.div(exactDecimal(out.scale)).plus(out.zeroPoint);
  // round half away from zero, exactly
  return s.toDecimalPlaces(0, Dec.ROUND_HALF_UP).toNumber();
}

export function refPoint(op: OpDescriptor, p: Params, q: number, input: QuantParams, output: QuantParams,
  dtype: "int8" | "int16"): RefPoint {
  const x = input.scale * (q - input.zeroPoint);
  const ref = op.ref!(x, p);
  const steps = ref / output.scale + output.zeroPoint;
  const { min, max } = INT_RANGE[dtype];
  // beyond the dtype range ± 1 no tie can change the saturated code (and the decimal recomputation
  // of huge values at extreme scales would be slow for nothing)
  const saturated = steps < min - 1 || steps > max + 1;
  const code = clamp(saturated ? roundHalfAway(steps) : roundSettled(op, p, q, input, steps, ref, output), min, max);
  return { x, ref, steps, code };
}

/** The correctly rounded output code of every input code of the dtype, in code order (index 0 = the
 *  lowest code): the int8 `lut` and int16 `table` contents. */
export function refCodes(op: OpDescriptor, p: Params, input: QuantParams, output: QuantParams, dtype: "int8" | "int16"): Int8Array | Int16Array {
  const { min, max } = INT_RANGE[dtype];
  const t = dtype === "int8" ? new Int8Array(256) : new Int16Array(65536);
  for (let q = min; q <= max; q++) t[q - min] = refPoint(op, p, q, input, output, dtype).code;
  return t;
}
