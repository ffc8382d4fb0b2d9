// @tensorflow/tfjs-backend-wasm peer (XNNPACK kernels inside tfjs's own WASM). End-to-end includes
// creating the tensor from the typed array and reading the result back; kernel-only keeps the input
// tensor alive and disposes the result without reading it.
let tf;
try {
  tf = await import("@tensorflow/tfjs-core");
  await import("@tensorflow/tfjs-backend-wasm");
  await tf.setBackend("wasm");
  await tf.ready();
} catch {
  tf = undefined;
}

export const tfjsAvailable = () => tf !== undefined;

/** The tfjs op for a qact kernel (f32 only), or undefined. */
function tfOp(k) {
  const p = k.params;
  switch (k.op.name) {
    case "sigmoid": return (t) => tf.sigmoid(t);
    case "tanh": return (t) => tf.tanh(t);
    case "relu": return (t) => tf.relu(t);
    case "relu6": return (t) => tf.relu6(t);
    case "elu": return p.alpha === 1 ? (t) => tf.elu(t) : undefined;
    case "leaky_relu": return (t) => tf.leakyRelu(t, p.alpha);
    case "prelu": return (t, alpha) => tf.prelu(t, alpha);
    case "selu": return (t) => tf.selu(t);
    case "softplus": return p.beta === 1 ? (t) => tf.softplus(t) : undefined;
    case "softmax": return p.beta === 1 ? (t) => tf.softmax(t) : undefined;
    default: return undefined;
  }
}

/** { endToEnd(x) → Float32Array, kernelOnly() } for the kernel, or undefined. */
export function tfjsImpl(k, n, rowLength, channels) {
  if (!tf || k.dtype !== "f32") return undefined;
  const f = tfOp(k);
  if (!f) return undefined;
  const shape = k.op.name === "softmax" ? [n / rowLength, rowLength] : k.op.name === "prelu" ? [n / channels, channels] : [n];
  const alpha = k.op.name === "prelu" ? tf.tensor1d(Float32Array.from(k.params.alpha)) : undefined;
  let held;
  return {
    endToEnd: (x) => {
      const t = tf.tensor(x, shape);
      const y = f(t, alpha);
      const out = y.dataSync();
      t.dispose();
      y.dispose();
      return out;
    },
    prepareKernelOnly: (x) => {
      held = tf.tensor(x, shape);
    },
    kernelOnly: () => {
      f(held, alpha).dispose();
    },
    dispose: () => {
      held?.dispose();
      alpha?.dispose();
    },
  };
}
