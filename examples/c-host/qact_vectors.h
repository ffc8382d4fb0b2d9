/* Runs the test vectors of scripts/hosts/vectors.mjs against a qact module, through nothing but the
 * module's C-like ABI (docs/abi.md): write the params block and the inputs into linear memory above
 * heap_base(), call the export with raw pointers, compare the output bytes with Node's.
 * Host-independent: the wasm2c native host (main.c) and the Cortex-M4 firmware (../mcu/main.c) both
 * use it, each supplying memory access, the export call and a line printer. */
#ifndef QACT_VECTORS_H
#define QACT_VECTORS_H
#include <stdint.h>

typedef struct qv_host {
  const char* name;  /* host name printed on every line, e.g. "wasm2c-native/scalar" */
  void* ctx;
  /* the module's linear memory (base and size in bytes); may move after grow() */
  uint8_t* (*memory)(void* ctx, uint32_t* size);
  /* grows linear memory by `pages` 64 KiB pages; 0 on success */
  int (*grow)(void* ctx, uint32_t pages);
  /* calls export `name` with args (4 for elementwise kernels, 5 for the other shapes);
   * 0 ok, -1 no such export, otherwise the trap code */
  int (*call)(void* ctx, const char* name, const uint32_t* args, int nargs);
  void (*print)(const char* line);
  uint32_t heap_base;
} qv_host;

/* The blob (scripts/hosts/vectors.mjs) is a 16-byte header and one record per case, each a
 * 112-byte header followed by params, inputs and expected outputs. */
#define QV_BLOB_HEADER 16u
#define QV_CASE_HEADER 112u
enum { QV_OK = 0, QV_FAILED = 1, QV_SKIPPED = 2 };
typedef struct qv_stats { uint32_t count, ok, bad, skipped; } qv_stats;

/* Case count from the 16-byte blob header, 0xFFFFFFFF when it is not a qact vector blob. */
uint32_t qv_blob_count(const uint8_t* header16);
/* Bytes of the case record starting with this 112-byte case header (header included). */
uint32_t qv_case_size(const uint8_t* case_header112);
/* Runs one whole case record (out of place, then in place); prints its line; returns QV_OK,
 * QV_FAILED (mismatch, trap, no memory) or QV_SKIPPED (the module lacks the export). */
int qv_case(const qv_host* h, const uint8_t* record);
void qv_tally(qv_stats* st, int result);
/* Prints the summary line "qact-vectors host=H done cases=N ok=N mismatch=M skipped=S"; returns M. */
int qv_done(const qv_host* h, const qv_stats* st);
/* Prints "qact-vectors host=H ERROR what"; returns 1. */
int qv_error(const qv_host* h, const char* what);

/* Runs every case of a blob held in memory (qv_case for each, then qv_done). Hosts that cannot hold
 * the whole blob (the Cortex-M4: ../mcu/main.c) read one record at a time and call qv_case. */
/* Returns the number of failed cases (mismatches, traps, bad blob); prints one line per case and a
 * summary line "qact-vectors host=H done cases=N ok=N mismatch=M skipped=S". Cases whose export the
 * module lacks are reported as skipped (e.g. f32 kernels on the integer-only build). */
int qv_run(const qv_host* h, const uint8_t* blob, uint32_t len);

#endif
