// Seeded parameter sweeps for the exhaustive accuracy checks of the int16 and int8 `lut`/`poly`
// kernels. One definition, used by the tests (test/kernels/q16-*.test.ts) and by the script that
// prints the figures of docs/accuracy.md (scripts/quant-accuracy.mjs), so both measure the same cases.
import type { Params, QuantParams } from "../types.js";

/** mulberry32: a small seeded generator (uniform in [0, 1)). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SweepCase {
  input: QuantParams;
  output: QuantParams;
  params: Record<string, number>;
}

/** Ops whose int16 output has the fixed 2^-15 scale (zero point 0). */
const UNIT_OUTPUT = new Set(["sigmoid", "tanh"]);

/** Random op params within ranges that keep the op's character (defaults in the first case). */
function randomParams(op: string, r: () => number, first: boolean): Record<string, number> {
  if (first) return {};
  switch (op) {
    case "elu": return { alpha: 0.1 + 2.9 * r() };
    case "selu": return { alpha: 0.5 + 2 * r(), scale: 0.5 + 1.5 * r() };
    case "softplus": return { beta: 2 ** (4 * r() - 2) };
    default: return {};
  }
}

/**
 * int16 cases for op: input scales that put the int16 range over ±2^-1 … ±2^10 real, half of them exact
 * powers of two, half log-uniform (not powers of two); zero point 0 in most cases (int16 is symmetric by
 * default) and a random one in every fourth. Output: 2^-15 for sigmoid/tanh, else the input's
 * quantization in even cases and a scale within 4× of it (random zero point) in odd cases.
 */
export function int16Sweep(op: string, count: number, seed: number): SweepCase[] {
  const r = seededRandom(seed);
  const cases: SweepCase[] = [];
  for (let c = 0; c < count; c++) {
    const e = -16 + Math.floor(r() * 12); // range ±2^(e+15): ±2^-1 … ±2^10
    const scale = c % 2 === 0 ? 2 ** e : 2 ** (e + r());
    const zeroPoint = c % 4 === 3 ? Math.floor(r() * 20001) - 10000 : 0;
    const input = { scale, zeroPoint };
    let output: QuantParams;
    if (UNIT_OUTPUT.has(op)) output = { scale: 2 ** -15, zeroPoint: 0 };
    else if (c % 2 === 0) output = input;
    else output = { scale: scale * 2 ** (4 * r() - 2), zeroPoint: Math.floor(r() * 2001) - 1000 };
    cases.push({ input, output, params: randomParams(op, r, c === 0) });
  }
  return cases;
}

export type { Params };
