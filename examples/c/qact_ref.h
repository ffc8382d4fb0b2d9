/* qact C reference: the apply step of each exported kernel method, in plain C99, for firmware that
 * uses the tables/params written by `qact lut ... --format c|bin` without WASM.
 *
 * Each function reproduces the scalar WASM kernel bit for bit over every input code; this is
 * checked by test/tables/c-reference.test.ts (gcc -std=c99 -Wall -Wextra -Werror, all codes, random
 * quantization params) — run `npx vitest run test/tables/c-reference.test.ts`.
 *
 * Methods:
 *   int8  lut    qact_lut8_apply        256-entry table indexed by code + 128
 *   int8  fixed  qact_pwl2_i8           two-slope piecewise linear (relu, relu6, leaky_relu, hard_sigmoid, hard_tanh, identity)
 *   int16 fixed  qact_pwl2_i16
 *   int8  fixed  qact_hardswish_i8      hardswish gate in int64
 *   int16 fixed  qact_hardswish_i16
 *   int16 table  qact_table_i16         one entry per input code in [lo, hi], the code clamped into it
 *   int16 lut    qact_lut513_i16        512 segments with midpoint bias correction, constant/linear tails
 *   int16 poly   qact_poly3_i16         128 cubic segments (Horner in int32), the same tails
 *
 * Rounding is half away from zero (TFLite's convention). The code relies on `>>` of a negative
 * int32_t/int64_t being an arithmetic shift, which C99 leaves implementation-defined; GCC, Clang, IAR and
 * armcc all shift arithmetically, and qact_ref.c refuses to compile where that is not so.
 */
#ifndef QACT_REF_H
#define QACT_REF_H
#include <stddef.h>
#include <stdint.h>

#ifndef QACT_PWL2_PARAMS_DEFINED
#define QACT_PWL2_PARAMS_DEFINED
typedef struct {
  int32_t in_zp;   /* input zero point */
  int32_t mul_pos; /* slope for d >= 0, Q(shift) */
  int32_t mul_neg; /* slope for d < 0, Q(shift) */
  int32_t shift;   /* fraction bits of the multipliers and bias (1..62) */
  int64_t bias;    /* offset in output steps plus out_zp, Q(shift) */
  int32_t lo;      /* lowest output code */
  int32_t hi;      /* highest output code */
} qact_pwl2_params;
#endif

#ifndef QACT_HARDSWISH_PARAMS_DEFINED
#define QACT_HARDSWISH_PARAMS_DEFINED
typedef struct {
  int32_t in_zp;     /* input zero point */
  int32_t g_shift;   /* fraction bits of g_mul and g_bias */
  int64_t g_mul;     /* Q(g_shift) */
  int64_t g_bias;    /* Q(g_shift) */
  int64_t g_max;     /* the gate when x >= 3 */
  int32_t out_shift; /* fraction bits of the gate */
  int64_t out_bias;  /* out_zp * 2^out_shift */
  int32_t lo;        /* lowest output code */
  int32_t hi;        /* highest output code */
} qact_hardswish_params;
#endif

#ifndef QACT_TABLE16_HEADER_DEFINED
#define QACT_TABLE16_HEADER_DEFINED
typedef struct {
  int32_t lo;    /* first input code in the table */
  int32_t hi;    /* last input code in the table */
  int32_t zero0; /* 0 (reserved) */
  int32_t zero1; /* 0 (reserved) */
} qact_table16_header;
#endif

/* int16 lut/poly: the right tail for q > qb when right_kind is 2 (int32 line) */
#ifndef QACT_SEG16_LINE_DEFINED
#define QACT_SEG16_LINE_DEFINED
typedef struct {
  int32_t zp; /* input zero point (d = q - zp) */
  int32_t mh; /* slope multiplier m = mh*2^15 + ml in Q(s2 + 15): high part */
  int32_t ml; /* slope multiplier: low 15 bits */
  int32_t s2; /* fraction bits of the line (0..31) */
  int32_t c;  /* (out_zp + 1/2)*2^s2 rounded down */
} qact_seg16_line;
#endif

#ifndef QACT_SEG16_RIGHT_DEFINED
#define QACT_SEG16_RIGHT_DEFINED
typedef union {
  qact_pwl2_params pwl2; /* right_kind 1: the line slope*x by qact_pwl2_one (int64) */
  qact_seg16_line line;  /* right_kind 2: the line in int32 (right_kind 0: unused, all 0) */
} qact_seg16_right;
#endif

/* The 64-byte header of the int16 lut and poly blocks (the WASM block's first 64 bytes). */
#ifndef QACT_SEG16_HEADER_DEFINED
#define QACT_SEG16_HEADER_DEFINED
typedef struct {
  int32_t qa;         /* first table code (codes below give left) */
  int32_t span;       /* max(1, qb - qa) */
  int32_t mul;        /* position multiplier: pos = clamp(q - qa, 0, span)*mul, in segments Q15 (lut513) or Q12 (poly3) */
  int32_t k;          /* fraction bits of the records (1..30) */
  int32_t left;       /* output code for q < qa */
  int32_t qb;         /* last table code (codes above take the right tail) */
  int32_t right_kind; /* right tail for q > qb: 0 right_code, 1 right.pwl2, 2 right.line */
  int32_t right_code; /* output code for q > qb when right_kind is 0 */
  qact_seg16_right right; /* the right tail line: right_kind 1 pwl2, 2 line (0: unused, all 0) */
} qact_seg16_header;
#endif

#ifndef QACT_LUT513_RECORD_DEFINED
#define QACT_LUT513_RECORD_DEFINED
typedef struct {
  int32_t e; /* output at the segment start, Q(k) output steps, out_zp included */
  int16_t d; /* rise to the next segment start, Q(k) */
  int16_t b; /* midpoint bias correction, Q(k) */
} qact_lut513_record;
#endif

#ifndef QACT_POLY3_RECORD_DEFINED
#define QACT_POLY3_RECORD_DEFINED
typedef struct {
  int32_t c0; /* coefficient of t^0, Q(k) output steps, out_zp included */
  int32_t c1; /* coefficient of t^1, Q(k) output steps */
  int32_t c2; /* coefficient of t^2, Q(k) output steps */
  int32_t c3; /* coefficient of t^3, Q(k) output steps */
} qact_poly3_record;
#endif

/* acc / 2^s rounded half away from zero, s in 1..62 (|acc| < 2^62). */
int64_t qact_round_shift(int64_t acc, int32_t s);

void qact_lut8_apply(const int8_t table[256], const int8_t *in, int8_t *out, size_t n);

int32_t qact_pwl2_one(const qact_pwl2_params *p, int32_t q);
void qact_pwl2_i8(const qact_pwl2_params *p, const int8_t *in, int8_t *out, size_t n);
void qact_pwl2_i16(const qact_pwl2_params *p, const int16_t *in, int16_t *out, size_t n);

int32_t qact_hardswish_one(const qact_hardswish_params *p, int32_t q);
void qact_hardswish_i8(const qact_hardswish_params *p, const int8_t *in, int8_t *out, size_t n);
void qact_hardswish_i16(const qact_hardswish_params *p, const int16_t *in, int16_t *out, size_t n);

/* int16 table: entries[j] is the output for input code lo + j (hi - lo + 1 entries); other codes are
 * clamped into [lo, hi] first. */
int32_t qact_table_i16_one(const qact_table16_header *h, const int16_t *entries, int32_t q);
void qact_table_i16(const qact_table16_header *h, const int16_t *entries, const int16_t *in, int16_t *out, size_t n);

/* int16 lut and poly: the output for q > qb (right tail of kind 0, 1 or 2). */
int32_t qact_seg16_right_tail(const qact_seg16_header *h, int32_t q);

/* int16 lut: header + 512 records (segment i over [qa, qb]); tails outside [qa, qb]. */
int32_t qact_lut513_i16_one(const qact_seg16_header *h, const qact_lut513_record *records, int32_t q);
void qact_lut513_i16(const qact_seg16_header *h, const qact_lut513_record *records, const int16_t *in, int16_t *out, size_t n);

/* int16 poly: header + 128 records (segment i over [qa, qb], cubic in t = position in Q12); tails outside [qa, qb]. */
int32_t qact_poly3_i16_one(const qact_seg16_header *h, const qact_poly3_record *records, int32_t q);
void qact_poly3_i16(const qact_seg16_header *h, const qact_poly3_record *records, const int16_t *in, int16_t *out, size_t n);

#endif /* QACT_REF_H */
