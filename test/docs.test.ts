// The README's examples run as written: the API block is examples/api.mjs verbatim and runs; the
// CLI example prints what float64 predicts.
import { describe, expect, it } from "vitest";
import { readFileSync, readdirSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { sigmoid64 } from "../src/ops/index.js";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe("README", () => {
  it("shows npm start and npm test, and every npm script and qact command it names exists", () => {
    expect(readme).toMatch(/npm start/);
    expect(readme).toMatch(/npm test/);
    const scripts = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts;
    const docs = [readme, ...readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md")).map((f) => readFileSync(join(root, "docs", f), "utf8"))];
    for (const text of docs) {
      for (const m of text.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, `npm run ${m[1]}`).toHaveProperty([m[1]]);
    }
    const help = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "--help"], { encoding: "utf8" }).stdout;
    const commands = [...help.matchAll(/^  (\w+)(?:\|(\w+))?/gm)].flatMap((m) => [m[1], m[2]]).filter(Boolean);
    for (const m of readme.matchAll(/(?:npx qact|`qact) (\w+)/g)) expect(commands, `${m[0]} (README)`).toContain(m[1]);
  });

  it("API example is examples/api.mjs and runs", () => {
    const block = readme.match(/```js\n([\s\S]*?)```/)![1];
    const file = readFileSync(join(root, "examples/api.mjs"), "utf8");
    expect(file).toContain(block.trim());
    const r = spawnSync(process.execPath, [join(root, "examples/api.mjs")], { encoding: "utf8", cwd: root });
    expect(r.status, r.stderr).toBe(0);
    const want = [-128, -16, 0, 16, 127].map((q) => Math.max(-128, Math.min(127, Math.round(sigmoid64(q / 16) * 256) - 128)));
    expect(r.stdout).toContain(`[ ${want.join(", ")} ]`);
    expect(r.stdout).toContain("[ 0, 0, 0, 3, 6 ]");
  });

  it("CLI example output is the one printed in the README", () => {
    const m = readme.match(/echo '(\[[^']*\])' \| npx qact eval ([^\n]*) \\\n\s*([^\n]*)\n# (\[[^\n]*\])/)!;
    const args = `${m[2]} ${m[3]}`.trim().split(/\s+/);
    const r = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "eval", ...args], { input: m[1], encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(m[4]);
  });
});
