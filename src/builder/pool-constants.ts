// Moves every v128.const used inside a loop into a constant pool in linear memory; each function loads
// the constants its loops use once, at entry, into locals (v128.load32_splat / load64_splat / load).
// A post-pass of the SIMD build.
//
// Why: V8's TurboFan (Node 20, V8 11.3, x64) rematerializes a v128.const at every use as
// movabs + vmovq + vpunpcklqdq (three instructions and a GPR→XMM transfer) and does not hoist it out
// of loops; it also sinks any pure computation of a constant back into the loop, and Binaryen's
// optimizer propagates constants into their uses. A load is not pure, so it stays one instruction
// (vbroadcastss / vmovddup / vmovdqu with a memory operand). A kernel with 15–20 splatted
// coefficients spent about a third of its loop rebuilding them. Measured on f32_sigmoid_fast (a kernel
// since removed) at n = 2^20 zero-copy (medians of 30 calls, one process): 0.33 G elem/s with v128.const
// in the loop, 0.50 G with the constants loaded once at entry, 0.44 G with a load at each use (TurboFan
// then hoists all the loads to the loop top and spills them); docs/performance-notes.md has more kernels.
// Zero and all-ones constants stay (V8 builds them with one pxor / pcmpeqd).
//
// Used by scripts/build-wasm.mjs (the SIMD build) and by `qact build` (src/builder/minimal.ts).
// The pool takes the place of the start of the host heap: the pass reads the constant returned by
// the exported heap_base function (assembly/index.ts), writes the pool there as a data segment and
// moves heap_base past it. It works on the stack-style text asc writes (one instruction per line,
// `loop`/`block`/`if` … `end`), so names stay; the caller parses the result back with Binaryen.
// Semantics are unchanged (a load of the constant's bytes), so the SIMD build keeps giving the
// scalar build's bits — test/kernels/engines.test.ts proves it on every kernel.

const OPENERS = /^(block|loop|if|try_table|try)\b/;

/** "i32x4 0x… 0x… 0x… 0x…" → the four u32 lanes */
function lanes(value: string): number[] {
  const m = /^i32x4 (0x[0-9a-f]{8}) (0x[0-9a-f]{8}) (0x[0-9a-f]{8}) (0x[0-9a-f]{8})$/.exec(value);
  if (!m) throw new Error(`pool-constants: unexpected v128.const form "${value}"`);
  return m.slice(1).map((h) => parseInt(h, 16) >>> 0);
}

export interface PooledText {
  /** the module text with the pool */
  text: string;
  /** distinct constants in the pool */
  constants: number;
  /** v128.const uses in loops replaced */
  uses: number;
  /** scalar load + splat pairs fused into one splatting load */
  loadSplats: number;
  poolBytes: number;
}

// A scalar load whose value goes straight into a splat becomes one splatting load: V8 otherwise
// computes the splat (pure: vmovd + vpbroadcast) again inside the loop that uses it, even when the load
// sits before the loop. Same bits: the splat of the loaded value is what the splatting load returns.
// Measured against the build without it (node bench/compare-wasm.mjs OLD.wasm build/qact.simd.wasm
// --filter i8_ --n 262144 --reps 9): int8 fixed kernels 1.00–1.07×, the others 0.97–1.05× (noise);
// kept because it is never worse in principle (one instruction instead of two, outside the loop).
const LOAD_SPLAT: Record<string, string> = {
  "i32.load/i32x4.splat": "v128.load32_splat", "f32.load/f32x4.splat": "v128.load32_splat",
  "i64.load/i64x2.splat": "v128.load64_splat", "f64.load/f64x2.splat": "v128.load64_splat",
  "i32.load8_s/i8x16.splat": "v128.load8_splat", "i32.load8_u/i8x16.splat": "v128.load8_splat",
  "i32.load16_s/i16x8.splat": "v128.load16_splat", "i32.load16_u/i16x8.splat": "v128.load16_splat",
};

/** Fuses `<scalar load> <splat>` pairs of the stack-style text (see LOAD_SPLAT). */
export function fuseLoadSplats(lines: string[]): number {
  let fused = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const m = /^(\s*)(\S+)((?: offset=\d+)?(?: align=\d+)?)$/.exec(lines[i]);
    const to = m && LOAD_SPLAT[`${m[2]}/${lines[i + 1].trim()}`];
    if (!m || !to) continue;
    lines[i] = `${m[1]}${to}${m[3]}`;
    lines.splice(i + 1, 1);
    fused++;
  }
  return fused;
}

/** Rewrites the stack-style module text that asc writes (see the header). */
export function poolV128Constants(wat: string): PooledText {
  const lines = wat.split("\n");
  const loadSplats = fuseLoadSplats(lines);
  const heapFunc = /^ \(export "heap_base" \(func (\S+)\)\)$/m.exec(wat)?.[1];
  const heapLine = heapFunc ? lines.indexOf(` (func ${heapFunc} (result i32)`) : -1;
  const heapConst = heapLine >= 0 ? /^  i32\.const (\d+)$/.exec(lines[heapLine + 1]) : null;
  if (!heapConst || lines[heapLine + 2] !== " )") {
    throw new Error("pool-constants: heap_base() is not `i32.const N` in the module text; cannot place the pool");
  }
  const base = Number(heapConst[1]);

  // pass 1: the constants used inside loops, with the kind of load each needs
  const pool = new Map<string, { kind: string; lanes: number[]; offset: number }>();
  const isLoopConst: (string | undefined)[] = []; // line index → value
  const stack: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const op = lines[i].trim();
    if (/^\(func /.test(op)) stack.length = 0;
    else if (OPENERS.test(op)) stack.push(op.split(/\s/)[0]);
    else if (op === "end") stack.pop();
    else if (op.startsWith("v128.const ") && stack.includes("loop")) {
      const value = op.slice("v128.const ".length);
      const l = lanes(value);
      if (l.every((x) => x === 0) || l.every((x) => x === 0xffffffff)) continue;
      isLoopConst[i] = value;
      if (pool.has(value)) continue;
      const kind = l.every((x) => x === l[0]) ? "v128.load32_splat"
        : l[0] === l[2] && l[1] === l[3] ? "v128.load64_splat" : "v128.load";
      pool.set(value, { kind, lanes: kind === "v128.load32_splat" ? [l[0]] : kind === "v128.load64_splat" ? l.slice(0, 2) : l, offset: 0 });
    }
  }
  // lay out: 16-byte entries first, then 8, then 4, so every entry is naturally aligned
  let offset = 0;
  for (const size of [4, 2, 1]) {
    for (const entry of pool.values()) if (entry.lanes.length === size) { entry.offset = base + offset; offset += size * 4; }
  }
  const poolBytes = offset;
  const bytes = new Uint8Array(poolBytes);
  const view = new DataView(bytes.buffer);
  for (const entry of pool.values()) entry.lanes.forEach((x, k) => view.setUint32(entry.offset - base + 4 * k, x, true));

  lines[heapLine + 1] = `  i32.const ${(base + poolBytes + 15) & ~15}`;

  // pass 2: each function loads the constants its loops use once, at entry, into locals
  let uses = 0;
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^ \(func /.test(lines[i])) { out.push(lines[i]); continue; }
    let end = i + 1;
    while (end < lines.length && lines[end] !== " )") end++;
    let j = i + 1;
    while (j < end && /^  \(local /.test(lines[j])) j++;
    const locals = new Map<string, string>(); // value → local name
    const body: string[] = [];
    for (let k = j; k < end; k++) {
      const value = isLoopConst[k];
      if (value === undefined) { body.push(lines[k]); continue; }
      if (!locals.has(value)) locals.set(value, `$pooled_v128_${locals.size}`);
      body.push(lines[k].replace(/v128\.const .*$/, `local.get ${locals.get(value)}`));
      uses++;
    }
    out.push(...lines.slice(i, j));
    for (const name of locals.values()) out.push(`  (local ${name} v128)`);
    for (const [value, name] of locals) {
      const { kind, offset: at } = pool.get(value)!;
      out.push(`  i32.const ${at}`, `  ${kind}`, `  local.set ${name}`);
    }
    out.push(...body, lines[end]);
    i = end;
  }
  if (poolBytes > 0) {
    const memoryLine = out.findIndex((l) => /^ \(memory /.test(l));
    if (memoryLine < 0) throw new Error("pool-constants: no (memory …) line in the module text");
    const escaped = Array.from(bytes, (b) => "\\" + b.toString(16).padStart(2, "0")).join("");
    out.splice(memoryLine + 1, 0, ` (data $v128_constant_pool (i32.const ${base}) "${escaped}")`);
  }
  return { text: out.join("\n"), constants: pool.size, uses, poolBytes, loadSplats };
}

/** poolV128Constants, then the text parsed back with Binaryen (shipped with AssemblyScript) into a binary. */
export async function assemblePooled(wat: string): Promise<PooledText & { bytes: Uint8Array }> {
  const pooled = poolV128Constants(wat);
  return { ...pooled, bytes: await assemble(pooled.text) };
}

/** Module text (Binaryen's stack-style text) → validated binary. */
export async function assemble(text: string): Promise<Uint8Array> {
  const { default: binaryen } = await import("binaryen");
  const mod = binaryen.parseText(text);
  try {
    mod.setFeatures(binaryen.Features.All);
    if (!mod.validate()) throw new Error("the rewritten module text is not a valid module");
    return mod.emitBinary();
  } finally {
    mod.dispose();
  }
}
