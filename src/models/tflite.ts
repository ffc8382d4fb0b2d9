// Reader of the few TFLite FlatBuffers tables qact needs (schema: tensorflow/lite/schema/schema.fbs,
// checked against the copy in tensorflow/tflite-micro at 6cdf0d78),
// on top of the `flatbuffers` package's ByteBuffer with every offset bounds-checked, so a corrupt or
// truncated file gives a QactError instead of garbage (ByteBuffer itself reads 0 past the end).
//
// Schema facts used (field slot = declaration order; a union takes two slots, type then value):
//   file_identifier "TFL3"; Model.version (slot 0) is the schema version, 3 since buffers moved to Model.buffers
//   Model         { version:uint 0, operator_codes:[OperatorCode] 1, subgraphs:[SubGraph] 2, description 3, buffers:[Buffer] 4 }
//   OperatorCode  { deprecated_builtin_code:byte 0, custom_code 1, version:int 2, builtin_code:int 3 }
//                 builtin code = max(builtin_code, deprecated_builtin_code) (schema_utils.cc GetBuiltinCode)
//   SubGraph      { tensors 0, inputs 1, outputs 2, operators 3, name 4 }
//   Tensor        { shape 0, type:TensorType(byte) 1, buffer:uint 2, name 3, quantization 4 }
//   QuantizationParameters { min 0, max 1, scale:[float] 2, zero_point:[long] 3, details 4+5, quantized_dimension 6 }
//   Operator      { opcode_index:uint 0, inputs:[int] 1, outputs:[int] 2, builtin_options_type 3, builtin_options 4 }
//   Buffer        { data:[ubyte] 0 }   (Tensor.buffer indexes Model.buffers; 0 = no data)
//   TensorType    FLOAT32 0, FLOAT16 1, INT32 2, UINT8 3, INT64 4, INT16 7, INT8 9, UINT16 16, INT4 17
//   BuiltinOperator LOGISTIC 14, RELU 19, RELU_N1_TO_1 20, RELU6 21, SOFTMAX 25, TANH 28, LOG_SOFTMAX 50,
//                 PRELU 54, LEAKY_RELU 98, ELU 111, HARD_SWISH 117, GELU 150
//   BuiltinOptions SoftmaxOptions 9 { beta:float }, LeakyReluOptions 75 { alpha:float }, GeluOptions 116 { approximate:bool }
import { ByteBuffer } from "flatbuffers";
import { QactError } from "../errors.js";
import type { Params } from "../types.js";
import type { ActivationSite, ModelDType, ModelReport, TensorQuant } from "./types.js";

export const TFLITE_SCHEMA_VERSION = 3;

export const TFLITE_ACTIVATIONS: Record<number, { name: string; op: string; params?: Params }> = {
  14: { name: "LOGISTIC", op: "sigmoid" },
  19: { name: "RELU", op: "relu" },
  20: { name: "RELU_N1_TO_1", op: "hard_tanh", params: { min_val: -1, max_val: 1 } },
  21: { name: "RELU6", op: "relu6" },
  25: { name: "SOFTMAX", op: "softmax" },
  28: { name: "TANH", op: "tanh" },
  50: { name: "LOG_SOFTMAX", op: "log_softmax" },
  54: { name: "PRELU", op: "prelu" },
  98: { name: "LEAKY_RELU", op: "leaky_relu" },
  111: { name: "ELU", op: "elu" },
  117: { name: "HARD_SWISH", op: "hardswish" },
  150: { name: "GELU", op: "gelu" },
};

export const TFLITE_TYPES: Record<number, ModelDType> = { 0: "float32", 1: "float16", 2: "int32", 3: "uint8", 7: "int16", 9: "int8", 16: "uint16" };
export const BUILTIN_OPTIONS = { SoftmaxOptions: 9, LeakyReluOptions: 75, GeluOptions: 116 } as const;

class Corrupt extends QactError {
  constructor(source: string, what: string) {
    super("model", `${source}: corrupt or truncated .tflite (${what})`);
  }
}

/** Bounds-checked access to FlatBuffers tables. */
class Reader {
  readonly bb: ByteBuffer;
  constructor(readonly bytes: Uint8Array, readonly source: string) {
    this.bb = new ByteBuffer(bytes);
  }
  private need(pos: number, size: number, what: string): void {
    if (!Number.isInteger(pos) || pos < 0 || pos + size > this.bytes.length) throw new Corrupt(this.source, `${what} at byte ${pos} is outside the file`);
  }
  u8(pos: number, what: string): number { this.need(pos, 1, what); return this.bb.readUint8(pos); }
  i8(pos: number, what: string): number { this.need(pos, 1, what); return this.bb.readInt8(pos); }
  u16(pos: number, what: string): number { this.need(pos, 2, what); return this.bb.readUint16(pos); }
  i32(pos: number, what: string): number { this.need(pos, 4, what); return this.bb.readInt32(pos); }
  u32(pos: number, what: string): number { this.need(pos, 4, what); return this.bb.readUint32(pos); }
  f32(pos: number, what: string): number { this.need(pos, 4, what); return this.bb.readFloat32(pos); }
  i64(pos: number, what: string): bigint { this.need(pos, 8, what); return this.bb.readInt64(pos); }

  /** Position of the field's value, or 0 when absent (after validating the vtable). */
  field(table: number, slot: number, what: string): number {
    const vtable = table - this.i32(table, `${what} vtable`);
    const vlen = this.u16(vtable, `${what} vtable`);
    this.need(vtable, vlen, `${what} vtable`);
    const o = 4 + 2 * slot;
    if (o >= vlen) return 0;
    const off = this.u16(vtable + o, what);
    return off === 0 ? 0 : table + off;
  }
  /** Follows an offset to a table/vector/string. */
  indirect(pos: number, what: string): number {
    const p = pos + this.u32(pos, what);
    this.need(p, 4, what);
    return p;
  }
  /** [start, length] of a vector field (length 0 when absent). */
  vector(table: number, slot: number, elemSize: number, what: string): [number, number] {
    const f = this.field(table, slot, what);
    if (f === 0) return [0, 0];
    const v = this.indirect(f, what);
    const len = this.u32(v, `${what} length`);
    this.need(v + 4, len * elemSize, what);
    return [v + 4, len];
  }
  tables(table: number, slot: number, what: string): number[] {
    const [start, len] = this.vector(table, slot, 4, what);
    return Array.from({ length: len }, (_, i) => this.indirect(start + 4 * i, `${what}[${i}]`));
  }
  ints(table: number, slot: number, what: string): number[] {
    const [start, len] = this.vector(table, slot, 4, what);
    return Array.from({ length: len }, (_, i) => this.i32(start + 4 * i, what));
  }
  string(table: number, slot: number, what: string): string | undefined {
    const [start, len] = this.vector(table, slot, 1, what);
    if (start === 0) return undefined;
    return new TextDecoder().decode(this.bytes.subarray(start, start + len));
  }
  scalar(table: number, slot: number, kind: "u8" | "i8" | "i32" | "u32" | "f32", dflt: number, what: string): number {
    const f = this.field(table, slot, what);
    return f === 0 ? dflt : this[kind](f, what);
  }
}

function tensorQuant(r: Reader, tensors: number[], index: number, where: string): TensorQuant {
  if (index < 0 || index >= tensors.length) throw new Corrupt(r.source, `${where} refers to tensor ${index}, but the subgraph has ${tensors.length}`);
  const t = tensors[index];
  const dtype = TFLITE_TYPES[r.scalar(t, 1, "i8", 0, "Tensor.type")] ?? "other";
  const name = r.string(t, 3, "Tensor.name");
  const qf = r.field(t, 4, "Tensor.quantization");
  const out: TensorQuant = { dtype, ...(name !== undefined ? { name } : {}) };
  if (qf === 0) return out;
  const q = r.indirect(qf, "QuantizationParameters");
  const [ss, sn] = r.vector(q, 2, 4, "QuantizationParameters.scale");
  const [zs, zn] = r.vector(q, 3, 8, "QuantizationParameters.zero_point");
  if (sn === 0) return out;
  const scale = r.f32(ss, "scale");
  const zeroPoint = zn === 0 ? 0 : Number(r.i64(zs, "zero_point"));
  out.quant = { scale, zeroPoint };
  if (sn > 1) out.perChannel = sn;
  return out;
}

/** The real values of a constant tensor (float32, or int8/uint8/int16 dequantized per tensor), or undefined. */
function constantValues(r: Reader, tensors: number[], buffers: number[], index: number): number[] | undefined {
  if (index < 0 || index >= tensors.length) return undefined;
  const t = tensors[index];
  const b = r.scalar(t, 2, "u32", 0, "Tensor.buffer");
  if (b === 0 || b >= buffers.length) return undefined;
  const [start, len] = r.vector(buffers[b], 0, 1, "Buffer.data");
  if (len === 0) return undefined;
  const q = tensorQuant(r, tensors, index, "constant");
  const size = { float32: 4, int8: 1, uint8: 1, int16: 2 }[q.dtype as string];
  if (size === undefined || len % size !== 0) return undefined;
  const dv = new DataView(r.bytes.buffer, r.bytes.byteOffset + start, len);
  const raw = Array.from({ length: Math.min(len / size, 1 << 16) }, (_, i) =>
    size === 4 ? dv.getFloat32(i * 4, true) : size === 2 ? dv.getInt16(i * 2, true) : q.dtype === "int8" ? dv.getInt8(i) : dv.getUint8(i));
  if (q.dtype === "float32") return raw;
  if (!q.quant) return undefined;
  const { scale, zeroPoint } = q.quant;
  return raw.map((v) => scale * (v - zeroPoint));
}

function options(r: Reader, op: number, builtin: number, params: Params, notes: string[]): void {
  const type = r.scalar(op, 3, "u8", 0, "Operator.builtin_options_type");
  const f = r.field(op, 4, "Operator.builtin_options");
  if (f === 0) return;
  const o = r.indirect(f, "builtin_options");
  if (builtin === 98 && type === BUILTIN_OPTIONS.LeakyReluOptions) params.alpha = r.scalar(o, 0, "f32", 0, "LeakyReluOptions.alpha");
  if ((builtin === 25) && type === BUILTIN_OPTIONS.SoftmaxOptions) params.beta = r.scalar(o, 0, "f32", 0, "SoftmaxOptions.beta");
  if (builtin === 150 && type === BUILTIN_OPTIONS.GeluOptions && r.scalar(o, 0, "u8", 0, "GeluOptions.approximate") !== 0) {
    notes.push("GELU approximate=true: the tanh approximation (qact op gelu_tanh)");
  }
}

/** Reads a .tflite model and lists its activation ops with their quantization. */
export function readTflite(bytes: Uint8Array, source = "model"): ModelReport {
  if (bytes.length < 8) throw new Corrupt(source, `only ${bytes.length} bytes`);
  const ident = String.fromCharCode(...bytes.subarray(4, 8));
  if (ident !== "TFL3") throw new QactError("model", `${source} is not a TFLite model (file identifier ${JSON.stringify(ident)}, expected "TFL3")`);
  const r = new Reader(bytes, source);
  const model = r.indirect(0, "root table");
  const version = r.scalar(model, 0, "u32", 0, "Model.version");
  if (version !== TFLITE_SCHEMA_VERSION) {
    throw new QactError("model", `${source}: unsupported TFLite schema version ${version} (supported: ${TFLITE_SCHEMA_VERSION})`);
  }
  const opcodes = r.tables(model, 1, "Model.operator_codes").map((c) => Math.max(
    r.scalar(c, 3, "i32", 0, "OperatorCode.builtin_code"), r.scalar(c, 0, "i8", 0, "OperatorCode.deprecated_builtin_code")));
  const subgraphs = r.tables(model, 2, "Model.subgraphs");
  const buffers = r.tables(model, 4, "Model.buffers");
  const activations: ActivationSite[] = [];
  subgraphs.forEach((sg, s) => {
    const tensors = r.tables(sg, 0, "SubGraph.tensors");
    r.tables(sg, 3, "SubGraph.operators").forEach((op, i) => {
      const idx = r.scalar(op, 0, "u32", 0, "Operator.opcode_index");
      if (idx >= opcodes.length) throw new Corrupt(source, `operator ${i} uses opcode ${idx}, but the model has ${opcodes.length}`);
      const code = opcodes[idx];
      const act = TFLITE_ACTIVATIONS[code];
      if (!act) return;
      const where = `subgraph ${s}, operator ${i}`;
      const ins = r.ints(op, 1, "Operator.inputs"), outs = r.ints(op, 2, "Operator.outputs");
      if (ins.length < 1 || outs.length < 1) throw new Corrupt(source, `${where} (${act.name}) has no input or output tensor`);
      const params: Params = { ...(act.params ?? {}) };
      const notes: string[] = [];
      let opName = act.op;
      options(r, op, code, params, notes);
      if (notes.some((n) => n.includes("gelu_tanh"))) opName = "gelu_tanh";
      if (code === 54) {
        const alpha = ins.length > 1 ? constantValues(r, tensors, buffers, ins[1]) : undefined;
        if (alpha) params.alpha = alpha.length === 1 ? alpha[0] : alpha;
        else notes.push(`alpha (tensor ${ins[1]}) is not a constant qact can read`);
      }
      const input = tensorQuant(r, tensors, ins[0], where), output = tensorQuant(r, tensors, outs[0], where);
      const isQ = (t: TensorQuant) => (t.dtype === "int8" || t.dtype === "int16") && t.quant !== undefined && t.perChannel === undefined;
      activations.push({ op: opName, modelOp: act.name, where, params, input, output, quantized: isQ(input) && isQ(output), notes });
    });
  });
  return { format: "tflite", version: `schema ${version}`, activations };
}
