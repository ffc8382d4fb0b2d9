// Feature detection: load() validates a tiny SIMD128 module and falls back to the scalar build when
// the host rejects it. Both paths are forced here by stubbing WebAssembly.validate.
import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseEngine, hostSupportsSimd } from "../../src/runtime/load.js";
import { load as loadRuntime } from "../../src/runtime/runtime.js";
import { QactError } from "../../src/errors.js";

afterEach(() => vi.restoreAllMocks());

describe("SIMD detection and fallback", () => {
  it("Node 20 validates the SIMD probe, so auto picks the SIMD build", async () => {
    expect(hostSupportsSimd()).toBe(true);
    const rt = await loadRuntime();
    expect(rt.engine).toBe("simd");
    expect(rt.prepare({ op: "relu", dtype: "int8", method: "lut" }).name).toBe("i8_relu__simd_lut_trim");
  });

  it("a host without SIMD128 gets the scalar build, which runs", async () => {
    const validate = vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    expect(hostSupportsSimd()).toBe(false);
    expect(chooseEngine()).toBe("scalar");
    const rt = await loadRuntime({ engine: "auto" });
    expect(validate).toHaveBeenCalled();
    expect(rt.engine).toBe("scalar");
    const k = rt.prepare({ op: "relu", dtype: "int8", method: "lut", input: { scale: 1, zeroPoint: 0 }, output: { scale: 1, zeroPoint: 0 } });
    expect(k.name).toBe("i8_relu__scalar_lut_load");
    expect(Array.from(k.run(new Int8Array([-128, -1, 0, 1, 127])))).toEqual([0, 0, 0, 1, 127]);
  });

  it("asking for SIMD on such a host is a QactError naming the engine", () => {
    vi.spyOn(WebAssembly, "validate").mockReturnValue(false);
    expect(() => chooseEngine("simd")).toThrow(QactError);
    expect(() => chooseEngine("simd")).toThrow(/engine simd was requested/);
  });

  it("the probe is what decides: only a module using v128 is validated", () => {
    const seen: Uint8Array[] = [];
    vi.spyOn(WebAssembly, "validate").mockImplementation((b) => { seen.push(new Uint8Array(b as ArrayBuffer)); return true; });
    hostSupportsSimd();
    expect(seen).toHaveLength(1);
    // the probe's code section holds i8x16.splat (0xfd 0x0f) and i8x16.popcnt (0xfd 0x62)
    const hex = Buffer.from(seen[0]).toString("hex");
    expect(hex).toContain("fd0f");
    expect(hex).toContain("fd62");
  });
});
