// The three firmware formats of a FirmwareExport:
// - c:    a C99 header: `static const` arrays/structs, with index order, Q-formats and params in
//         comments (compiles with gcc -std=c99 -Wall -Wextra -Werror; test/tables/c-reference.test.ts);
// - json: the same blocks (tables with their index order, `indexedBy`; records as rows of numbers in
//         field order; a union field as the member it holds; int64 fields as decimal strings, since JSON
//         numbers lose precision above 2^53) plus params;
// - bin:  the blocks' bytes in order, little-endian; a struct block is exactly its C layout (natural
//         alignment). For every export but the int8 lut (whose table is in input-code order, the WASM
//         block in bit-pattern order) this is exactly the WASM params block: the decoders split the
//         block into consecutive blocks without gaps (test/tables/c-reference.test.ts checks it).
import {
  CTYPE_BYTES, fieldsLayout, isUnionField, structTypeLayout,
  type Block, type CType, type Field, type FirmwareExport, type RecordsBlock, type ScalarField, type StructBlock, type StructType, type TableBlock,
} from "./firmware.js";

export type FirmwareFormat = "c" | "json" | "bin";
export const FIRMWARE_FORMATS: readonly FirmwareFormat[] = ["c", "json", "bin"];

const INT_MIN: Partial<Record<string, bigint>> = { int32_t: -(2n ** 31n), int64_t: -(2n ** 63n) };

function cLiteral(v: bigint, ctype: string): string {
  if (v === INT_MIN[ctype]) return ctype === "int64_t" ? "(-INT64_C(9223372036854775807) - 1)" : "(-2147483647 - 1)";
  return ctype === "int64_t" ? `INT64_C(${v})` : String(v);
}

/** A C identifier from the user's name (letters, digits, underscores; no leading digit). */
export function cIdentifier(s: string): string {
  const id = s.replace(/[^A-Za-z0-9_]/g, "_");
  return /^[0-9]/.test(id) ? `_${id}` : id;
}

const STRUCT_GUARD = (type: string) => `${type.toUpperCase()}_DEFINED`;

function guarded(type: string, body: string[]): string {
  return [`#ifndef ${STRUCT_GUARD(type)}`, `#define ${STRUCT_GUARD(type)}`, ...body, `#endif`].join("\n");
}

const cFieldDecl = (f: { name: string; ctype: CType; comment: string }) => `  ${f.ctype} ${f.name}; /* ${safe(f.comment)} */`;

function cStructType(t: StructType): string {
  return guarded(t.type, [`typedef struct {`, ...t.fields.map(cFieldDecl), `} ${t.type};`]);
}

/** The typedefs a block needs, innermost first (union members, unions, then the struct; or the record). */
function cTypedefs(b: Block): { type: string; text: string }[] {
  if (b.kind === "records") return [{ type: b.record.type, text: cStructType(b.record) }];
  if (b.kind !== "struct") return [];
  const out: { type: string; text: string }[] = [];
  for (const f of b.fields) {
    if (!isUnionField(f)) continue;
    for (const m of f.members) out.push({ type: m.struct.type, text: cStructType(m.struct) });
    out.push({
      type: f.union,
      text: guarded(f.union, [`typedef union {`, ...f.members.map((m) => `  ${m.struct.type} ${m.name}; /* ${safe(m.comment)} */`), `} ${f.union};`]),
    });
  }
  out.push({
    type: b.type,
    text: guarded(b.type, [`typedef struct {`, ...b.fields.map((f) => (isUnionField(f) ? `  ${f.union} ${f.name}; /* ${safe(f.comment)} */` : cFieldDecl(f))), `} ${b.type};`]),
  });
  return out;
}

const cValues = (fields: ScalarField[]) => fields.map((f) => cLiteral(f.value, f.ctype)).join(", ");

function cFieldInit(f: Field): string {
  if (isUnionField(f)) return `  { .${f.member} = { ${cValues(f.fields)} } }, /* ${f.name} (${f.member}): ${safe(f.comment)} */`;
  return `  ${cLiteral(f.value, f.ctype)}, /* ${f.name}: ${safe(f.comment)} */`;
}

const RECORDS_PER_LINE = 4;

function cBlock(prefix: string, b: Block): string {
  if (b.kind === "table") {
    const rows: string[] = [];
    for (let i = 0; i < b.values.length; i += 16) rows.push("  " + b.values.slice(i, i + 16).map((v) => cLiteral(BigInt(v), b.ctype)).join(", "));
    return `/* ${safe(b.comment)}; ${b.values.length} entries, ${b.values.length * CTYPE_BYTES[b.ctype]} bytes */\n` +
      `static const ${b.ctype} ${prefix}_${b.name}[${b.values.length}] QACT_UNUSED = {\n${rows.join(",\n")}\n};`;
  }
  if (b.kind === "records") {
    const size = structTypeLayout(b.record).size;
    const rec = (row: number[]) => `{ ${row.map((v, j) => cLiteral(BigInt(v), b.record.fields[j].ctype)).join(", ")} }`;
    const lines: string[] = [];
    for (let i = 0; i < b.rows.length; i += RECORDS_PER_LINE) lines.push("  " + b.rows.slice(i, i + RECORDS_PER_LINE).map(rec).join(", "));
    return `/* ${safe(b.comment)}; index: ${safe(b.indexedBy)}; ${b.rows.length} records of ${size} bytes ` +
      `{ ${b.record.fields.map((f) => f.name).join(", ")} }, ${b.rows.length * size} bytes */\n` +
      `static const ${b.record.type} ${prefix}_${b.name}[${b.rows.length}] QACT_UNUSED = {\n${lines.join(",\n")}\n};`;
  }
  return `/* ${b.bytes} bytes */\nstatic const ${b.type} ${prefix}_${b.name} QACT_UNUSED = {\n` + b.fields.map(cFieldInit).join("\n") + "\n};";
}

const ASCII: Record<string, string> = { "−": "-", "·": "*", "≥": ">=", "≤": "<=", "…": "...", "×": "x", "→": "->", "≠": "!=" };

/** C comments stay ASCII (some firmware toolchains reject other bytes) and never close early. */
const safe = (s: string) => s.replace(/[−·≥≤…×→≠]/g, (c) => ASCII[c]).replace(/[^\x20-\x7e]/g, "?").replace(/\*\//g, "* /");

export function toC(e: FirmwareExport, prefix: string, command: string): string {
  const guard = `${prefix.toUpperCase()}_H`;
  const q = (p?: { scale: number; zeroPoint: number }) => (p ? `scale ${p.scale}, zero point ${p.zeroPoint}` : "n/a");
  const lines = [
    `/* Generated by qact (${safe(command)}); do not edit: regenerate instead.`,
    ` * kernel  ${e.kernel}`,
    ` * op      ${e.op}   dtype ${e.dtype}   method ${e.method}`,
    ` * params  ${safe(JSON.stringify(e.params))}`,
    ` * input   ${q(e.input)}`,
    ` * output  ${q(e.output)}`,
    ` * apply   ${safe(e.apply)}   (examples/c/qact_ref.h)`,
    ...e.notes.map((n) => ` * - ${safe(n)}`),
    ` */`,
    `#ifndef ${guard}`,
    `#define ${guard}`,
    `#include <stdint.h>`,
    ``,
    `/* a header may define more tables than a translation unit uses */`,
    `#ifndef QACT_UNUSED`,
    `#if defined(__GNUC__)`,
    `#define QACT_UNUSED __attribute__((unused))`,
    `#else`,
    `#define QACT_UNUSED`,
    `#endif`,
    `#endif`,
    ``,
  ];
  const typedefs = new Set<string>();
  for (const b of e.blocks) {
    for (const t of cTypedefs(b)) {
      if (typedefs.has(t.type)) continue;
      typedefs.add(t.type);
      lines.push(t.text, "");
    }
  }
  for (const b of e.blocks) lines.push(cBlock(prefix, b), "");
  lines.push(`#endif /* ${guard} */`, "");
  return lines.join("\n");
}

const jsonValue = (f: ScalarField) => (f.ctype === "int64_t" ? String(f.value) : Number(f.value));
const jsonScalar = (f: ScalarField) => ({ name: f.name, ctype: f.ctype, value: jsonValue(f), comment: f.comment });

function jsonBlock(e: FirmwareExport, b: Block) {
  if (b.kind === "table") {
    return { kind: b.kind, name: b.name, ctype: b.ctype, comment: b.comment, ...(e.dtype !== "f32" ? { indexedBy: b.indexedBy ?? "input code, from min to max" } : {}), values: b.values };
  }
  if (b.kind === "records") {
    return { kind: b.kind, name: b.name, type: b.record.type, comment: b.comment, indexedBy: b.indexedBy,
      fields: b.record.fields, recordBytes: structTypeLayout(b.record).size, rows: b.rows };
  }
  return {
    kind: b.kind, name: b.name, type: b.type, bytes: b.bytes,
    fields: b.fields.map((f) => (isUnionField(f)
      ? { name: f.name, union: f.union, member: f.member, type: f.members.find((m) => m.name === f.member)!.struct.type, comment: f.comment, fields: f.fields.map(jsonScalar) }
      : jsonScalar(f))),
  };
}

export function toJson(e: FirmwareExport): string {
  return JSON.stringify({ ...e, blocks: e.blocks.map((b) => jsonBlock(e, b)) }, null, 2) + "\n";
}

function writeScalar(v: DataView, off: number, ctype: CType, x: bigint): void {
  switch (ctype) {
    case "int64_t": v.setBigInt64(off, x, true); break;
    case "int32_t": v.setInt32(off, Number(x), true); break;
    case "int16_t": case "uint16_t": v.setUint16(off, Number(x) & 0xffff, true); break;
    case "int8_t": case "uint8_t": v.setUint8(off, Number(x) & 0xff); break;
  }
}

function tableBytes(b: TableBlock): Uint8Array {
  const size = CTYPE_BYTES[b.ctype];
  const out = new Uint8Array(b.values.length * size);
  const v = new DataView(out.buffer);
  b.values.forEach((x, i) => writeScalar(v, i * size, b.ctype, BigInt(x)));
  return out;
}

/** Scalars at their natural offsets from `base` (padding stays 0). */
function writeStruct(v: DataView, base: number, fields: ScalarField[]): void {
  const l = structTypeLayout({ type: "", fields });
  fields.forEach((f, i) => writeScalar(v, base + l.offsets[i], f.ctype, f.value));
}

function structBytes(b: StructBlock): Uint8Array {
  const out = new Uint8Array(b.bytes);
  const v = new DataView(out.buffer);
  const l = fieldsLayout(b.fields);
  b.fields.forEach((f, i) => {
    if (isUnionField(f)) writeStruct(v, l.offsets[i], f.fields); // the member's bytes; the rest of the union stays 0
    else writeScalar(v, l.offsets[i], f.ctype, f.value);
  });
  return out;
}

function recordsBytes(b: RecordsBlock): Uint8Array {
  const size = structTypeLayout(b.record).size;
  const out = new Uint8Array(b.rows.length * size);
  const v = new DataView(out.buffer);
  b.rows.forEach((row, i) => writeStruct(v, i * size, b.record.fields.map((f, j) => ({ ...f, value: BigInt(row[j]) }))));
  return out;
}

export function toBin(e: FirmwareExport): Uint8Array {
  const parts = e.blocks.map((b) => (b.kind === "table" ? tableBytes(b) : b.kind === "records" ? recordsBytes(b) : structBytes(b)));
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
