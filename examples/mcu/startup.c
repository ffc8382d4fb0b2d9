/* Minimal Cortex-M4 startup for QEMU mps2-an386: vector table, reset handler (copy .data, zero .bss,
 * call main, report the exit code through semihosting), fault handlers that say which fault
 * happened, semihosting output and file reads, and the newlib hooks (_sbrk for malloc, _exit, _write). */
#include <stdint.h>
#include <stddef.h>
#include <errno.h>

extern uint32_t __etext, __data_start__, __data_end__, __bss_start__, __bss_end__, __stack_top__;
extern uint8_t __heap_start__, __heap_end__;
int main(void);

/* ARM semihosting: bkpt 0xAB with the operation in r0 and its argument in r1. */
static int semihost(int op, const void* arg) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = arg;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}
#define SYS_WRITE0 0x04
#define SYS_EXIT 0x18
#define ADP_Stopped_ApplicationExit 0x20026
#define ADP_Stopped_RunTimeErrorUnknown 0x20023

void semihost_puts(const char* s) { semihost(SYS_WRITE0, s); semihost(SYS_WRITE0, "\n"); }

/* Host files (the vector blob): SYS_OPEN mode 1 is "rb"; returns a handle or -1. */
#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_READ 0x06
int semihost_open(const char* path) {
  size_t n = 0;
  while (path[n]) n++;
  const uint32_t args[3] = { (uint32_t)(uintptr_t)path, 1, (uint32_t)n };
  return semihost(SYS_OPEN, args);
}
/* Reads up to n bytes; returns the number read (SYS_READ returns the number NOT read). */
uint32_t semihost_read(int fd, void* buf, uint32_t n) {
  const uint32_t args[3] = { (uint32_t)fd, (uint32_t)(uintptr_t)buf, n };
  int left = semihost(SYS_READ, args);
  return left < 0 || (uint32_t)left > n ? 0 : n - (uint32_t)left;
}
void semihost_close(int fd) {
  const uint32_t args[1] = { (uint32_t)fd };
  semihost(SYS_CLOSE, args);
}

void _exit(int code) {
  /* 32-bit semihosting SYS_EXIT takes the reason only: QEMU exits 0 for ApplicationExit, 1 otherwise */
  semihost(SYS_EXIT, (const void*)(uintptr_t)(code == 0 ? ADP_Stopped_ApplicationExit : ADP_Stopped_RunTimeErrorUnknown));
  for (;;) {}
}

void* _sbrk(ptrdiff_t incr) {
  static uint8_t* brk = &__heap_start__;
  if (incr > 0 && (size_t)incr > (size_t)(&__heap_end__ - brk)) { errno = ENOMEM; return (void*)-1; }
  uint8_t* old = brk;
  brk += incr;
  return old;
}

void Reset_Handler(void) {
#if defined(__ARM_FP)
  /* hard-float builds: enable the FPv4-SP coprocessor (CPACR CP10/CP11 full access) before any FP code */
  *(volatile uint32_t*)0xE000ED88 |= 0xFu << 20;
  __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
  uint32_t* src = &__etext;
  for (uint32_t* dst = &__data_start__; dst < &__data_end__;) *dst++ = *src++;
  for (uint32_t* dst = &__bss_start__; dst < &__bss_end__;) *dst++ = 0;
  _exit(main());
}

static void fault(const char* what) { semihost_puts(what); _exit(3); }
void NMI_Handler(void) { fault("qact-mcu: NMI"); }
void HardFault_Handler(void) { fault("qact-mcu: HardFault"); }
void MemManage_Handler(void) { fault("qact-mcu: MemManage fault"); }
void BusFault_Handler(void) { fault("qact-mcu: BusFault"); }
void UsageFault_Handler(void) { fault("qact-mcu: UsageFault"); }
void Default_Handler(void) { fault("qact-mcu: unexpected interrupt"); }

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
  (void (*)(void))(uintptr_t)&__stack_top__, Reset_Handler, NMI_Handler, HardFault_Handler,
  MemManage_Handler, BusFault_Handler, UsageFault_Handler, 0, 0, 0, 0, Default_Handler,
  Default_Handler, 0, Default_Handler, Default_Handler,
};
