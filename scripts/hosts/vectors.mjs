// Test vectors for hosts that run the .wasm without our TypeScript (wasm2c native, the Cortex-M4
// under QEMU, wasm-interp). For every kernel of the registry (KERNELS), with a fixed param set (the
// op's default params and the default quantization that Runtime.prepare() picks), this records the
// params/table block prepare() writes, the inputs and the outputs Node (V8) computes:
//   int8 kernels:  all 256 codes (-128..127)      int16 kernels: all 65,536 codes (-32768..32767)
//   f32 kernels:   F32_SAMPLE_N values: an exact grid k/128 over [-8, 8) then xorshift32 bit patterns
//                  (NaN, ±Inf, subnormals and ±0 included), see f32Sample().
// The expected outputs are Node's; a host passes when its output bytes are identical.
//
// Blob format (little-endian, every section starts 8-byte aligned), read by examples/c-host/qact_vectors.c:
//   "QACTVEC1" | u32 caseCount | u32 0
//   per case: char label[48] ("op:dtype:method", "op'" for a derivative, NUL-padded) | char export[32] |
//             u32 shape (0 elementwise, 1 rows, 2 channels, 3 groups) | u32 arg (row length,
//             channel count or group size k; 0 for elementwise) | u32 inBytesPerElement |
//             u32 outBytesPerElement | u32 nIn | u32 nOut | u32 paramsLen | u32 0 |
//             params[paramsLen] pad8 | input[nIn·inBpe] pad8 | expected[nOut·outBpe] pad8
import { load, KERNELS } from "../../dist/index.js";

export const F32_SAMPLE_N = 4096;
export const ROW_LENGTH = 16;
const SHAPES = { elementwise: 0, rows: 1, channels: 2, groups: 3 };
const BPE = { int8: 1, int16: 2, f32: 4 };

/** xorshift32 (Marsaglia 2003, shifts 13/17/5), the same generator as the self-test exports. */
export function xorshift32(state) {
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}

/** Half an exact grid k/128 over [-8, 8), half xorshift32 bit patterns (seed 0x9E3779B9). */
export function f32Sample(n = F32_SAMPLE_N) {
  const bits = new Uint32Array(n), f = new Float32Array(bits.buffer);
  const half = n >>> 1;
  for (let i = 0; i < half; i++) f[i] = (i - half / 2) / 128;
  let s = 0x9e3779b9;
  for (let i = half; i < n; i++) { s = xorshift32(s); bits[i] = s; }
  return f;
}

export function inputsFor(dtype) {
  if (dtype === "int8") return Int8Array.from({ length: 256 }, (_, i) => i - 128);
  if (dtype === "int16") return Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
  return f32Sample();
}

/** Channel count of a channelwise kernel: the length of its per-channel param (1 for a scalar). */
function channelCount(spec, params) {
  const p = spec.op.params.find((s) => s.perChannel);
  const v = p ? params[p.name] : undefined;
  return Array.isArray(v) ? v.length : 1;
}

/** "op:dtype:method", "op':dtype:method" for a derivative kernel: unique per registry entry (hosts
 *  match their output lines by label, so two kernels sharing one would hide each other's failures). */
export const label = (spec) => `${spec.op.name}${spec.derivative ? "'" : ""}:${spec.dtype}:${spec.method}`;

/**
 * One case per kernel: params bytes, inputs and Node's outputs. Throws when the SIMD and scalar
 * builds disagree (they must not).
 */
export async function buildCases() {
  const simd = await load({ engine: "simd" }), scalar = await load({ engine: "scalar" });
  const cases = [];
  const labels = new Set();
  for (const spec of KERNELS) {
    if (labels.has(label(spec))) throw new Error(`vectors: two kernels share the label ${label(spec)}`);
    labels.add(label(spec));
    const opts = { op: spec.op.name, dtype: spec.dtype, method: spec.method, derivative: spec.derivative === true, rowLength: ROW_LENGTH };
    const k = simd.prepare(opts), ks = scalar.prepare(opts);
    const shape = spec.shape ?? "elementwise";
    const arg = shape === "rows" ? ROW_LENGTH
      : shape === "channels" ? channelCount(spec, k.params)
      : shape === "groups" ? k.params.k : 0;
    let input = inputsFor(spec.dtype);
    const unit = shape === "elementwise" ? 1 : arg;
    input = input.subarray(0, input.length - (input.length % unit));
    const out = k.run(input), outScalar = ks.run(input);
    const a = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    const b = new Uint8Array(outScalar.buffer, outScalar.byteOffset, outScalar.byteLength);
    const d = a.findIndex((v, i) => v !== b[i]);
    if (d >= 0) throw new Error(`node: ${label(spec)} SIMD and scalar builds differ at byte ${d}`);
    if (k.derivative !== (spec.derivative === true) || k.method !== spec.method) throw new Error(`vectors: prepare() for ${label(spec)} picked another kernel (${k.name})`);
    cases.push({
      spec, label: label(spec), exportName: spec.exportName, shape, shapeCode: SHAPES[shape], arg,
      inBpe: BPE[spec.dtype], outBpe: BPE[k.outDtype], nIn: input.length, nOut: out.length,
      params: k.paramBytes.slice(),
      input: new Uint8Array(input.buffer, input.byteOffset, input.byteLength).slice(),
      expected: a.slice(),
    });
    k.dispose(); ks.dispose();
  }
  return cases;
}

const pad8 = (n) => (n + 7) & ~7;

export function encodeCases(cases) {
  let size = 16;
  for (const c of cases) size += 48 + 32 + 32 + pad8(c.params.length) + pad8(c.input.length) + pad8(c.expected.length);
  const buf = new Uint8Array(size), v = new DataView(buf.buffer);
  const enc = new TextEncoder();
  buf.set(enc.encode("QACTVEC1"), 0);
  v.setUint32(8, cases.length, true);
  let o = 16;
  for (const c of cases) {
    if (c.label.length >= 48 || c.exportName.length >= 32) throw new Error(`vectors: name too long: ${c.label} ${c.exportName}`);
    buf.set(enc.encode(c.label), o);
    buf.set(enc.encode(c.exportName), o + 48);
    o += 80;
    [c.shapeCode, c.arg, c.inBpe, c.outBpe, c.nIn, c.nOut, c.params.length, 0].forEach((x, i) => v.setUint32(o + 4 * i, x, true));
    o += 32;
    for (const part of [c.params, c.input, c.expected]) {
      buf.set(part, o);
      o += pad8(part.length);
    }
  }
  return buf;
}

/** FNV-1a 32-bit over bytes: the checksum the wasm-interp self-test exports return. */
export function fnv1a(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
  return h;
}
