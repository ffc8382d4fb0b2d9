// User-defined activations: a JavaScript module exporting a float64 function, turned into an
// OpDescriptor for one run (the static OPS list is never changed). Referenced as
// "./acts/my-act.mjs#myAct" (the export after #; the default export without #).
//
// The export is either the function itself, `(x: number) => number`, optionally carrying
// `derivative`, `properties`, `domain` and `range` as properties of the function, or an object
// `{ ref, derivative?, properties?, domain?, range?, name? }`.
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { QactError, show } from "../errors.js";
import type { OpDescriptor, OpProperties } from "./types.js";

/** Default input interval of a custom op when neither the module nor the budget row gives one. */
export const CUSTOM_DEFAULT_DOMAIN: [number, number] = [-8, 8];
/** Points sampled over the domain to validate the function (and to estimate its range). */
export const CUSTOM_VALIDATION_SAMPLES = 4097;

/** True when an op string names a module rather than an op of the catalog. */
export function isCustomOpRef(op: string): boolean {
  return op.includes("#") || /^(\.{1,2}[\\/]|[\\/]|[a-zA-Z]:[\\/])/.test(op) || /\.(m?js|cjs|m?ts)$/.test(op);
}

export interface CustomOpRef {
  /** the text as written */
  ref: string;
  /** absolute path of the module */
  path: string;
  /** export name */
  exportName: string;
}

export function parseCustomOpRef(ref: string, baseDir: string, field = "op"): CustomOpRef {
  const hash = ref.lastIndexOf("#");
  const file = hash >= 0 ? ref.slice(0, hash) : ref;
  const exportName = hash >= 0 ? ref.slice(hash + 1) : "default";
  if (file === "" || exportName === "") {
    throw new QactError(field, `custom op ${show(ref)} must look like ./path/module.mjs#exportName`);
  }
  const path = isAbsolute(file) ? file : resolve(baseDir, file);
  return { ref, path, exportName };
}

interface ModuleShape {
  ref: unknown;
  derivative?: unknown;
  properties?: unknown;
  domain?: unknown;
  range?: unknown;
  name?: unknown;
}

const PROPERTY_NAMES: (keyof OpProperties)[] = ["monotonic", "smooth", "zeroCentred", "saturating"];

function checkInterval(where: string, field: string, v: unknown): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === "number" && Number.isFinite(x)) || !(v[0] < v[1])) {
    throw new QactError(field, `${where} must be [lo, hi] with finite lo < hi (got ${show(v)})`);
  }
  return [v[0], v[1]];
}

/**
 * Imports the module and builds a descriptor. `domain` (from a budget row) overrides the module's.
 * The function is sampled over the domain: a throw, NaN or non-number is reported with the x.
 */
export async function loadCustomOp(refText: string, baseDir: string, opts: { domain?: [number, number]; field?: string } = {}): Promise<OpDescriptor> {
  const field = opts.field ?? "op";
  const ref = parseCustomOpRef(refText, baseDir, field);
  const where = `custom op ${show(ref.ref)}`;
  if (!existsSync(ref.path)) throw new QactError(field, `${where}: module ${ref.path} does not exist`);
  if (!statSync(ref.path).isFile()) throw new QactError(field, `${where}: ${ref.path} is not a file`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(ref.path).href)) as Record<string, unknown>;
  } catch (e) {
    const msg = String((e as Error)?.message ?? e).split("\n")[0];
    const hint = /\.m?ts$/.test(ref.path) ? " (TypeScript modules need a Node that strips types, or compile to .mjs)" : "";
    throw new QactError(field, `${where}: cannot import ${ref.path}: ${msg}${hint}`);
  }
  if (!(ref.exportName in mod)) {
    const names = Object.keys(mod).filter((k) => k !== "__esModule");
    throw new QactError(field, `${where}: ${ref.path} has no export ${show(ref.exportName)} (exports: ${names.join(", ") || "none"})`);
  }
  const exp = mod[ref.exportName];
  let shape: ModuleShape;
  if (typeof exp === "function") {
    const f = exp as unknown as ModuleShape;
    shape = { ref: exp, derivative: f.derivative, properties: f.properties, domain: f.domain, range: f.range };
  } else if (exp !== null && typeof exp === "object" && typeof (exp as ModuleShape).ref === "function") {
    shape = exp as ModuleShape;
  } else {
    throw new QactError(field, `${where}: export ${show(ref.exportName)} must be a function (x) => number or an object { ref, derivative?, properties? } (got ${exp === null ? "null" : typeof exp})`);
  }
  if (shape.derivative !== undefined && typeof shape.derivative !== "function") {
    throw new QactError(field, `${where}: derivative must be a function (x) => number (got ${typeof shape.derivative})`);
  }
  const properties: OpProperties = { monotonic: false, smooth: false, zeroCentred: false, saturating: false };
  if (shape.properties !== undefined) {
    if (shape.properties === null || typeof shape.properties !== "object") {
      throw new QactError(field, `${where}: properties must be an object { ${PROPERTY_NAMES.join(", ")} } of booleans`);
    }
    for (const [k, v] of Object.entries(shape.properties)) {
      if (!PROPERTY_NAMES.includes(k as keyof OpProperties) || typeof v !== "boolean") {
        throw new QactError(field, `${where}: properties.${k} is not allowed (allowed: ${PROPERTY_NAMES.join(", ")}, each true or false)`);
      }
      properties[k as keyof OpProperties] = v;
    }
  }
  const domain = opts.domain ?? (shape.domain === undefined ? CUSTOM_DEFAULT_DOMAIN : checkInterval(`${where}: domain`, field, shape.domain));
  const userRef = shape.ref as (x: number) => unknown;
  const userDer = shape.derivative as ((x: number) => unknown) | undefined;
  const guard = (fn: (x: number) => unknown, what: string) => (x: number): number => {
    let y: unknown;
    try {
      y = fn(x);
    } catch (e) {
      throw new QactError(field, `${where}: ${what} threw at x = ${show(x)}: ${String((e as Error)?.message ?? e).split("\n")[0]}`);
    }
    if (typeof y !== "number") throw new QactError(field, `${where}: ${what} returned ${typeof y} ${show(y)} at x = ${show(x)} (must return a number)`);
    if (Number.isNaN(y) && !Number.isNaN(x)) throw new QactError(field, `${where}: ${what} returned NaN at x = ${show(x)}`);
    return y;
  };
  const f = guard(userRef, `export ${show(ref.exportName)}`);
  const df = userDer ? guard(userDer, "derivative") : undefined;
  // Validation by sampling the domain (its ends included); also gives the range when none is stated.
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < CUSTOM_VALIDATION_SAMPLES; i++) {
    const x = domain[0] + ((domain[1] - domain[0]) * i) / (CUSTOM_VALIDATION_SAMPLES - 1);
    const y = f(x);
    df?.(x);
    if (y < lo) lo = y;
    if (y > hi) hi = y;
  }
  const range: [number, number] = shape.range === undefined ? [lo, hi] : checkInterval(`${where}: range`, field, shape.range);
  const name = typeof shape.name === "string" && /^[a-z][a-z0-9_]*$/i.test(shape.name) ? shape.name
    : ref.exportName === "default" ? "custom" : ref.exportName;
  return {
    name,
    aliases: [],
    kind: "elementwise",
    formula: `user-defined: ${ref.ref}`,
    usage: `user-defined activation from ${ref.path}`,
    params: [],
    ref: (x) => f(x),
    derivative: df ? (x) => df(x) : undefined,
    range: () => range,
    properties,
    domain,
  };
}
