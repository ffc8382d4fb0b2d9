// Sample activations for calibration: a tensor of float values with a C-order shape, read from
// .npy (float32/float64), raw little-endian float32 (.bin, shape [n]) or JSON (a number array,
// nested arrays of equal lengths, or {"shape": [...], "data": [...]}).
import { extname } from "node:path";
import { QactError, show } from "../errors.js";
import { parseNpy } from "./npy.js";

export type SampleFormat = "npy" | "bin" | "json";
export const SAMPLE_FORMATS: readonly SampleFormat[] = ["npy", "bin", "json"];

export interface Samples {
  shape: number[];
  /** values in C order, as float64 */
  data: Float64Array;
}

export function formatFromPath(path: string): SampleFormat {
  const ext = extname(path).toLowerCase();
  if (ext === ".npy") return "npy";
  if (ext === ".bin" || ext === ".f32" || ext === ".raw") return "bin";
  if (ext === ".json") return "json";
  throw new QactError("format", `cannot tell the format of ${show(path)} from its extension; pass --format npy|bin|json`);
}

function checkFinite(data: Float64Array, source: string): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) throw new QactError("input", `${source}: value [${i}] is ${show(data[i])}; calibration needs finite values`);
  }
  if (data.length === 0) throw new QactError("input", `${source} holds no values`);
}

/** Shape and flat values of nested JSON arrays (must be rectangular). */
function flattenNested(v: unknown, source: string): Samples {
  const shape: number[] = [];
  for (let cur: unknown = v; Array.isArray(cur); cur = cur[0]) shape.push(cur.length);
  const out: number[] = [];
  const walk = (a: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof a !== "number") throw new QactError("input", `${source}: element ${path} must be a number (got ${show(a)})`);
      out.push(a);
      return;
    }
    if (!Array.isArray(a) || a.length !== shape[depth]) {
      throw new QactError("input", `${source}: element ${path || "[]"} must be an array of length ${shape[depth]} (nested arrays must be rectangular)`);
    }
    a.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
  };
  walk(v, 0, "");
  return { shape, data: Float64Array.from(out) };
}

export function parseSamples(bytes: Uint8Array, format: SampleFormat, source: string): Samples {
  let s: Samples;
  if (format === "npy") {
    const a = parseNpy(bytes, source);
    s = { shape: a.shape, data: Float64Array.from(a.data) };
  } else if (format === "bin") {
    if (bytes.length % 4 !== 0) throw new QactError("input", `${source}: raw float32 input must be a multiple of 4 bytes (got ${bytes.length})`);
    const f = new Float32Array(bytes.slice().buffer, 0, bytes.length / 4);
    s = { shape: [f.length], data: Float64Array.from(f) };
  } else {
    let v: unknown;
    try {
      v = JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new QactError("input", `${source} is not JSON: ${(e as Error).message}`);
    }
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const o = v as { shape?: unknown; data?: unknown };
      if (!Array.isArray(o.data)) throw new QactError("input", `${source}: "data" must be an array of numbers`);
      const flat = flattenNested(o.data, source);
      const shape = o.shape === undefined ? [flat.data.length] : o.shape;
      if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) {
        throw new QactError("input", `${source}: "shape" must be an array of integers ≥ 0 (got ${show(o.shape)})`);
      }
      const count = (shape as number[]).reduce((a, b) => a * b, 1);
      if (count !== flat.data.length) throw new QactError("input", `${source}: "shape" [${shape.join(", ")}] needs ${count} values, "data" has ${flat.data.length}`);
      s = { shape: shape as number[], data: flat.data };
    } else if (Array.isArray(v)) {
      s = flattenNested(v, source);
    } else {
      throw new QactError("input", `${source} must hold a JSON array of numbers or {"shape", "data"} (got ${v === null ? "null" : typeof v})`);
    }
  }
  checkFinite(s.data, source);
  return s;
}
