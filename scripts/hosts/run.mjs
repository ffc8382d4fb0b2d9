// Shared pieces of the host harness: running a host program and reading its qact-vectors lines.
import { spawnSync } from "node:child_process";

/** Runs a command; returns stdout (throws with stderr when it cannot start or times out). */
export function run(cmd, args, { timeout = 300_000, cwd, allowFail = true } = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", timeout, maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${cmd}: ${r.error.message}`);
  if (!allowFail && r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} exited ${r.status}\n${r.stderr}${r.stdout}`);
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/**
 * Checks a host's qact-vectors output against the cases: every case must print "ok" (or "SKIP" when
 * `mayLack(case)` says the build legitimately lacks the export). Returns a list of failure lines,
 * each naming the host, the kernel and (for mismatches) the first differing input.
 */
export function checkVectorOutput(host, stdout, cases, mayLack = () => false) {
  const failures = [];
  const lines = stdout.split("\n").filter((l) => l.startsWith("qact-vectors "));
  for (const c of cases) {
    const mine = lines.filter((l) => l.includes(` case=${c.label} `));
    if (mine.some((l) => l.endsWith(" ok"))) continue;
    if (mine.some((l) => l.includes(" SKIP ")) && mayLack(c)) continue;
    failures.push(mine.length ? mine.join("\n") : `qact-vectors host=${host} case=${c.label} MISSING (no output for this kernel)`);
  }
  if (!lines.some((l) => l.includes(" done "))) failures.push(`qact-vectors host=${host} did not finish:\n${stdout.slice(-2000)}`);
  return failures;
}

/** "N/M kernels identical to Node (S skipped: not in this build)" from a host's output. */
export function summary(stdout, cases, failures) {
  const skipped = stdout.split("\n").filter((l) => l.startsWith("qact-vectors ") && l.includes(" SKIP ")).length;
  const ok = stdout.split("\n").filter((l) => l.startsWith("qact-vectors ") && l.endsWith(" ok")).length;
  return `${ok}/${cases.length - skipped} kernels identical to Node${skipped ? ` (${skipped} f32 kernels not in this build)` : ""}` +
    (failures.length ? `, ${failures.length} failing` : "");
}
