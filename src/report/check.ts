// Reports of `qact check` in every format: text (one line per row), json (schema/check-report.schema.json),
// junit (one testcase per row), markdown (a job summary) and github (workflow annotations).
import type { CheckResult, RowResult } from "../budget/types.js";
import { fmt, jsonNumber } from "../budget/metrics.js";

export const CHECK_FORMATS = ["text", "json", "junit", "markdown", "github"] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

function metricsText(r: RowResult): string {
  return Object.entries(r.limits)
    .map(([m, limit]) => `${m} ${fmt(r.metrics[m])}${r.failures.some((f) => f.metric === m) ? " ✗" : ""} (limit ${fmt(limit)})`)
    .join(", ");
}

function counts(c: CheckResult): { passed: number; failed: number } {
  const failed = c.rows.filter((r) => !r.pass).length;
  return { passed: c.rows.length - failed, failed };
}

export function checkText(c: CheckResult): string {
  const lines = c.rows.map((r) => {
    const head = `${r.pass ? "PASS" : "FAIL"}  [${r.index}] ${r.label}  ${metricsText(r)}`;
    const fail = r.pass ? "" : `  over budget: ${r.failures.map((f) => f.text).join("; ")}`;
    return `${head}${fail}  worst ${r.worstText}`;
  });
  const { passed, failed } = counts(c);
  lines.push(`${c.file}: ${passed} of ${c.rows.length} rows within budget${failed ? `, ${failed} over` : ""} (${c.engine} build, ${c.seconds.toFixed(1)} s)`);
  return lines.join("\n") + "\n";
}

export function checkJson(c: CheckResult, version: string): string {
  const num = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, jsonNumber(v)]));
  const { passed, failed } = counts(c);
  const out = {
    tool: "qact check", version, file: c.file, engine: c.engine, pass: c.pass,
    summary: { rows: c.rows.length, passed, failed }, seconds: Number(c.seconds.toFixed(3)),
    rows: c.rows.map((r) => ({
      index: r.index, label: r.label, kernel: r.kernel, dtype: r.dtype, evaluated: r.evaluated, pass: r.pass,
      metrics: num(r.metrics), limits: r.limits,
      failures: r.failures.map((f) => ({ metric: f.metric, value: jsonNumber(f.value), limit: f.limit, text: f.text })),
      worst: num(r.worst as unknown as Record<string, number>), worstText: r.worstText, seconds: Number(r.seconds.toFixed(3)),
    })),
  };
  return JSON.stringify(out, null, 2) + "\n";
}

export function xmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch]!)
    // characters XML 1.0 cannot hold
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");
}

export function checkJunit(c: CheckResult): string {
  const { failed } = counts(c);
  const suite = xmlEscape(`qact check ${c.file}`);
  const cases = c.rows.map((r) => {
    const name = xmlEscape(`[${r.index}] ${r.label}`);
    const head = `    <testcase classname="qact.check" name="${name}" time="${r.seconds.toFixed(3)}">`;
    const body = [
      `${r.kernel}, ${r.evaluated}`,
      `measured: ${Object.entries(r.metrics).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}`,
      `limits: ${Object.entries(r.limits).map(([k, v]) => `${k} ${fmt(v)}`).join(", ")}`,
      `worst input: ${r.worstText}`,
    ].join("\n");
    const inner = r.pass
      ? `      <system-out>${xmlEscape(body)}</system-out>`
      : `      <failure type="over budget" message="${xmlEscape(r.failures.map((f) => f.text).join("; "))}">${xmlEscape(body)}</failure>`;
    return `${head}\n${inner}\n    </testcase>`;
  });
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="qact" tests="${c.rows.length}" failures="${failed}" errors="0" time="${c.seconds.toFixed(3)}">`,
    `  <testsuite name="${suite}" tests="${c.rows.length}" failures="${failed}" errors="0" skipped="0" time="${c.seconds.toFixed(3)}">`,
    ...cases,
    `  </testsuite>`,
    `</testsuites>`,
  ].join("\n") + "\n";
}

function mdCell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

export function checkMarkdown(c: CheckResult): string {
  const { passed, failed } = counts(c);
  const lines = [
    `### qact check: ${failed ? `❌ ${failed} of ${c.rows.length} kernels over budget` : `✅ all ${c.rows.length} kernels within budget`}`,
    "",
    `Budget \`${mdCell(c.file)}\`, ${c.engine} build, ${c.seconds.toFixed(1)} s. ${passed} passed, ${failed} failed.`,
    "",
    "| # | kernel | result | measured (limit) | over budget | worst input |",
    "|---|---|---|---|---|---|",
    ...c.rows.map((r) => `| ${r.index} | ${mdCell(r.label)}<br>\`${r.kernel}\` | ${r.pass ? "✅ pass" : "❌ **fail**"} | ${mdCell(metricsText(r))} | ${mdCell(r.failures.map((f) => f.text).join("; ") || "—")} | ${mdCell(r.worstText)} |`),
  ];
  return lines.join("\n") + "\n";
}

/** GitHub Actions workflow commands: the message data escapes %, CR, LF; properties also : and ,. */
function ghData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function ghProp(s: string): string {
  return ghData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

export function checkGithub(c: CheckResult): string {
  const { failed } = counts(c);
  const lines = c.rows.filter((r) => !r.pass).map((r) =>
    `::error file=${ghProp(c.file)}${c.rowLines?.[r.index] ? `,line=${c.rowLines[r.index]}` : ""},title=${ghProp(`qact check: row ${r.index} over budget`)}::${ghData(`${r.label} (${r.kernel}): ${r.failures.map((f) => f.text).join("; ")}; worst input ${r.worstText}`)}`);
  lines.push(failed
    ? `::error title=qact check::${ghData(`${failed} of ${c.rows.length} kernels over budget in ${c.file}`)}`
    : `::notice title=qact check::${ghData(`all ${c.rows.length} kernels within budget in ${c.file}`)}`);
  return lines.join("\n") + "\n";
}

export function formatCheck(c: CheckResult, format: CheckFormat, version: string): string {
  switch (format) {
    case "text": return checkText(c);
    case "json": return checkJson(c, version);
    case "junit": return checkJunit(c);
    case "markdown": return checkMarkdown(c);
    case "github": return checkGithub(c);
  }
}
