// The .npy reader against files written by NumPy itself (scripts/make-npy-fixtures.py), and the
// rejections the format's other variants must get.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseNpy, writeNpy } from "../../src/quant/npy.js";
import { QactError } from "../../src/errors.js";

const DIR = join(import.meta.dirname, "../fixtures/npy");
const read = (name: string) => new Uint8Array(readFileSync(join(DIR, `${name}.npy`)));
const expected = JSON.parse(readFileSync(join(DIR, "expected.json"), "utf8")) as Record<string, { shape: number[]; descr: string; data: number[] }>;

describe("parseNpy on NumPy's own files", () => {
  it.each(Object.keys(expected))("%s: shape, dtype and every value as NumPy reads them", (name) => {
    const a = parseNpy(read(name), name);
    const want = expected[name];
    expect(a.shape).toEqual(want.shape);
    expect(a.descr).toBe(want.descr);
    expect(Array.from(a.data)).toEqual(want.data);
  });

  it.each([
    ["fortran", /Fortran order \(fortran_order: True\)/],
    ["i4", /dtype "<i4" is not supported \(allowed: '<f4' float32, '<f8' float64/],
    ["f4_big_endian", /dtype ">f4" is not supported/],
    ["f2", /dtype "<f2" is not supported/],
  ])("%s is rejected with a clear error", (name, msg) => {
    expect(() => parseNpy(read(name), name)).toThrow(msg);
  });

  it("truncated data, truncated header, bad magic and unknown versions are errors, never partial arrays", () => {
    const full = read("f4_2d");
    expect(() => parseNpy(full.subarray(0, full.length - 1), "t")).toThrow(/data is 59 bytes but shape \(3, 5\) of <f4 needs 60 \(truncated file\)/);
    expect(() => parseNpy(full.subarray(0, 40), "t")).toThrow(/truncated .npy header/);
    expect(() => parseNpy(full.subarray(0, 5), "t")).toThrow(/not a .npy file/);
    const v9 = full.slice();
    v9[6] = 9;
    expect(() => parseNpy(v9, "t")).toThrow(/unsupported .npy format version 9.0/);
    const longer = new Uint8Array(full.length + 4);
    longer.set(full);
    expect(() => parseNpy(longer, "t")).toThrow(QactError);
  });

  it("writeNpy produces what NumPy produces for the same array (byte for byte)", () => {
    const a = parseNpy(read("f4_2d"));
    expect(Buffer.from(writeNpy(a.data, a.shape))).toEqual(Buffer.from(read("f4_2d")));
  });
});
