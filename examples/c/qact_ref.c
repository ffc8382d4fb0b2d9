/* qact C reference implementation (see qact_ref.h). In place (in == out) is allowed. */
#include "qact_ref.h"

/* Arithmetic right shift of negative values is required (C99 6.5.7: implementation-defined). */
typedef char qact_requires_arithmetic_shift[((-5 >> 1) == -3 && ((int32_t)-5 >> 1) == -3 && ((int64_t)-5 >> 1) == -3) ? 1 : -1];

/* The structs are the WASM blocks' layouts (natural alignment), so `--format bin` can be copied into them. */
typedef char qact_requires_wasm_layout[(sizeof(qact_pwl2_params) == 32 && sizeof(qact_hardswish_params) == 56 &&
  sizeof(qact_table16_header) == 16 && sizeof(qact_seg16_header) == 64 && offsetof(qact_seg16_header, right) == 32 &&
  sizeof(qact_lut513_record) == 8 && sizeof(qact_poly3_record) == 16) ? 1 : -1];

int64_t qact_round_shift(int64_t acc, int32_t s) {
  /* (acc + 2^(s-1) - (acc < 0)) >> s: ties go away from zero, like the WASM kernels' roundingShiftRightHalfAway */
  return (acc + ((int64_t)1 << (s - 1)) - (acc < 0 ? 1 : 0)) >> s;
}

static int64_t clamp64(int64_t v, int64_t lo, int64_t hi) {
  return v < lo ? lo : v > hi ? hi : v;
}

static int32_t clamp_i16(int32_t v) {
  return v < -32768 ? -32768 : v > 32767 ? 32767 : v;
}

/* acc / 2^k rounded half away from zero in int32, k in 1..30: the int16 lut/poly kernels'
 * (acc + 2^(k-1) + (acc >> 31)) >> k */
static int32_t round_shift32(int32_t acc, int32_t k) {
  return (acc + ((int32_t)1 << (k - 1)) + (acc < 0 ? -1 : 0)) >> k;
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

/* The int16 lut/poly arithmetic is int32 as in the WASM kernels (assembly/q16/); for the blocks qact
 * writes every product fits int32 (the bounds are in assembly/q16/lut.ts, poly.ts and tails.ts). */
int32_t qact_seg16_right_tail(const qact_seg16_header *h, int32_t q) {
  if (h->right_kind == 2) {
    const qact_seg16_line *l = &h->right.line;
    const int32_t d = q - l->zp;
    return clamp_i16((d * l->mh + ((d * l->ml) >> 15) + l->c) >> l->s2);
  }
  if (h->right_kind == 1) return qact_pwl2_one(&h->right.pwl2, q);
  return h->right_code;
}

/* d = clamp(q - qa, 0, span), pos = d*mul */
static int32_t seg16_pos(const qact_seg16_header *h, int32_t q) {
  int32_t d = q - h->qa;
  d = d < 0 ? 0 : d > h->span ? h->span : d;
  return d * h->mul;
}

int32_t qact_lut513_i16_one(const qact_seg16_header *h, const qact_lut513_record *records, int32_t q) {
  int32_t pos, i, t, w, acc;
  const qact_lut513_record *r;
  if (q < h->qa) return h->left;
  if (q > h->qb) return qact_seg16_right_tail(h, q);
  pos = seg16_pos(h, q);
  i = pos >> 15;
  if (i > 511) i = 511;
  t = pos - i * 32768;
  w = (t * (32768 - t)) >> 13;
  r = &records[i];
  acc = r->e + (((int32_t)r->d * t + 16384) >> 15) + (((int32_t)r->b * w + 16384) >> 15);
  return clamp_i16(round_shift32(acc, h->k));
}

void qact_lut513_i16(const qact_seg16_header *h, const qact_lut513_record *records, const int16_t *in, int16_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int16_t)qact_lut513_i16_one(h, records, in[i]);
}

int32_t qact_poly3_i16_one(const qact_seg16_header *h, const qact_poly3_record *records, int32_t q) {
  int32_t pos, i, t, acc;
  const qact_poly3_record *r;
  if (q < h->qa) return h->left;
  if (q > h->qb) return qact_seg16_right_tail(h, q);
  pos = seg16_pos(h, q);
  i = pos >> 12;
  if (i > 127) i = 127;
  t = pos - i * 4096;
  r = &records[i];
  acc = r->c3;
  acc = ((acc * t + 2048) >> 12) + r->c2;
  acc = ((acc * t + 2048) >> 12) + r->c1;
  acc = ((acc * t + 2048) >> 12) + r->c0;
  return clamp_i16(round_shift32(acc, h->k));
}

void qact_poly3_i16(const qact_seg16_header *h, const qact_poly3_record *records, const int16_t *in, int16_t *out, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) out[i] = (int16_t)qact_poly3_i16_one(h, records, in[i]);
}
