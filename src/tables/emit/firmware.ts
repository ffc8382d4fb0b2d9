// What a kernel's prepared data looks like to firmware: named blocks (a table, a struct of fixed-point
// fields, possibly with a union where one header serves several tail kinds, or an array of records)
// decoded from the exact bytes the WASM kernel reads, plus the C function of examples/c/qact_ref.h that
// applies them. Struct and record layouts are C's natural alignment, checked against the WASM offsets.
// One decoder per WASM export (FIRMWARE_DECODERS); a method added on another branch adds its export's
// decoder there (plus its apply function in examples/c/qact_ref.c) and every format (C, JSON, bin) and
// the all-codes gcc test follow.
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

export interface FieldDecl {
  name: string;
  ctype: CType;
  comment: string;
}

export interface ScalarField extends FieldDecl {
  value: bigint;
}

/** A C struct type of scalar fields (natural alignment): a union member, or the record of a records block. */
export interface StructType {
  /** C type name, defined in examples/c/qact_ref.h and (guarded) in each generated header */
  type: string;
  fields: FieldDecl[];
}

/** A union of struct types inside a struct (the same bytes read per `right_kind` or such): `member` names
 *  the member these bytes hold (a designated initializer in C), `fields` its values. */
export interface UnionField {
  name: string;
  comment: string;
  /** C type name of the union */
  union: string;
  members: { name: string; struct: StructType; comment: string }[];
  member: string;
  fields: ScalarField[];
}

export type Field = ScalarField | UnionField;

export const isUnionField = (f: Field): f is UnionField => "union" in f;

/** A struct of fields in declaration order with natural C alignment (= the WASM params layout). */
export interface StructBlock {
  kind: "struct";
  name: string;
  /** C type name, defined in examples/c/qact_ref.h and (guarded) in each generated header */
  type: string;
  fields: Field[];
  /** total size with trailing padding */
  bytes: number;
}

/** An array of records (C structs of `record`'s fields, natural alignment = the WASM record layout). */
export interface RecordsBlock {
  kind: "records";
  name: string;
  record: StructType;
  /** one row of field values per record, in the record's field order */
  rows: number[][];
  comment: string;
  /** the index order in one phrase (JSON `indexedBy`) */
  indexedBy: string;
}

export type Block = TableBlock | StructBlock | RecordsBlock;

/** Offsets, size and alignment of parts laid out in order with natural alignment (C's rule on every
 *  ABI qact targets: a scalar aligned to its size, an aggregate to its widest member, sizes padded to
 *  the alignment). */
export function naturalLayout(parts: { size: number; align: number }[]): { offsets: number[]; size: number; align: number } {
  let off = 0, align = 1;
  const offsets = parts.map((p) => {
    off = Math.ceil(off / p.align) * p.align;
    const at = off;
    off += p.size;
    align = Math.max(align, p.align);
    return at;
  });
  return { offsets, size: Math.ceil(off / align) * align, align };
}

const scalarPart = (ctype: CType) => ({ size: CTYPE_BYTES[ctype], align: CTYPE_BYTES[ctype] });

export function structTypeLayout(t: StructType) {
  return naturalLayout(t.fields.map((f) => scalarPart(f.ctype)));
}

/** Size and alignment of a union: its widest member, padded to the strictest alignment. */
export function unionLayout(u: UnionField): { size: number; align: number } {
  const ms = u.members.map((m) => structTypeLayout(m.struct));
  const align = Math.max(...ms.map((m) => m.align));
  return { size: Math.ceil(Math.max(...ms.map((m) => m.size)) / align) * align, align };
}

export function fieldsLayout(fields: Field[]) {
  return naturalLayout(fields.map((f) => (isUnionField(f) ? unionLayout(f) : scalarPart(f.ctype))));
}

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

function readScalar(v: DataView, offset: number, ctype: CType): bigint {
  switch (ctype) {
    case "int64_t": return v.getBigInt64(offset, true);
    case "int32_t": return BigInt(v.getInt32(offset, true));
    case "int16_t": return BigInt(v.getInt16(offset, true));
    case "uint16_t": return BigInt(v.getUint16(offset, true));
    case "int8_t": return BigInt(v.getInt8(offset));
    case "uint8_t": return BigInt(v.getUint8(offset));
  }
}

type Placed<F> = F & { offset: number };

function field(v: DataView, name: string, ctype: CType, offset: number, comment: string): Placed<ScalarField> {
  return { name, ctype, value: readScalar(v, offset, ctype), comment, offset };
}

/** A struct type whose fields sit at the given WASM offsets (checked against the natural C layout). */
function structType(type: string, bytes: number, fields: Placed<FieldDecl>[]): StructType & { placed: Placed<FieldDecl>[] } {
  const l = naturalLayout(fields.map((f) => scalarPart(f.ctype)));
  fields.forEach((f, i) => {
    if (l.offsets[i] !== f.offset) throw new Error(`${type}.${f.name}: C offset ${l.offsets[i]} ≠ WASM offset ${f.offset}`);
  });
  if (l.size !== bytes) throw new Error(`${type}: C size ${l.size} ≠ ${bytes}`);
  return { type, fields: fields.map(({ offset: _o, ...f }) => f), placed: fields };
}

/** The union `union` at byte `offset`, holding `member` (read from the block); other members share the bytes. */
function unionField(v: DataView, name: string, offset: number, comment: string, union: string,
  members: { name: string; struct: ReturnType<typeof structType>; comment: string }[], member: string): Placed<UnionField> {
  const m = members.find((x) => x.name === member)!;
  const fields = m.struct.placed.map((f) => field(v, f.name, f.ctype, offset + f.offset, f.comment)).map(({ offset: _o, ...f }) => f);
  const decls = members.map((x) => ({ name: x.name, struct: { type: x.struct.type, fields: x.struct.fields }, comment: x.comment }));
  return { name, comment, union, members: decls, member, fields, offset };
}

/** Checks the fields sit at their natural-alignment offsets (so the C struct is the WASM block). */
function structOf(name: string, type: string, bytes: number, fields: Placed<Field>[]): StructBlock {
  const l = fieldsLayout(fields);
  fields.forEach((f, i) => {
    if (l.offsets[i] !== f.offset) throw new Error(`${type}.${f.name}: C offset ${l.offsets[i]} ≠ WASM offset ${f.offset}`);
  });
  if (l.size !== bytes) throw new Error(`${type}: C size ${l.size} ≠ ${bytes}`);
  return { kind: "struct", name, type, bytes, fields: fields.map(({ offset: _o, ...f }) => f as Field) };
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

/** The 32-byte pwl2 block (assembly/qpwl.ts): the int8/int16 `fixed` params, and the int16 lut/poly
 *  kind-1 right tail. One type, so every header defines qact_pwl2_params the same way. */
const PWL2_TYPE = structType("qact_pwl2_params", 32, [
  { name: "in_zp", ctype: "int32_t", offset: 0, comment: "input zero point" },
  { name: "mul_pos", ctype: "int32_t", offset: 4, comment: "slope for d ≥ 0, Q(shift)" },
  { name: "mul_neg", ctype: "int32_t", offset: 8, comment: "slope for d < 0, Q(shift)" },
  { name: "shift", ctype: "int32_t", offset: 12, comment: "fraction bits of the multipliers and bias (1..62)" },
  { name: "bias", ctype: "int64_t", offset: 16, comment: "offset in output steps plus out_zp, Q(shift)" },
  { name: "lo", ctype: "int32_t", offset: 24, comment: "lowest output code" },
  { name: "hi", ctype: "int32_t", offset: 28, comment: "highest output code" },
]);

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
    blocks: [structOf("params", PWL2_TYPE.type, 32, PWL2_TYPE.placed.map((f) => field(v, f.name, f.ctype, f.offset, f.comment)))],
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
      "codes below lo give entries[0], codes above hi the last entry (prepare drops constant ends of the output; lo = −32768 and hi = 32767 when it keeps them all)",
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

/** The kind-2 right tail of the int16 lut/poly header (assembly/q16/tails.ts lineScalar), at header byte 32. */
const SEG16_LINE_TYPE = structType("qact_seg16_line", 20, [
  { name: "zp", ctype: "int32_t", offset: 0, comment: "input zero point (d = q − zp)" },
  { name: "mh", ctype: "int32_t", offset: 4, comment: "slope multiplier m = mh·2^15 + ml in Q(s2 + 15): high part" },
  { name: "ml", ctype: "int32_t", offset: 8, comment: "slope multiplier: low 15 bits" },
  { name: "s2", ctype: "int32_t", offset: 12, comment: "fraction bits of the line (0..31)" },
  { name: "c", ctype: "int32_t", offset: 16, comment: "(out_zp + 1/2)·2^s2 rounded down" },
]);

const SEG16_RIGHT_MEMBERS = [
  { name: "pwl2", struct: PWL2_TYPE, comment: "right_kind 1: the line slope·x by qact_pwl2_one (int64)" },
  { name: "line", struct: SEG16_LINE_TYPE, comment: "right_kind 2: the line in int32 (right_kind 0: unused, all 0)" },
];

/** The 64-byte header of i16_lut513 and i16_poly3 (assembly/q16/tails.ts, written by src/tables/lut16.ts
 *  int16Domain), checked so that the C reference's arithmetic is defined on it. */
function seg16Header(exportName: string, v: DataView, bytes: number) {
  if (v.byteLength !== bytes) badBlock(exportName, `${v.byteLength} bytes, expected ${bytes}`);
  const qa = i32At(v, 0), span = i32At(v, 4), mul = i32At(v, 8), k = i32At(v, 12), qb = i32At(v, 20), kind = i32At(v, 24);
  if (!(span >= 1 && mul >= 0 && span * mul < 2 ** 31)) badBlock(exportName, `header span ${span}, mul ${mul}: need span ≥ 1, mul ≥ 0, span·mul < 2^31`);
  if (!(k >= 1 && k <= 30)) badBlock(exportName, `header k (fraction bits, bytes 12..15) must be 1..30 (got ${k})`);
  if (![0, 1, 2].includes(kind)) badBlock(exportName, `header right_kind (bytes 24..27) must be 0, 1 or 2 (got ${kind})`);
  const unusedFrom = kind === 0 ? 32 : kind === 2 ? 52 : 64;
  for (let o = unusedFrom; o < 64; o++) {
    if (v.getUint8(o) !== 0) badBlock(exportName, `header bytes ${unusedFrom}..63 are unused for right_kind ${kind} and must be 0 (byte ${o} is ${v.getUint8(o)})`);
  }
  if (kind === 1 && !(i32At(v, 44) >= 1 && i32At(v, 44) <= 62)) badBlock(exportName, `header right.pwl2.shift (bytes 44..47) must be 1..62 (got ${i32At(v, 44)})`);
  if (kind === 2 && !(i32At(v, 44) >= 0 && i32At(v, 44) <= 31)) badBlock(exportName, `header right.line.s2 (bytes 44..47) must be 0..31 (got ${i32At(v, 44)})`);
  const header = structOf("header", "qact_seg16_header", 64, [
    field(v, "qa", "int32_t", 0, "first table code (codes below give left)"),
    field(v, "span", "int32_t", 4, "max(1, qb − qa)"),
    field(v, "mul", "int32_t", 8, "position multiplier: pos = clamp(q − qa, 0, span)·mul, in segments Q15 (lut513) or Q12 (poly3)"),
    field(v, "k", "int32_t", 12, "fraction bits of the records (1..30)"),
    field(v, "left", "int32_t", 16, "output code for q < qa"),
    field(v, "qb", "int32_t", 20, "last table code (codes above take the right tail)"),
    field(v, "right_kind", "int32_t", 24, "right tail for q > qb: 0 right_code, 1 right.pwl2, 2 right.line"),
    field(v, "right_code", "int32_t", 28, "output code for q > qb when right_kind is 0"),
    unionField(v, "right", 32, "the right tail line: right_kind 1 pwl2, 2 line (0: unused, all 0)",
      "qact_seg16_right", SEG16_RIGHT_MEMBERS, kind === 1 ? "pwl2" : "line"),
  ]);
  const tail = kind === 0 ? `right_code = ${i32At(v, 28)}` : kind === 1 ? "qact_pwl2_one(&right.pwl2, q)"
    : "clamp((d·mh + ((d·ml) >> 15) + c) >> s2, −32768, 32767) with d = q − zp (right.line)";
  return {
    header,
    tailNotes: [
      `q < qa = ${qa}: left = ${i32At(v, 16)}; q > qb = ${qb}: right_kind ${kind}, ${tail}`,
      "in [qa, qb], all int32 with arithmetic >>: d = clamp(q − qa, 0, span), pos = d·mul",
    ],
  };
}

/** int16 `lut` (assembly/q16/lut.ts lut16Scalar): the 64-byte header, then 512 records (i32 e, i16 d, i16 b). */
const lut513: Decoder = ({ paramBytes }) => {
  const v = new DataView(paramBytes.buffer, paramBytes.byteOffset, paramBytes.byteLength);
  const { header, tailNotes } = seg16Header("i16_lut513", v, 64 + 512 * 8);
  const record = structType("qact_lut513_record", 8, [
    { name: "e", ctype: "int32_t", offset: 0, comment: "output at the segment start, Q(k) output steps, out_zp included" },
    { name: "d", ctype: "int16_t", offset: 4, comment: "rise to the next segment start, Q(k)" },
    { name: "b", ctype: "int16_t", offset: 6, comment: "midpoint bias correction, Q(k)" },
  ]);
  const rows = Array.from({ length: 512 }, (_, i) => [i32At(v, 64 + 8 * i), v.getInt16(68 + 8 * i, true), v.getInt16(70 + 8 * i, true)]);
  return {
    apply: "qact_lut513_i16(&header, records, in, out, n)",
    cCall: (p, i, o, n) => `qact_lut513_i16(&${p}_header, ${p}_records, ${i}, ${o}, ${n});`,
    notes: [
      ...tailNotes,
      "i = min(pos >> 15, 511), t = pos − (i << 15), w = (t·(2^15 − t)) >> 13 (the parabola through both segment ends and the midpoint)",
      "acc = e_i + ((d_i·t + 2^14) >> 15) + ((b_i·w + 2^14) >> 15); y = clamp(round_half_away(acc / 2^k), −32768, 32767)",
      "records[i] is segment i of 512 over [qa, qb] (segments no code reaches are 0); 4096 bytes",
      "header layout = the WASM block's first 64 bytes, records at 64: header then records = the WASM params block (4160 bytes, --format bin)",
    ],
    blocks: [header, { kind: "records", name: "records", record, rows, comment: "segment records", indexedBy: "segment i = min(pos >> 15, 511)" }],
  };
};

/** int16 `poly` (assembly/q16/poly.ts): the same 64-byte header, then 128 records of four i32 coefficients. */
const poly3: Decoder = ({ paramBytes }) => {
  const v = new DataView(paramBytes.buffer, paramBytes.byteOffset, paramBytes.byteLength);
  const { header, tailNotes } = seg16Header("i16_poly3", v, 64 + 128 * 16);
  const record = structType("qact_poly3_record", 16, [0, 1, 2, 3].map((j) => (
    { name: `c${j}`, ctype: "int32_t" as const, offset: 4 * j, comment: `coefficient of t^${j}, Q(k) output steps${j === 0 ? ", out_zp included" : ""}` })));
  const rows = Array.from({ length: 128 }, (_, i) => [0, 1, 2, 3].map((j) => i32At(v, 64 + 16 * i + 4 * j)));
  return {
    apply: "qact_poly3_i16(&header, records, in, out, n)",
    cCall: (p, i, o, n) => `qact_poly3_i16(&${p}_header, ${p}_records, ${i}, ${o}, ${n});`,
    notes: [
      ...tailNotes,
      "i = min(pos >> 12, 127), t = pos − (i << 12) (0..4096)",
      "acc = c3_i, then acc = ((acc·t + 2^11) >> 12) + c_j for j = 2, 1, 0; y = clamp(round_half_away(acc / 2^k), −32768, 32767)",
      "records[i] is segment i of 128 over [qa, qb] (segments no code reaches are 0); 2048 bytes",
      "header layout = the WASM block's first 64 bytes, records at 64: header then records = the WASM params block (2112 bytes, --format bin)",
    ],
    blocks: [header, { kind: "records", name: "records", record, rows, comment: "segment cubics", indexedBy: "segment i = min(pos >> 12, 127)" }],
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
  i16_lut513: lut513,
  i16_poly3: poly3,
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
