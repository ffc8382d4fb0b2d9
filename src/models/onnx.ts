// Reader of ONNX QDQ models through protobufjs, with the subset of onnx.proto (onnx/onnx, onnx/onnx.proto)
// qact needs. Field numbers are onnx.proto's; unknown fields are skipped by protobuf itself.
// A quantized activation in QDQ form is DequantizeLinear(x_q, x_scale, x_zp) → Act → QuantizeLinear(y,
// y_scale, y_zp); the scale and zero point come from initializers (or Constant nodes). The element type
// is the zero point's (ONNX: QuantizeLinear without a zero point produces uint8).
import protobuf from "protobufjs";
import { QactError } from "../errors.js";
import type { Params } from "../types.js";
import type { ActivationSite, ModelDType, ModelReport, TensorQuant } from "./types.js";

export const ONNX_PROTO = `
syntax = "proto2";
package onnx;
message AttributeProto {
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  optional TensorProto t = 5;
  repeated float floats = 7;
  repeated int64 ints = 8;
  optional int32 type = 20;
}
message ValueInfoProto { optional string name = 1; }
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated AttributeProto attribute = 5;
  optional string domain = 7;
}
message TensorProto {
  repeated int64 dims = 1;
  optional int32 data_type = 2;
  repeated float float_data = 4 [packed = true];
  repeated int32 int32_data = 5 [packed = true];
  repeated int64 int64_data = 7 [packed = true];
  optional string name = 8;
  optional bytes raw_data = 9;
  repeated double double_data = 10 [packed = true];
  optional int32 data_location = 14;
}
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

const root = protobuf.parse(ONNX_PROTO, { keepCase: true }).root;
export const ModelProto = root.lookupType("onnx.ModelProto");

/** TensorProto.DataType values used here (onnx.proto). */
export const ONNX_TYPES: Record<number, ModelDType> = { 1: "float32", 2: "uint8", 3: "int8", 4: "uint16", 5: "int16", 6: "int32", 10: "float16" };
const MAX_IR_VERSION = 11;

interface Tensor {
  dims?: (number | Long)[];
  data_type?: number;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: (number | Long)[];
  double_data?: number[];
  name?: string;
  raw_data?: Uint8Array;
  data_location?: number;
}
interface Attribute { name?: string; f?: number; i?: number | Long; s?: Uint8Array; t?: Tensor; type?: number }
interface Node { input?: string[]; output?: string[]; name?: string; op_type?: string; attribute?: Attribute[]; domain?: string }
interface Graph { node?: Node[]; initializer?: Tensor[]; name?: string }
interface Model { ir_version?: number | Long; graph?: Graph; opset_import?: { domain?: string; version?: number | Long }[] }
type Long = { toNumber(): number };

const num = (v: number | Long | undefined) => (v === undefined ? undefined : typeof v === "number" ? v : v.toNumber());

export const ONNX_ACTIVATIONS: Record<string, string> = {
  Sigmoid: "sigmoid", Tanh: "tanh", HardSigmoid: "hard_sigmoid", HardSwish: "hardswish", Relu: "relu",
  LeakyRelu: "leaky_relu", PRelu: "prelu", Elu: "elu", Gelu: "gelu", Softmax: "softmax", LogSoftmax: "log_softmax",
};

const RAW_SIZE: Record<number, number> = { 1: 4, 2: 1, 3: 1, 4: 2, 5: 2, 6: 4, 7: 8, 11: 8 };

/** Every element of a constant tensor, as numbers (at most `limit`). */
function values(t: Tensor, source: string, limit = 1 << 16): number[] {
  const dt = t.data_type ?? 0;
  if (t.data_location === 1) throw new QactError("model", `${source}: tensor ${t.name} is stored externally; qact reads self-contained models only`);
  if (t.float_data?.length) return t.float_data.slice(0, limit);
  if (t.double_data?.length) return t.double_data.slice(0, limit);
  if (t.int32_data?.length) return t.int32_data.slice(0, limit);
  if (t.int64_data?.length) return t.int64_data.slice(0, limit).map((x) => num(x)!);
  const raw = t.raw_data;
  if (raw && raw.length > 0) {
    const size = RAW_SIZE[dt];
    if (size === undefined) throw new QactError("model", `${source}: tensor ${t.name} has data type ${dt}, not a numeric type qact reads`);
    if (raw.length % size !== 0) throw new QactError("model", `${source}: tensor ${t.name} raw_data is ${raw.length} bytes, not a multiple of ${size}`);
    const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    const n = Math.min(limit, raw.length / size);
    const read = (i: number): number => {
      const o = i * size;
      switch (dt) {
        case 1: return v.getFloat32(o, true);
        case 2: return v.getUint8(o);
        case 3: return v.getInt8(o);
        case 4: return v.getUint16(o, true);
        case 5: return v.getInt16(o, true);
        case 6: return v.getInt32(o, true);
        case 7: return Number(v.getBigInt64(o, true));
        default: return v.getFloat64(o, true);
      }
    };
    return Array.from({ length: n }, (_, i) => read(i));
  }
  throw new QactError("model", `${source}: tensor ${t.name ?? "(unnamed)"} holds no value`);
}

const firstValue = (t: Tensor, source: string) => values(t, source, 1)[0];

function count(t: Tensor): number {
  return (t.dims ?? []).reduce<number>((a, d) => a * num(d)!, 1);
}

export function readOnnx(bytes: Uint8Array, source = "model"): ModelReport {
  let m: Model;
  try {
    m = ModelProto.decode(bytes) as unknown as Model;
  } catch (e) {
    throw new QactError("model", `${source}: corrupt or truncated ONNX model (${(e as Error).message})`);
  }
  const ir = num(m.ir_version);
  if (ir === undefined || !m.graph) throw new QactError("model", `${source} is not an ONNX model (no ir_version or graph)`);
  if (ir < 3 || ir > MAX_IR_VERSION) throw new QactError("model", `${source}: unsupported ONNX IR version ${ir} (supported: 3..${MAX_IR_VERSION})`);
  const opset = num(m.opset_import?.find((o) => !o.domain || o.domain === "ai.onnx")?.version);
  const g = m.graph;
  const nodes = g.node ?? [];
  const consts = new Map<string, Tensor>();
  for (const t of g.initializer ?? []) if (t.name) consts.set(t.name, t);
  for (const n of nodes) {
    if (n.op_type === "Constant" && n.output?.[0]) {
      const t = n.attribute?.find((a) => a.name === "value")?.t;
      if (t) consts.set(n.output[0], t);
    }
  }
  const producer = new Map<string, Node>();
  const consumers = new Map<string, Node[]>();
  for (const n of nodes) {
    for (const o of n.output ?? []) producer.set(o, n);
    for (const i of n.input ?? []) {
      const list = consumers.get(i);
      if (list) list.push(n);
      else consumers.set(i, [n]);
    }
  }
  const qdq = (n: Node | undefined, where: string): TensorQuant | undefined => {
    if (!n) return undefined;
    const [, scaleName, zpName] = n.input ?? [];
    const scaleT = scaleName ? consts.get(scaleName) : undefined;
    if (!scaleT) throw new QactError("model", `${source}: ${where}: ${n.op_type} scale ${JSON.stringify(scaleName)} is not a constant`);
    const zpT = zpName ? consts.get(zpName) : undefined;
    if (zpName && !zpT) throw new QactError("model", `${source}: ${where}: ${n.op_type} zero point ${JSON.stringify(zpName)} is not a constant`);
    const dtype: ModelDType = zpT ? ONNX_TYPES[zpT.data_type ?? 0] ?? "other" : "uint8";
    const out: TensorQuant = { dtype, quant: { scale: firstValue(scaleT, source), zeroPoint: zpT ? firstValue(zpT, source) : 0 } };
    if (count(scaleT) > 1) out.perChannel = count(scaleT);
    return out;
  };
  /** A constant's real values: an initializer, or DequantizeLinear of one (dequantized here, per tensor). */
  const constantValues = (name: string): number[] | undefined => {
    const t = consts.get(name);
    if (t) return values(t, source);
    const dq = producer.get(name);
    if (dq?.op_type !== "DequantizeLinear") return undefined;
    const [q, s, z] = dq.input ?? [];
    const qt = consts.get(q), st = s ? consts.get(s) : undefined, zt = z ? consts.get(z) : undefined;
    if (!qt || !st) return undefined;
    const scale = firstValue(st, source), zp = zt ? firstValue(zt, source) : 0;
    return values(qt, source).map((v) => scale * (v - zp));
  };
  const activations: ActivationSite[] = [];
  nodes.forEach((n, i) => {
    const opType = n.op_type ?? "";
    let op = ONNX_ACTIVATIONS[opType];
    if (!op || (n.domain && n.domain !== "ai.onnx")) return;
    const where = `node ${i}${n.name ? ` (${n.name})` : ""}`;
    const attr = (name: string) => n.attribute?.find((a) => a.name === name);
    const params: Params = {};
    const notes: string[] = [];
    if (opType === "LeakyRelu") params.alpha = attr("alpha")?.f ?? 0.01;
    if (opType === "Elu") params.alpha = attr("alpha")?.f ?? 1;
    if (opType === "HardSigmoid") {
      params.alpha = attr("alpha")?.f ?? 0.2;
      params.beta = attr("beta")?.f ?? 0.5;
    }
    if (opType === "Gelu" && new TextDecoder().decode(attr("approximate")?.s ?? new Uint8Array()) === "tanh") op = "gelu_tanh";
    if (opType === "Softmax" || opType === "LogSoftmax") {
      const axis = num(attr("axis")?.i);
      if (axis !== undefined && axis !== -1) notes.push(`axis ${axis}: qact works along the last axis; check that it is the last`);
      else if (axis === undefined && opset !== undefined && opset < 13) notes.push("opset < 13: axis defaults to 1 and the input is coerced to 2-D; qact works along the last axis");
    }
    if (opType === "PRelu") {
      const slope = n.input?.[1];
      const alpha = slope ? constantValues(slope) : undefined;
      if (alpha) params.alpha = alpha.length === 1 ? alpha[0] : alpha;
      else notes.push(`slope ${JSON.stringify(slope)} is not a constant`);
    }
    const x = n.input?.[0], y = n.output?.[0];
    const dq = x ? producer.get(x) : undefined;
    const q = y ? (consumers.get(y) ?? []).find((c) => c.op_type === "QuantizeLinear") : undefined;
    const input = qdq(dq?.op_type === "DequantizeLinear" ? dq : undefined, where) ?? { dtype: "float32" as const };
    const output = qdq(q, where) ?? { dtype: "float32" as const };
    if (input.quant === undefined || output.quant === undefined) notes.push("no DequantizeLinear before and QuantizeLinear after it: runs in float");
    const isQ = (t: TensorQuant) => (t.dtype === "int8" || t.dtype === "int16") && t.quant !== undefined && t.perChannel === undefined;
    if (x) input.name = x;
    if (y) output.name = y;
    activations.push({ op, modelOp: opType, where, params, input, output, quantized: isQ(input) && isQ(output), notes });
  });
  return { format: "onnx", version: `IR ${ir}${opset !== undefined ? `, opset ${opset}` : ""}`, activations };
}
