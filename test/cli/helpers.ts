// Runs the compiled CLI (dist/cli/main.js, built by `npm test`'s pretest).
import { expect } from "vitest";
import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

export function qact(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input });
  return { code: r.status, out: r.stdout, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** Exit 2, nothing on stdout, one line on stderr matching `message`, no stack trace. */
export function expectBadInput(args: string[], message: RegExp, input?: string) {
  const r = qact(args, input);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
}
