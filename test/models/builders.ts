// Tiny models built in memory for the reader tests: TFLite with the `flatbuffers` Builder (slots from
// tensorflow/lite/schema/schema.fbs), ONNX with `onnx-proto` (protobufjs code generated from the
// official onnx.proto, v1.10.2 — independent of qact's own onnx.proto subset).
import { Builder } from "flatbuffers";
import onnxProto from "onnx-proto";

const { onnx } = onnxProto;

export interface TfTensor {
  type: number; // TensorType: 9 INT8, 7 INT16, 3 UINT8, 0 FLOAT32
  name: string;
  scale?: number[];
  zeroPoint?: number[];
  /** index into TfModel.buffers (constant data) */
  buffer?: number;
}
export interface TfOp {
  opcode: number; // index into opcodes
  inputs: number[];
  outputs: number[];
  options?: { type: number; float?: number; bool?: boolean };
}
export interface TfModel {
  version?: number;
  /** builtin codes; codes ≥ 127 go to builtin_code only, smaller ones to deprecated_builtin_code (like the converter) */
  opcodes: number[];
  tensors: TfTensor[];
  ops: TfOp[];
  /** Model.buffers[1..] data (buffer 0 is the empty sentinel) */
  buffers?: Uint8Array[];
}

function intVector(b: Builder, xs: number[]): number {
  b.startVector(4, xs.length, 4);
  for (let i = xs.length - 1; i >= 0; i--) b.addInt32(xs[i]);
  return b.endVector();
}
function offsetVector(b: Builder, xs: number[]): number {
  b.startVector(4, xs.length, 4);
  for (let i = xs.length - 1; i >= 0; i--) b.addOffset(xs[i]);
  return b.endVector();
}

export function buildTflite(m: TfModel): Uint8Array {
  const b = new Builder(256);
  const tensors = m.tensors.map((t) => {
    const name = b.createString(t.name);
    let quant = 0;
    if (t.scale) {
      b.startVector(4, t.scale.length, 4);
      for (let i = t.scale.length - 1; i >= 0; i--) b.addFloat32(t.scale[i]);
      const scale = b.endVector();
      const zps = t.zeroPoint ?? t.scale.map(() => 0);
      b.startVector(8, zps.length, 8);
      for (let i = zps.length - 1; i >= 0; i--) b.addInt64(BigInt(zps[i]));
      const zp = b.endVector();
      b.startObject(7);
      b.addFieldOffset(2, scale, 0);
      b.addFieldOffset(3, zp, 0);
      quant = b.endObject();
    }
    const shape = intVector(b, [1, 8]);
    b.startObject(5);
    b.addFieldOffset(0, shape, 0);
    b.addFieldInt8(1, t.type, 0);
    b.addFieldInt32(2, t.buffer ?? 0, 0);
    b.addFieldOffset(3, name, 0);
    if (quant) b.addFieldOffset(4, quant, 0);
    return b.endObject();
  });
  const ops = m.ops.map((o) => {
    let opts = 0;
    if (o.options) {
      b.startObject(1);
      if (o.options.float !== undefined) b.addFieldFloat32(0, o.options.float, 0);
      if (o.options.bool !== undefined) b.addFieldInt8(0, o.options.bool ? 1 : 0, 0);
      opts = b.endObject();
    }
    const ins = intVector(b, o.inputs), outs = intVector(b, o.outputs);
    b.startObject(5);
    b.addFieldInt32(0, o.opcode, 0);
    b.addFieldOffset(1, ins, 0);
    b.addFieldOffset(2, outs, 0);
    if (o.options) {
      b.addFieldInt8(3, o.options.type, 0);
      b.addFieldOffset(4, opts, 0);
    }
    return b.endObject();
  });
  const tensorVec = offsetVector(b, tensors), opVec = offsetVector(b, ops);
  b.startObject(5);
  b.addFieldOffset(0, tensorVec, 0);
  b.addFieldOffset(3, opVec, 0);
  const sg = b.endObject();
  const codes = m.opcodes.map((c) => {
    b.startObject(4);
    b.addFieldInt8(0, Math.min(c, 127), 0);
    b.addFieldInt32(2, 1, 1);
    b.addFieldInt32(3, c, 0);
    return b.endObject();
  });
  const bufs = [new Uint8Array(0), ...(m.buffers ?? [])].map((d) => {
    let data = 0;
    if (d.length) {
      b.startVector(1, d.length, 16);
      for (let i = d.length - 1; i >= 0; i--) b.addInt8(d[i]);
      data = b.endVector();
    }
    b.startObject(1);
    if (data) b.addFieldOffset(0, data, 0);
    return b.endObject();
  });
  const codeVec = offsetVector(b, codes), sgVec = offsetVector(b, [sg]), bufVec = offsetVector(b, bufs);
  b.startObject(5);
  b.addFieldInt32(0, m.version ?? 3, 0);
  b.addFieldOffset(1, codeVec, 0);
  b.addFieldOffset(2, sgVec, 0);
  b.addFieldOffset(4, bufVec, 0);
  const model = b.endObject();
  b.finish(model, "TFL3");
  return b.asUint8Array().slice();
}

// ---- ONNX ----
export type OnnxElem = "int8" | "uint8" | "int16";
const ZP_TYPE: Record<OnnxElem, number> = { int8: onnx.TensorProto.DataType.INT8, uint8: onnx.TensorProto.DataType.UINT8, int16: onnx.TensorProto.DataType.INT16 };

export interface OnnxAct {
  opType: string;
  attrs?: Record<string, number | string>;
  input?: { scale: number; zeroPoint: number; elem: OnnxElem; raw?: boolean };
  output?: { scale: number; zeroPoint: number; elem: OnnxElem; raw?: boolean };
  /** PRelu: slope as a float initializer, or int8 codes behind DequantizeLinear */
  slope?: { values: number[]; quant?: { scale: number; zeroPoint: number } };
}

function scalarInit(name: string, value: number, type: number, raw: boolean) {
  if (raw) {
    const size = type === onnx.TensorProto.DataType.FLOAT ? 4 : type === onnx.TensorProto.DataType.INT16 ? 2 : 1;
    const buf = new Uint8Array(size), v = new DataView(buf.buffer);
    if (size === 4) v.setFloat32(0, value, true);
    else if (size === 2) v.setInt16(0, value, true);
    else v.setUint8(0, value & 0xff);
    return onnx.TensorProto.create({ name, dataType: type, rawData: buf });
  }
  return type === onnx.TensorProto.DataType.FLOAT
    ? onnx.TensorProto.create({ name, dataType: type, floatData: [value] })
    : onnx.TensorProto.create({ name, dataType: type, int32Data: [value] });
}

/** A chain x → [DQ] → act → [Q] → … for each activation in order, as ONNX QDQ. */
export function buildOnnx(acts: OnnxAct[], irVersion = 8): Uint8Array {
  const nodes: unknown[] = [];
  const inits: unknown[] = [];
  let cur = "x";
  acts.forEach((a, i) => {
    let x = cur;
    if (a.input) {
      inits.push(scalarInit(`s_in${i}`, a.input.scale, onnx.TensorProto.DataType.FLOAT, Boolean(a.input.raw)));
      inits.push(scalarInit(`z_in${i}`, a.input.zeroPoint, ZP_TYPE[a.input.elem], Boolean(a.input.raw)));
      nodes.push(onnx.NodeProto.create({ opType: "DequantizeLinear", input: [cur, `s_in${i}`, `z_in${i}`], output: [`dq${i}`], name: `dq${i}` }));
      x = `dq${i}`;
    }
    const attribute = Object.entries(a.attrs ?? {}).map(([name, v]) => typeof v === "string"
      ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(v) })
      : Number.isInteger(v) && name === "axis"
        ? onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.INT, i: v })
        : onnx.AttributeProto.create({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f: v }));
    const inputs = [x];
    if (a.slope) {
      if (a.slope.quant) {
        inits.push(onnx.TensorProto.create({ name: `slope_q${i}`, dataType: onnx.TensorProto.DataType.INT8, dims: [a.slope.values.length], rawData: Uint8Array.from(a.slope.values.map((v) => v & 0xff)) }));
        inits.push(scalarInit(`slope_s${i}`, a.slope.quant.scale, onnx.TensorProto.DataType.FLOAT, false));
        inits.push(scalarInit(`slope_z${i}`, a.slope.quant.zeroPoint, onnx.TensorProto.DataType.INT8, false));
        nodes.push(onnx.NodeProto.create({ opType: "DequantizeLinear", input: [`slope_q${i}`, `slope_s${i}`, `slope_z${i}`], output: [`slope${i}`] }));
      } else {
        inits.push(onnx.TensorProto.create({ name: `slope${i}`, dataType: onnx.TensorProto.DataType.FLOAT, dims: [a.slope.values.length], floatData: a.slope.values }));
      }
      inputs.push(`slope${i}`);
    }
    nodes.push(onnx.NodeProto.create({ opType: a.opType, input: inputs, output: [`y${i}`], name: `act${i}`, attribute }));
    cur = `y${i}`;
    if (a.output) {
      inits.push(scalarInit(`s_out${i}`, a.output.scale, onnx.TensorProto.DataType.FLOAT, Boolean(a.output.raw)));
      inits.push(scalarInit(`z_out${i}`, a.output.zeroPoint, ZP_TYPE[a.output.elem], Boolean(a.output.raw)));
      nodes.push(onnx.NodeProto.create({ opType: "QuantizeLinear", input: [cur, `s_out${i}`, `z_out${i}`], output: [`q${i}`], name: `q${i}` }));
      cur = `q${i}`;
    }
  });
  const model = onnx.ModelProto.create({
    irVersion, producerName: "qact-test", opsetImport: [{ domain: "", version: 17 }],
    graph: { name: "g", node: nodes, initializer: inits, input: [{ name: "x" }], output: [{ name: cur }] },
  });
  return onnx.ModelProto.encode(model).finish();
}
