/* qact on a Cortex-M4 (QEMU mps2-an386): the wasm2c output of a qact build, cross-compiled with
 * arm-none-eabi-gcc, runs every case of the linked vector blob through the C-like ABI (docs/abi.md)
 * and prints one line per kernel over semihosting. Exit code 0 when every output byte equals Node's.
 * Build and run: scripts/hosts/mcu.mjs (npm run test:hosts -- --only mcu). */
#include <stdint.h>
#include "qact.h"
#include "qact_vectors.h"
#include "wasm-rt-impl.h"

extern const uint8_t qact_vectors[], qact_vectors_end[];
int qact_call(Z_qact_instance_t* m, const char* name, const uint32_t* a, int nargs);
void semihost_puts(const char* s);

#ifndef QACT_HOST_NAME
#define QACT_HOST_NAME "cortex-m4-qemu"
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

int main(void) {
  wasm_rt_init();
  Z_qact_init_module();
  Z_qact_instantiate(&g_module);
  qv_host h = { QACT_HOST_NAME, &g_module, memory, grow, call, semihost_puts, Z_qactZ_heap_base(&g_module) };
  int bad = qv_run(&h, qact_vectors, (uint32_t)(qact_vectors_end - qact_vectors));
  return bad ? 1 : 0;
}
