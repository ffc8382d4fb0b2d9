// `qact init BUDGET.json --op ... --dtype ...`: writes a starting budget for the kernels a model
// uses, each limit = the measured value + a stated margin.
import { Command, Option } from "commander";
import { existsSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { QactError, show } from "../../errors.js";
import { load } from "../../runtime/runtime.js";
import { BUDGET_SCHEMA_URL, parseBudget, resolveRows } from "../../budget/load.js";
import { fileURLToPath } from "node:url";
import { checkBudget } from "../../budget/check.js";
import { budgetFromMeasurements } from "../../budget/init.js";
import { isCustomOpRef, parseCustomOpRef } from "../../ops/custom.js";
import { DTYPES, type DType } from "../../types.js";
import type { BudgetRow } from "../../budget/types.js";
import { parseNumber, parseParams, quantFromOptions } from "../args.js";
import { writeFileAtomic } from "../files.js";
import { progressBar } from "../progress.js";
import { fmt } from "../../budget/metrics.js";

const list = (v: string, acc: string[]) => [...acc, ...v.split(",").map((s) => s.trim()).filter(Boolean)];

export function initCommand(program: Command): void {
  program
    .command("init")
    .description("write a starting budget file: every --op × --dtype kernel measured, limits = measured + margin")
    .argument("<budget>", "budget file to create")
    .option("--op <names>", "ops (comma list or repeated); a custom op: ./path/act.mjs#export", list, [] as string[])
    .option("--dtype <dtypes>", "f32, int8, int16 (comma list or repeated)", list, [] as string[])
    .option("--method <method>", "method for every row (default: each op's first for the dtype)")
    .option("--param <k=v>", "op parameter for every row, repeatable", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--in-scale <s>", "input scale of int rows (default: covers the op's domain)")
    .option("--in-zp <z>", "input zero point of int rows")
    .option("--out-scale <s>", "output scale of int rows (default: the op's conventional range)")
    .option("--out-zp <z>", "output zero point of int rows")
    .option("--domain <lo,hi>", "f32 rows: the interval evaluated (default: the op's domain), or all")
    .option("--margin <fraction>", "limits = measured × (1 + margin), rounded up to 3 significant digits", "0.1")
    .option("--force", "overwrite an existing file")
    .option("--quiet", "no progress bar and no summary")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .action(async (file: string, o) => {
      if (o.op.length === 0) throw new QactError("op", "--op is required: one or more ops, e.g. --op hardswish,relu6");
      if (o.dtype.length === 0) throw new QactError("dtype", `--dtype is required: one or more of ${DTYPES.join(", ")}`);
      for (const d of o.dtype) if (!DTYPES.includes(d)) throw new QactError("dtype", `--dtype must be one of ${DTYPES.join(", ")} (got ${show(d)})`);
      const margin = parseNumber("margin", o.margin)!;
      if (margin < 0 || margin > 100) throw new QactError("margin", `--margin must be in [0, 100] (got ${show(margin)})`);
      if (existsSync(file) && !o.force) throw new QactError("budget", `${file} exists; pass --force to overwrite it`);
      let domain: BudgetRow["domain"];
      if (o.domain !== undefined) {
        if (o.domain === "all") domain = "all";
        else {
          const parts = String(o.domain).split(",");
          if (parts.length !== 2) throw new QactError("domain", `--domain must be lo,hi or all (got ${show(o.domain)})`);
          domain = [parseNumber("domain", parts[0])!, parseNumber("domain", parts[1])!];
        }
      }
      const quant = (scale: string | undefined, zp: string | undefined, side: "in" | "out") => quantFromOptions(scale, zp, side);
      const params = parseParams(o.param);
      const rows: BudgetRow[] = [];
      for (const opText of o.op as string[]) {
        // custom ops are given relative to the working folder and written relative to the budget file
        const op = isCustomOpRef(opText)
          ? (() => {
            const r = parseCustomOpRef(opText, process.cwd());
            const rel = relative(dirname(resolve(file)), r.path).split("\\").join("/");
            return `${rel.startsWith(".") ? rel : `./${rel}`}${r.exportName === "default" ? "" : `#${r.exportName}`}`;
          })()
          : opText;
        for (const dtype of o.dtype as DType[]) {
          const row: BudgetRow = { op, dtype, budget: { mismatches: 0 } };
          if (o.method) row.method = o.method;
          if (Object.keys(params).length) row.params = params;
          if (dtype !== "f32") {
            const input = quant(o.inScale, o.inZp, "in"), output = quant(o.outScale, o.outZp, "out");
            if (input) row.input = input;
            if (output) row.output = output;
          } else if (domain !== undefined) row.domain = domain;
          rows.push(row);
        }
      }
      const draft = parseBudget(file, JSON.stringify({ kernels: rows }));
      const resolved = await resolveRows(file, draft);
      // the file states the method it measured, in the order fields are documented
      const order = ["name", "op", "dtype", "method", "params", "input", "output", "domain", "budget"] as const;
      for (const r of resolved) {
        const row = { ...r.row, method: r.spec.method } as Record<string, unknown>;
        r.row = Object.fromEntries(order.filter((k) => row[k] !== undefined).map((k) => [k, row[k]])) as unknown as BudgetRow;
      }
      const rt = await load({ engine: o.engine });
      const bar = progressBar(resolved.reduce((s, r) => s + r.size, 0), { quiet: o.quiet, label: "qact init" });
      let result;
      try {
        result = await checkBudget(rt, file, resolved, { onProgress: (n) => bar.tick(n) });
      } finally {
        bar.stop();
      }
      const budget = budgetFromMeasurements(resolved.map((r) => r.row), result, margin);
      writeFileAtomic(file, JSON.stringify({ $schema: schemaRef(file), ...budget }, null, 2) + "\n");
      if (!o.quiet) {
        for (const [i, row] of budget.kernels.entries()) {
          const r = result.rows[i];
          const limits = Object.entries(row.budget).map(([m, l]) => `${m} ${fmt(r.metrics[m])} → limit ${fmt(l)}`).join(", ");
          process.stdout.write(`[${i}] ${r.label}  ${r.kernel}  ${limits}  (${r.evaluated})\n`);
        }
        process.stdout.write(`wrote ${file}: ${rows.length} rows, limits = measured × ${1 + margin} (margin ${margin * 100}%), rounded up\n`);
      }
    });
}

/** The schema path for editors: this installation's copy (node_modules/qact/schema/… once installed), relative to the file. */
function schemaRef(file: string): string {
  const rel = relative(dirname(resolve(file)), fileURLToPath(BUDGET_SCHEMA_URL)).split("\\").join("/");
  return rel.startsWith(".") ? rel : `./${rel}`;
}
