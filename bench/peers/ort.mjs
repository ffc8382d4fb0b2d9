// onnxruntime-web peer (wasm execution provider, 1 thread): single-node models built in memory with
// the onnx-proto message definitions. Ops and attributes follow the ONNX operator docs (Gelu is
// opset 20 with approximate = "none" | "tanh"; QLinearSigmoid/QLinearLeakyRelu are com.microsoft
// contrib ops taking X, X_scale, X_zero_point, Y_scale, Y_zero_point).
let ort, onnx;
try {
  ort = await import("onnxruntime-web");
  onnx = (await import("onnx-proto")).default.onnx;
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = "error";
} catch {
  ort = undefined;
}

export const ortAvailable = () => ort !== undefined;

const F = 1, I8 = 3;
const attrF = (name, f) => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f });
const attrS = (name, s) => ({ name, type: onnx.AttributeProto.AttributeType.STRING, s: new TextEncoder().encode(s) });
const attrI = (name, i) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });

/** qact op (+ params) → ONNX node for the float models. */
function floatNode(op, p) {
  switch (op) {
    case "sigmoid": return { opType: "Sigmoid" };
    case "tanh": return { opType: "Tanh" };
    case "relu": return { opType: "Relu" };
    case "leaky_relu": return { opType: "LeakyRelu", attribute: [attrF("alpha", p.alpha)] };
    case "elu": return { opType: "Elu", attribute: [attrF("alpha", p.alpha)] };
    case "selu": return { opType: "Selu", attribute: [attrF("alpha", p.alpha), attrF("gamma", p.scale)] };
    case "hard_sigmoid": return { opType: "HardSigmoid", attribute: [attrF("alpha", p.alpha), attrF("beta", p.beta)] };
    case "hardswish": return { opType: "HardSwish" };
    case "softplus": return p.beta === 1 ? { opType: "Softplus" } : undefined;
    case "mish": return { opType: "Mish" };
    case "gelu": return { opType: "Gelu", attribute: [attrS("approximate", "none")] };
    case "gelu_tanh": return { opType: "Gelu", attribute: [attrS("approximate", "tanh")] };
    case "softmax": return p.beta === 1 ? { opType: "Softmax", attribute: [attrI("axis", -1)] } : undefined;
    default: return undefined;
  }
}

function modelBytes(node, elemType, extraInputs = [], initializers = [], domain = "") {
  const vi = (name, dims) => ({ name, type: { tensorType: { elemType, shape: { dim: dims } } } });
  const dims = node.opType === "Softmax" ? [{ dimParam: "r" }, { dimParam: "c" }] : [{ dimParam: "n" }];
  const m = onnx.ModelProto.create({
    irVersion: 9,
    opsetImport: [{ domain: "", version: 20 }, ...(domain ? [{ domain, version: 1 }] : [])],
    graph: {
      name: "g",
      node: [{ ...node, domain, input: ["x", ...extraInputs], output: ["y"] }],
      input: [vi("x", dims)], output: [vi("y", dims)], initializer: initializers,
    },
  });
  return onnx.ModelProto.encode(m).finish();
}

/** int8 QLinear contrib node for sigmoid / leaky_relu. */
function qlinear(op, k) {
  const opType = op === "sigmoid" ? "QLinearSigmoid" : op === "leaky_relu" ? "QLinearLeakyRelu" : undefined;
  if (!opType) return undefined;
  const scalarF = (name, v) => ({ name, dataType: F, dims: [], floatData: [v] });
  const scalarI8 = (name, v) => ({ name, dataType: I8, dims: [], int32Data: [v] });
  const inits = [scalarF("xs", k.input.scale), scalarI8("xz", k.input.zeroPoint), scalarF("ys", k.output.scale), scalarI8("yz", k.output.zeroPoint)];
  const node = { opType, attribute: op === "leaky_relu" ? [attrF("alpha", k.params.alpha)] : [] };
  return modelBytes(node, I8, ["xs", "xz", "ys", "yz"], inits, "com.microsoft");
}

/** A session for the kernel's op and dtype, or undefined when ORT has no such op. */
export async function ortSession(k) {
  if (!ort) return undefined;
  let bytes;
  if (k.dtype === "f32") {
    const node = floatNode(k.op.name, k.params);
    if (!node) return undefined;
    bytes = modelBytes(node, F);
  } else if (k.dtype === "int8") {
    bytes = qlinear(k.op.name, k);
    if (!bytes) return undefined;
  } else {
    return undefined;
  }
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"], graphOptimizationLevel: "all" });
  const type = k.dtype === "f32" ? "float32" : "int8";
  /** end-to-end: typed array in, typed array out (session.run is async in onnxruntime-web) */
  return async (x, rowLength) => {
    const dims = k.op.name === "softmax" ? [x.length / rowLength, rowLength] : [x.length];
    const r = await session.run({ x: new ort.Tensor(type, x, dims) });
    return r.y.data;
  };
}
