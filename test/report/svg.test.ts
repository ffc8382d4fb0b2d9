// The SVG chart writer (src/report/plot/svg.ts): ticks, path data, scaling of data and markers,
// escaping, determinism.
import { describe, expect, it } from "vitest";
import { escapeXml, extent, niceTicks, pathData, renderChart, tickLabel, type Chart } from "../../src/report/plot/svg.js";

const id = (v: number) => v;

describe("niceTicks", () => {
  it("gives 1/2/5 × 10^k steps inside the interval", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(-8, 8)).toEqual([-5, 0, 5]);
    expect(niceTicks(-0.5, 0.5, 5)).toEqual([-0.4, -0.2, 0, 0.2, 0.4]);
    expect(niceTicks(0, 65536)).toEqual([0, 20000, 40000, 60000]);
  });
  it("covers random intervals with 2..12 evenly spaced ticks", () => {
    for (const [lo, hi] of [[-3.7, 12.2], [1e-6, 3e-6], [-1e5, -2e3], [0.001, 0.0011], [-128, 127]]) {
      const t = niceTicks(lo, hi);
      expect(t.length, `${lo}..${hi}`).toBeGreaterThanOrEqual(2);
      expect(t.length).toBeLessThanOrEqual(12);
      expect(t[0]).toBeGreaterThanOrEqual(lo - 1e-12);
      expect(t[t.length - 1]).toBeLessThanOrEqual(hi + 1e-12);
      const step = t[1] - t[0];
      const mant = step / 10 ** Math.floor(Math.log10(step));
      expect([1, 2, 5].some((m) => Math.abs(mant - m) < 1e-9), `step ${step}`).toBe(true);
      for (let i = 2; i < t.length; i++) expect(t[i] - t[i - 1]).toBeCloseTo(step, 9);
    }
  });
  it("degenerate intervals", () => {
    expect(niceTicks(3, 3)).toEqual([3]);
    expect(niceTicks(NaN, 1)).toEqual([]);
  });
});

describe("labels and extents", () => {
  it("tick labels carry no float noise", () => {
    expect(tickLabel(0.1 + 0.2)).toBe("0.3");
    expect(tickLabel(0)).toBe("0");
    expect(tickLabel(2e-5)).toBe("2.0e-5");
    expect(tickLabel(-5)).toBe("-5");
  });
  it("extent ignores non-finite values, pads, and widens a flat range", () => {
    expect(extent([0, NaN, 10, Infinity], 0.1)).toEqual([-1, 11]);
    expect(extent([0, 0])).toEqual([-1, 1]);
    expect(extent([5, 5])).toEqual([4.5, 5.5]);
    expect(extent([])).toEqual([-1, 1]);
  });
  it("escapes markup", () => {
    expect(escapeXml(`<a b="c">&'`)).toBe("&lt;a b=&quot;c&quot;&gt;&amp;&#39;");
  });
});

describe("pathData", () => {
  const pts: [number, number][] = [[0, 0], [1, 1], [2, 1], [3, 4]];
  it("lines go point to point", () => {
    expect(pathData(pts, id, id, false)).toBe("M0 0L1 1L2 1L3 4");
  });
  it("steps hold the previous value until the next input, then jump", () => {
    expect(pathData(pts, id, id, true)).toBe("M0 0H1V1H2H3V4");
  });
  it("a non-finite value leaves a gap", () => {
    expect(pathData([[0, 0], [1, NaN], [2, 2], [3, 3]], id, id, false)).toBe("M0 0M2 2L3 3");
    expect(pathData([[0, Infinity]], id, id, false)).toBe("");
  });
});

describe("renderChart", () => {
  const chart: Chart = {
    title: `f <x> & "y"`, xLabel: "x", yLabel: "y",
    series: [{ label: "s<1>", points: [[0, 0], [10, 10]], style: "line" }, { label: "dots", points: [[5, 5]], style: "points" }],
    markers: [{ x: 2, y: 8, label: "worst" }],
    xDomain: [0, 10], yDomain: [0, 10], hline: 0,
  };
  const svg = renderChart(chart, { width: 400, height: 300, id: "t1" });

  it("maps data and markers into the plot frame", () => {
    // frame: left 64, top 34, right 16, bottom 46 + 16 per legend row (2 series → 1 row)
    const [L, T, W, H] = [64, 34, 400 - 64 - 16, 300 - 34 - 46 - 16];
    expect(svg).toContain(`<rect class="frame" x="${L}" y="${T}" width="${W}" height="${H}"`);
    expect(svg).toContain(`d="M${L} ${T + H}L${L + W} ${T}"`);
    expect(svg).toContain(`<circle cx="${L + W / 2}" cy="${T + H / 2}" r="2.2"/>`);
    expect(svg).toContain(`<circle cx="${L + 0.2 * W}" cy="${Math.round((T + H - 0.8 * H) * 100) / 100}" r="5"`);
    expect(svg).toContain(">worst</text>");
  });
  it("escapes titles and labels, uses its id for the clip path, and is deterministic", () => {
    expect(svg).toContain("f &lt;x&gt; &amp; &quot;y&quot;");
    expect(svg).not.toContain("<x>");
    expect(svg).toContain(`data-label="s&lt;1&gt;"`);
    expect(svg).toContain(`<clipPath id="t1-clip">`);
    expect(svg).toContain(`clip-path="url(#t1-clip)"`);
    expect(renderChart(chart, { width: 400, height: 300, id: "t1" })).toBe(svg);
  });
  it("is one well-formed svg element with balanced tags and no scripts or external references", () => {
    expect(svg.startsWith("<svg ")).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/<script|href=|xlink|@import|url\((?!#)/);
    // every opening tag is closed (self-closing or matched)
    const opens = [...svg.matchAll(/<([a-zA-Z]+)[^>]*?(\/?)>/g)].filter((m) => m[2] !== "/").map((m) => m[1]);
    const closes = [...svg.matchAll(/<\/([a-zA-Z]+)>/g)].map((m) => m[1]);
    expect(opens.sort()).toEqual(closes.sort());
  });
  it("skips non-finite markers instead of drawing them at NaN", () => {
    const s = renderChart({ ...chart, markers: [{ x: NaN, y: 1, label: "nan" }] });
    expect(s).not.toContain("NaN");
  });
});
