// SIMD and scalar builds give identical bytes for every row kernel of the registry (shape "rows"),
// for every output dtype it offers: row lengths 1..40, 64, 67, 1000, 4096, 4097 (the quantized softmax
// keeps E in a 4096-entry scratch and recomputes it for longer rows) with 1–4 rows, random inputs,
// out of place and (when the output dtype is the input's) in place, through copies and tensors;
// and every channel kernel (prelu) with 1–5 channels.
import { describe, expect, it, beforeAll } from "vitest";
import { load, type Runtime } from "../../src/runtime/runtime.js";
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

const bytesOf = (a: AnyTypedArray) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
function firstDiff(a: AnyTypedArray, b: AnyTypedArray): number {
  const x = bytesOf(a), y = bytesOf(b);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return Math.floor(i / a.BYTES_PER_ELEMENT);
  return -1;
}

const ROW_LENGTHS = [...Array.from({ length: 40 }, (_, i) => i + 1), 64, 67, 1000, 4096, 4097];

describe("SIMD ≡ scalar, bit for bit (row kernels)", () => {
  for (const spec of KERNELS.filter((k) => k.shape === "rows")) {
    for (const outDtype of spec.outDtypes ?? [spec.dtype]) {
      it(`${kernelName(spec, "simd")} → ${outDtype}`, () => {
        const r = rng(spec.exportName.length * 131 + outDtype.length);
        const [a, b] = [simd, scalar].map((rt) => rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, outDtype }));
        const Ctor = typedArrayCtor(spec.dtype);
        for (const len of ROW_LENGTHS) {
          const rows = 1 + Math.floor(r() * 4);
          const x = new Ctor(randomBytes(r, rows * len * BYTES_PER_ELEMENT[spec.dtype]).buffer);
          const ya = a.run(x, undefined, { rowLength: len }), yb = b.run(x, undefined, { rowLength: len });
          const d = firstDiff(ya, yb);
          expect(d, `len=${len}: first difference at ${d}: simd ${ya[d]} scalar ${yb[d]}`).toBe(-1);
          if (outDtype === spec.dtype) {
            const inPlace = x.slice();
            a.run(inPlace, inPlace, { rowLength: len });
            expect(firstDiff(inPlace, yb), `in place len=${len}`).toBe(-1);
            const t = simd.tensor(spec.dtype, x);
            a.run(t, t, { rowLength: len });
            expect(firstDiff(t.data, yb), `tensor in place len=${len}`).toBe(-1);
            t.free();
          }
        }
        a.dispose();
        b.dispose();
      });
    }
  }
});

describe("SIMD ≡ scalar, bit for bit (channel kernels with 1–5 channels)", () => {
  for (const spec of KERNELS.filter((k) => k.shape === "channels")) {
    it(`${kernelName(spec, "simd")}`, () => {
      const r = rng(spec.exportName.length * 733);
      const Ctor = typedArrayCtor(spec.dtype);
      for (let channels = 1; channels <= 5; channels++) {
        const alpha = Array.from({ length: channels }, () => Math.round((r() * 3 - 1) * 100) / 100);
        const [a, b] = [simd, scalar].map((rt) => rt.prepare({ op: spec.op.name, dtype: spec.dtype, method: spec.method, params: { alpha } }));
        for (const groups of [0, 1, 3, 16, 67, 2001]) {
          const x = new Ctor(randomBytes(r, groups * channels * BYTES_PER_ELEMENT[spec.dtype]).buffer);
          const ya = a.run(x), yb = b.run(x);
          const d = firstDiff(ya, yb);
          expect(d, `channels=${channels} n=${x.length}: first difference at ${d}`).toBe(-1);
          const inPlace = x.slice();
          a.run(inPlace, inPlace);
          expect(firstDiff(inPlace, yb), `in place channels=${channels} n=${x.length}`).toBe(-1);
        }
        a.dispose();
        b.dispose();
      }
    });
  }
});
