// The prepare/run API: engines, chunked copies with bounded memory, zero-copy tensors, in place,
// memory growth, and the errors of bad calls.
import { describe, expect, it } from "vitest";
import { load, QactError, hostSupportsSimd } from "../../src/index.js";
import { WasmHeap } from "../../src/runtime/memory.js";

describe("runtime", () => {
  it("picks SIMD when the host validates it, and honours an explicit engine", async () => {
    expect(hostSupportsSimd()).toBe(true); // Node 20 has SIMD128
    expect((await load()).engine).toBe("simd");
    expect((await load({ engine: "scalar" })).engine).toBe("scalar");
    await expect(load({ engine: "gpu" as never })).rejects.toThrow(/engine must be one of relaxed, simd, scalar, auto \(got "gpu"\)/);
  });

  it("copying API: chunked, WASM memory stays bounded whatever the input size", async () => {
    const rt = await load({ chunkBytes: 1 << 16 });
    const k = rt.prepare({ op: "relu", dtype: "f32" });
    const before = rt.memory.buffer.byteLength;
    const n = 10_000_000;
    const x = new Float32Array(n);
    for (let i = 0; i < n; i++) x[i] = (i % 7) - 3;
    const y = k.run(x);
    expect(rt.memory.buffer.byteLength - before).toBeLessThanOrEqual(1 << 17);
    for (let i = 0; i < n; i += 99_991) expect(y[i]).toBe(Math.max(x[i], 0));
    expect(y[n - 1]).toBe(Math.max(x[n - 1], 0));
  });

  it("in place with a typed array and with a tensor", async () => {
    const rt = await load();
    const k = rt.prepare({ op: "relu6", dtype: "int8", method: "fixed", input: { scale: 0.1, zeroPoint: 0 }, output: { scale: 0.1, zeroPoint: 0 } });
    const x = new Int8Array([-5, 0, 5, 59, 60, 61, 127]);
    expect(k.run(x, x)).toBe(x);
    expect(Array.from(x)).toEqual([0, 0, 5, 59, 60, 60, 60]);
    const t = rt.tensor("int8", [-5, 0, 5, 59, 60, 61, 127]);
    expect(k.run(t, t)).toBe(t);
    expect(Array.from(t.data)).toEqual([0, 0, 5, 59, 60, 60, 60]);
  });

  it("tensor views survive memory growth (fresh view on each access)", async () => {
    const rt = await load();
    const t = rt.tensor("f32", [1, -2, 3]);
    const big = rt.tensor("f32", 4_000_000); // grows memory, detaching old buffers
    const k = rt.prepare({ op: "relu", dtype: "f32" });
    const out = k.run(t);
    expect(Array.from(out.data)).toEqual([1, 0, 3]);
    big.free();
    out.free();
    t.free();
    expect(() => t.data).toThrow(/freed/);
  });

  it("rejects wrong arrays, lengths, foreign and freed tensors, disposed kernels", async () => {
    const rt = await load(), rt2 = await load();
    const k = rt.prepare({ op: "relu", dtype: "int8", method: "fixed" });
    expect(() => k.run(new Float32Array(3) as never)).toThrow(/input must be a Int8Array for dtype int8 \(got Float32Array\)/);
    expect(() => k.run(new Int8Array(3), new Int8Array(2))).toThrow(/output length must be 3 \(got 2\)/);
    expect(() => k.run(new Int8Array(3), new Int16Array(3) as never)).toThrow(/output must be a Int8Array/);
    expect(() => k.run(rt2.tensor("int8", 3))).toThrow(/another runtime/);
    const t = rt.tensor("int8", 3);
    t.free();
    expect(() => k.run(t)).toThrow(/freed/);
    expect(() => rt.tensor("int8", [1, 300])).toThrow(/values\[1\] must be an integer in \[-128, 127\] for int8 \(got 300\)/);
    k.dispose();
    expect(() => k.run(new Int8Array(3))).toThrow(/disposed/);
    try {
      k.run(new Int8Array(1));
    } catch (e) {
      expect(e).toBeInstanceOf(QactError);
    }
  });

  it("a failed run writes nothing into the caller's output", async () => {
    const rt = await load();
    const k = rt.prepare({ op: "relu", dtype: "f32" });
    const out = new Float32Array([7, 7]);
    expect(() => k.run(new Float32Array(3), out)).toThrow();
    expect(Array.from(out)).toEqual([7, 7]);
  });
});

describe("WasmHeap", () => {
  it("reuses freed blocks, coalesces neighbours and keeps alignment", () => {
    const mem = new WebAssembly.Memory({ initial: 1 });
    const h = new WasmHeap(mem, 1000);
    const a = h.alloc(100), b = h.alloc(100), c = h.alloc(100);
    expect([a, b, c].every((p) => p % 16 === 0)).toBe(true);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    h.release(a);
    h.release(b);
    const d = h.alloc(200); // fits in the merged a+b hole
    expect(d).toBe(a);
    h.release(c);
    h.release(d);
    expect(h.reservedBytes).toBe(0);
    expect(h.alloc(16)).toBe(a); // top came back down
    const big = h.alloc(200_000); // grows memory
    expect(mem.buffer.byteLength).toBeGreaterThanOrEqual(big + 200_000);
  });
});
