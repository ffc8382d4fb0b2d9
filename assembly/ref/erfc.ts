// erfc(x) in float64 for the reference module (not a kernel): the method of FreeBSD msun s_erf.c
// (Sun Microsystems 1993; lib/msun/src/s_erf.c), whose coefficients are used below, written as
// straight scalar code with AssemblyScript's NativeMath.exp. s_erf.c documents an error below one
// float64 ULP; test/accuracy/sweep.test.ts checks this function against @stdlib erfc on a dense
// sample (relative difference ≤ 1e-15).

// erx = (float)0.84506291151
const ERX: f64 = 8.45062911510467529297e-01;

/** erf(a) − (a + a·R(a²)) region, |a| < 0.84375: returns R(a²) = P/Q. */
function smallRatio(z: f64): f64 {
  const P = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02 +
    z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)));
  const Q = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03 +
    z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))));
  return P / Q;
}

/** erf(1 + s) − erx for s = |x| − 1 in [−0.15625, 0.25). */
function midRatio(s: f64): f64 {
  const P = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01 +
    s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02 +
    s * -2.16637559486879084300e-03)))));
  const Q = 1 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02 +
    s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))));
  return P / Q;
}

/** erfc(a) for a in [1.25, 28). */
function tail(a: f64): f64 {
  const s = 1 / (a * a);
  let R: f64, S: f64;
  if (a < 1 / 0.35) {
    R = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e+01 +
      s * (-6.23753324503260060396e+01 + s * (-1.62396669462573470355e+02 + s * (-1.84605092906711035994e+02 +
      s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00))))));
    S = 1 + s * (1.96512716674392571292e+01 + s * (1.37657754143519042600e+02 + s * (4.34565877475229228821e+02 +
      s * (6.45387271733267880336e+02 + s * (4.29008140027567833386e+02 + s * (1.08635005541779435134e+02 +
      s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02)))))));
  } else {
    R = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e+01 +
      s * (-1.60636384855821916062e+02 + s * (-6.37566443368389627722e+02 + s * (-1.02509513161107724954e+03 +
      s * -4.83519191608651397019e+02)))));
    S = 1 + s * (3.03380607434824582924e+01 + s * (3.25792512996573918826e+02 + s * (1.53672958608443695994e+03 +
      s * (3.19985821950859553908e+03 + s * (2.55305040643316442583e+03 + s * (4.74528541206955367215e+02 +
      s * -2.24409524465858183362e+01))))));
  }
  // a = h + (a − h) with h's low 32 bits cleared, so h·h is exact: −a² = −h² + (h − a)(h + a)
  const h = reinterpret<f64>(reinterpret<u64>(a) & 0xffffffff00000000);
  return Math.exp(-h * h - 0.5625) * Math.exp((h - a) * (h + a) + R / S) / a;
}

export function erfc64(x: f64): f64 {
  if (x != x) return x;
  const a = abs(x);
  if (a < 0.84375) {
    if (a < 1.3877787807814457e-17) return 1 - x; // |x| < 2^-56
    const y = smallRatio(x * x);
    if (x < 0.25) return 1 - (x + x * y);
    return 0.5 - (x * y + (x - 0.5));
  }
  if (a < 1.25) {
    const q = midRatio(a - 1);
    return x > 0 ? (1 - ERX) - q : 1 + (ERX + q);
  }
  if (a < 28) {
    if (x < -6) return 2;
    const t = tail(a);
    return x > 0 ? t : 2 - t;
  }
  return x > 0 ? 0 : 2;
}
