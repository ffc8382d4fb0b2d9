// What a kernel's prepared data looks like to firmware: named blocks (a table, or a struct of
// fixed-point fields) decoded from the exact bytes the WASM kernel reads, plus the C function of
// examples/c/qact_ref.h that applies them. One decoder per WASM export (FIRMWARE_DECODERS); a method
// added on another branch adds its export's decoder there (plus its apply function in
// examples/c/qact_ref.c) and every format (C, JSON, bin) and the all-codes gcc test follow.
import { QactError } from "../../errors.js";
import { KERNELS, kernelName, type KernelSpec } from "../../kernels/registry.js";
import type { Params, QuantParams } from "../../types.js";

export type CType = "int8_t" | "int16_t" | "int32_t" | "int64_t" | "uint8_t" | "uint16_t";

export const CTYPE_BYTES: Record<CType, number> = { int8_t: 1, uint8_t: 1, int16_t: 2, uint16_t: 2, int32_t: 4, int64_t: 8 };

/** A table: `values[i]` for index i as the comment says. */
export interface TableBlock {
  kind: "table";
  /** suffix of the C symbol (e.g. "table") */
  name: string;
  ctype: CType;
  values: number[];
  /** what the index means, the Q-format of the values */
  comment: string;
  /** the index order in one phrase (JSON `indexedBy`); default: input code, from min to max */
  indexedBy?: string;
}

/** A struct of fields in declaration order with natural C alignment (= the WASM params layout). */
export interface StructBlock {
  kind: "struct";
  name: string;
  /** C type name, defined in examples/c/qact_ref.h and (guarded) in each generated header */
  type: string;
  fields: { name: string; ctype: CType; value: bigint; comment: string }[];
  /** total size with trailing padding */
  bytes: number;
}

export type Block = TableBlock | StructBlock;

export interface FirmwareExport {
  /** kernel name (scalar build: the C reference reproduces the scalar algorithm) */
  kernel: string;
  /** the WASM export whose params block the blocks decode */
  exportName: string;
  op: string;
  dtype: string;
  method: string;
  params: Params;
  input?: QuantParams;
  output?: QuantParams;
  /** C function(s) of examples/c/qact_ref.h that apply the blocks */
  apply: string;
  /** the C statement applying the blocks (symbols `${prefix}_<block>`) to n codes at `inp` into `outp` */
  cCall: (prefix: string, inp: string, outp: string, n: string) => string;
  /** index order, Q-formats, formula */
  notes: string[];
  blocks: Block[];
}

export interface DecoderInput {
  spec: KernelSpec;
  paramBytes: Uint8Array;
}

type Decoder = (k: DecoderInput) => Pick<FirmwareExport, "apply" | "cCall" | "notes" | "blocks">;

function field(v: DataView, name: string, ctype: CType, offset: number, comment: string) {
  const value = ctype === "int64_t" ? v.getBigInt64(offset, true) : BigInt(v.getInt32(offset, true));
  return { name, ctype, value, comment, offset };
}

/** Checks the fields sit at their natural-alignment offsets (so the C struct is the WASM block). */
function structOf(name: string, type: string, bytes: number, fields: ReturnType<typeof field>[]): StructBlock {
  let off = 0;
  for (const f of fields) {
    const size = CTYPE_BYTES[f.ctype];
    off = Math.ceil(off / size) * size;
    if (off !== f.offset) throw new Error(`${type}.${f.name}: C offset ${off} ≠ WASM offset ${f.offset}`);
    off += size;
  }
  if (Math.ceil(off / 8) * 8 !== bytes) throw new Error(`${type}: C size ${off} ≠ ${bytes}`);
  return { kind: "struct", name, type, bytes, fields: fields.map(({ offset: _o, ...f }) => f) };
}

const lut8: Decoder = ({ paramBytes }) => {
  const values = new Array<number>(256);
  for (let q = -128; q <= 127; q++) values[q + 128] = (paramBytes[q & 0xff] << 24) >> 24;
  return {
    apply: "qact_lut8_apply(table, in, out, n): out[i] = table[in[i] + 128]",
    cCall: (p, i, o, n) => `qact_lut8_apply(${p}_table, ${i}, ${o}, ${n});`,
    notes: [
      "table[k] is the output code for input code k − 128 (index 0 = code −128 … 255 = code 127): 256 entries, 256 bytes",
      "entries are the float64 reference rounded half away from zero and saturated to [−128, 127]",
      "the WASM kernel keeps the same table rotated by 128 (index = the input's raw byte)",
    ],
    blocks: [{ kind: "table", name: "table", ctype: "int8_t", values, comment: "output code for input code (index − 128)" }],
  };
};

const pwl2 = (dtype: "int8" | "int16"): Decoder => ({ paramBytes }) => {
  const v = new DataView(paramBytes.buffer, paramBytes.byteOffset, paramBytes.byteLength);
  return {
    apply: `qact_pwl2_${dtype === "int8" ? "i8" : "i16"}(&params, in, out, n)`,
    cCall: (p, i, o, n) => `qact_pwl2_${dtype === "int8" ? "i8" : "i16"}(&${p}_params, ${i}, ${o}, ${n});`,
    notes: [
      "d = q − in_zp; acc = d · (d < 0 ? mul_neg : mul_pos) + bias (int64, exact)",
      "y = clamp(round_half_away(acc / 2^shift), lo, hi)",
      "mul_pos/mul_neg: slope · in_scale / out_scale in Q(shift) (normalised to [2^30, 2^31) unless capped); bias: (offset / out_scale + out_zp) in Q(shift)",
      "struct layout = the WASM params block (32 bytes, little-endian, natural alignment)",
    ],
    blocks: [structOf("params", "qact_pwl2_params", 32, [
      field(v, "in_zp", "int32_t", 0, "input zero point"),
      field(v, "mul_pos", "int32_t", 4, "slope for d ≥ 0, Q(shift)"),
      field(v, "mul_neg", "int32_t", 8, "slope for d < 0, Q(shift)"),
      field(v, "shift", "int32_t", 12, "fraction bits of the multipliers and bias (1..62)"),
      field(v, "bias", "int64_t", 16, "offset in output steps plus out_zp, Q(shift)"),
      field(v, "lo", "int32_t", 24, "lowest output code"),
      field(v, "hi", "int32_t", 28, "highest output code"),
    ])],
  };
};

const hardswish = (dtype: "int8" | "int16"): Decoder => ({ paramBytes }) => {
  const v = new DataView(paramBytes.buffer, paramBytes.byteOffset, paramBytes.byteLength);
  return {
    apply: `qact_hardswish_${dtype === "int8" ? "i8" : "i16"}(&params, in, out, n)`,
    cCall: (p, i, o, n) => `qact_hardswish_${dtype === "int8" ? "i8" : "i16"}(&${p}_params, ${i}, ${o}, ${n});`,
    notes: [
      "d = q − in_zp; g = clamp(round_half_away((d · g_mul + g_bias) / 2^g_shift), 0, g_max)  (= K·relu6(x+3)/6 in Q(out_shift), K = in_scale/out_scale)",
      "y = clamp(round_half_away((d · g + out_bias) / 2^out_shift), lo, hi)",
      "struct layout = the WASM params block (56 bytes, little-endian, natural alignment; 4 padding bytes after out_shift)",
    ],
    blocks: [structOf("params", "qact_hardswish_params", 56, [
      field(v, "in_zp", "int32_t", 0, "input zero point"),
      field(v, "g_shift", "int32_t", 4, "fraction bits of g_mul and g_bias"),
      field(v, "g_mul", "int64_t", 8, "K·2^out_shift · in_scale/6, Q(g_shift)"),
      field(v, "g_bias", "int64_t", 16, "K·2^out_shift / 2, Q(g_shift)"),
      field(v, "g_max", "int64_t", 24, "K·2^out_shift (the gate when x ≥ 3)"),
      field(v, "out_shift", "int32_t", 32, "fraction bits of the gate"),
      field(v, "out_bias", "int64_t", 40, "out_zp · 2^out_shift"),
      field(v, "lo", "int32_t", 48, "lowest output code"),
      field(v, "hi", "int32_t", 52, "highest output code"),
    ])],
  };
};

const i32At = (v: DataView, off: number) => v.getInt32(off, true);

/** A params block that does not have the layout its export reads: not something prepare writes. */
function badBlock(exportName: string, what: string): never {
  throw new QactError("paramBytes", `${exportName} params block: ${what}`);
}

/** int16 `table` (assembly/q16/table.ts): 16-byte header (lo, hi, 8 zero bytes), then the entries of codes lo..hi. */
const table16: Decoder = ({ paramBytes }) => {
  const v = new DataView(paramBytes.buffer, paramBytes.byteOffset, paramBytes.byteLength);
  if (paramBytes.length < 18) badBlock("i16_table", `${paramBytes.length} bytes, need at least 18 (16-byte header and one entry)`);
  const lo = i32At(v, 0), hi = i32At(v, 4);
  if (!(-32768 <= lo && lo <= hi && hi <= 32767)) badBlock("i16_table", `header lo ${lo}, hi ${hi}: need −32768 ≤ lo ≤ hi ≤ 32767`);
  const count = hi - lo + 1;
  if (paramBytes.length !== 16 + 2 * count) badBlock("i16_table", `${paramBytes.length} bytes, expected 16 + 2·(hi − lo + 1) = ${16 + 2 * count}`);
  if (i32At(v, 8) !== 0 || i32At(v, 12) !== 0) badBlock("i16_table", "header bytes 8..15 must be 0");
  const entries = Array.from({ length: count }, (_, j) => v.getInt16(16 + 2 * j, true));
  return {
    apply: "qact_table_i16(&header, entries, in, out, n): out[i] = entries[clamp(in[i], lo, hi) − lo]",
    cCall: (p, i, o, n) => `qact_table_i16(&${p}_header, ${p}_entries, ${i}, ${o}, ${n});`,
    notes: [
      `entries[j] is the output code for input code lo + j (j = 0 … hi − lo): ${count} entries, ${2 * count} bytes; lo = ${lo}, hi = ${hi}`,
      "codes below lo give entries[0], codes above hi the last entry (the constant ends of the output, dropped from the table)",
      "entries are the float64 reference rounded half away from zero and saturated to [−32768, 32767]: y = entries[clamp(q, lo, hi) − lo]",
      "header layout = the WASM block's first 16 bytes; header then entries = the WASM params block (--format bin)",
    ],
    blocks: [
      structOf("header", "qact_table16_header", 16, [
        field(v, "lo", "int32_t", 0, "first input code in the table"),
        field(v, "hi", "int32_t", 4, "last input code in the table"),
        field(v, "zero0", "int32_t", 8, "0 (reserved)"),
        field(v, "zero1", "int32_t", 12, "0 (reserved)"),
      ]),
      { kind: "table", name: "entries", ctype: "int16_t", values: entries, comment: "output code for input code lo + index", indexedBy: "input code − lo, codes lo..hi" },
    ],
  };
};

/** Decoders by WASM export: the one place a new method registers its firmware layout. */
export const FIRMWARE_DECODERS: Record<string, Decoder> = {
  i8_lut256: lut8,
  i8_lut256_trim: lut8, // the same table (its first 256 bytes); the window is a SIMD speed-up only
  i8_pwl2: pwl2("int8"),
  i16_pwl2: pwl2("int16"),
  i8_hardswish: hardswish("int8"),
  i16_hardswish: hardswish("int16"),
  i16_table: table16,
};

export function exportableKernels(): KernelSpec[] {
  return KERNELS.filter((k) => k.exportName in FIRMWARE_DECODERS);
}

export interface ExportInput extends DecoderInput {
  params: Params;
  input?: QuantParams;
  output?: QuantParams;
}

export function firmwareExport(k: ExportInput): FirmwareExport {
  const dec = FIRMWARE_DECODERS[k.spec.exportName];
  if (!dec) {
    const ok = [...new Set(exportableKernels().map((s) => `${s.dtype}/${s.method}`))].join(", ");
    throw new QactError("method", `${kernelName(k.spec, "scalar")} has no firmware export yet (exportable dtype/method: ${ok})`);
  }
  return {
    kernel: kernelName(k.spec, "scalar"), exportName: k.spec.exportName, op: k.spec.op.name, dtype: k.spec.dtype, method: k.spec.method,
    params: k.params, input: k.input, output: k.output, ...dec(k),
  };
}
