import type { Dec } from "./decimal.js";
import type { Params } from "../types.js";

export interface ParamSpec {
  name: string;
  default: number;
  description: string;
  /** Allowed interval; `exclusive` makes both ends open. Omitted: any finite number. */
  min?: number;
  max?: number;
  exclusive?: boolean;
  integer?: boolean;
  /** One value per channel (last axis); a single number applies to every channel. */
  perChannel?: boolean;
}

export interface OpProperties {
  monotonic: boolean;
  smooth: boolean;
  zeroCentred: boolean;
  saturating: boolean;
}

/**
 * - elementwise: y[i] = ref(x[i]);
 * - channelwise: y[i] = ref(x[i]) with that element's channel params (prelu);
 * - rowwise: y = rowRef(row) along the last axis (softmax, log_softmax);
 * - groupwise: output row length = rowLength / k (maxout).
 */
export type OpKind = "elementwise" | "channelwise" | "rowwise" | "groupwise";

export interface OpDescriptor {
  name: string;
  aliases: string[];
  kind: OpKind;
  /** One line: the formula. */
  formula: string;
  /** Where the op is used (our words, after shared/seed-activation-functions.txt). */
  usage: string;
  params: ParamSpec[];
  /** float64 reference for elementwise/channelwise ops (p holds scalars here). */
  ref?: (x: number, p: Params) => number;
  /** d/dx of ref. */
  derivative?: (x: number, p: Params) => number;
  /** float64 reference of a whole row for rowwise/groupwise ops. */
  rowRef?: (row: Float64Array, p: Params) => Float64Array;
  /** Diagonal of the row Jacobian (∂y_i/∂x_i) for rowwise ops; subgradient for maxout. */
  rowDerivative?: (row: Float64Array, p: Params) => Float64Array;
  /** Cross-field checks after each param passed its own (throws QactError). */
  check?: (p: Params) => void;
  /** Arbitrary-precision reference, used to settle roundings that float64 cannot decide. */
  refDecimal?: (x: Dec, p: Params) => Dec | undefined;
  /** Output range [lo, hi] for the given params (±Infinity when unbounded). */
  range: (p: Params) => [number, number];
  properties: OpProperties;
  /** Default evaluation domain (input interval) for reports and default quantization. */
  domain: [number, number];
}
