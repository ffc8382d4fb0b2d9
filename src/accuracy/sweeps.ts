// Seeded parameter sweeps for the exhaustive accuracy checks of the int16 and int8 `lut`/`poly`
// kernels. One definition, used by the tests (test/kernels/q16-*.test.ts) and by the script that
// prints the figures of docs/accuracy.md (scripts/quant-accuracy.mjs), so both measure the same cases.
import type { Params, QuantParams } from "../types.js";
import { rng as seededRandom } from "./rng.js";


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

/**
 * int8 cases: input scale log-uniform in [10^-2.5, 10^-0.5] (the int8 range covers ±0.4 … ±40 real),
 * output scale log-uniform in [10^-3, 1] (so one input step can be from ~0.003 to ~300 output steps),
 * both zero points uniform over int8; random elu alpha in [0.1, 3].
 */
export function int8Sweep(op: string, count: number, seed: number): SweepCase[] {
  const r = seededRandom(seed);
  const cases: SweepCase[] = [];
  for (let c = 0; c < count; c++) {
    const input = { scale: 10 ** (-2.5 + 2 * r()), zeroPoint: Math.floor(r() * 256) - 128 };
    const output = { scale: 10 ** (-3 + 3 * r()), zeroPoint: Math.floor(r() * 256) - 128 };
    cases.push({ input, output, params: op === "elu" && c > 0 ? { alpha: 0.1 + 2.9 * r() } : {} });
  }
  return cases;
}

export type { Params };
