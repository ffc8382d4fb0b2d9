// The prepare/run API. prepare() validates everything and writes the kernel's params or table into
// WASM memory once; run() only moves data and calls the export with raw pointers.
import { QactError, show } from "../errors.js";
import { getOp, resolveParams, type OpDescriptor } from "../ops/index.js";
import { findKernel, kernelName, type KernelSpec } from "../kernels/registry.js";
import { BYTES_PER_ELEMENT, INT_RANGE, dtypeOfArray, isIntDType, newTypedArray, typedArrayCtor } from "../quant/dtype.js";
import { validateQuant } from "../quant/params.js";
import { defaultInputQuant, defaultOutputQuant } from "../quant/defaults.js";
import type { AnyTypedArray, DType, Method, Params, QuantParams } from "../types.js";
import { chooseEngine, compileEngine, type Engine } from "./load.js";
import { WasmHeap } from "./memory.js";

type KernelFn = (inPtr: number, outPtr: number, n: number, paramsPtr: number) => void;

export interface LoadOptions {
  /** simd, scalar, or auto (default: simd when the host validates it) */
  engine?: Engine | "auto";
  /** bytes per chunk of the copying API (default 256 KiB): WASM memory stays bounded by it */
  chunkBytes?: number;
  /** the module's bytes, for hosts that load them their own way */
  wasm?: BufferSource;
}

export interface PrepareOptions {
  /** op name or alias, or a descriptor (a user-defined activation, see src/ops/custom.ts) */
  op: string | OpDescriptor;
  dtype: DType;
  method?: string;
  params?: Record<string, unknown>;
  /** output dtype for kernels that convert (e.g. int8 → int16 softmax); default: dtype */
  outDtype?: DType;
  /** true: the kernel returns d/dx of the op instead (f32; every elementwise op and prelu) */
  derivative?: boolean;
  /** default row length for row ops (run() may override it) */
  rowLength?: number;
  /** input quantization (int8/int16); defaults to the op's default domain */
  input?: Partial<QuantParams>;
  /** output quantization (int8/int16); defaults to the op's conventional output range */
  output?: Partial<QuantParams>;
}

/** A typed array living in WASM memory: kernels read and write it without copies. */
export class Tensor {
  private freed = false;
  constructor(private readonly rt: Runtime, readonly ptr: number, readonly length: number, readonly dtype: DType) {}

  /** A view of the tensor (made fresh on each access: memory growth detaches old views). */
  get data(): AnyTypedArray {
    if (this.freed) throw new QactError("tensor", "tensor was freed");
    return new (typedArrayCtor(this.dtype))(this.rt.memory.buffer, this.ptr, this.length);
  }

  get byteLength(): number {
    return this.length * BYTES_PER_ELEMENT[this.dtype];
  }

  get runtime(): Runtime {
    return this.rt;
  }

  get isFreed(): boolean {
    return this.freed;
  }

  free(): void {
    if (!this.freed) this.rt.heap.release(this.ptr);
    this.freed = true;
  }
}

/** Shape of one call: rowLength for rows, channel count for channels, k for groups. */
export interface RunOptions {
  /** row length for row ops (softmax, log_softmax); default: the one given to prepare() */
  rowLength?: number;
}

export class Kernel {
  private paramsPtr: number;
  private readonly fn: (...args: number[]) => void;

  constructor(
    private readonly rt: Runtime,
    readonly spec: KernelSpec,
    readonly params: Params,
    readonly input: QuantParams | undefined,
    readonly output: QuantParams | undefined,
    /** the params/table block as written to WASM memory */
    readonly paramBytes: Uint8Array,
    /** dtype of the outputs (the input dtype unless the kernel converts) */
    readonly outDtype: DType,
    /** default row length of row ops */
    readonly rowLength?: number,
  ) {
    this.fn = rt.exports[spec.exportName] as (...args: number[]) => void;
    if (typeof this.fn !== "function") throw new QactError("engine", `module has no export ${spec.exportName}`);
    this.paramsPtr = rt.heap.alloc(paramBytes.length, 16);
    rt.heap.bytes(this.paramsPtr, paramBytes.length).set(paramBytes);
  }

  get name(): string {
    return kernelName(this.spec, this.rt.engine);
  }
  get op(): OpDescriptor {
    return this.spec.op;
  }
  get dtype(): DType {
    return this.spec.dtype;
  }
  get method(): Method {
    return this.spec.method;
  }
  /** true when the kernel computes d/dx of the op */
  get derivative(): boolean {
    return this.spec.derivative === true;
  }

  /**
   * The call plan for n input elements: how many input elements form an indivisible unit (a row,
   * a channel group, a maxout group), the output length, and the export call for a chunk.
   */
  private plan(n: number, opts: RunOptions): { unit: number; outLength: (n: number) => number; call: (i: number, o: number, n: number) => void } {
    const p = this.paramsPtr, fn = this.fn;
    const divisible = (unit: number, what: string) => {
      if (n % unit !== 0) throw new QactError("input", `input length ${n} must be a multiple of ${what} ${unit}`);
    };
    switch (this.spec.shape ?? "elementwise") {
      case "elementwise":
        return { unit: 1, outLength: (m) => m, call: (i, o, m) => fn(i, o, m, p) };
      case "rows": {
        const len = opts.rowLength ?? this.rowLength;
        if (len === undefined || !Number.isInteger(len) || len < 1) {
          throw new QactError("row", `${this.op.name} needs a row length: an integer ≥ 1 (got ${show(len)})`);
        }
        divisible(len, "the row length");
        return { unit: len, outLength: (m) => m, call: (i, o, m) => fn(i, o, m / len, len, p) };
      }
      case "channels": {
        const c = channelCount(this.op, this.params);
        divisible(c, "the channel count");
        return { unit: c, outLength: (m) => m, call: (i, o, m) => fn(i, o, m, c, p) };
      }
      case "groups": {
        const k = this.params.k as number;
        divisible(k, "the group size k =");
        return { unit: k, outLength: (m) => m / k, call: (i, o, m) => fn(i, o, m / k, k, p) };
      }
    }
  }

  /**
   * Applies the kernel. `input` is a typed array of the kernel's dtype (copied through WASM memory in
   * bounded chunks) or a Tensor (zero copy). `output` defaults to a new array/tensor; pass `input`
   * itself to work in place (when the output has the input's dtype and length).
   */
  run<T extends AnyTypedArray | Tensor>(input: T, output?: AnyTypedArray | Tensor, opts: RunOptions = {}): T {
    if (this.paramsPtr < 0) throw new QactError("kernel", "kernel was disposed");
    if (input instanceof Tensor) return this.runTensor(input, output, opts) as unknown as T;
    if (dtypeOfArray(input) !== this.dtype) {
      throw new QactError("input", `input must be a ${typedArrayCtor(this.dtype).name} for dtype ${this.dtype} (got ${describe(input)})`);
    }
    const x = input as AnyTypedArray;
    const plan = this.plan(x.length, opts);
    const outLen = plan.outLength(x.length);
    let y: AnyTypedArray;
    if (output === undefined) {
      y = newTypedArray(this.outDtype, outLen);
    } else {
      if (dtypeOfArray(output) !== this.outDtype) {
        throw new QactError("output", `output must be a ${typedArrayCtor(this.outDtype).name} for output dtype ${this.outDtype} (got ${describe(output)})`);
      }
      y = output as AnyTypedArray;
      if (y.length !== outLen) throw new QactError("output", `output length must be ${outLen} (got ${y.length})`);
    }
    const inBpe = BYTES_PER_ELEMENT[this.dtype], outBpe = BYTES_PER_ELEMENT[this.outDtype];
    const chunk = Math.max(plan.unit, Math.floor(this.rt.chunkElements(inBpe) / plan.unit) * plan.unit);
    const { inPtr, outPtr } = this.rt.scratch(chunk * inBpe, plan.outLength(chunk) * outBpe);
    const InCtor = typedArrayCtor(this.dtype), OutCtor = typedArrayCtor(this.outDtype);
    for (let i = 0; i < x.length; i += chunk) {
      const n = Math.min(chunk, x.length - i);
      const mem = this.rt.memory.buffer;
      new InCtor(mem, inPtr, n).set(x.subarray(i, i + n));
      plan.call(inPtr, outPtr, n);
      y.set(new OutCtor(mem, outPtr, plan.outLength(n)), plan.outLength(i));
    }
    return y as T;
  }

  private runTensor(x: Tensor, out: AnyTypedArray | Tensor | undefined, opts: RunOptions): Tensor {
    const plan = this.plan(x.length, opts);
    const outLen = plan.outLength(x.length);
    const check = (field: string, t: unknown, dtype: DType) => {
      if (!(t instanceof Tensor)) throw new QactError(field, `${field} must be a Tensor when input is a Tensor (got ${describe(t)})`);
      if (t.runtime !== this.rt) throw new QactError(field, `${field} tensor belongs to another runtime`);
      if (t.isFreed) throw new QactError(field, `${field} tensor was freed`);
      if (t.dtype !== dtype) throw new QactError(field, `${field} tensor must have dtype ${dtype} (got ${t.dtype})`);
    };
    check("input", x, this.dtype);
    if (out !== undefined) check("output", out, this.outDtype);
    const y = (out as Tensor | undefined) ?? this.rt.tensor(this.outDtype, outLen);
    if (y.length !== outLen) throw new QactError("output", `output length must be ${outLen} (got ${y.length})`);
    plan.call(x.ptr, y.ptr, x.length);
    return y;
  }

  /** Frees the kernel's params/table memory. */
  dispose(): void {
    if (this.paramsPtr >= 0) this.rt.heap.release(this.paramsPtr);
    this.paramsPtr = -1;
  }
}

/** Channel count of a channelwise op: the length of its per-channel param (1 for a scalar). */
function channelCount(op: OpDescriptor, p: Params): number {
  const spec = op.params.find((s) => s.perChannel);
  const v = spec ? p[spec.name] : undefined;
  return Array.isArray(v) ? v.length : 1;
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === "object") return (v as object).constructor?.name ?? "object";
  return `${typeof v} ${show(v)}`;
}

export class Runtime {
  readonly heap: WasmHeap;
  readonly memory: WebAssembly.Memory;
  private scratchIn = { ptr: -1, bytes: 0 };
  private scratchOut = { ptr: -1, bytes: 0 };
  private readonly chunkBytes: number;

  constructor(readonly engine: Engine, readonly exports: WebAssembly.Exports, chunkBytes = 256 * 1024) {
    this.memory = exports.memory as WebAssembly.Memory;
    this.heap = new WasmHeap(this.memory, (exports.heap_base as () => number)());
    if (!Number.isInteger(chunkBytes) || chunkBytes < 64 || chunkBytes > 1 << 30) {
      throw new QactError("chunkBytes", `chunkBytes must be an integer in [64, 2^30] (got ${show(chunkBytes)})`);
    }
    this.chunkBytes = chunkBytes;
  }

  chunkElements(bytesPerElement: number): number {
    return Math.floor(this.chunkBytes / bytesPerElement / 16) * 16 || 16;
  }

  /** The copy buffers of the copying API: allocated on first use, grown only when a row needs it. */
  scratch(inBytes: number, outBytes: number): { inPtr: number; outPtr: number } {
    const ensure = (s: { ptr: number; bytes: number }, bytes: number) => {
      if (s.bytes >= bytes) return;
      if (s.ptr >= 0) this.heap.release(s.ptr);
      s.bytes = Math.max(bytes, this.chunkBytes);
      s.ptr = this.heap.alloc(s.bytes, 16);
    };
    ensure(this.scratchIn, inBytes);
    ensure(this.scratchOut, outBytes);
    return { inPtr: this.scratchIn.ptr, outPtr: this.scratchOut.ptr };
  }

  /** Validates params and quantization, builds the params/table block and writes it to memory. */
  prepare(o: PrepareOptions): Kernel {
    if (o === null || typeof o !== "object") throw new QactError("options", "prepare() needs an options object {op, dtype, ...}");
    const op = typeof o.op === "object" && o.op !== null ? o.op : getOp(o.op);
    if (o.derivative !== undefined && typeof o.derivative !== "boolean") {
      throw new QactError("derivative", `derivative must be true or false (got ${show(o.derivative)})`);
    }
    const spec = findKernel(op, o.dtype, o.method, o.derivative === true);
    const params = resolveParams(op, o.params ?? {});
    const outDtypes = spec.outDtypes ?? [spec.dtype];
    const outDtype = o.outDtype ?? outDtypes[0];
    if (!outDtypes.includes(outDtype)) {
      throw new QactError("out-dtype", `${kernelName(spec, this.engine)} cannot produce ${show(outDtype)} (allowed: ${outDtypes.join(", ")})`);
    }
    if (o.rowLength !== undefined && (!Number.isInteger(o.rowLength) || o.rowLength < 1)) {
      throw new QactError("row", `row length must be an integer ≥ 1 (got ${show(o.rowLength)})`);
    }
    let input: QuantParams | undefined, output: QuantParams | undefined;
    if (isIntDType(o.dtype) && isIntDType(outDtype)) {
      input = validateQuant(o.dtype, o.input ?? defaultInputQuant(op, o.dtype), "in");
      output = validateQuant(outDtype, o.output ??
        spec.defaultOutput?.(input, outDtype, params) ?? defaultOutputQuant(op, outDtype, params, input), "out");
    } else if (o.input !== undefined || o.output !== undefined) {
      throw new QactError("in-scale", "input/output quantization applies to int8 and int16 only (dtype is f32)");
    }
    const bytes = spec.prepare({ op, params, dtype: o.dtype, outDtype, input, output });
    return new Kernel(this, spec, params, input, output, bytes, outDtype, o.rowLength);
  }

  /** Allocates a zero-copy tensor in WASM memory (optionally filled from `values`). */
  tensor(dtype: DType, lengthOrValues: number | ArrayLike<number>): Tensor {
    const length = typeof lengthOrValues === "number" ? lengthOrValues : lengthOrValues.length;
    if (!Number.isInteger(length) || length < 0) throw new QactError("length", `tensor length must be an integer ≥ 0 (got ${show(length)})`);
    if (!(dtype in BYTES_PER_ELEMENT)) throw new QactError("dtype", `unknown dtype ${show(dtype)}; valid: f32, int8, int16`);
    const ptr = this.heap.alloc(length * BYTES_PER_ELEMENT[dtype], 16);
    const t = new Tensor(this, ptr, length, dtype);
    if (typeof lengthOrValues !== "number") {
      if (isIntDType(dtype)) checkIntValues(lengthOrValues, dtype, "values");
      t.data.set(lengthOrValues as ArrayLike<number>);
    }
    return t;
  }
}

/** Rejects non-integers and values outside the dtype (typed arrays would wrap them silently). */
export function checkIntValues(values: ArrayLike<number>, dtype: "int8" | "int16", field: string): void {
  const { min, max } = INT_RANGE[dtype];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) {
      throw new QactError(field, `${field}[${i}] must be an integer in [${min}, ${max}] for ${dtype} (got ${show(v)})`);
    }
  }
}

/** Loads the SIMD build when the host validates SIMD128 (or the engine asked for). */
export async function load(opts: LoadOptions = {}): Promise<Runtime> {
  const engine = chooseEngine(opts.engine);
  const module = opts.wasm !== undefined ? await WebAssembly.compile(opts.wasm) : await compileEngine(engine);
  const instance = await WebAssembly.instantiate(module, {});
  return new Runtime(engine, instance.exports, opts.chunkBytes);
}
