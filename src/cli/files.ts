import { writeFileSync, renameSync, rmSync } from "node:fs";

/** Writes a file atomically (temporary file + rename): a failed run leaves nothing half-written. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}
