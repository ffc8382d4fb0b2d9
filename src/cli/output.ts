// Reading input files and writing `-o FILE` outputs for the commands: one-line errors naming the
// file, atomic writes, and no replacing of an existing file without --force.
import { existsSync, readFileSync } from "node:fs";
import { QactError } from "../errors.js";
import { writeFileAtomic } from "./files.js";

export function readFileOrFail(path: string, field: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new QactError(field, `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

/** Writes `-o FILE` atomically, refusing to replace an existing file without --force; else stdout. */
export function writeOutput(out: string | undefined, force: boolean, data: string | Uint8Array): void {
  if (out === undefined || out === "-") {
    process.stdout.write(data);
    return;
  }
  if (existsSync(out) && !force) throw new QactError("output", `${out} exists; pass --force to replace it`);
  try {
    writeFileAtomic(out, data);
  } catch (e) {
    throw new QactError("output", `cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
