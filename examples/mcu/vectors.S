/* The vector blob of scripts/hosts/vectors.mjs, linked into flash (the assembler finds vectors.bin
 * through -Wa,-I,DIR). */
  .section .rodata.qact_vectors, "a"
  .balign 8
  .global qact_vectors, qact_vectors_end
qact_vectors:
  .incbin "vectors.bin"
qact_vectors_end:
