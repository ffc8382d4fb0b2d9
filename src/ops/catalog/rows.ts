// Row ops along the last axis. Special values (documented in docs/semantics.md):
// NaN anywhere in a row → the whole row is NaN; +Inf entries share the mass (softmax 1/k, log_softmax
// −log k) and the others get 0 (−Inf); a row of only −Inf is NaN (0/0); other −Inf entries give 0
// (−Inf).
import { QactError } from "../../errors.js";
import type { OpDescriptor } from "../types.js";
import type { Params } from "../../types.js";

const num = (v: unknown) => v as number;

/** Per-row shifted exponentials e_i = exp(beta·(x_i − m)) and their sum, with the special rows above. */
function expRow(row: Float64Array, beta: number): { z: Float64Array; e: Float64Array; sum: number; m: number } | "nan" {
  let m = -Infinity, nInf = 0;
  for (const x of row) {
    if (Number.isNaN(x)) return "nan";
    if (x === Infinity) nInf++;
    if (x > m) m = x;
  }
  if (m === -Infinity) return "nan";
  const z = new Float64Array(row.length), e = new Float64Array(row.length);
  let sum = 0;
  for (let i = 0; i < row.length; i++) {
    z[i] = nInf > 0 ? (row[i] === Infinity ? 0 : -Infinity) : beta * (row[i] - m);
    e[i] = Math.exp(z[i]);
    sum += e[i];
  }
  return { z, e, sum, m };
}

function softmaxRow(row: Float64Array, p: Params): Float64Array {
  const r = expRow(row, num(p.beta));
  if (r === "nan") return new Float64Array(row.length).fill(NaN);
  return r.e.map((v) => v / r.sum);
}

export const softmax: OpDescriptor = {
  name: "softmax", aliases: [], kind: "rowwise",
  formula: "y_i = e^(beta·x_i) / Σ_j e^(beta·x_j)   (computed as e^(beta·(x_i − max)))",
  usage: "Turns a row of scores into a probability distribution: the last layer of classifiers and the attention weights of transformers.",
  params: [{ name: "beta", default: 1, description: "inverse temperature", min: 0, exclusive: true }],
  rowRef: softmaxRow,
  rowDerivative: (row, p) => softmaxRow(row, p).map((y) => num(p.beta) * y * (1 - y)),
  range: () => [0, 1],
  properties: { monotonic: true, smooth: true, zeroCentred: false, saturating: true },
  domain: [-8, 8],
};

export const log_softmax: OpDescriptor = {
  name: "log_softmax", aliases: ["logsoftmax"], kind: "rowwise",
  formula: "y_i = beta·(x_i − max) − log Σ_j e^(beta·(x_j − max))",
  usage: "The logarithm of softmax computed without underflow; paired with the negative log-likelihood loss in classifiers and language models.",
  params: [{ name: "beta", default: 1, description: "inverse temperature", min: 0, exclusive: true }],
  rowRef: (row, p) => {
    const r = expRow(row, num(p.beta));
    if (r === "nan") return new Float64Array(row.length).fill(NaN);
    // log Σ e^z = log(c + rest), c = the entries at the max (z = 0). With one such entry,
    // log1p(rest) keeps the tiny log_softmax of a dominant logit that log(1 + rest) would round to 0.
    let c = 0, rest = 0;
    for (let i = 0; i < row.length; i++) {
      if (row[i] === r.m) c++;
      else rest += r.e[i];
    }
    const ls = c === 1 ? Math.log1p(rest) : Math.log(c + rest);
    return r.z.map((z) => z - ls);
  },
  rowDerivative: (row, p) => softmaxRow(row, p).map((y) => num(p.beta) * (1 - y)),
  range: () => [-Infinity, 0],
  properties: { monotonic: true, smooth: true, zeroCentred: false, saturating: false },
  domain: [-8, 8],
};

function checkGroups(row: Float64Array, k: number): void {
  if (row.length % k !== 0) {
    throw new QactError("row", `maxout needs a row length divisible by k = ${k} (got ${row.length})`);
  }
}

export const maxout: OpDescriptor = {
  name: "maxout", aliases: [], kind: "groupwise",
  formula: "y_j = max(x_{jk}, …, x_{jk+k−1})   (output row length = row length / k)",
  usage: "Takes the maximum over groups of k linear units; a learned piecewise-linear activation from the dropout era (Goodfellow et al. 2013).",
  params: [{ name: "k", default: 2, description: "group size", min: 1, integer: true }],
  rowRef: (row, p) => {
    const k = num(p.k);
    checkGroups(row, k);
    const y = new Float64Array(row.length / k);
    for (let j = 0; j < y.length; j++) {
      let m = -Infinity;
      for (let t = 0; t < k; t++) m = Math.max(m, row[j * k + t]);
      y[j] = m;
    }
    return y;
  },
  rowDerivative: (row, p) => {
    const k = num(p.k);
    checkGroups(row, k);
    const d = new Float64Array(row.length);
    for (let j = 0; j < row.length / k; j++) {
      let arg = j * k;
      for (let t = 1; t < k; t++) if (row[j * k + t] > row[arg]) arg = j * k + t;
      d[arg] = 1;
    }
    return d;
  },
  range: () => [-Infinity, Infinity],
  properties: { monotonic: true, smooth: false, zeroCentred: true, saturating: false },
  domain: [-8, 8],
};
