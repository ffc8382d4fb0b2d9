// Calibration: sample activations → scale and zero point per tensor or per channel, for each
// observer, with the SQNR of the quantize→dequantize round trip of all the sample values so the
// observers can be compared.
import { QactError, show } from "../../errors.js";
import type { QuantParams } from "../../types.js";
import type { Samples } from "../samples.js";
import {
  OBSERVERS, fakeQuant, minMax, movingAverageRange, mseRange, percentileRange, rangeToQuant,
  type ObserverName, type QDType,
} from "./observers.js";

export interface CalibrateOptions {
  dtype: QDType;
  observers?: readonly ObserverName[];
  /** channel axis (negative counts from the end); undefined = per tensor */
  axis?: number;
  /** percentile observer p (default 99.99) */
  percentile?: number;
  /** moving average constant (default 0.01) */
  averaging?: number;
  /** moving average batch size when batches are not the first axis (default 1024) */
  batch?: number;
}

export interface ChannelResult extends QuantParams {
  range: [number, number];
  sqnrDb: number | null;
}

export interface ObserverResult {
  /** per tensor: the one scale/zero point */
  scale?: number;
  zeroPoint?: number;
  range?: [number, number];
  /** per channel */
  channels?: ChannelResult[];
  /** SQNR over all sample values, 10·log10(Σx² / Σ(x − x̂)²); null when the error or signal is 0 */
  sqnrDb: number | null;
}

export interface CalibrationResult {
  dtype: QDType;
  shape: number[];
  count: number;
  granularity: "per-tensor" | "per-channel";
  axis?: number;
  stats: { min: number; max: number; mean: number; std: number };
  observerSettings: { percentile: number; averaging: number; batches: string };
  observers: Partial<Record<ObserverName, ObserverResult>>;
  /** the observer with the highest SQNR */
  best: ObserverName;
}

function sqnr(signal: number, noise: number): number | null {
  if (signal === 0 || noise === 0) return null;
  return 10 * Math.log10(signal / noise);
}

/** Splits C-order values into one array per index along `axis`, and says how batches are formed. */
function channelsOf(s: Samples, axis: number | undefined, batch: number): { parts: Float64Array[]; batchSize: number[]; batches: string } {
  const nd = s.shape.length;
  if (axis === undefined) {
    const rows = nd >= 2 ? s.shape[0] : 0;
    const b = rows > 1 ? s.data.length / rows : batch;
    return { parts: [s.data], batchSize: [b], batches: rows > 1 ? `first axis (${rows} batches of ${b})` : `blocks of ${batch} values` };
  }
  const a = axis < 0 ? axis + nd : axis;
  if (!Number.isInteger(axis) || a < 0 || a >= nd) {
    throw new QactError("axis", `axis must be an integer in [${-nd}, ${nd - 1}] for shape [${s.shape.join(", ")}] (got ${show(axis)})`);
  }
  const c = s.shape[a];
  const inner = s.shape.slice(a + 1).reduce((x, y) => x * y, 1);
  const per = s.data.length / c;
  const parts = Array.from({ length: c }, () => new Float64Array(per));
  const fill = new Array<number>(c).fill(0);
  for (let i = 0; i < s.data.length; i++) {
    const ch = Math.floor(i / inner) % c;
    parts[ch][fill[ch]++] = s.data[i];
  }
  const rows = a !== 0 && nd >= 2 ? s.shape[0] : 0;
  const b = rows > 1 ? per / rows : batch;
  return {
    parts, batchSize: new Array<number>(c).fill(b), batches: rows > 1 ? `first axis (${rows} batches of ${b} per channel)` : `blocks of ${batch} values per channel`,
  };
}

function observe(name: ObserverName, v: Float64Array, o: Required<Omit<CalibrateOptions, "axis" | "observers">>, batch: number): [number, number] {
  switch (name) {
    case "minmax": return minMax(v);
    case "moving_average": return movingAverageRange(v, batch, o.averaging);
    case "percentile": return percentileRange(v, o.percentile);
    case "mse": return mseRange(v, o.dtype);
  }
}

export function calibrate(s: Samples, opts: CalibrateOptions): CalibrationResult {
  const o = { dtype: opts.dtype, percentile: opts.percentile ?? 99.99, averaging: opts.averaging ?? 0.01, batch: opts.batch ?? 1024 };
  if (!(o.percentile > 50 && o.percentile <= 100)) throw new QactError("percentile", `percentile must be in (50, 100] (got ${show(o.percentile)})`);
  if (!(o.averaging > 0 && o.averaging <= 1)) throw new QactError("averaging", `averaging must be in (0, 1] (got ${show(o.averaging)})`);
  if (!Number.isInteger(o.batch) || o.batch < 1) throw new QactError("batch", `batch must be an integer ≥ 1 (got ${show(o.batch)})`);
  if (s.data.length === 0) throw new QactError("input", "calibration needs at least one value");
  const names = opts.observers ?? OBSERVERS;
  const { parts, batchSize, batches } = channelsOf(s, opts.axis, o.batch);
  if (parts.length === 0 || parts[0].length === 0) throw new QactError("axis", `no values along axis ${opts.axis}`);

  let sum = 0, sum2 = 0;
  for (const x of s.data) {
    sum += x;
    sum2 += x * x;
  }
  const mean = sum / s.data.length;
  const [min, max] = minMax(s.data);

  const observers: Partial<Record<ObserverName, ObserverResult>> = {};
  for (const name of names) {
    let noise = 0;
    const channels: ChannelResult[] = parts.map((v, c) => {
      const range = observe(name, v, o, batchSize[c]);
      const q = rangeToQuant(range[0], range[1], o.dtype);
      let sig = 0, err = 0;
      for (let i = 0; i < v.length; i++) {
        const d = v[i] - fakeQuant(v[i], q, o.dtype);
        sig += v[i] * v[i];
        err += d * d;
      }
      noise += err;
      return { ...q, range, sqnrDb: sqnr(sig, err) };
    });
    const sq = sqnr(sum2, noise);
    observers[name] = opts.axis === undefined
      ? { scale: channels[0].scale, zeroPoint: channels[0].zeroPoint, range: channels[0].range, sqnrDb: sq }
      : { channels, sqnrDb: sq };
  }
  const rank = (r: ObserverResult | undefined) => (r?.sqnrDb === null ? Infinity : r?.sqnrDb ?? -Infinity);
  const best = names.reduce((a, b) => (rank(observers[b]) > rank(observers[a]) ? b : a), names[0]);
  return {
    dtype: o.dtype, shape: s.shape, count: s.data.length,
    granularity: opts.axis === undefined ? "per-tensor" : "per-channel",
    ...(opts.axis === undefined ? {} : { axis: opts.axis }),
    stats: { min, max, mean, std: Math.sqrt(Math.max(0, sum2 / s.data.length - mean * mean)) },
    observerSettings: { percentile: o.percentile, averaging: o.averaging, batches },
    observers, best,
  };
}
