// Reading a budget file: JSON, then the JSON Schema (schema/budget.schema.json, with ajv), then
// each row against the op registry, the kernel registry and the quantization rules. Every problem
// is a BudgetError naming the file, the row and the field, and saying what is allowed.
import { readFileSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { QactError, show } from "../errors.js";
import { findOp, OPS, resolveParams, type OpDescriptor } from "../ops/index.js";
import { isCustomOpRef, loadCustomOp, parseCustomOpRef } from "../ops/custom.js";
import { findKernel } from "../kernels/registry.js";
import { isIntDType } from "../quant/dtype.js";
import { validateQuant } from "../quant/params.js";
import { defaultInputQuant, defaultOutputQuant } from "../quant/defaults.js";
import { orderedIndex } from "../accuracy/f32space.js";
import { METRICS } from "./metrics.js";
import type { BudgetFile, BudgetRow, ResolvedRow } from "./types.js";

export const BUDGET_SCHEMA_URL = new URL("../../schema/budget.schema.json", import.meta.url);

/** A budget file problem: exit 2. `row` is the row index when the problem is in a row. */
export class BudgetError extends QactError {
  constructor(readonly file: string, readonly row: number | undefined, field: string, detail: string) {
    super(field, `${file}: ${row === undefined ? "" : `row ${row}, `}${field ? `${field}: ` : ""}${detail}`);
  }
}

let validator: ValidateFunction | undefined;
export function budgetSchema(): object {
  return JSON.parse(readFileSync(BUDGET_SCHEMA_URL, "utf8")) as object;
}
function validate(): ValidateFunction {
  validator ??= new Ajv({ allErrors: false, verbose: true, strict: true, allowUnionTypes: true }).compile(budgetSchema());
  return validator;
}

/** "/kernels/2/budget/maxAbsLsb" → { row: 2, field: "budget.maxAbsLsb" } */
function locate(instancePath: string): { row?: number; field: string } {
  const parts = instancePath.split("/").slice(1).map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (parts[0] === "kernels" && parts.length >= 2) {
    return { row: Number(parts[1]), field: parts.slice(2).map((p) => (/^\d+$/.test(p) ? `[${p}]` : p)).join(".").replace(/\.\[/g, "[") };
  }
  return { field: parts.join(".") };
}

function explain(e: ErrorObject): { at: string; detail: string } {
  const got = `(got ${show(e.data)})`;
  const ps = e.parentSchema as { properties?: Record<string, unknown>; required?: string[] } | undefined;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return { at: `${e.instancePath}/${p.missingProperty}`, detail: `missing (required fields: ${(ps?.required ?? []).join(", ")})` };
    case "additionalProperties":
      return {
        at: `${e.instancePath}/${p.additionalProperty}`,
        detail: `unknown field ${show(p.additionalProperty)} (allowed: ${Object.keys(ps?.properties ?? {}).join(", ")})`,
      };
    case "type": return { at: e.instancePath, detail: `must be ${/^[aeiou]/.test(String(p.type)) ? "an" : "a"} ${p.type} ${got}` };
    case "enum": return { at: e.instancePath, detail: `must be one of ${(p.allowedValues as unknown[]).map((v) => show(v)).join(", ")} ${got}` };
    case "minimum": return { at: e.instancePath, detail: `must be ≥ ${p.limit} ${got}` };
    case "exclusiveMinimum": return { at: e.instancePath, detail: `must be > ${p.limit} ${got}` };
    case "minProperties": return { at: e.instancePath, detail: `must name at least one metric (allowed: ${Object.keys(METRICS).join(", ")})` };
    case "minItems":
      if (e.instancePath === "/kernels") return { at: e.instancePath, detail: "must list at least one kernel row" };
      return { at: e.instancePath, detail: `must have at least ${p.limit} items ${got}` };
    case "maxItems": return { at: e.instancePath, detail: `must have at most ${p.limit} items ${got}` };
    case "minLength": return { at: e.instancePath, detail: `must not be empty` };
    case "anyOf":
      if (/\/domain$/.test(e.instancePath)) return { at: e.instancePath, detail: `must be "all" or [lo, hi] ${got}` };
      if (/\/params\//.test(e.instancePath)) return { at: e.instancePath, detail: `must be a number or a non-empty array of numbers ${got}` };
      return { at: e.instancePath, detail: `must be a number, string or null ${got}` };
    default:
      return { at: e.instancePath, detail: `${e.message ?? "is invalid"} ${got}` };
  }
}

function readText(file: string): string {
  let st;
  try {
    st = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BudgetError(file, undefined, "", code === "ENOENT" ? "no such file" : `cannot read (${code ?? (e as Error).message})`);
  }
  if (st.isDirectory()) throw new BudgetError(file, undefined, "", "is a directory; expected a budget JSON file");
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    throw new BudgetError(file, undefined, "", `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Reads and schema-validates a budget file (no registry checks yet). */
export function parseBudget(file: string, text = readText(file)): BudgetFile {
  if (text.trim() === "") throw new BudgetError(file, undefined, "", `is empty; expected JSON like {"kernels": [...]}`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new BudgetError(file, undefined, "", `is not JSON: ${(e as Error).message}`);
  }
  const v = validate();
  if (!v(data)) {
    const errs = v.errors ?? [];
    const e = errs.find((x) => x.keyword === "anyOf") ?? errs[0];
    const { at, detail } = explain(e);
    const { row, field } = locate(at);
    if (at === "" || (row === undefined && field === "")) {
      throw new BudgetError(file, undefined, "", `must be a JSON object {"kernels": [...]} ${`(got ${Array.isArray(data) ? "an array" : data === null ? "null" : typeof data})`}`);
    }
    throw new BudgetError(file, row, field, detail);
  }
  return data as BudgetFile;
}

/** QactError fields of prepare/resolveParams/validateQuant → the budget row's field names. */
function rowField(field: string): string {
  const map: Record<string, string> = {
    "in-scale": "input.scale", "in-zp": "input.zeroPoint", "out-scale": "output.scale", "out-zp": "output.zeroPoint",
  };
  if (field in map) return map[field];
  if (field.startsWith("param.")) return `params.${field.slice(6)}`;
  return field;
}

/** Number of f32 values in [lo, hi] and their ordered-index interval. */
export function f32Interval(lo: number, hi: number): { a: number; b: number; size: number } {
  let a = orderedIndex(Math.fround(lo));
  if (Math.fround(lo) < lo) a++;
  let b = orderedIndex(Math.fround(hi));
  if (Math.fround(hi) > hi) b--;
  if (hi === 0) b = 0; // [lo, 0] ends at +0 too
  if (Object.is(Math.fround(lo), 0) && lo === 0) a = orderedIndex(-0); // [0, …] starts at −0 too
  return { a, b, size: Math.max(0, b - a + 1) };
}

export const ALL_F32 = { a: -(2 ** 31), b: 2 ** 31 - 1, size: 2 ** 32 };

async function resolveRow(file: string, index: number, row: BudgetRow): Promise<ResolvedRow> {
  const fail = (field: string, detail: string): never => {
    throw new BudgetError(file, index, field, detail);
  };
  const int = isIntDType(row.dtype);
  // domain
  let domain: "all" | [number, number] | undefined;
  if (row.domain !== undefined) {
    if (row.domain === "all") {
      if (int) fail("domain", `"all" applies to f32 rows; an ${row.dtype} row always covers all its codes (use [lo, hi] to set the input range)`);
      domain = "all";
    } else {
      const [lo, hi] = row.domain;
      if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) fail("domain", `must be "all" or [lo, hi] with finite lo < hi (got ${show(row.domain)})`);
      domain = [lo, hi];
    }
  }
  // op
  let op: OpDescriptor;
  let opRef: ResolvedRow["opRef"];
  try {
    if (isCustomOpRef(row.op)) {
      const r = parseCustomOpRef(row.op, dirname(file));
      op = await loadCustomOp(row.op, dirname(file), { domain: Array.isArray(domain) ? domain : undefined });
      opRef = { module: r.path, exportName: r.exportName };
    } else {
      const found = findOp(row.op);
      if (!found) {
        return fail("op", `unknown op ${show(row.op)} (allowed: ${OPS.map((o) => o.name).join(", ")}, or a module "./path/act.mjs#export" relative to the budget file)`);
      }
      op = found;
      opRef = { builtin: found.name };
    }
  } catch (e) {
    if (e instanceof QactError && !(e instanceof BudgetError)) fail("op", e.message);
    throw e;
  }
  try {
    const spec = findKernel(op, row.dtype, row.method);
    if ((spec.shape ?? "elementwise") !== "elementwise") fail("op", `${op.name} is a ${spec.shape} kernel; budget rows cover elementwise kernels in this version`);
    const params = resolveParams(op, row.params ?? {});
    let input, output;
    if (int) {
      const dt = row.dtype as "int8" | "int16";
      const withDomain = Array.isArray(domain) ? { ...op, domain } : op; // the row's domain sets the default input range
      input = validateQuant(dt, row.input ?? defaultInputQuant(withDomain, dt), "in");
      output = validateQuant(dt, row.output ?? defaultOutputQuant(op, dt, params, input), "out");
    } else {
      if (row.input !== undefined) fail("input", "applies to int8/int16 rows only (this row is f32)");
      if (row.output !== undefined) fail("output", "applies to int8/int16 rows only (this row is f32)");
    }
    for (const metric of Object.keys(row.budget)) {
      const want = METRICS[metric].dtypes;
      if (want !== "any" && (want === "f32") !== !int) {
        const allowed = Object.keys(METRICS).filter((m) => METRICS[m].dtypes === "any" || (METRICS[m].dtypes === "f32") === !int);
        fail(`budget.${metric}`, `applies to ${want === "f32" ? "f32" : "int8/int16"} rows, not ${row.dtype} (allowed here: ${allowed.join(", ")})`);
      }
    }
    let size: number;
    if (int) size = row.dtype === "int8" ? 256 : 65536;
    else {
      domain ??= [op.domain[0], op.domain[1]];
      size = domain === "all" ? ALL_F32.size : f32Interval(domain[0], domain[1]).size;
      if (size === 0) fail("domain", `holds no f32 value (got ${show(row.domain)})`);
    }
    const label = `${op.name} ${row.dtype}/${spec.method}${row.name ? ` (${row.name})` : ""}`;
    return { index, row, label, op, opRef, spec, params, input, output, domain: int ? undefined : domain, size };
  } catch (e) {
    if (e instanceof QactError && !(e instanceof BudgetError)) fail(rowField(e.field), e.message);
    throw e;
  }
}

/** Resolves every row of a schema-valid budget (custom ops relative to the file's folder). */
export async function resolveRows(file: string, budget: BudgetFile): Promise<ResolvedRow[]> {
  const rows: ResolvedRow[] = [];
  for (let i = 0; i < budget.kernels.length; i++) rows.push(await resolveRow(file, i, budget.kernels[i]));
  return rows;
}

/** Reads, validates and resolves every row; throws BudgetError on the first problem. */
export async function loadBudget(file: string): Promise<{ budget: BudgetFile; text: string; rows: ResolvedRow[] }> {
  const text = readText(file);
  const budget = parseBudget(file, text);
  return { budget, text, rows: await resolveRows(file, budget) };
}
