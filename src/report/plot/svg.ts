// A small SVG chart writer: one x/y chart with linear axes, "nice" ticks, a grid, a legend, line /
// step / point series, and labelled markers. Output is a standalone <svg> string that works inline
// in HTML and as a .svg file; it draws without scripts, fonts from the network or a browser.
//
// Why not Vega-Lite + vega (the issue's first suggestion): the charts here are one kind (x/y lines
// and steps, one marker), and the writer below is ~200 lines with no dependency, deterministic
// output (byte-identical across runs, so it can be tested exactly), and small files (a few
// coordinates per pixel column). Vega would add a dependency tree of dozens of packages and an
// async view pipeline to draw the same polylines. Tests: test/report/svg.test.ts.

export type SeriesStyle = "line" | "step" | "points";

export interface Series {
  label: string;
  /** x/y pairs; a non-finite y breaks the line (a gap) */
  points: ReadonlyArray<readonly [number, number]>;
  style: SeriesStyle;
  /** CSS colour; default from the palette */
  color?: string;
  dashed?: boolean;
}

export interface Marker {
  x: number;
  y: number;
  label: string;
  color?: string;
}

export interface Chart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  markers?: Marker[];
  /** a horizontal reference line (e.g. y = 0 for errors) */
  hline?: number;
  /** force the y range (otherwise from the data) */
  yDomain?: [number, number];
  xDomain?: [number, number];
}

export interface RenderOptions {
  width?: number;
  height?: number;
  /** prefix for element ids (clip paths), unique per page when several charts are inlined */
  id?: string;
}

/** Colour-blind-safe palette (Okabe & Ito, "Color Universal Design", 2008). */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

export function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Ticks at 1, 2 or 5 × 10^k covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.ceil(lo / step - 1e-9), last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** Tick label: short, no float noise (0.30000000000000004 → 0.3). */
export function tickLabel(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(1).replace("e+", "e");
  return String(Number(v.toPrecision(6)));
}

/** Data extent of finite values, padded; a flat extent is widened so the axis is not empty. */
export function extent(values: Iterable<number>, pad = 0.05): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [-1, 1];
  if (lo === hi) {
    const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - d, hi + d];
  }
  const d = (hi - lo) * pad;
  return [lo - d, hi + d];
}

const r2 = (v: number) => Math.round(v * 100) / 100; // coordinates to 0.01 px

/** The `d` of a path through the points; non-finite values start a new sub-path. */
export function pathData(pts: ReadonlyArray<readonly [number, number]>, sx: (x: number) => number, sy: (y: number) => number, step: boolean): string {
  const out: string[] = [];
  let pen = false;
  let prevY = 0;
  for (let i = 0; i < pts.length; i++) {
    const [x, y] = pts[i];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      pen = false;
      continue;
    }
    const px = r2(sx(x)), py = r2(sy(y));
    if (!pen) {
      out.push(`M${px} ${py}`);
      pen = true;
    } else if (step) {
      // a step plot holds the previous output until the next input, then jumps
      out.push(`H${px}`);
      if (py !== prevY) out.push(`V${py}`);
    } else {
      out.push(`L${px} ${py}`);
    }
    prevY = py;
  }
  return out.join("");
}

export function renderChart(c: Chart, o: RenderOptions = {}): string {
  const W = o.width ?? 720, H = o.height ?? 360, id = o.id ?? "plot";
  const m = { top: 34, right: 16, bottom: 46, left: 64 };
  const legendRows = Math.ceil(c.series.length / 2);
  m.bottom += legendRows * 16;
  const pw = W - m.left - m.right, ph = H - m.top - m.bottom;
  const allX = c.series.flatMap((s) => s.points.map((p) => p[0]));
  const allY = c.series.flatMap((s) => s.points.map((p) => p[1])).concat((c.markers ?? []).map((k) => k.y));
  if (c.hline !== undefined) allY.push(c.hline);
  // lines span the x range exactly; point marks get a margin so the end points are not cut in half
  const [x0, x1] = c.xDomain ?? extent(allX, c.series.some((s) => s.style === "points") ? 0.03 : 0);
  const [y0, y1] = c.yDomain ?? extent(allY);
  const sx = (x: number) => m.left + ((x - x0) / (x1 - x0)) * pw;
  const sy = (y: number) => m.top + ph - ((y - y0) / (y1 - y0)) * ph;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" class="qact-plot" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeXml(c.title)}" font-family="system-ui, sans-serif" font-size="11">`);
  parts.push(`<title>${escapeXml(c.title)}</title>`);
  parts.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  parts.push(`<text x="${m.left}" y="20" font-size="13" font-weight="600">${escapeXml(c.title)}</text>`);
  parts.push(`<defs><clipPath id="${escapeXml(id)}-clip"><rect x="${m.left}" y="${m.top}" width="${pw}" height="${ph}"/></clipPath></defs>`);
  // grid and ticks
  const g: string[] = [];
  for (const t of niceTicks(x0, x1)) {
    const px = r2(sx(t));
    g.push(`<line x1="${px}" y1="${m.top}" x2="${px}" y2="${m.top + ph}" stroke="#e5e5e5"/>`);
    g.push(`<text x="${px}" y="${m.top + ph + 14}" text-anchor="middle" fill="#333">${escapeXml(tickLabel(t))}</text>`);
  }
  for (const t of niceTicks(y0, y1, 5)) {
    const py = r2(sy(t));
    g.push(`<line x1="${m.left}" y1="${py}" x2="${m.left + pw}" y2="${py}" stroke="#e5e5e5"/>`);
    g.push(`<text x="${m.left - 6}" y="${py + 4}" text-anchor="end" fill="#333">${escapeXml(tickLabel(t))}</text>`);
  }
  parts.push(`<g class="grid">${g.join("")}</g>`);
  parts.push(`<rect class="frame" x="${m.left}" y="${m.top}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
  parts.push(`<text x="${m.left + pw / 2}" y="${m.top + ph + 32}" text-anchor="middle" fill="#111">${escapeXml(c.xLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle" fill="#111">${escapeXml(c.yLabel)}</text>`);
  // data
  const d: string[] = [];
  if (c.hline !== undefined && c.hline >= y0 && c.hline <= y1) {
    const py = r2(sy(c.hline));
    d.push(`<line x1="${m.left}" y1="${py}" x2="${m.left + pw}" y2="${py}" stroke="#777" stroke-dasharray="2 3"/>`);
  }
  c.series.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    if (s.style === "points") {
      const dots = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y))
        .map(([x, y]) => `<circle cx="${r2(sx(x))}" cy="${r2(sy(y))}" r="2.2"/>`).join("");
      d.push(`<g class="series" data-label="${escapeXml(s.label)}" fill="${color}">${dots}</g>`);
    } else {
      const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
      d.push(`<path class="series" data-label="${escapeXml(s.label)}" d="${pathData(s.points, sx, sy, s.style === "step")}" fill="none" stroke="${color}" stroke-width="1.5"${dash}/>`);
    }
  });
  for (const k of c.markers ?? []) {
    if (!Number.isFinite(k.x) || !Number.isFinite(k.y)) continue;
    const px = r2(sx(k.x)), py = r2(sy(k.y)), color = escapeXml(k.color ?? "#C00000");
    const right = px > m.left + pw * 0.6;
    d.push(`<g class="marker"><circle cx="${px}" cy="${py}" r="5" fill="none" stroke="${color}" stroke-width="2"/>` +
      `<text x="${right ? px - 8 : px + 8}" y="${py < m.top + 14 ? py + 14 : py - 8}" text-anchor="${right ? "end" : "start"}" fill="${color}" font-weight="600">${escapeXml(k.label)}</text></g>`);
  }
  parts.push(`<g clip-path="url(#${escapeXml(id)}-clip)">${d.join("")}</g>`);
  // legend below the x label, two entries per row
  const lg: string[] = [];
  c.series.forEach((s, i) => {
    const color = escapeXml(s.color ?? PALETTE[i % PALETTE.length]);
    const lx = m.left + (i % 2) * Math.floor(pw / 2), ly = m.top + ph + 48 + Math.floor(i / 2) * 16;
    lg.push(`<line x1="${lx}" y1="${ly - 4}" x2="${lx + 18}" y2="${ly - 4}" stroke="${color}" stroke-width="${s.style === "points" ? 5 : 2}"${s.dashed ? ` stroke-dasharray="6 4"` : ""}/>`);
    lg.push(`<text x="${lx + 24}" y="${ly}" fill="#111">${escapeXml(s.label)}</text>`);
  });
  parts.push(`<g class="legend">${lg.join("")}</g>`);
  parts.push(`</svg>`);
  return parts.join("\n");
}
