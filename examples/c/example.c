/* Using qact's exported tables in firmware, without WASM.
 *
 * Generate the headers, then build and run:
 *   npx qact lut --op sigmoid --dtype int8 --in-scale 0.0625 -o sigmoid_lut.h
 *   npx qact lut --op relu6 --dtype int16 --method fixed --in-scale 0.001 --out-scale 0.0002 -o relu6.h
 *   cc -std=c99 -Wall -Wextra -Werror -I. example.c qact_ref.c -o example && ./example
 * Prints the int8 sigmoid of codes -128, -16, 0, 16, 127 and the int16 relu6 of -1000, 0, 1000, 30000
 * (test/tables/c-reference.test.ts builds and runs it and checks the output against the WASM kernels).
 */
#include <stdio.h>
#include "qact_ref.h"
#include "sigmoid_lut.h" /* qact_sigmoid_int8_lut_table */
#include "relu6.h"       /* qact_relu6_int16_fixed_params */

int main(void) {
  const int8_t x8[5] = { -128, -16, 0, 16, 127 };
  const int16_t x16[4] = { -1000, 0, 1000, 30000 };
  int8_t y8[5];
  int16_t y16[4];
  int i;
  qact_lut8_apply(qact_sigmoid_int8_lut_table, x8, y8, 5);
  qact_pwl2_i16(&qact_relu6_int16_fixed_params, x16, y16, 4);
  for (i = 0; i < 5; i++) printf("%d%s", y8[i], i < 4 ? " " : "\n");
  for (i = 0; i < 4; i++) printf("%d%s", y16[i], i < 3 ? " " : "\n");
  return 0;
}
