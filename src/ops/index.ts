// The op registry: every op of the catalog, looked up by canonical name or alias.
import { QactError, show } from "../errors.js";
import type { Params } from "../types.js";
import type { OpDescriptor, ParamSpec } from "./types.js";
import * as piecewise from "./catalog/piecewise.js";
import * as smooth from "./catalog/smooth.js";
import * as rows from "./catalog/rows.js";

export type { OpDescriptor, ParamSpec, OpKind, OpProperties } from "./types.js";
export { sigmoid64, softplus64 } from "./catalog/smooth.js";

/** The catalog in the order of design.md. */
export const OPS: readonly OpDescriptor[] = [
  piecewise.identity, piecewise.step, piecewise.relu, piecewise.relu6, piecewise.leaky_relu, piecewise.prelu,
  smooth.elu, smooth.selu, smooth.celu, smooth.sigmoid, piecewise.hard_sigmoid, smooth.tanh, piecewise.hard_tanh,
  smooth.silu, piecewise.hardswish, smooth.gelu, smooth.gelu_tanh, smooth.mish, smooth.softplus,
  rows.softmax, rows.log_softmax, rows.maxout,
];

const byName = new Map<string, OpDescriptor>();
for (const op of OPS) for (const n of [op.name, ...op.aliases]) byName.set(n, op);

export function findOp(name: string): OpDescriptor | undefined {
  return byName.get(name.toLowerCase());
}

export function getOp(name: string): OpDescriptor {
  const op = typeof name === "string" ? findOp(name) : undefined;
  if (!op) throw new QactError("op", `unknown op ${show(name)}; valid ops: ${OPS.map((o) => o.name).join(", ")}`);
  return op;
}

function checkValue(op: OpDescriptor, spec: ParamSpec, v: unknown): number {
  const where = `param ${spec.name} of ${op.name}`;
  if (typeof v !== "number" || !Number.isFinite(v)) throw new QactError(`param.${spec.name}`, `${where} must be a finite number (got ${show(v)})`);
  if (spec.integer && !Number.isInteger(v)) throw new QactError(`param.${spec.name}`, `${where} must be an integer (got ${show(v)})`);
  const lo = spec.min, hi = spec.max, ex = spec.exclusive === true;
  const below = lo !== undefined && (ex ? v <= lo : v < lo);
  const above = hi !== undefined && (ex ? v >= hi : v > hi);
  if (below || above) {
    const range = `${lo === undefined ? "(-∞" : (ex ? "(" : "[") + lo}, ${hi === undefined ? "∞)" : hi + (ex ? ")" : "]")}`;
    throw new QactError(`param.${spec.name}`, `${where} must be in ${range} (got ${show(v)})`);
  }
  return v;
}

/** Applies defaults and validates user params (unknown names, types, ranges, cross-field rules). */
export function resolveParams(op: OpDescriptor, given: Record<string, unknown> = {}): Params {
  const out: Params = {};
  for (const key of Object.keys(given)) {
    if (!op.params.some((s) => s.name === key)) {
      const valid = op.params.map((s) => s.name).join(", ") || "none";
      throw new QactError(`param.${key}`, `${op.name} has no param ${show(key)} (valid: ${valid})`);
    }
  }
  for (const spec of op.params) {
    const v = given[spec.name] ?? spec.default;
    if (spec.perChannel && Array.isArray(v)) {
      if (v.length === 0) throw new QactError(`param.${spec.name}`, `param ${spec.name} of ${op.name} needs at least one value`);
      out[spec.name] = v.map((x) => checkValue(op, spec, x));
    } else {
      out[spec.name] = checkValue(op, spec, v);
    }
  }
  op.check?.(out);
  return out;
}
