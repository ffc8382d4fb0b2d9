// Piecewise-linear ops. Each reference is written so that NaN passes through, ±Inf go to the op's
// limits and −0 is treated as stated (relu/relu6 give +0 like Math.max; the others keep −0).
import { QactError } from "../../errors.js";
import type { OpDescriptor } from "../types.js";
import { Dec, exactDecimal } from "../decimal.js";

const num = (v: unknown) => v as number;

export const identity: OpDescriptor = {
  name: "identity", aliases: ["linear"], kind: "elementwise",
  formula: "y = x",
  usage: "The output layer of a regression network, and the baseline every other activation is compared with: a network of identity layers is just one linear map.",
  params: [],
  ref: (x) => x,
  refDecimal: (x) => x,
  derivative: (x) => (Number.isNaN(x) ? x : 1),
  range: () => [-Infinity, Infinity],
  properties: { monotonic: true, smooth: true, zeroCentred: true, saturating: false },
  domain: [-8, 8],
};

export const step: OpDescriptor = {
  name: "step", aliases: ["heaviside"], kind: "elementwise",
  formula: "y = x ≥ 0 ? 1 : 0",
  usage: "The perceptron's all-or-nothing threshold; still used for binary gates and spiking-style models, but its zero gradient rules it out of backpropagation.",
  params: [],
  ref: (x) => (Number.isNaN(x) ? x : x >= 0 ? 1 : 0),
  refDecimal: (x) => new Dec(x.gte(0) ? 1 : 0),
  derivative: (x) => (Number.isNaN(x) ? x : 0),
  range: () => [0, 1],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: true },
  domain: [-4, 4],
};

export const relu: OpDescriptor = {
  name: "relu", aliases: [], kind: "elementwise",
  formula: "y = max(x, 0)",
  usage: "The default hidden-layer activation of convolutional and fully connected networks: cheap, and its gradient does not vanish for positive inputs.",
  params: [],
  ref: (x) => Math.max(x, 0),
  refDecimal: (x) => Dec.max(x, 0),
  derivative: (x) => (Number.isNaN(x) ? x : x > 0 ? 1 : 0),
  range: () => [0, Infinity],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const relu6: OpDescriptor = {
  name: "relu6", aliases: [], kind: "elementwise",
  formula: "y = min(max(x, 0), 6)",
  usage: "ReLU capped at 6, from MobileNet: the bounded range keeps int8 quantization of activations precise on mobile hardware.",
  params: [],
  ref: (x) => Math.min(Math.max(x, 0), 6),
  refDecimal: (x) => Dec.min(Dec.max(x, 0), 6),
  derivative: (x) => (Number.isNaN(x) ? x : x > 0 && x < 6 ? 1 : 0),
  range: () => [0, 6],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: true },
  domain: [-8, 8],
};

const leakyRef = (x: number, alpha: number) => (x < 0 ? alpha * x : x);
const leakyDerivative = (x: number, alpha: number) => (Number.isNaN(x) ? x : x < 0 ? alpha : 1);

export const leaky_relu: OpDescriptor = {
  name: "leaky_relu", aliases: ["leakyrelu"], kind: "elementwise",
  formula: "y = x < 0 ? alpha·x : x",
  usage: "ReLU with a small slope for negative inputs, so that units never stop learning ('dying ReLU'); common in GANs and detection networks.",
  params: [{ name: "alpha", default: 0.01, description: "slope for x < 0" }],
  ref: (x, p) => leakyRef(x, num(p.alpha)),
  refDecimal: (x, p) => (x.lt(0) ? x.times(exactDecimal(num(p.alpha))) : x),
  derivative: (x, p) => leakyDerivative(x, num(p.alpha)),
  range: (p) => (num(p.alpha) === 0 ? [0, Infinity] : [-Infinity, Infinity]),
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const prelu: OpDescriptor = {
  name: "prelu", aliases: [], kind: "channelwise",
  formula: "y = x < 0 ? alpha[c]·x : x   (c = channel, the last axis)",
  usage: "Leaky ReLU whose negative slope is learned, one per channel; introduced for ImageNet-scale CNNs.",
  params: [{ name: "alpha", default: 0.25, description: "slope for x < 0, one per channel (last axis)", perChannel: true }],
  ref: (x, p) => leakyRef(x, num(p.alpha)),
  refDecimal: (x, p) => (x.lt(0) ? x.times(exactDecimal(num(p.alpha))) : x),
  derivative: (x, p) => leakyDerivative(x, num(p.alpha)),
  range: () => [-Infinity, Infinity],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

export const hard_sigmoid: OpDescriptor = {
  name: "hard_sigmoid", aliases: ["hardsigmoid"], kind: "elementwise",
  formula: "y = max(0, min(1, alpha·x + beta))   (default alpha = 1/6, beta = 1/2: relu6(x+3)/6)",
  usage: "A piecewise-linear sigmoid for gates and squeeze-and-excitation blocks (MobileNetV3); ONNX's HardSigmoid uses alpha = 0.2, beta = 0.5.",
  params: [
    { name: "alpha", default: 1 / 6, description: "slope", min: 0, exclusive: true },
    { name: "beta", default: 0.5, description: "offset" },
  ],
  ref: (x, p) => Math.max(0, Math.min(1, num(p.alpha) * x + num(p.beta))),
  refDecimal: (x, p) => Dec.max(0, Dec.min(1, x.times(exactDecimal(num(p.alpha))).plus(exactDecimal(num(p.beta))))),
  derivative: (x, p) => {
    if (Number.isNaN(x)) return x;
    const t = num(p.alpha) * x + num(p.beta);
    return t > 0 && t < 1 ? num(p.alpha) : 0;
  },
  range: () => [0, 1],
  properties: { monotonic: true, smooth: false, zeroCentred: false, saturating: true },
  domain: [-6, 6],
};

export const hard_tanh: OpDescriptor = {
  name: "hard_tanh", aliases: ["hardtanh"], kind: "elementwise",
  formula: "y = x < min_val ? min_val : x > max_val ? max_val : x",
  usage: "A clipped identity that stands in for tanh where speed matters, e.g. in recurrent and speech models.",
  params: [
    { name: "min_val", default: -1, description: "lower bound (< max_val)" },
    { name: "max_val", default: 1, description: "upper bound (> min_val)" },
  ],
  ref: (x, p) => (x < num(p.min_val) ? num(p.min_val) : x > num(p.max_val) ? num(p.max_val) : x),
  refDecimal: (x, p) => Dec.min(exactDecimal(num(p.max_val)), Dec.max(exactDecimal(num(p.min_val)), x)),
  derivative: (x, p) => (Number.isNaN(x) ? x : x > num(p.min_val) && x < num(p.max_val) ? 1 : 0),
  check: (p) => {
    if (num(p.min_val) >= num(p.max_val)) {
      throw new QactError("param.min_val", `param min_val of hard_tanh must be < max_val (got ${p.min_val} ≥ ${p.max_val})`);
    }
  },
  range: (p) => [num(p.min_val), num(p.max_val)],
  properties: { monotonic: true, smooth: false, zeroCentred: true, saturating: true },
  domain: [-4, 4],
};

export const hardswish: OpDescriptor = {
  name: "hardswish", aliases: ["hard_swish"], kind: "elementwise",
  formula: "y = x ≤ −3 ? 0 : x ≥ 3 ? x : x·(x+3)/6   (x·relu6(x+3)/6)",
  usage: "A piecewise-polynomial SiLU from MobileNetV3: nearly the same accuracy as swish without an exponential, so it suits integer hardware.",
  params: [],
  ref: (x) => (x <= -3 ? 0 : x >= 3 ? x : (x * (x + 3)) / 6),
  refDecimal: (x) => (x.lte(-3) ? new Dec(0) : x.gte(3) ? x : x.times(x.plus(3)).div(6)),
  derivative: (x) => (Number.isNaN(x) ? x : x <= -3 ? 0 : x >= 3 ? 1 : (2 * x + 3) / 6),
  range: () => [-0.375, Infinity],
  properties: { monotonic: false, smooth: false, zeroCentred: false, saturating: false },
  domain: [-6, 6],
};
