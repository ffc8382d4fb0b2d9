// Worker thread of evaluateF32 (./sweep.ts): opens the job's measurer once, then measures each
// index range it is sent and posts the stats back; errors go back with their field (a QactError
// stays one).
import { parentPort, workerData } from "node:worker_threads";
import { openMeasurer, type F32Job, type IndexRange } from "./sweep.js";

const post = (e: unknown) => parentPort!.postMessage({ error: { message: (e as Error)?.message ?? String(e), field: (e as { field?: string })?.field } });
try {
  const m = await openMeasurer(workerData as F32Job);
  parentPort!.on("message", (r: IndexRange) => {
    try {
      parentPort!.postMessage({ stats: m.measure(r) });
    } catch (e) {
      post(e);
    }
  });
  parentPort!.postMessage({ ready: true });
} catch (e) {
  post(e);
}
