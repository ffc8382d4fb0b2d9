// Output quantization for activations whose output range is fixed by the op itself: calibrating the
// output on data would only lose resolution or clip, so the conventional parameters are proposed.
// The int8/int16 values below are the ones TensorFlow Lite's kernels require (their Prepare checks
// them: tensorflow/lite/kernels/activations.cc — sigmoid int8 scale 1/256 zero point −128, int16
// scale 1/32768 zero point 0; log_softmax int8 scale 16/256 zero point 127; softmax int16 zero point 0)
// and that its quantization spec lists (tanh int8 1/128 with zero point 0, softmax int8 1/256 with −128).
import { getOp, resolveParams } from "../../ops/index.js";
import { defaultOutputQuant } from "../defaults.js";
import type { QuantParams } from "../../types.js";
import type { QDType } from "./observers.js";

export interface FixedRangeProposal {
  op: string;
  dtype: QDType;
  output: QuantParams;
  why: string;
}

const CONVENTIONAL: Record<string, Partial<Record<QDType, { output: QuantParams; why: string }>>> = {
  sigmoid: {
    int8: { output: { scale: 1 / 256, zeroPoint: -128 }, why: "sigmoid's output is in (0, 1): 1/256 with zero point −128 maps codes −128..127 to [0, 0.996]; TFLite's LOGISTIC requires exactly these" },
    int16: { output: { scale: 2 ** -15, zeroPoint: 0 }, why: "sigmoid's output is in (0, 1): 2^-15 (Q0.15) with zero point 0; TFLite's int16 LOGISTIC requires exactly these" },
  },
  tanh: {
    int8: { output: { scale: 1 / 128, zeroPoint: 0 }, why: "tanh's output is in (−1, 1): 1/128 with zero point 0 covers [−1, 0.992]; TFLite's quantization spec fixes these for TANH" },
    int16: { output: { scale: 2 ** -15, zeroPoint: 0 }, why: "tanh's output is in (−1, 1): 2^-15 (Q0.15) with zero point 0; TFLite's int16 TANH requires exactly these" },
  },
  softmax: {
    int8: { output: { scale: 1 / 256, zeroPoint: -128 }, why: "softmax outputs probabilities in [0, 1]: 1/256 with zero point −128; TFLite's quantization spec fixes these for SOFTMAX" },
    int16: { output: { scale: 2 ** -15, zeroPoint: 0 }, why: "softmax outputs probabilities in [0, 1]: 2^-15 with zero point 0 (TFLite's int16 SOFTMAX requires zero point 0)" },
  },
  log_softmax: {
    int8: { output: { scale: 16 / 256, zeroPoint: 127 }, why: "log_softmax outputs are ≤ 0: 16/256 with zero point 127 covers [−15.94, 0]; TFLite's int8 LOG_SOFTMAX requires exactly these" },
  },
};

/** The proposal for an op with a fixed output range, or undefined when the op's output range is data-dependent. */
export function proposeFixedOutput(opName: string, dtype: QDType): FixedRangeProposal | undefined {
  const op = getOp(opName);
  const c = CONVENTIONAL[op.name]?.[dtype];
  if (c) return { op: op.name, dtype, ...c };
  if (op.kind !== "elementwise") return undefined;
  const p = resolveParams(op, {});
  const [lo, hi] = op.range(p);
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return undefined;
  const output = defaultOutputQuant(op, dtype, p, { scale: 1, zeroPoint: 0 });
  return {
    op: op.name, dtype, output,
    why: `${op.name}'s output is bounded to [${lo}, ${hi}] (default params): the output params cover exactly that range` +
      (dtype === "int16" ? " symmetrically (zero point 0)" : ""),
  };
}
