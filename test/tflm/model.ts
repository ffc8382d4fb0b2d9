// An independent TypeScript transcription of the TFLM / gemmlowp integer reference code that the
// `tflm` kernels reproduce (tensorflow/tflite-micro kernels/internal/reference/integer_ops/
// {logistic,tanh}.h, reference/{leaky_relu,hard_swish}.h, micro/kernels/activations.cc; gemmlowp
// fixedpoint/fixedpoint.h). Written separately from assembly/tflm/ (JS numbers and BigInt, int32/
// int16 wrap made explicit with |0 and <<16>>16), so the tests compare two implementations of the
// published algorithm, on top of TFLM's own published vectors. Prepare-time values (multipliers,
// shifts, tables) come from the kernel's params block, which the tests check separately.

const I32_MIN = -(2 ** 31), I32_MAX = 2 ** 31 - 1;
const wrap32 = (v: number) => v | 0;
const wrap16 = (v: number) => (v << 16) >> 16;

export function srdhm(a: number, b: number): number {
  if (a === I32_MIN && b === I32_MIN) return I32_MAX;
  const ab = BigInt(a) * BigInt(b);
  const nudge = ab >= 0n ? 1n << 30n : 1n - (1n << 30n);
  return Number((ab + nudge) / (1n << 31n)); // BigInt division truncates like C
}

export function rdbp(x: number, e: number): number {
  const mask = Number((1n << BigInt(e)) - 1n) | 0;
  const rem = x & mask;
  const thr = (mask >> 1) + (x < 0 ? 1 : 0);
  return wrap32((x >> e) + (rem > thr ? 1 : 0));
}

export function mbqm(x: number, m: number, s: number): number {
  const left = s > 0 ? s : 0, right = s > 0 ? 0 : -s;
  return rdbp(srdhm(wrap32(Math.imul(x, 2 ** left)), m), right);
}

function satShl(x: number, e: number): number {
  const t = 2 ** (31 - e) - 1;
  return x > t ? I32_MAX : x < -t ? I32_MIN : wrap32(x * 2 ** e);
}
const rescale = (x: number, src: number, dst: number) => (src > dst ? satShl(x, src - dst) : src < dst ? rdbp(x, dst - src) : x);

function expQuarter(a: number): number {
  const c = 1895147668, third = 715827883;
  const x = wrap32(a + 2 ** 28);
  const x2 = srdhm(x, x), x3 = srdhm(x2, x), x4 = srdhm(x2, x2);
  const t = rdbp(wrap32(srdhm(wrap32(rdbp(x4, 2) + x3), third) + x2), 1);
  return wrap32(c + srdhm(c, wrap32(x + t)));
}

export function expNeg(a: number, ib: number): number {
  const fb = 31 - ib;
  const quarter = 2 ** (fb - 2);
  const amq = wrap32((a & (quarter - 1)) - quarter);
  let r = expQuarter(rescale(amq, ib, 0));
  const rem = wrap32(amq - a);
  const mults: Array<[number, number]> = [[-2, 1672461947], [-1, 1302514674], [0, 790015084], [1, 290630308],
    [2, 39332535], [3, 720401], [4, 242]];
  for (const [e, m] of mults) if (ib > e && (rem & wrap32(2 ** (fb + e))) !== 0) r = srdhm(r, m);
  if (ib > 5 && a < -(2 ** (36 - ib))) r = 0;
  return a === 0 ? I32_MAX : r;
}

function newtonQ2(a: number): number {
  const s = a + I32_MAX;
  const half = Math.trunc((s + (s >= 0 ? 1 : -1)) / 2);
  let x = wrap32(1515870810 + srdhm(half, -1010580540));
  for (let i = 0; i < 3; i++) {
    const om = wrap32(2 ** 29 - srdhm(half, x));
    x = wrap32(x + rescale(srdhm(x, om), 4, 2));
  }
  return x;
}

export function gemmlowpLogistic(a: number, ib: number): number {
  if (a === 0) return 2 ** 30;
  const abs = a > 0 ? a : wrap32(-a);
  const p = rescale(newtonQ2(expNeg(wrap32(-abs), ib)), 1, 0);
  return a > 0 ? p : wrap32(I32_MAX - p);
}

export function gemmlowpTanh(a: number, ib: number): number {
  if (a === 0) return 0;
  const n = a < 0 ? a : wrap32(-a);
  const t = rescale(wrap32(newtonQ2(expNeg(n, ib + 1)) - 2 ** 29), 2, 0);
  return a < 0 ? wrap32(-t) : t;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** int8 LOGISTIC / TANH given TFLM's OpData (zp, radius, multiplier, left shift). */
export function tflmGemmlowpQ8(op: "sigmoid" | "tanh", q: number, zp: number, radius: number, m: number, s: number): number {
  const x = q - zp;
  if (x <= -radius) return -128;
  if (x >= radius) return 127;
  const v = mbqm(x, m, s);
  return op === "sigmoid"
    ? clamp(rdbp(gemmlowpLogistic(v, 4), 23) - 128, -128, 127)
    : clamp(rdbp(gemmlowpTanh(v, 4), 24), -128, 127);
}

/** int16 LOGISTIC / TANH given the (already folded) multiplier and shift and the table. */
export function tflmTableQ16(op: "sigmoid" | "tanh", q: number, m: number, s: number, table: ArrayLike<number>): number {
  const round = s > 0 ? 2 ** (s - 1) : 0;
  const x = (q * m + round) >> s;
  const a = Math.abs(x);
  if (op === "sigmoid") {
    const uh = Math.floor(a / 512);
    let r = uh >= 255 ? 0x7fff * 1024 : table[uh] * 512 + (a % 512) * (table[uh + 1] - table[uh]);
    r = x >= 0 ? r + 512 : 2 ** 25 - r + 512 - 1;
    return wrap16(Math.floor(r / 1024));
  }
  const uh = Math.floor(a / 256);
  let r = uh >= 255 ? 0xffff * 256 : table[uh] * 256 + (a % 256) * (table[uh + 1] - table[uh]);
  r = x >= 0 ? r - 2 ** 23 + 128 : -r + 2 ** 23 + 128 - 1;
  return wrap16(Math.floor(r / 256));
}

/** RELU / LEAKY_RELU (ReluQuantized / QuantizeLeakyRelu). */
export function tflmRequant2(q: number, p: { inZp: number; outZp: number; mPos: number; sPos: number; mNeg: number; sNeg: number; lo: number; hi: number }): number {
  const x = q - p.inZp;
  return clamp(p.outZp + (x >= 0 ? mbqm(x, p.mPos, p.sPos) : mbqm(x, p.mNeg, p.sNeg)), p.lo, p.hi);
}

function srdhm16(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  const ab = a * b;
  return wrap16(Math.trunc((ab + (ab >= 0 ? 2 ** 14 : 1 - 2 ** 14)) / 2 ** 15));
}
function rdbp16(x: number, e: number): number {
  const mask = wrap16(Number((1n << BigInt(e)) - 1n) & 0xffff);
  const rem = x & mask;
  const thr = (mask >> 1) + (x < 0 ? 1 : 0);
  return wrap16((x >> e) + (rem > thr ? 1 : 0));
}
const satShl16 = (v: number, n: number) => clamp(v * 2 ** n, -32768, 32767);

/** int8 HARD_SWISH (reference_ops::HardSwish, quantized). */
export function tflmHardswishQ8(q: number, p: { inZp: number; outZp: number; outM: number; outE: number; relM: number; relE: number }): number {
  const x = wrap16(q - p.inZp);
  const hires = wrap16(x * 128);
  const pre = srdhm16(hires, p.outM);
  let r = hires;
  if (p.relE > 0) r = satShl16(r, p.relE - 1);
  r = srdhm16(r, p.relM);
  if (p.relE > 0) r = satShl16(r, 1);
  if (p.relE < 0) r = rdbp16(r, -p.relE);
  r = wrap16((r + 32768) >> 1);
  const prod = r === -32768 && pre === -32768 ? 32767 : wrap16(Math.trunc((r * pre) / 2 ** 15));
  let y = rdbp16(prod, -p.outE);
  y = wrap16(y + p.outZp);
  return clamp(y, -128, 127);
}

/** PRELU (reference_ops::Prelu / BroadcastPrelu4DSlow) for one element. */
export function tflmPrelu(q: number, alphaCode: number, p: { inOff: number; alphaOff: number; outZp: number; m1: number; s1: number; m2: number; s2: number }, lo: number, hi: number): number {
  const x = p.inOff + q;
  const y = x >= 0 ? mbqm(x, p.m1, p.s1) : mbqm(Math.imul(x, p.alphaOff + alphaCode), p.m2, p.s2);
  return clamp(y + p.outZp, lo, hi);
}

const clz32 = (x: number) => Math.clz32(x >>> 0);

function satShlParam(x: number, e: number): number {
  if (e === 0) return x;
  return satShl(x, e);
}
const sat32 = (v: number) => Math.min(I32_MAX, Math.max(I32_MIN, v));

/** TFLite log_x_for_x_greater_than_or_equal_to_1_impl<outBits, inBits> on raw int32. */
export function logX(x: number, inBits: number, outBits: number): number {
  const acc = outBits + 1;
  const quarter = rescale(536870912, 0, acc);
  const sqrtHalf = 1518500250, ssh = 1805811301;
  const ha = clz32(x);
  const rA = satShlParam(srdhm(satShlParam(x, ha - 1), sqrtHalf), 1);
  const zA = sat32(satShlParam(inBits - ha, 31 - acc) + quarter);
  const zb = srdhm(x, sqrtHalf);
  const hb = clz32(zb) - 1;
  const rB = satShlParam(x, hb);
  const zB = sat32(satShlParam(inBits - hb, 31 - acc) - quarter);
  const r = Math.min(rA, rB), z = Math.max(zA, zB);
  const s = r + ssh;
  const p = Math.trunc((s + (s >= 0 ? 1 : -1)) / 2);
  const q = wrap32(2 * wrap32(r - ssh));
  const sq = srdhm(q, q);
  const num = wrap32(srdhm(q, r) + srdhm(srdhm(q, sq), 117049297));
  const den = wrap32(srdhm(p, wrap32(1057819769 + q + srdhm(127690142, sq))) + srdhm(638450708, q));
  const recip = rescale(newtonQ2(den), 1, 0);
  return rescale(wrap32(srdhm(z, 1488522236) + srdhm(rescale(num, 0, acc), recip)), acc, outBits);
}

/** Softmax (int8 in, int8 or int16 out) of one row, reference_ops::Softmax. */
export function tflmSoftmaxQ8Row(row: number[], m: number, left: number, diffMin: number, outBits: 8 | 16): number[] {
  const max = Math.max(-128, ...row);
  const scaled = (d: number) => srdhm(wrap32(Math.imul(d, 2 ** left)), m);
  let sum = 0;
  for (const v of row) if (v - max >= diffMin) sum = wrap32(sum + rdbp(expNeg(scaled(v - max), 5), 12));
  const h = clz32(sum);
  const nbou = 12 - h;
  const shiftedScale = rescale(newtonQ2(wrap32(Number((BigInt(sum >>> 0) << BigInt(h)) & 0xffffffffn) - 2 ** 31)), 1, 0);
  const exponent = nbou + 31 - outBits;
  const [lo, hi] = outBits === 8 ? [-128, 127] : [-32768, 32767];
  // exponent > 31: TFLM aborts; qact continues the rounding division in 64 bits (half away from 0)
  const div = (v: number) => (exponent <= 31 ? rdbp(v, exponent) : Math.sign(v) * Math.floor(Math.abs(v) / 2 ** exponent + 0.5));
  return row.map((v) => (v - max >= diffMin ? clamp(div(srdhm(shiftedScale, expNeg(scaled(v - max), 5))) + lo, lo, hi) : lo));
}

/** LogSoftmaxQuantized (int8) of one row. */
export function tflmLogSoftmaxQ8Row(row: number[], m: number, left: number, revDiv: number, revRight: number, diffMin: number): number[] {
  const max = Math.max(-128, ...row);
  let sum = 0;
  for (const v of row) if (v - max >= diffMin) sum = wrap32(sum + rdbp(expNeg(mbqm(v - max, m, left), 5), 12));
  const logSum = logX(sum, 12, 5);
  const adjusted = Math.max(diffMin - 1, mbqm(wrap32(logSum + I32_MIN), revDiv, -revRight));
  return row.map((v) => (v - max > adjusted ? clamp(rdbp(wrap32(mbqm(v - max, m, left) - logSum), 22) + 127, -128, 127) : -128));
}

function lut16(v: number, lut: ArrayLike<number>): number {
  const index = 256 + (v >> 7);
  const offset = v & 0x7f;
  const slope = wrap16(lut[index + 1] - lut[index]);
  return wrap16(lut[index] + ((slope * offset + 64) >> 7));
}

/** SoftmaxInt16 of one row with the given tables. */
export function tflmSoftmaxQ16Row(row: number[], m: number, s: number, expLut: ArrayLike<number>, recLut: ArrayLike<number>): number[] {
  const max = Math.max(-32768, ...row);
  const exps = row.map((v) => lut16(clamp(mbqm(v - max, m, s) + 32767, -32768, 32767), expLut));
  const sum = exps.reduce((a, b) => a + b, 0);
  const h = clz32(sum);
  const shifted = Math.floor((sum * 2 ** (h - 1) + 2 ** 13) / 2 ** 14);
  const rec = lut16(clamp(shifted - (2 ** 15 + 2 ** 16), -32768, 32767), recLut);
  const rs = 31 - h;
  return exps.map((e) => clamp(Number((BigInt(e) * BigInt(rec) + (1n << BigInt(rs - 1))) >> BigInt(rs)), 0, 32767));
}

/** TFLM's current int16 LUT builder (kernels/internal/common.h LUTPopulateInt16, float32), as
 *  micro/kernels/softmax_common.cc now calls it; older TFLM called gen_lut, which qact reproduces
 *  (src/tables/tflm-luts.ts). The softmax test checks that both give the same tables. */
export function lutPopulateInt16(inScale: number, inZp: number, outScale: number, outZp: number, fn: (x: number) => number): Int16Array {
  const f = Math.fround;
  const rnd = (v: number) => f(v < 0 ? -Math.round(-v) : Math.round(v));
  const inputMin = f(inScale * (-32768 - inZp)), inputMax = f(inScale * (32767 - inZp));
  const outputMin = f(outScale * (-32768 - outZp)), outputMax = f(outScale * (32767 - outZp));
  const step = f(f(inputMax - inputMin) / 512), halfStep = f(step / 2);
  const inv = f(65536 / f(outputMax - outputMin));
  const lut = new Int16Array(513);
  for (let i = 0; i < 512; i++) {
    const x0 = f(inputMin + f(i * step));
    const val = f(fn(x0)), valMid = f(fn(f(x0 + halfStep))), valNext = f(fn(f(inputMin + f((i + 1) * step))));
    const bias = rnd(f(f(rnd(f(f(f(valNext * inv) + rnd(f(val * inv))) / 2)) - rnd(f(valMid * inv))) / 2));
    lut[i] = clamp(f(rnd(f(val * inv)) - bias), -32768, 32767);
  }
  lut[512] = clamp(rnd(f(f(fn(inputMax)) * inv)), -32768, 32767);
  return lut;
}
