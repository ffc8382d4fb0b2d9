// Firmware export of one prepared kernel: prepare through the runtime (the same validation and the
// same bytes as the WASM kernel), decode the bytes into blocks, write them as C, JSON or raw bytes.
import { QactError } from "../../errors.js";
import { load, type PrepareOptions } from "../../runtime/runtime.js";
import { firmwareExport, type FirmwareExport } from "./firmware.js";
import { cIdentifier, toBin, toC, toJson, type FirmwareFormat } from "./formats.js";

export { FIRMWARE_DECODERS, exportableKernels, firmwareExport, type FirmwareExport, type Block } from "./firmware.js";
export { toC, toJson, toBin, cIdentifier, FIRMWARE_FORMATS, type FirmwareFormat } from "./formats.js";

export async function prepareExport(o: PrepareOptions): Promise<FirmwareExport> {
  if (o.dtype === "f32") throw new QactError("dtype", "firmware tables exist for int8 and int16 kernels only (got f32)");
  const rt = await load({ engine: "scalar" });
  const k = rt.prepare(o);
  return firmwareExport({ spec: k.spec, paramBytes: k.paramBytes, params: k.params, input: k.input, output: k.output });
}

export function renderExport(e: FirmwareExport, format: FirmwareFormat, name: string | undefined, command: string): string | Uint8Array {
  if (format === "json") return toJson(e);
  if (format === "bin") return toBin(e);
  return toC(e, cIdentifier(name ?? `qact_${e.op}_${e.dtype}_${e.method}`), command);
}
