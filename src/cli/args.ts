// Parsing of CLI values: strict numbers, k=v params, and the input data formats.
import { QactError, show } from "../errors.js";
import { checkIntValues } from "../runtime/runtime.js";
import { BYTES_PER_ELEMENT, isIntDType, typedArrayCtor } from "../quant/dtype.js";
import type { AnyTypedArray, DType } from "../types.js";

export function parseNumber(field: string, s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  const v = s.trim() === "" ? NaN : Number(s);
  if (!Number.isFinite(v)) throw new QactError(field, `${field} must be a finite number (got ${show(s)})`);
  return v;
}

/** `--param k=v` (v a number, or a comma list for per-channel params). */
export function parseParams(list: string[] = []): Record<string, number | number[]> {
  const out: Record<string, number | number[]> = {};
  for (const item of list) {
    const eq = item.indexOf("=");
    if (eq <= 0) throw new QactError("param", `--param must look like name=value (got ${show(item)})`);
    const name = item.slice(0, eq), raw = item.slice(eq + 1);
    const values = raw.split(",").map((s) => parseNumber(`param ${name}`, s)!);
    out[name] = values.length === 1 ? values[0] : values;
  }
  return out;
}

const F32_WORDS: Record<string, number> = { NaN: NaN, Infinity: Infinity, "-Infinity": -Infinity };

/** Input data: a JSON array (numbers; for f32 also "NaN", "Infinity", "-Infinity") or raw little-endian values. */
export function parseInput(data: Uint8Array, dtype: DType, format: "json" | "bin", source: string): AnyTypedArray {
  const Ctor = typedArrayCtor(dtype);
  if (format === "bin") {
    const bpe = BYTES_PER_ELEMENT[dtype];
    if (data.length % bpe !== 0) {
      throw new QactError("input", `${source}: raw ${dtype} input must be a multiple of ${bpe} bytes (got ${data.length})`);
    }
    const copy = data.slice();
    return new Ctor(copy.buffer, 0, copy.length / bpe);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(data));
  } catch (e) {
    throw new QactError("input", `${source} is not JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new QactError("input", `${source} must hold a JSON array of numbers (got ${typeof parsed})`);
  const values = parsed.map((v, i) => {
    if (typeof v === "number") return v;
    if (dtype === "f32" && typeof v === "string" && v in F32_WORDS) return F32_WORDS[v];
    throw new QactError("input", `${source}: element [${i}] must be a number (got ${show(v)})`);
  });
  if (isIntDType(dtype)) checkIntValues(values, dtype, `${source}: element `);
  return Ctor.from(values);
}

export function formatOutput(y: AnyTypedArray, format: "json" | "bin"): Uint8Array {
  if (format === "bin") return new Uint8Array(y.buffer, y.byteOffset, y.byteLength);
  const items = Array.from(y, (v) => (Number.isFinite(v) ? (Object.is(v, -0) ? "-0" : String(v)) : JSON.stringify(String(v))));
  return new TextEncoder().encode(`[${items.join(",")}]\n`);
}

/**
 * `--in-scale/--in-zp` or `--out-scale/--out-zp` as quantization params: undefined when neither is
 * given (the op's defaults apply); a zero point without its scale is an error; `intOnly` names the
 * dtype when it is not an integer type (these flags apply to int8/int16 only).
 */
export function quantFromOptions(scale: string | undefined, zp: string | undefined, side: "in" | "out",
  dtype?: string): { scale: number; zeroPoint: number } | undefined {
  if (scale === undefined && zp === undefined) return undefined;
  if (dtype !== undefined && dtype !== "int8" && dtype !== "int16") {
    throw new QactError(`${side}-scale`, `--${side}-scale/--${side}-zp apply to int8 and int16 only (dtype is ${dtype})`);
  }
  const s = parseNumber(`${side}-scale`, scale);
  if (s === undefined) throw new QactError(`${side}-scale`, `--${side}-scale is required when --${side}-zp is given`);
  return { scale: s, zeroPoint: parseNumber(`${side}-zp`, zp) ?? 0 };
}
