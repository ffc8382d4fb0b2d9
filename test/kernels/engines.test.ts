// SIMD and scalar builds give identical bytes for every kernel of the registry: lengths 0..67 (every
// tail, below one vector, exact multiples) and 100,003, out of place and in place, on random inputs
// (f32: random bit patterns, so NaN, Inf and subnormals included).
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime, type Kernel } from "../../src/runtime/runtime.js";
import { KERNELS, kernelName } from "../../src/kernels/registry.js";
import { typedArrayCtor, BYTES_PER_ELEMENT } from "../../src/quant/dtype.js";
import { rng, randomBytes } from "../helpers.js";
import type { AnyTypedArray } from "../../src/types.js";

let simd: Runtime, scalar: Runtime;
beforeAll(async () => {
  // npm run test:relaxed sets QACT_ENGINE=relaxed: the relaxed-SIMD build against the scalar one
  simd = await load({ engine: (process.env.QACT_ENGINE ?? "simd") as "simd" | "relaxed", chunkBytes: 4096 });
  scalar = await load({ engine: "scalar" });
});

function bytesOf(a: AnyTypedArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function firstDiff(a: AnyTypedArray, b: AnyTypedArray): number {
  const x = bytesOf(a), y = bytesOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return Math.floor(i / a.BYTES_PER_ELEMENT);
  return -1;
}

const LENGTHS = [...Array.from({ length: 68 }, (_, i) => i), 100_003];

describe("SIMD ≡ scalar, bit for bit", () => {
  it(`compares the ${process.env.QACT_ENGINE ?? "simd"} build with the scalar build`, () => {
    expect([simd.engine, scalar.engine]).toEqual([process.env.QACT_ENGINE ?? "simd", "scalar"]);
  });
  // row and group kernels need a row length: test/kernels/engines-rows.test.ts covers them
  for (const spec of KERNELS.filter((k) => k.shape !== "rows" && k.shape !== "groups")) {
    it(kernelName(spec, "simd"), () => {
      const r = rng(spec.exportName.length * 131 + spec.op.name.length);
      const ks: Kernel[] = [simd, scalar].map((rt) => rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, derivative: spec.derivative }));
      const Ctor = typedArrayCtor(spec.dtype);
      for (const n of LENGTHS) {
        const x = new Ctor(randomBytes(r, n * BYTES_PER_ELEMENT[spec.dtype]).buffer);
        const a = ks[0].run(x), b = ks[1].run(x);
        const d = firstDiff(a, b);
        expect(d, `n=${n}: first difference at index ${d}, input ${x[d]}: simd ${a[d]} scalar ${b[d]}`).toBe(-1);
        // in place, both engines, and through zero-copy tensors
        const inPlace = x.slice();
        ks[0].run(inPlace, inPlace);
        expect(firstDiff(inPlace, b), `in place n=${n}`).toBe(-1);
        const t = simd.tensor(spec.dtype, x);
        ks[0].run(t, t);
        expect(firstDiff(t.data, b), `tensor in place n=${n}`).toBe(-1);
        t.free();
      }
      ks.forEach((k) => k.dispose());
    });
  }
});
