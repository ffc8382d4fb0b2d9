// `qact build --ops sigmoid:int8:lut,hardswish:int8:fixed -o my.wasm`: a module with only those kernels.
import { Command, Option } from "commander";
import { QactError, show } from "../../errors.js";
import { buildMinimal, parseOpsList } from "../../builder/minimal.js";
import { kernelName } from "../../kernels/registry.js";
import { writeFileAtomic } from "../files.js";

export function buildCommand(program: Command): void {
  program
    .command("build")
    .description("compile a minimal .wasm holding only the named kernels (needs the assemblyscript package)")
    .requiredOption("--ops <list>", "comma-separated op:dtype[:method], e.g. sigmoid:int8:lut,hardswish:int8:fixed")
    .requiredOption("-o, --out <file>", "output .wasm file (written atomically)")
    .addOption(new Option("--engine <engine>", "instruction set of the module").choices(["simd", "scalar"]).default("simd"))
    .action(async (o) => {
      if (!/\.wasm$/i.test(o.out)) throw new QactError("out", `--out must name a .wasm file (got ${show(o.out)})`);
      const kernels = parseOpsList(o.ops);
      const built = await buildMinimal(kernels, o.engine);
      writeFileAtomic(o.out, built.bytes);
      console.log(`${o.out}: ${built.bytes.length} bytes, exports ${built.exports.join(", ")} (+ heap_base, memory)`);
      for (const k of kernels) console.log(`  ${kernelName(k, built.engine)} → ${k.exportName}`);
    });
}
