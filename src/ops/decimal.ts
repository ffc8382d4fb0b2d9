// Arbitrary-precision helpers (decimal.js, 80 significant digits) for the references' refDecimal:
// used only to settle a rounding that float64 cannot decide (a result within ~1e-9 LSB of a tie).
import { Decimal as DecimalJs } from "decimal.js";

export const Dec = DecimalJs.clone({ precision: 80, rounding: DecimalJs.ROUND_HALF_EVEN });
export type Dec = InstanceType<typeof Dec>;

const TWO52 = 2 ** 52;

/** The exact value of a float64 (not its shortest decimal string). */
export function exactDecimal(x: number): Dec {
  if (!Number.isFinite(x)) return new Dec(x);
  if (x === 0) return new Dec(0);
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0), lo = buf.getUint32(4);
  const sign = hi >>> 31 ? -1 : 1;
  const biased = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * 2 ** 32 + lo;
  const mant = biased === 0 ? frac : frac + TWO52;
  const exp = (biased === 0 ? 1 : biased) - 1075;
  return new Dec(sign * mant).times(new Dec(2).pow(exp));
}

export const ONE = new Dec(1);
const HALF = new Dec(0.5);

// Beyond |x| = 200 the functions below are their asymptotes to within e^-200 ≈ 1e-87 relative, below the
// 80 digits kept, so they return the asymptote instead of evaluating exp of a huge argument (which made the
// tie settling of an int16 `table` over all 65,536 codes take minutes at scales like in 0.5 / out 1).
const BIG = 200;

export function sigmoidDec(x: Dec): Dec {
  if (x.gt(BIG)) return ONE;
  if (x.lt(-BIG)) return x.exp();
  return ONE.div(ONE.plus(x.neg().exp()));
}

export function softplusDec(x: Dec): Dec {
  if (x.gt(BIG)) return x;
  if (x.lt(-BIG)) return x.exp();
  return ONE.plus(x.exp()).ln();
}

export function tanhDec(x: Dec): Dec {
  if (x.abs().gt(BIG / 2)) return new Dec(x.s ?? 1); // 1 − |tanh x| < 2e^-200
  return x.tanh();
}

export function expm1Dec(x: Dec): Dec {
  return x.exp().minus(ONE);
}

/** erf by its Maclaurin series; converges for every z, and 80 digits leave ≥ 40 after the
 *  cancellation for |z| ≤ 8 (terms grow to about e^{z²}). Outside that, undefined. */
export function erfDec(z: Dec): Dec | undefined {
  if (z.abs().gt(8)) return undefined;
  const z2 = z.times(z);
  let term = z, sum = z;
  for (let n = 1; n < 2000; n++) {
    term = term.times(z2).neg().div(n);
    const add = term.div(2 * n + 1);
    sum = sum.plus(add);
    if (add.isZero() || add.abs().lt(sum.abs().times("1e-70"))) break;
  }
  return sum.times(2).div(Dec.acos(-1).sqrt());
}

export function geluDec(x: Dec): Dec | undefined {
  const e = erfDec(x.div(new Dec(2).sqrt()));
  return e && HALF.times(x).times(ONE.plus(e));
}
