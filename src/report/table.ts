/** A plain text table: columns padded to their widest cell, numbers right-aligned. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => /^[-+0-9.e∞—]*$/.test(r[i] ?? "")));
  const line = (cells: string[]) =>
    cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** Short fixed-precision number for tables. */
export function fmt(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return v > 0 ? "∞" : Number.isNaN(v) ? "NaN" : "-∞";
  if (v === 0) return "0";
  if (Math.abs(v) >= 1e4 || Math.abs(v) < 1e-3) return v.toExponential(2);
  return String(Number(v.toFixed(digits)));
}
