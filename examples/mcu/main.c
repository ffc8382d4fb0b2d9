/* qact on a Cortex-M4 (QEMU mps2-an386): the wasm2c output of a qact build, cross-compiled with
 * arm-none-eabi-gcc, runs every case of the vector blob through the C-like ABI (docs/abi.md) and
 * prints one line per kernel over semihosting. Exit code 0 when every output byte equals Node's.
 * The blob (10 MB for 121 kernels: every int16 kernel has all 65,536 codes) is far larger than the
 * 4 MiB flash, so it is not linked in: the firmware streams it from the host file QACT_VECTORS_FILE
 * through semihosting reads, one case record at a time, into a buffer on the heap (PSRAM).
 * Build and run: scripts/hosts/mcu.mjs (npm run test:hosts -- --only mcu). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "qact.h"
#include "qact_vectors.h"
#include "wasm-rt-impl.h"

int qact_call(Z_qact_instance_t* m, const char* name, const uint32_t* a, int nargs);
void semihost_puts(const char* s);
int semihost_open(const char* path);
uint32_t semihost_read(int fd, void* buf, uint32_t n);
void semihost_close(int fd);

#ifndef QACT_HOST_NAME
#define QACT_HOST_NAME "cortex-m4-qemu"
#endif
#ifndef QACT_VECTORS_FILE
#define QACT_VECTORS_FILE "build/hosts/vectors.bin" /* relative to QEMU's working directory */
#endif

static Z_qact_instance_t g_module;

static uint8_t* memory(void* ctx, uint32_t* size) {
  wasm_rt_memory_t* mem = Z_qactZ_memory((Z_qact_instance_t*)ctx);
  *size = (uint32_t)mem->size;
  return mem->data;
}
static int grow(void* ctx, uint32_t pages) {
  return wasm_rt_grow_memory(Z_qactZ_memory((Z_qact_instance_t*)ctx), pages) == (uint32_t)-1;
}
static int call(void* ctx, const char* name, const uint32_t* args, int nargs) {
  wasm_rt_trap_t trap = wasm_rt_impl_try();
  if (trap != WASM_RT_TRAP_NONE) return (int)trap;
  return qact_call((Z_qact_instance_t*)ctx, name, args, nargs);
}

/* Runs the blob case by case; the record buffer grows to the largest case (an int16 kernel's
 * 65,536 inputs and outputs plus its table: under 1 MB). */
static int run_file(const qv_host* h, const char* path) {
  char what[160];
  int fd = semihost_open(path);
  if (fd < 0) { snprintf(what, sizeof what, "cannot open %s (semihosting)", path); return qv_error(h, what); }
  uint8_t head[QV_BLOB_HEADER];
  uint32_t count = semihost_read(fd, head, QV_BLOB_HEADER) == QV_BLOB_HEADER ? qv_blob_count(head) : 0xFFFFFFFFu;
  if (count == 0xFFFFFFFFu) { semihost_close(fd); snprintf(what, sizeof what, "bad vector blob %s", path); return qv_error(h, what); }
  qv_stats st = { count, 0, 0, 0 };
  uint8_t* rec = NULL;
  uint32_t cap = 0;
  for (uint32_t c = 0; c < count; c++) {
    uint8_t hd[QV_CASE_HEADER];
    if (semihost_read(fd, hd, QV_CASE_HEADER) != QV_CASE_HEADER) { qv_error(h, "vector blob truncated"); st.bad++; break; }
    uint32_t size = qv_case_size(hd);
    if (size > cap) {
      free(rec);
      rec = malloc(size);
      cap = rec ? size : 0;
      if (!rec) { snprintf(what, sizeof what, "no memory for a %lu-byte case", (unsigned long)size); qv_error(h, what); st.bad++; break; }
    }
    for (uint32_t i = 0; i < QV_CASE_HEADER; i++) rec[i] = hd[i];
    if (semihost_read(fd, rec + QV_CASE_HEADER, size - QV_CASE_HEADER) != size - QV_CASE_HEADER) {
      qv_error(h, "vector blob truncated"); st.bad++; break;
    }
    qv_tally(&st, qv_case(h, rec));
  }
  free(rec);
  semihost_close(fd);
  return qv_done(h, &st);
}

int main(void) {
  wasm_rt_init();
  Z_qact_init_module();
  Z_qact_instantiate(&g_module);
  qv_host h = { QACT_HOST_NAME, &g_module, memory, grow, call, semihost_puts, Z_qactZ_heap_base(&g_module) };
  return run_file(&h, QACT_VECTORS_FILE) ? 1 : 0;
}
