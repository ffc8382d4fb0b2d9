// Worker thread of the f32 interval evaluator (f32-engine.ts): loads its own runtime, prepares the
// kernel from a serialisable description, evaluates its share and posts progress and the result.
import { parentPort, workerData } from "node:worker_threads";
import { load } from "../runtime/runtime.js";
import { getOp } from "../ops/index.js";
import { loadCustomOp } from "../ops/custom.js";
import { evaluateF32Range } from "./f32-range.js";
import type { F32Job } from "./f32-engine.js";

const job = workerData as F32Job & { a: number; b: number };
try {
  const rt = await load({ engine: job.engine });
  const op = "builtin" in job.op ? getOp(job.op.builtin)
    : await loadCustomOp(`${job.op.module}#${job.op.exportName}`, "/", { domain: job.customDomain });
  const k = rt.prepare({ op, dtype: "f32", method: job.method, params: job.params });
  let pending = 0;
  const result = evaluateF32Range(k, job.a, job.b, (n) => {
    pending += n;
    if (pending >= 1 << 20) {
      parentPort!.postMessage({ progress: pending });
      pending = 0;
    }
  });
  if (pending) parentPort!.postMessage({ progress: pending });
  parentPort!.postMessage({ result });
} catch (e) {
  parentPort!.postMessage({ error: { message: (e as Error)?.message ?? String(e), field: (e as { field?: string }).field } });
}
