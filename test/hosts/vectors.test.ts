// The pieces of the host harness (scripts/hosts/) that run without Debian packages: the checksum and
// generator against published values, and the vector blob layout the C hosts read.
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain .mjs script without types
import { fnv1a, xorshift32, f32Sample, encodeCases, buildCases, F32_SAMPLE_N } from "../../scripts/hosts/vectors.mjs";
import { KERNELS } from "../../src/kernels/registry.js";

const ascii = (s: string) => new TextEncoder().encode(s);

describe("host vectors", () => {
  it("FNV-1a 32 matches the published test vectors (Fowler/Noll/Vo, draft-eastlake-fnv)", () => {
    expect(fnv1a(ascii(""))).toBe(0x811c9dc5);
    expect(fnv1a(ascii("a"))).toBe(0xe40c292c);
    expect(fnv1a(ascii("foobar"))).toBe(0xbf9cf968);
  });

  it("xorshift32 (13, 17, 5) from seed 1 gives Marsaglia's first value 270369", () => {
    expect(xorshift32(1)).toBe(270369);
  });

  it("the f32 sample is an exact grid then raw bit patterns including NaNs and subnormals", () => {
    const f = f32Sample() as Float32Array;
    expect(f.length).toBe(F32_SAMPLE_N);
    expect(f[0]).toBe(-8);
    expect(f[F32_SAMPLE_N / 2 - 1]).toBe(8 - 1 / 128);
    const bits = new Uint32Array(f.buffer);
    const tail = Array.from(bits.subarray(F32_SAMPLE_N / 2));
    expect(tail.some((b) => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0)).toBe(true);
    expect(tail.some((b) => (b & 0x7f800000) === 0 && (b & 0x7fffff) !== 0)).toBe(true);
  });

  it("covers every kernel of the registry, all int codes, and lays out the blob as documented", async () => {
    const cases = await buildCases();
    // derivative kernels are labelled op' (labels must be unique: hosts match their output lines by label)
    expect(cases.map((c: { label: string }) => c.label)).toEqual(KERNELS.map((k) => `${k.op.name}${k.derivative ? "'" : ""}:${k.dtype}:${k.method}`));
    expect(new Set(cases.map((c: { label: string }) => c.label)).size).toBe(cases.length);
    // and prepared as derivatives: relu'(2) = 1 where relu(2) = 2 (x = 2 is sample element 1024 + 2·128)
    const f32At = (u8: Uint8Array, i: number) => new DataView(u8.buffer, u8.byteOffset).getFloat32(4 * i, true);
    const reluGrad = cases.find((c: { label: string }) => c.label === "relu':f32:accurate");
    expect(f32At(reluGrad.input, 1280)).toBe(2);
    expect(f32At(reluGrad.expected, 1280)).toBe(1);
    for (const c of cases) expect(c.nIn).toBe(c.spec.dtype === "int8" ? 256 : c.spec.dtype === "int16" ? 65536 : F32_SAMPLE_N);
    const blob: Uint8Array = encodeCases(cases);
    const v = new DataView(blob.buffer);
    expect(new TextDecoder().decode(blob.subarray(0, 8))).toBe("QACTVEC1");
    expect(v.getUint32(8, true)).toBe(cases.length);
    const first = cases[0];
    expect(new TextDecoder().decode(blob.subarray(16, 16 + first.label.length))).toBe(first.label);
    expect(v.getUint32(16 + 80 + 16, true)).toBe(first.nIn);
    expect(v.getUint32(16 + 80 + 24, true)).toBe(first.params.length);
  });
});
