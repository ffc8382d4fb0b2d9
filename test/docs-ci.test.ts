// docs/ci.md shows real files and real output: its budget is examples/budgets/mobilenetv3.json, valid
// against the schema; the printed lines are what `qact check` prints today; the reproduction
// command prints the worst input's output code.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Ajv } from "ajv";
import { findKernel } from "../src/kernels/registry.js";
import { getOp } from "../src/ops/index.js";

const ROOT = join(import.meta.dirname, "..");
const CLI = join(ROOT, "dist/cli/main.js");
const doc = readFileSync(join(ROOT, "docs/ci.md"), "utf8");
const exampleFile = join(ROOT, "examples/budgets/mobilenetv3.json");
const example = JSON.parse(readFileSync(exampleFile, "utf8"));

function qact(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A copy of the example with only its int8 rows (and a changed limit), in a temp folder. */
function int8Rows(file: string, edit?: (b: typeof example) => void): string {
  const b = JSON.parse(JSON.stringify(example));
  b.kernels = b.kernels.filter((k: { dtype: string }) => k.dtype === "int8");
  delete b.$schema;
  edit?.(b);
  const f = join(mkdtempSync(join(tmpdir(), "qact-doc-")), file);
  writeFileSync(f, JSON.stringify(b, null, 2));
  return f;
}

describe("docs/ci.md", () => {
  it("shows examples/budgets/mobilenetv3.json, which the schema accepts", () => {
    const block = doc.match(/```json\n([\s\S]*?)```/)![1];
    expect(JSON.parse(block)).toEqual(example);
    const schema = JSON.parse(readFileSync(join(ROOT, "schema/budget.schema.json"), "utf8"));
    const validate = new Ajv({ strict: true, allowUnionTypes: true }).compile(schema);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(example.kernels.map((k: { op: string; dtype: string }) => `${k.op}/${k.dtype}`))
      .toEqual(["hardswish/int8", "hard_sigmoid/int8", "relu6/int8", "sigmoid/int16"]);
  });

  it("the printed PASS lines are what qact check prints for the int8 rows", () => {
    const r = qact(["check", int8Rows("b.json"), "--engine", "simd"]);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").slice(0, 3);
    for (const l of lines) expect(doc).toContain(l);
  });

  it("the failure shown is what qact check prints for tight.json, in text and github formats", () => {
    const f = int8Rows("tight.json", (b) => { b.kernels[0].budget.meanAbsLsb = 0.1; });
    const r = qact(["check", f, "--engine", "simd"]);
    expect(r.code).toBe(1);
    for (const l of r.stdout.split("\n").slice(0, 3)) expect(doc).toContain(l);
    const gh = qact(["check", f, "--engine", "simd", "--format", "github"]).stdout.split("\n")[0];
    expect(gh.startsWith(doc.match(/`(::error file=tight\.json[^`]*?) …`/)![1].replace("file=tight.json", `file=${f}`))).toBe(true);
  });

  it("the reproduction command prints the worst input's output code", () => {
    const cmd = doc.match(/`echo '(\[-?\d+\])' \| npx qact eval ([^`]*)`/)!;
    const r = qact(["eval", ...cmd[2].split(/\s+/)], cmd[1]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([-123]);
  });

  it("the int16 sigmoid row: measured once its kernel exists, else rejected as the doc says", () => {
    let hasKernel = true;
    try {
      findKernel(getOp("sigmoid"), "int16", "lut");
    } catch {
      hasKernel = false;
    }
    const r = qact(["check", exampleFile]);
    if (hasKernel) expect(r.code, r.stdout + r.stderr).toBe(0);
    else {
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("row 3, dtype: sigmoid has no int16 kernel yet");
      expect(doc).toContain("row 3, dtype: sigmoid has no int16 kernel yet");
    }
  });
});
