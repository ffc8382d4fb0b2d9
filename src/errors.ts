/**
 * Every error qact raises on bad input is a QactError: `field` names what was wrong (a CLI flag,
 * an API property or a param), the message says the value and what is allowed.
 */
export class QactError extends Error {
  override name = "QactError";
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/** Formats a value for an error message (keeps -0, NaN and strings recognisable). */
export function show(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.slice(0, 4).map(show).join(", ")}${v.length > 4 ? ", …" : ""}]`;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
