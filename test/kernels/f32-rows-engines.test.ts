// SIMD ≡ scalar, bit for bit, for the kernels whose shape is not elementwise (engines.test.ts covers
// those): softmax/log_softmax for every row length 1..67 and 4099 (several rows each), maxout for
// k = 1..9 and every output length 0..67 plus a long one, prelu for channel counts 1..9, 64, 1000.
// Inputs: random bit patterns (NaN, ±Inf, subnormals included) and random finite values; out of
// place, in place and through zero-copy tensors.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime, type Kernel } from "../../src/runtime/runtime.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { rng, randomBytes } from "../helpers.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  // npm run test:relaxed sets QACT_ENGINE=relaxed: the relaxed-SIMD build against the scalar one
  simd = await load({ engine: (process.env.QACT_ENGINE ?? "simd") as "simd" | "relaxed", chunkBytes: 4096 });
  scalar = await load({ engine: "scalar" });
});

function firstDiff(a: Float32Array, b: Float32Array): number {
  const x = new Uint32Array(a.buffer, a.byteOffset, a.length), y = new Uint32Array(b.buffer, b.byteOffset, b.length);
  if (x.length !== y.length) return -2;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** Random input of n f32: raw bit patterns, or finite values of a random scale. */
function input(r: () => number, n: number, bits: boolean): Float32Array {
  if (bits) return new Float32Array(randomBytes(r, 4 * n).buffer);
  const scale = 2 ** (40 * r() - 20);
  return Float32Array.from({ length: n }, () => (2 * r() - 1) * scale);
}

/** Runs both builds (out of place, in place, tensor in place) and expects identical bits. */
function same(ks: Kernel[], x: Float32Array, rowLength: number | undefined, what: string): void {
  const opts = rowLength === undefined ? {} : { rowLength };
  const a = ks[0].run(x, undefined, opts) as Float32Array, b = ks[1].run(x, undefined, opts) as Float32Array;
  const d = firstDiff(a, b);
  expect(d, `${what}: first difference at ${d}: simd ${a[d]} scalar ${b[d]}`).toBe(-1);
  if (a.length === x.length) {
    const inPlace = x.slice();
    ks[0].run(inPlace, inPlace, opts);
    expect(firstDiff(inPlace, b), `${what} in place`).toBe(-1);
    const tensor = simd.tensor("f32", x);
    ks[0].run(tensor, tensor, opts);
    expect(firstDiff(tensor.data as Float32Array, b), `${what} tensor in place`).toBe(-1);
    tensor.free();
  }
}

const shaped = KERNELS.filter((k) => k.dtype === "f32" && (k.shape ?? "elementwise") !== "elementwise");

describe("SIMD ≡ scalar for rows, groups and channels kernels", () => {
  it("covers softmax, log_softmax, maxout, prelu and prelu's derivative", () => {
    expect(shaped.map((k) => kernelName(k, "simd")).sort()).toEqual([
      "f32_log_softmax__simd_accurate_f64exp", "f32_maxout__simd_accurate_max", "f32_prelu__simd_accurate_f64mul",
      "f32_prelu_grad__simd_accurate_select", "f32_softmax__simd_accurate_f64exp",
    ]);
  });

  for (const op of ["softmax", "log_softmax"]) {
    it(`${op}: row lengths 1..67 and 4099, 3 rows each, beta 1 and 0.37`, () => {
      const r = rng(op.length * 17);
      for (const beta of [1, 0.37]) {
        const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "f32", params: { beta } }));
        for (const len of [...Array.from({ length: 67 }, (_, i) => i + 1), 4099]) {
          for (const bits of [false, true]) same(ks, input(r, 3 * len, bits), len, `${op} len=${len} bits=${bits}`);
        }
        ks.forEach((k) => k.dispose());
      }
    });
  }

  it("softmax/log_softmax rows around the SIMD fast-path threshold (beta·(min − max) ≈ −707)", () => {
    const r = rng(11);
    for (const op of ["softmax", "log_softmax"]) {
      for (const beta of [1, 2.5]) {
        const ks = [simd, scalar].map((rt) => rt.prepare({ op, dtype: "f32", params: { beta } }));
        for (const spread of [700, 706.9, 707.1, 720, 745, 746, 800]) {
          for (const len of [4, 5, 67, 1024]) {
            const x = Float32Array.from({ length: 3 * len }, (_, i) => (i % len === 1 ? -spread / beta : -r() * spread / beta));
            same(ks, x, len, `${op} beta=${beta} spread=${spread} len=${len}`);
          }
        }
        ks.forEach((k) => k.dispose());
      }
    }
  });

  it("maxout: k = 1..9, output lengths 0..67 and 10007", () => {
    const r = rng(5);
    for (let k = 1; k <= 9; k++) {
      const ks = [simd, scalar].map((rt) => rt.prepare({ op: "maxout", dtype: "f32", params: { k } }));
      for (const nOut of [...Array.from({ length: 68 }, (_, i) => i), 10007]) {
        for (const bits of [false, true]) same(ks, input(r, nOut * k, bits), undefined, `maxout k=${k} nOut=${nOut}`);
      }
      ks.forEach((kk) => kk.dispose());
    }
  });

  for (const derivative of [false, true]) {
    it(`prelu${derivative ? " derivative" : ""}: channels 1..9, 64, 1000; lengths up to 67 rows and 100 rows`, () => {
      const r = rng(derivative ? 8 : 7);
      for (const c of [1, 2, 3, 4, 5, 6, 7, 8, 9, 64, 1000]) {
        for (const round of [Number, Math.fround]) { // f64 and f32 alphas (two paths of the kernel)
          const alpha = Array.from({ length: c }, () => round((r() - 0.5) * 4));
          const ks = [simd, scalar].map((rt) => rt.prepare({ op: "prelu", dtype: "f32", params: { alpha }, derivative }));
          for (const rows of [0, 1, 2, 3, 5, 67, 100]) {
            for (const bits of [false, true]) same(ks, input(r, rows * c, bits), undefined, `prelu c=${c} rows=${rows}`);
          }
          ks.forEach((k) => k.dispose());
        }
      }
    });
  }
});
