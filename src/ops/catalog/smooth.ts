// Smooth ops. References are float64 formulas chosen to avoid cancellation (sigmoid split at 0,
// softplus via log1p, gelu via erfc, gelu_tanh as x·σ(2u)), so they are accurate to a few float64
// ULP everywhere, tails included. ±Inf inputs return the op's limits explicitly (x·0 would be NaN).
import erfc from "@stdlib/math-base-special-erfc";
import type { OpDescriptor } from "../types.js";
import { Dec, exactDecimal, expm1Dec, geluDec, sigmoidDec, softplusDec, tanhDec } from "../decimal.js";

const num = (v: unknown) => v as number;

/** Logistic function without overflow or cancellation on either side. */
export function sigmoid64(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** log(1 + e^x) without overflow. */
export function softplus64(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

/** Applies the op's limits at ±Inf, then f. */
function withLimits(atNegInf: number, atPosInf: number, f: (x: number) => number): (x: number) => number {
  return (x) => (x === -Infinity ? atNegInf : x === Infinity ? atPosInf : f(x));
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
// gelu_tanh constants: sqrt(2/π) and 0.044715 (Hendrycks & Gimpel 2016, "Gaussian Error Linear Units").
const GELU_TANH_K = Math.sqrt(2 / Math.PI);
const GELU_TANH_C = 0.044715;
// SELU constants (Klambauer et al. 2017, "Self-Normalizing Neural Networks").
const SELU_ALPHA = 1.6732632423543772848170429916717;
const SELU_SCALE = 1.0507009873554804934193349852946;

const eluRef = (x: number, alpha: number) => (x > 0 ? x : alpha * Math.expm1(x));
const eluDerivative = (x: number, alpha: number) => (Number.isNaN(x) ? x : x > 0 ? 1 : alpha * Math.exp(x));

export const elu: OpDescriptor = {
  name: "elu", aliases: [], kind: "elementwise",
  formula: "y = x > 0 ? x : alpha·(e^x − 1)",
  usage: "Exponential linear unit: smooth for negative inputs and saturating at −alpha, pushing mean activations toward zero; used in CNNs and in some normalising flows.",
  params: [{ name: "alpha", default: 1, description: "negative saturation value", min: 0 }],
  ref: (x, p) => eluRef(x, num(p.alpha)),
  refDecimal: (x, p) => (x.gt(0) ? x : expm1Dec(x).times(exactDecimal(num(p.alpha)))),
  derivative: (x, p) => eluDerivative(x, num(p.alpha)),
  range: (p) => [-num(p.alpha), Infinity],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const selu: OpDescriptor = {
  name: "selu", aliases: [], kind: "elementwise",
  formula: "y = scale·(x > 0 ? x : alpha·(e^x − 1))",
  usage: "Scaled ELU whose constants make activations self-normalising in deep fully connected networks without batch normalisation.",
  params: [
    { name: "alpha", default: SELU_ALPHA, description: "negative saturation (before scale)", min: 0 },
    { name: "scale", default: SELU_SCALE, description: "output scale", min: 0, exclusive: true },
  ],
  ref: (x, p) => num(p.scale) * eluRef(x, num(p.alpha)),
  refDecimal: (x, p) => exactDecimal(num(p.scale)).times(x.gt(0) ? x : expm1Dec(x).times(exactDecimal(num(p.alpha)))),
  derivative: (x, p) => num(p.scale) * eluDerivative(x, num(p.alpha)),
  range: (p) => [-num(p.scale) * num(p.alpha), Infinity],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const celu: OpDescriptor = {
  name: "celu", aliases: [], kind: "elementwise",
  formula: "y = x > 0 ? x : alpha·(e^(x/alpha) − 1)",
  usage: "Continuously differentiable ELU: its derivative is continuous at 0 for every alpha.",
  params: [{ name: "alpha", default: 1, description: "negative saturation value", min: 0, exclusive: true }],
  ref: (x, p) => (x > 0 ? x : num(p.alpha) * Math.expm1(x / num(p.alpha))),
  refDecimal: (x, p) => {
    const a = exactDecimal(num(p.alpha));
    return x.gt(0) ? x : expm1Dec(x.div(a)).times(a);
  },
  derivative: (x, p) => (Number.isNaN(x) ? x : x > 0 ? 1 : Math.exp(x / num(p.alpha))),
  range: (p) => [-num(p.alpha), Infinity],
  properties: { monotonic: true, smooth: true, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const sigmoid: OpDescriptor = {
  name: "sigmoid", aliases: ["logistic"], kind: "elementwise",
  formula: "y = 1 / (1 + e^−x)",
  usage: "Maps any real to (0, 1): binary-classification outputs, LSTM/GRU gates and attention gates; its gradient vanishes in the tails.",
  params: [],
  ref: (x) => sigmoid64(x),
  refDecimal: (x) => sigmoidDec(x),
  derivative: (x) => sigmoid64(x) * sigmoid64(-x),
  range: () => [0, 1],
  properties: { monotonic: true, smooth: true, zeroCentred: false, saturating: true },
  domain: [-8, 8],
};

export const tanh: OpDescriptor = {
  name: "tanh", aliases: [], kind: "elementwise",
  formula: "y = tanh(x)",
  usage: "Zero-centred S-curve with range (−1, 1): recurrent networks' cell updates and older MLP hidden layers.",
  params: [],
  ref: (x) => Math.tanh(x),
  refDecimal: (x) => tanhDec(x),
  derivative: (x) => 1 / Math.cosh(x) ** 2,
  range: () => [-1, 1],
  properties: { monotonic: true, smooth: true, zeroCentred: true, saturating: true },
  domain: [-4, 4],
};

export const silu: OpDescriptor = {
  name: "silu", aliases: ["swish"], kind: "elementwise",
  formula: "y = x·σ(x)",
  usage: "Self-gated activation (Swish) found by architecture search; used by EfficientNet, YOLO and many transformer MLPs (SwiGLU).",
  params: [],
  ref: withLimits(-0, Infinity, (x) => x * sigmoid64(x)),
  refDecimal: (x) => x.times(sigmoidDec(x)),
  derivative: withLimits(0, 1, (x) => sigmoid64(x) * (1 + x * sigmoid64(-x))),
  range: () => [-0.27846454276107380, Infinity],
  properties: { monotonic: false, smooth: true, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const gelu: OpDescriptor = {
  name: "gelu", aliases: [], kind: "elementwise",
  formula: "y = x·Φ(x) = x·erfc(−x/√2)/2",
  usage: "Gaussian error linear unit, weighting x by the probability that a standard normal is below it; the activation of BERT, GPT and ViT.",
  params: [],
  // erfc from @stdlib (FreeBSD msun s_erf.c: error below 1 float64 ULP); erfc, not 1+erf, keeps
  // full relative accuracy in the negative tail.
  ref: withLimits(-0, Infinity, (x) => 0.5 * x * erfc(-x * SQRT1_2)),
  refDecimal: (x) => geluDec(x),
  derivative: withLimits(0, 1, (x) => 0.5 * erfc(-x * SQRT1_2) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x)),
  range: () => [-0.16997120747990356, Infinity],
  properties: { monotonic: false, smooth: true, zeroCentred: false, saturating: false },
  domain: [-6, 6],
};

const geluTanhU = (x: number) => GELU_TANH_K * (x + GELU_TANH_C * x * x * x);

export const gelu_tanh: OpDescriptor = {
  name: "gelu_tanh", aliases: ["gelu_approx"], kind: "elementwise",
  formula: "y = x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³))) = x·σ(2u)",
  usage: "The tanh approximation of GELU used by the original BERT and GPT-2 code; many exported models still carry it.",
  params: [],
  ref: withLimits(-0, Infinity, (x) => x * sigmoid64(2 * geluTanhU(x))),
  refDecimal: (x) => {
    const u = Dec.sqrt(new Dec(2).div(Dec.acos(-1))).times(x.plus(new Dec("0.044715").times(x.pow(3))));
    return x.times(sigmoidDec(u.times(2)));
  },
  derivative: withLimits(0, 1, (x) => {
    const s = sigmoid64(2 * geluTanhU(x));
    const du = GELU_TANH_K * (1 + 3 * GELU_TANH_C * x * x);
    return s + x * 2 * du * s * sigmoid64(-2 * geluTanhU(x));
  }),
  range: () => [-0.17004, Infinity],
  properties: { monotonic: false, smooth: true, zeroCentred: false, saturating: false },
  domain: [-6, 6],
};

export const mish: OpDescriptor = {
  name: "mish", aliases: [], kind: "elementwise",
  formula: "y = x·tanh(softplus(x))",
  usage: "Smooth, non-monotonic self-regularising activation; popular in YOLOv4-era detectors.",
  params: [],
  ref: withLimits(-0, Infinity, (x) => x * Math.tanh(softplus64(x))),
  refDecimal: (x) => x.times(tanhDec(softplusDec(x))),
  derivative: withLimits(0, 1, (x) => {
    const t = Math.tanh(softplus64(x));
    return t + x * (1 - t * t) * sigmoid64(x);
  }),
  range: () => [-0.30884303690, Infinity],
  properties: { monotonic: false, smooth: true, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const softplus: OpDescriptor = {
  name: "softplus", aliases: [], kind: "elementwise",
  formula: "y = log(1 + e^(beta·x)) / beta",
  usage: "A smooth ReLU; used where outputs must be positive (variances, rates) and inside mish.",
  params: [{ name: "beta", default: 1, description: "sharpness", min: 0, exclusive: true }],
  ref: (x, p) => softplus64(num(p.beta) * x) / num(p.beta),
  refDecimal: (x, p) => {
    const b = exactDecimal(num(p.beta));
    return softplusDec(x.times(b)).div(b);
  },
  derivative: (x, p) => sigmoid64(num(p.beta) * x),
  range: () => [0, Infinity],
  properties: { monotonic: true, smooth: true, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};
