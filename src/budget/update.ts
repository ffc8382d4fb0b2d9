// `qact check --update`: writes each row's measured metrics into its `measured` field, leaving
// every other field (the limits above all) as it was, so a kernel's accuracy change shows in a diff.
import type { BudgetFile, CheckResult } from "./types.js";
import { jsonNumber } from "./metrics.js";

/** The indentation the file uses (2 spaces when it cannot tell). */
function indentOf(text: string): string | number {
  const m = text.match(/\n([ \t]+)"/);
  return m ? m[1] : 2;
}

export function measuredOf(metrics: Record<string, number>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, jsonNumber(v)]));
}

/** The budget file's new text: the same JSON with `measured` set on every checked row. */
export function updatedBudgetText(text: string, budget: BudgetFile, result: CheckResult): string {
  const copy = JSON.parse(JSON.stringify(budget)) as BudgetFile;
  for (const r of result.rows) copy.kernels[r.index].measured = measuredOf(r.metrics);
  return JSON.stringify(copy, null, indentOf(text)) + "\n";
}
