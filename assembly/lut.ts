// int8 256-entry table kernel, method `lut`: y = table[u8(q)].
// The table (built in prepare by src/tables/lut8.ts from the float64 reference, correctly rounded)
// is stored in u8-bit-pattern order: entry k holds the output for input code i8(k), so the lookup
// needs no bias. The table is the truth; the kernel only reproduces it (0 mismatches, exhaustive:
// npx vitest run test/kernels/lut8.test.ts).
// SIMD (i8_lut256__simd_swizzle): the XNNPACK x8-lut scheme: 16 sub-tables of 16 bytes;
// i8x16.swizzle returns 0 for lane indices ≥ 16, so OR-ing swizzle(t_k, x − 16k) over k selects
// exactly one entry per lane. Scalar (i8_lut256__scalar_load): one indexed load per code.

export function i8_lut256(inPtr: usize, outPtr: usize, n: i32, table: usize): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const t0 = v128.load(table, 0), t1 = v128.load(table, 16), t2 = v128.load(table, 32);
    const t3 = v128.load(table, 48), t4 = v128.load(table, 64), t5 = v128.load(table, 80);
    const t6 = v128.load(table, 96), t7 = v128.load(table, 112), t8 = v128.load(table, 128);
    const t9 = v128.load(table, 144), t10 = v128.load(table, 160), t11 = v128.load(table, 176);
    const t12 = v128.load(table, 192), t13 = v128.load(table, 208), t14 = v128.load(table, 224);
    const t15 = v128.load(table, 240);
    const step = i8x16.splat(16);
    for (; i + 16 <= n; i += 16) {
      let x = v128.load(inPtr + i);
      let y = i8x16.swizzle(t0, x);
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t1, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t2, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t3, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t4, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t5, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t6, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t7, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t8, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t9, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t10, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t11, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t12, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t13, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t14, x));
      x = i8x16.sub(x, step); y = v128.or(y, i8x16.swizzle(t15, x));
      v128.store(outPtr + i, y);
    }
  }
  for (; i < n; i++) store<u8>(outPtr + i, load<u8>(table + <usize>load<u8>(inPtr + i)));
}
