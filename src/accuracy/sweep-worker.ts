// Worker thread of sweepF32 (./sweep.ts): loads the kernel and the reference module once, then
// measures each bit range it is sent and posts the stats back.
import { parentPort, workerData } from "node:worker_threads";
import { load } from "../runtime/runtime.js";
import { loadRefModule, RangeMeasurer, type BitRange, type WorkerInit } from "./sweep.js";

const init = workerData as WorkerInit;
try {
  const rt = await load({ engine: init.engine });
  const kernel = rt.prepare({ op: init.op, dtype: "f32", method: init.method, params: init.params });
  const m = new RangeMeasurer(rt, kernel, await loadRefModule());
  parentPort!.on("message", (r: BitRange) => parentPort!.postMessage({ stats: m.measure(r) }));
  parentPort!.postMessage({ ready: true });
} catch (e) {
  parentPort!.postMessage({ error: (e as Error).message });
}
