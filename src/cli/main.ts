#!/usr/bin/env node
// The `qact` command. Each subcommand lives in src/cli/commands/ and registers itself below.
// Bad input exits 2 with one line on stderr, never a stack trace.
import { Command, CommanderError } from "commander";
import { QactError } from "../errors.js";
import { evalCommand } from "./commands/eval.js";
import { reportCommand } from "./commands/report.js";
import { sweepCommand } from "./commands/sweep.js";
import { calibrateCommand } from "./commands/calibrate.js";
import { lutCommand } from "./commands/lut.js";
import { inspectCommand } from "./commands/inspect.js";
import { budgetCommand } from "./commands/budget.js";
import { plotCommand } from "./commands/plot.js";
import { buildCommand } from "./commands/build.js";
import { benchCommand } from "./commands/bench.js";
import { checkCommand } from "./commands/check.js";
import { initCommand } from "./commands/init.js";

const COMMANDS: ((program: Command) => void)[] = [
  evalCommand,
  reportCommand,
  sweepCommand,
  calibrateCommand,
  lutCommand,
  inspectCommand,
  budgetCommand,
  plotCommand,
  buildCommand,
  benchCommand,
  checkCommand,
  initCommand,
];

function buildProgram(): Command {
  const program = new Command()
    .name("qact")
    .description("Quantized activation kernels for WebAssembly: run, measure and report them")
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s.split("\n")[0] + "\n") });
  for (const register of COMMANDS) register(program);
  for (const c of program.commands) c.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0; // a command may set 1 (qact check: over budget)
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version print and exit 0; every other commander error was already printed
      return ["commander.helpDisplayed", "commander.version", "commander.help"].includes(e.code) ? 0 : 2;
    }
    if (e instanceof QactError) {
      process.stderr.write(`qact: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(`qact: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 3;
  }
}

// A reader that stops early (`qact lut … | head`) closes the pipe: stop quietly, as other Unix tools do,
// instead of an unhandled EPIPE error with a stack trace.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2));
