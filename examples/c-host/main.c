/* A native C host for qact: the module converted to C by wasm2c (wabt), compiled with gcc against
 * the wasm2c runtime, called through the C-like ABI of docs/abi.md. No TypeScript involved.
 *
 *   usage: qact-host HOSTNAME VECTORS.bin
 *
 * Runs every case of the vector blob written by scripts/hosts/vectors.mjs (params bytes, inputs and
 * Node's outputs for each kernel of the registry) and exits 0 when every output byte matches.
 * Build: scripts/hosts/c-native.mjs (wasm2c -n qact, then gcc main.c qact_vectors.c qact.c
 * qact_exports.gen.c wasm-rt-impl.c). */
#include <stdio.h>
#include <stdlib.h>
#include "qact.h"
#include "qact_vectors.h"
#include "wasm-rt-impl.h"

/* generated next to qact.c: calls export `name` with the given u32 args; -1 when absent */
int qact_call(Z_qact_instance_t* m, const char* name, const uint32_t* a, int nargs);

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
static void print(const char* line) { puts(line); }

int main(int argc, char** argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s HOSTNAME VECTORS.bin\n", argv[0]); return 2; }
  FILE* f = fopen(argv[2], "rb");
  if (!f) { perror(argv[2]); return 2; }
  fseek(f, 0, SEEK_END);
  long len = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t* blob = malloc((size_t)len);
  if (!blob || fread(blob, 1, (size_t)len, f) != (size_t)len) { fprintf(stderr, "cannot read %s\n", argv[2]); return 2; }
  fclose(f);

  wasm_rt_init();
  Z_qact_init_module();
  Z_qact_instantiate(&g_module);
  qv_host h = { argv[1], &g_module, memory, grow, call, print, Z_qactZ_heap_base(&g_module) };
  int bad = qv_run(&h, blob, (uint32_t)len);
  Z_qact_free(&g_module);
  wasm_rt_free();
  free(blob);
  return bad ? 1 : 0;
}
