/* Declarations only, so that the wasm2c runtime (wasm-rt-impl.c) compiles with newlib: on 32-bit
 * targets it uses calloc/realloc for linear memory (WASM_RT_MEMCHECK_SIGNAL_HANDLER is 0) and never
 * calls these; the unused static helpers that reference them are discarded by the compiler. */
#ifndef QACT_MCU_SYS_MMAN_H
#define QACT_MCU_SYS_MMAN_H
#include <stddef.h>
#include <sys/types.h>
#define PROT_NONE 0
#define PROT_READ 1
#define PROT_WRITE 2
#define MAP_PRIVATE 2
#define MAP_ANONYMOUS 0x20
#define MAP_FAILED ((void*)-1)
void* mmap(void* addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void* addr, size_t len);
int mprotect(void* addr, size_t len, int prot);
#endif
