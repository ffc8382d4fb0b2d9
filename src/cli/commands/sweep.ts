// `qact sweep`: measure one f32 kernel over every f32 input of a domain (default: all 2^32 bit
// patterns) against the float64 reference evaluated in WASM, on worker threads.
import { Command, Option } from "commander";
import { QactError, show } from "../../errors.js";
import { sweepF32, type SweepResult } from "../../accuracy/sweep.js";
import { parseNumber, parseParams } from "../args.js";
import { writeFileAtomic } from "../files.js";

export function parseDomain(s: string): "all" | [number, number] {
  if (s === "all") return "all";
  const parts = s.split(",");
  const v = parts.map((p) => (/^\s*[-+]?(inf|infinity)\s*$/i.test(p) ? (p.trim().startsWith("-") ? -Infinity : Infinity) : Number(p)));
  if (parts.length !== 2 || v.some((x, i) => Number.isNaN(x) || parts[i].trim() === "") || !(v[0] <= v[1])) {
    throw new QactError("domain", `--domain must be all or lo,hi with numbers lo ≤ hi (got ${show(s)})`);
  }
  return [v[0], v[1]];
}

export function formatSweep(r: SweepResult): string {
  const g = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(6)).toString() : String(v));
  return [
    `kernel     ${r.kernel}${Object.keys(r.params).length ? ` ${JSON.stringify(r.params)}` : ""}`,
    `domain     ${r.domain} (${r.count} inputs)`,
    `maxUlp     ${g(r.maxUlp)}`,
    `meanUlp    ${g(r.meanUlp)}`,
    `maxAbs     ${g(r.maxAbs)}`,
    `maxRel     ${g(r.maxRel)}`,
    `mismatches ${r.mismatches}`,
    `worst      x = ${r.worst.x} (${r.worst.bits}): y = ${r.worst.y}, ref = ${r.worst.ref}`,
    `elapsed    ${r.seconds.toFixed(1)} s on ${r.workers} worker(s), ${r.cpuSeconds.toFixed(1)} s CPU`,
  ].join("\n") + "\n";
}

export function sweepCommand(program: Command): void {
  program
    .command("sweep")
    .description("measure one f32 kernel over all 2^32 inputs (or every f32 in lo,hi) against float64 references in WASM")
    .requiredOption("--op <name>", "activation (sigmoid, tanh, silu, gelu, gelu_tanh, elu, selu, celu, softplus, mish)")
    .option("--method <method>", "accurate|fast (default: the op's first f32 method)")
    .option("--domain <domain>", "all, or lo,hi (every f32 in the interval)", "all")
    .option("--param <k=v>", "op parameter, repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .option("--workers <n>", "worker threads (0: this thread)", "2")
    .option("--json <file>", "also write the result as JSON (atomically)")
    .action(async (o) => {
      const domain = parseDomain(o.domain);
      const workers = parseNumber("workers", o.workers)!;
      const tty = process.stderr.isTTY;
      let last = 0;
      const r = await sweepF32({
        op: o.op, method: o.method, params: parseParams(o.param), engine: o.engine, domain, workers,
        onProgress: tty ? (done, total) => {
          const now = Date.now();
          if (now - last < 250 && done < total) return;
          last = now;
          process.stderr.write(`\rsweep ${o.op}: ${((100 * done) / total).toFixed(1)}% of ${total}`);
        } : undefined,
      });
      if (tty) process.stderr.write("\r\x1b[K");
      process.stdout.write(formatSweep(r));
      if (o.json) writeFileAtomic(o.json, JSON.stringify(r, null, 2) + "\n");
    });
}
