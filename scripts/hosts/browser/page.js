// Runs in headless Chromium: prepares each kernel with the same options as Node (prepare() runs in
// the page, so the params/tables are built by the browser's own float64 math), runs it on the given
// inputs with the SIMD and the scalar build (and the relaxed-SIMD build where Chromium validates it),
// and returns params and outputs as base64.
import { load, hostSupportsSimd, hostSupportsRelaxedSimd } from "qact";

const b64 = (u8) => { let s = ""; for (let i = 0; i < u8.length; i += 0x8000) s += String.fromCharCode(...u8.subarray(i, i + 0x8000)); return btoa(s); };
const unb64 = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
const CTOR = { int8: Int8Array, int16: Int16Array, f32: Float32Array };

// counts streaming compilations, to check that load() compiles the fetched .wasm while it downloads
let streamed = 0;
const compileStreaming = WebAssembly.compileStreaming;
WebAssembly.compileStreaming = (...a) => { streamed++; return compileStreaming.apply(WebAssembly, a); };

const runtimes = {};
const ENGINES = hostSupportsRelaxedSimd() ? ["relaxed", "simd", "scalar"] : ["simd", "scalar"];
window.qactRun = async (cases) => {
  for (const engine of ENGINES) runtimes[engine] ??= await load({ engine });
  const results = [];
  for (const c of cases) {
    const bytes = unb64(c.input);
    const x = new CTOR[c.dtype](bytes.buffer, 0, bytes.length / CTOR[c.dtype].BYTES_PER_ELEMENT);
    const r = { label: c.label };
    for (const engine of ENGINES) {
      const k = runtimes[engine].prepare({ op: c.op, dtype: c.dtype, method: c.method, derivative: c.derivative, rowLength: c.rowLength });
      const y = k.run(x);
      r[engine] = b64(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
      r[`${engine}Params`] = b64(k.paramBytes);
      r[`${engine}Name`] = k.name;
      k.dispose();
    }
    results.push(r);
  }
  return results;
};
window.qactInfo = () => ({ simd: hostSupportsSimd(), engines: ENGINES, userAgent: navigator.userAgent, streamed });
window.qactReady = true;
