// A reader of NumPy's .npy format (numpy/lib/format.py, "NEP 1"/format docs): the 6-byte magic
// "\x93NUMPY", a major/minor version byte pair, a little-endian header length (uint16 in version 1,
// uint32 in versions 2 and 3), then an ASCII (v3: UTF-8) Python dict literal with the keys 'descr',
// 'fortran_order' and 'shape', padded with spaces and a newline, then the raw array data.
// Only what calibration needs is accepted: little-endian float32/float64 (`<f4`, `<f8`; `=`/`|` are
// taken as the machine order of the writer, which numpy always spells `<` on little-endian hosts)
// in C order. Everything else is rejected with an error naming the field and the value.
import { QactError, show } from "../errors.js";

export interface NpyArray {
  shape: number[];
  descr: "<f4" | "<f8";
  /** the values, copied out of the file (aligned) */
  data: Float32Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93 N U M P Y

function fail(source: string, field: string, msg: string): never {
  throw new QactError(field, `${source}: ${msg}`);
}

/** Parses the header dict. numpy writes it with repr(), so a strict little grammar suffices. */
function parseHeader(text: string, source: string): { descr: string; fortran: boolean; shape: number[] } {
  const t = text.trim();
  if (!t.startsWith("{") || !t.endsWith("}")) fail(source, "npy header", `.npy header is not a dict (got ${show(t.slice(0, 40))})`);
  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(t)?.[1];
  const fortranRaw = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(t)?.[1];
  const shapeRaw = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(t)?.[1];
  if (descr === undefined) fail(source, "npy descr", ".npy header has no 'descr'");
  if (fortranRaw === undefined) fail(source, "npy fortran_order", ".npy header has no 'fortran_order' True/False");
  if (shapeRaw === undefined) fail(source, "npy shape", ".npy header has no 'shape' tuple");
  const parts = shapeRaw.split(",").map((s) => s.trim()).filter((s) => s !== "");
  const shape = parts.map((s) => {
    const v = /^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN;
    if (!Number.isSafeInteger(v)) fail(source, "npy shape", `.npy shape entries must be integers ≥ 0 (got ${show(s)})`);
    return v;
  });
  return { descr, fortran: fortranRaw === "True", shape };
}

export function parseNpy(bytes: Uint8Array, source = "input"): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) {
    fail(source, "npy magic", "not a .npy file (it must start with \\x93NUMPY)");
  }
  const major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor !== 0) {
    fail(source, "npy version", `unsupported .npy format version ${major}.${minor} (supported: 1.0, 2.0, 3.0)`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerStart = major === 1 ? 10 : 12;
  if (bytes.length < headerStart) fail(source, "npy header", "truncated .npy header");
  const headerLen = major === 1 ? dv.getUint16(8, true) : dv.getUint32(8, true);
  const dataStart = headerStart + headerLen;
  if (dataStart > bytes.length) fail(source, "npy header", `truncated .npy header (needs ${dataStart} bytes, file has ${bytes.length})`);
  const text = new TextDecoder(major === 3 ? "utf-8" : "latin1").decode(bytes.subarray(headerStart, dataStart));
  const h = parseHeader(text, source);
  const descr = h.descr === "=f4" || h.descr === "|f4" ? "<f4" : h.descr === "=f8" || h.descr === "|f8" ? "<f8" : h.descr;
  if (descr !== "<f4" && descr !== "<f8") {
    fail(source, "npy descr", `.npy dtype ${show(h.descr)} is not supported (allowed: '<f4' float32, '<f8' float64, little-endian)`);
  }
  const count = h.shape.reduce((a, b) => a * b, 1);
  if (h.fortran && h.shape.filter((d) => d > 1).length > 1) {
    fail(source, "npy fortran_order", ".npy array is in Fortran order (fortran_order: True); save it in C order (np.ascontiguousarray)");
  }
  const bpe = descr === "<f4" ? 4 : 8;
  const need = count * bpe;
  const have = bytes.length - dataStart;
  if (have !== need) {
    fail(source, "npy data", `.npy data is ${have} bytes but shape (${h.shape.join(", ")}) of ${descr} needs ${need}` +
      (have < need ? " (truncated file)" : ""));
  }
  const copy = bytes.slice(dataStart, dataStart + need);
  const data = bpe === 4 ? new Float32Array(copy.buffer, 0, count) : new Float64Array(copy.buffer, 0, count);
  return { shape: h.shape, descr, data };
}

/** Writes a .npy (version 1.0) of a C-order float array: used by tests and by users' round trips. */
export function writeNpy(data: Float32Array | Float64Array, shape: number[], fortranOrder = false): Uint8Array {
  const descr = data instanceof Float32Array ? "<f4" : "<f8";
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortranOrder ? "True" : "False"}, 'shape': ${shapeText}, }`;
  const total = 10 + header.length + 1;
  header += " ".repeat((64 - (total % 64)) % 64) + "\n";
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
