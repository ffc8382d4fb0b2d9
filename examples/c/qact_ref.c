/* qact C reference implementation (see qact_ref.h). In place (in == out) is allowed. */
#include "qact_ref.h"

/* Arithmetic right shift of negative values is required (C99 6.5.7: implementation-defined). */
typedef char qact_requires_arithmetic_shift[((-5 >> 1) == -3) ? 1 : -1];

int64_t qact_round_shift(int64_t acc, int32_t s) {
  /* (acc + 2^(s-1) - (acc < 0)) >> s: ties go away from zero, like the WASM kernels' roundingShiftRightHalfAway */
  return (acc + ((int64_t)1 << (s - 1)) - (acc < 0 ? 1 : 0)) >> s;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

void qact_lut8_apply(const int8_t table[256], const int8_t *in, int8_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = table[(int32_t)in[i] + 128];
}

int32_t qact_pwl2_one(const qact_pwl2_params *p, int32_t q) {
  const int32_t d = q - p->in_zp;
  const int64_t acc = (int64_t)d * (int64_t)(d < 0 ? p->mul_neg : p->mul_pos) + p->bias;
  return (int32_t)clamp64(qact_round_shift(acc, p->shift), p->lo, p->hi);
}

void qact_pwl2_i8(const qact_pwl2_params *p, const int8_t *in, int8_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int8_t)qact_pwl2_one(p, in[i]);
}

void qact_pwl2_i16(const qact_pwl2_params *p, const int16_t *in, int16_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int16_t)qact_pwl2_one(p, in[i]);
}

int32_t qact_hardswish_one(const qact_hardswish_params *p, int32_t q) {
  const int64_t d = (int64_t)q - p->in_zp;
  const int64_t g = clamp64(qact_round_shift(d * p->g_mul + p->g_bias, p->g_shift), 0, p->g_max);
  return (int32_t)clamp64(qact_round_shift(d * g + p->out_bias, p->out_shift), p->lo, p->hi);
}

void qact_hardswish_i8(const qact_hardswish_params *p, const int8_t *in, int8_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int8_t)qact_hardswish_one(p, in[i]);
}

void qact_hardswish_i16(const qact_hardswish_params *p, const int16_t *in, int16_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int16_t)qact_hardswish_one(p, in[i]);
}

int32_t qact_table_i16_one(const qact_table16_header *h, const int16_t *entries, int32_t q) {
  const int32_t c = q < h->lo ? h->lo : q > h->hi ? h->hi : q;
  return entries[c - h->lo];
}

void qact_table_i16(const qact_table16_header *h, const int16_t *entries, const int16_t *in, int16_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int16_t)qact_table_i16_one(h, entries, in[i]);
}
