// Speed for the HTML report from a benchmark JSON written by `npm run bench -- --json FILE`
// (bench/run.mjs): per kernel, the SIMD zero-copy median elements/s at the largest n measured.
import { readFileSync } from "node:fs";
import { QactError } from "../../errors.js";

export interface BenchSpeed {
  elemsPerSec: number;
  n: number;
}

export interface BenchSpeeds {
  source: string;
  machine?: { cpu?: string; cores?: number; node?: string; date?: string };
  /** key: `${op}/${dtype}/${method}` */
  byKernel: Map<string, BenchSpeed>;
}

export const benchKey = (op: string, dtype: string, method: string) => `${op}/${dtype}/${method}`;

export function parseBenchJson(text: string, source: string): BenchSpeeds {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new QactError("bench", `--bench ${source} is not JSON: ${(e as Error).message}`);
  }
  const rows = (doc as { rows?: unknown })?.rows;
  if (!Array.isArray(rows)) throw new QactError("bench", `--bench ${source} must be the JSON of \`npm run bench -- --json FILE\` (an object with a "rows" array)`);
  const byKernel = new Map<string, BenchSpeed>();
  rows.forEach((r, i) => {
    if (r === null || typeof r !== "object") throw new QactError("bench", `--bench ${source}: rows[${i}] must be an object`);
    const { op, dtype, method, impl, mode, n, elemsPerSec } = r as Record<string, unknown>;
    if (impl !== "qact-simd" || mode !== "zero-copy") return;
    if (typeof op !== "string" || typeof dtype !== "string" || typeof method !== "string" || typeof n !== "number" ||
      typeof elemsPerSec !== "number" || !(elemsPerSec > 0)) {
      throw new QactError("bench", `--bench ${source}: rows[${i}] needs op, dtype, method (strings), n and elemsPerSec > 0 (numbers)`);
    }
    const key = benchKey(op, dtype, method);
    const prev = byKernel.get(key);
    if (!prev || n > prev.n) byKernel.set(key, { elemsPerSec, n });
  });
  return { source, machine: (doc as { machine?: BenchSpeeds["machine"] }).machine, byKernel };
}

export function readBenchJson(path: string): BenchSpeeds {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new QactError("bench", `cannot read --bench ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseBenchJson(text, path);
}
