/* See qact_vectors.h. Blob format: scripts/hosts/vectors.mjs. */
#include "qact_vectors.h"
#include <stdio.h>
#include <string.h>

#define PAGE 65536u

static uint32_t rd32(const uint8_t* p) {
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint32_t pad8(uint32_t n) { return (n + 7u) & ~7u; }
static uint32_t al16(uint32_t n) { return (n + 15u) & ~15u; }

/* element i of a little-endian array of `bpe`-byte elements, as an unsigned bit pattern */
static uint32_t elem(const uint8_t* p, uint32_t bpe, uint32_t i) {
  const uint8_t* q = p + (size_t)i * bpe;
  return bpe == 1 ? q[0] : bpe == 2 ? (uint32_t)(q[0] | q[1] << 8) : rd32(q);
}
static long as_signed(uint32_t v, uint32_t bpe) {
  return bpe == 1 ? (long)(int8_t)v : bpe == 2 ? (long)(int16_t)v : (long)(int32_t)v;
}

static void report_diff(const qv_host* h, const char* label, const char* what, const uint8_t* input,
                        uint32_t inBpe, const uint8_t* got, const uint8_t* exp, uint32_t outBpe,
                        uint32_t nOut, uint32_t unit) {
  char line[256];
  for (uint32_t i = 0; i < nOut; i++) {
    uint32_t g = elem(got, outBpe, i), e = elem(exp, outBpe, i);
    if (g == e) continue;
    uint32_t in = elem(input, inBpe, i * unit);
    if (inBpe == 4)
      snprintf(line, sizeof line, "qact-vectors host=%s case=%s MISMATCH%s index=%lu input=0x%08lx got=0x%08lx expected=0x%08lx",
               h->name, label, what, (unsigned long)(i * unit), (unsigned long)in, (unsigned long)g, (unsigned long)e);
    else
      snprintf(line, sizeof line, "qact-vectors host=%s case=%s MISMATCH%s index=%lu input=%ld got=%ld expected=%ld",
               h->name, label, what, (unsigned long)(i * unit), as_signed(in, inBpe), as_signed(g, outBpe), as_signed(e, outBpe));
    h->print(line);
    return;
  }
}

uint32_t qv_blob_count(const uint8_t* hdr) {
  return memcmp(hdr, "QACTVEC1", 8) == 0 ? rd32(hdr + 8) : 0xFFFFFFFFu;
}

uint32_t qv_case_size(const uint8_t* hd) {
  const uint8_t* h = hd + 80;
  return QV_CASE_HEADER + pad8(rd32(h + 24)) + pad8(rd32(h + 16) * rd32(h + 8)) + pad8(rd32(h + 20) * rd32(h + 12));
}

int qv_case(const qv_host* h, const uint8_t* rec) {
  char line[256];
  char label[49], exp[33];
  memcpy(label, rec, 48); label[48] = 0;
  memcpy(exp, rec + 48, 32); exp[32] = 0;
  const uint8_t* hd = rec + 80;
  uint32_t shape = rd32(hd), arg = rd32(hd + 4), inBpe = rd32(hd + 8), outBpe = rd32(hd + 12);
  uint32_t nIn = rd32(hd + 16), nOut = rd32(hd + 20), pLen = rd32(hd + 24);
  const uint8_t* params = hd + 32;
  const uint8_t* input = params + pad8(pLen);
  const uint8_t* expected = input + pad8(nIn * inBpe);

  uint32_t base = al16(h->heap_base), pPtr = base, inPtr = al16(pPtr + pLen);
  uint32_t outPtr = al16(inPtr + nIn * inBpe), end = outPtr + nOut * outBpe, size;
  h->memory(h->ctx, &size);
  if (end > size && h->grow(h->ctx, (end - size + PAGE - 1) / PAGE) != 0) {
    snprintf(line, sizeof line, "qact-vectors host=%s case=%s ERROR cannot grow memory to %lu bytes", h->name, label, (unsigned long)end);
    h->print(line);
    return QV_FAILED;
  }
  uint32_t args[5];
  int nargs;
  uint32_t unit = 1; /* input elements per output element (maxout groups) */
  if (shape == 0) { args[0] = inPtr; args[1] = outPtr; args[2] = nIn; args[3] = pPtr; nargs = 4; }
  else if (shape == 1) { args[0] = inPtr; args[1] = outPtr; args[2] = nIn / arg; args[3] = arg; args[4] = pPtr; nargs = 5; }
  else if (shape == 2) { args[0] = inPtr; args[1] = outPtr; args[2] = nIn; args[3] = arg; args[4] = pPtr; nargs = 5; }
  else { args[0] = inPtr; args[1] = outPtr; args[2] = nOut; args[3] = arg; args[4] = pPtr; nargs = 5; unit = arg; }

  /* out of place, then (when shapes allow) in place */
  for (int pass = 0; pass < 2; pass++) {
    if (pass == 1) {
      if (inBpe != outBpe || nIn != nOut) break;
      args[1] = inPtr;
    }
    uint8_t* mem = h->memory(h->ctx, &size);
    memcpy(mem + pPtr, params, pLen);
    memcpy(mem + inPtr, input, nIn * inBpe);
    if (pass == 0) memset(mem + outPtr, 0xA5, nOut * outBpe); /* poison: stale bytes cannot pass */
    int rc = h->call(h->ctx, exp, args, nargs);
    if (rc == -1) {
      snprintf(line, sizeof line, "qact-vectors host=%s case=%s SKIP module has no export %s", h->name, label, exp);
      h->print(line);
      return QV_SKIPPED;
    }
    if (rc != 0) {
      snprintf(line, sizeof line, "qact-vectors host=%s case=%s TRAP code %d in %s", h->name, label, rc, exp);
      h->print(line);
      return QV_FAILED;
    }
    mem = h->memory(h->ctx, &size);
    if (memcmp(mem + args[1], expected, nOut * outBpe) != 0) {
      report_diff(h, label, pass ? "(in-place)" : "", input, inBpe, mem + args[1], expected, outBpe, nOut, unit);
      return QV_FAILED;
    }
  }
  snprintf(line, sizeof line, "qact-vectors host=%s case=%s export=%s n=%lu ok", h->name, label, exp, (unsigned long)nIn);
  h->print(line);
  return QV_OK;
}

void qv_tally(qv_stats* st, int result) {
  if (result == QV_OK) st->ok++;
  else if (result == QV_SKIPPED) st->skipped++;
  else st->bad++;
}

int qv_done(const qv_host* h, const qv_stats* st) {
  char line[256];
  snprintf(line, sizeof line, "qact-vectors host=%s done cases=%lu ok=%lu mismatch=%lu skipped=%lu", h->name,
           (unsigned long)st->count, (unsigned long)st->ok, (unsigned long)st->bad, (unsigned long)st->skipped);
  h->print(line);
  return (int)st->bad;
}

int qv_error(const qv_host* h, const char* what) {
  char line[256];
  snprintf(line, sizeof line, "qact-vectors host=%s ERROR %s", h->name, what);
  h->print(line);
  return 1;
}

int qv_run(const qv_host* h, const uint8_t* blob, uint32_t len) {
  char what[64];
  uint32_t count = len >= QV_BLOB_HEADER ? qv_blob_count(blob) : 0xFFFFFFFFu;
  if (count == 0xFFFFFFFFu) {
    snprintf(what, sizeof what, "bad vector blob (%lu bytes)", (unsigned long)len);
    return qv_error(h, what);
  }
  qv_stats st = { count, 0, 0, 0 };
  uint32_t off = QV_BLOB_HEADER;
  for (uint32_t c = 0; c < count; c++) {
    if (off + QV_CASE_HEADER > len || qv_case_size(blob + off) > len - off) { st.bad++; break; }
    qv_tally(&st, qv_case(h, blob + off));
    off += qv_case_size(blob + off);
  }
  return qv_done(h, &st);
}
