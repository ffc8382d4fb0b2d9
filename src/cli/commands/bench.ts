// `qact bench`: the benchmark of bench/run.mjs (throughput side by side with peers).
import { Command } from "commander";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";
import { QactError } from "../../errors.js";

export function benchCommand(program: Command): void {
  program
    .command("bench")
    .description("throughput of every kernel side by side with onnxruntime-web, tfjs-wasm, plain JS and memory.copy")
    .option("--json <file>", "write the rows as JSON")
    .option("--sizes <list>", "comma-separated element counts", "64,4096,65536,1048576")
    .option("--reps <n>", "timed repetitions (median reported)", "5")
    .option("--filter <text>", "only kernels whose name contains text")
    .action((o) => {
      const script = fileURLToPath(new URL("../../../bench/run.mjs", import.meta.url));
      if (!existsSync(script)) throw new QactError("bench", `benchmark script not found at ${script} (it ships with the source checkout)`);
      const args = [script, "--sizes", o.sizes, "--reps", o.reps];
      if (o.json) args.push("--json", o.json);
      if (o.filter) args.push("--filter", o.filter);
      const r = spawnSync(process.execPath, args, { stdio: "inherit" });
      if (r.status !== 0) throw new QactError("bench", `benchmark failed (exit ${r.status})`);
    });
}
