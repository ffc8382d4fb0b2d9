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

/* Returns the number of failed cases (mismatches, traps, bad blob); prints one line per case and a
 * summary line "qact-vectors host=H done cases=N ok=N mismatch=M skipped=S". Cases whose export the
 * module lacks are reported as skipped (e.g. f32 kernels on the integer-only build). */
int qv_run(const qv_host* h, const uint8_t* blob, uint32_t len);

#endif
