// Loading the WASM module: the relaxed-SIMD build when the host validates relaxed SIMD, else the
// SIMD build when it validates SIMD128, else the scalar build. All three give the same bits.
import { QactError, show } from "../errors.js";
import type { Engine } from "../kernels/spec.js";

export type { Engine };

// A 1-function module using v128 (i32.const 0; i8x16.splat; i8x16.popcnt): the same probe as the
// wasm-feature-detect project's simd() check. WebAssembly.validate() is true only with SIMD128.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

// (func (param v128 v128 v128) (result v128) local.get 0 local.get 1 local.get 2 i8x16.relaxed_laneselect):
// validates only where relaxed SIMD is on (Chrome ≥ 114; Node 20 with --experimental-wasm-relaxed-simd).
const RELAXED_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 8, 1, 96, 3, 123, 123, 123, 1, 123, 3, 2, 1, 0, 10, 13, 1, 11, 0, 32, 0, 32, 1, 32, 2, 253, 137, 2, 11,
]);

export function hostSupportsSimd(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE);
}

export function hostSupportsRelaxedSimd(): boolean {
  return typeof WebAssembly === "object" && WebAssembly.validate(RELAXED_PROBE);
}

export const ENGINES: readonly Engine[] = ["relaxed", "simd", "scalar"];

export function chooseEngine(requested?: string): Engine {
  if (requested === undefined || requested === "auto") {
    return hostSupportsRelaxedSimd() ? "relaxed" : hostSupportsSimd() ? "simd" : "scalar";
  }
  if (!(ENGINES as readonly string[]).includes(requested)) {
    throw new QactError("engine", `engine must be one of ${ENGINES.join(", ")}, auto (got ${show(requested)})`);
  }
  if (requested === "simd" && !hostSupportsSimd()) {
    throw new QactError("engine", "engine simd was requested but this host does not validate WASM SIMD128");
  }
  if (requested === "relaxed" && !hostSupportsRelaxedSimd()) {
    throw new QactError("engine", "engine relaxed was requested but this host does not validate relaxed SIMD " +
      "(Node 20: run node with --experimental-wasm-relaxed-simd)");
  }
  return requested as Engine;
}

export function wasmUrl(engine: Engine): URL {
  return new URL(`../../build/qact.${engine}.wasm`, import.meta.url);
}

/** Node: compile synchronously from build/. */
export async function loadModuleBytes(engine: Engine): Promise<Uint8Array> {
  const url = wasmUrl(engine);
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return new Uint8Array(await readFile(url));
  }
  const res = await fetch(url);
  if (!res.ok) throw new QactError("engine", `cannot fetch ${url.href}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * The compiled module of a build. Node reads build/ from disk; elsewhere the .wasm is fetched from
 * next to this file and compiled while it downloads (WebAssembly.compileStreaming) when the server
 * sends it as application/wasm, else from its bytes.
 */
export async function compileEngine(engine: Engine): Promise<WebAssembly.Module> {
  const url = wasmUrl(engine);
  if (url.protocol !== "file:" && typeof WebAssembly.compileStreaming === "function" && typeof fetch === "function") {
    const res = await fetch(url);
    if (!res.ok) throw new QactError("engine", `cannot fetch ${url.href}: HTTP ${res.status}`);
    if ((res.headers.get("content-type") ?? "").split(";")[0].trim() === "application/wasm") {
      return WebAssembly.compileStreaming(res);
    }
    return WebAssembly.compile(await res.arrayBuffer());
  }
  return WebAssembly.compile((await loadModuleBytes(engine)) as BufferSource);
}
