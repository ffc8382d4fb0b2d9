import { writeFileSync, renameSync, rmSync } from "node:fs";
import { QactError } from "../errors.js";

/**
 * Writes a file atomically (temporary file + rename): a failed run leaves nothing half-written.
 * A failure (missing folder, no permission, full disk) is a QactError naming the file: exit 2.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array, field = "output"): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new QactError(field, `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
