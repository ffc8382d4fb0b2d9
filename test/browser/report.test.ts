// The HTML report in a real browser: the site is built from the registry, served from 127.0.0.1 by
// node:http and opened in headless Chromium (Debian `chromium` through playwright-core). Every page
// must load with status 200, no console error, no page error, no failed request and no request
// leaving the local server; every plot must have drawn content. Screenshots of the index and of
// one op page go to test-results/ (gitignored).
// Plain `npm test` skips this file when /usr/bin/chromium is missing; `npm run test:browser`
// (QACT_REQUIRE_BROWSER=1) fails instead.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join, normalize, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { chromium, type BrowserContext } from "playwright-core";
import { load } from "../../src/runtime/runtime.js";
import { buildReport } from "../../src/report/accuracy.js";
import { buildSite, writeSite } from "../../src/report/html/site.js";
import { OPS } from "../../src/ops/index.js";
import { KERNELS } from "../../src/kernels/registry.js";

const CHROMIUM = process.env.QACT_CHROMIUM ?? "/usr/bin/chromium"; // override to test the skip path
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
  "--disable-component-update", "--disable-sync"];
const ARTIFACTS = join(import.meta.dirname, "../../test-results");
const haveChromium = existsSync(CHROMIUM);

if (!haveChromium) {
  if (process.env.QACT_REQUIRE_BROWSER) throw new Error(`${CHROMIUM} is missing: apt-get install -y --no-install-recommends chromium`);
  console.warn(`[skip] HTML report browser test: ${CHROMIUM} not found (apt-get install -y --no-install-recommends chromium; then npm run test:browser)`);
}

/** Row-op kernels plotted on the sample row (shape rows or groups, not derivative kernels). */
const rowKernels = (op: (typeof OPS)[number]) =>
  KERNELS.filter((k) => k.op === op && (k.shape === "rows" || k.shape === "groups") && !(k as { derivative?: boolean }).derivative).length;

function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { html: "text/html; charset=utf-8", svg: "image/svg+xml", png: "image/png", css: "text/css" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const file = normalize(join(root, path.endsWith("/") ? path + "index.html" : path));
    if (!file.startsWith(resolve(root)) || !existsSync(file)) {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": types[file.split(".").pop() ?? ""] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok(server)));
}

describe.skipIf(!haveChromium)("HTML report in headless Chromium", () => {
  let dir = "", profile = "", origin = "";
  let files: Map<string, string>;
  let server: Server;
  let context: BrowserContext;

  beforeAll(async () => {
    // the pages' content is checked in test/report/site.test.ts; here only what a browser shows
    const rt = await load({ engine: "simd" });
    files = buildSite(buildReport(rt, undefined, { speed: false }), rt);
    dir = mkdtempSync(join(tmpdir(), "qact-site-"));
    writeSite(dir, files);
    server = await serve(dir);
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    profile = mkdtempSync(join(tmpdir(), "qact-chromium-profile-"));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1280, height: 900 } });
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    for (const d of [dir, profile]) if (d) rmSync(d, { recursive: true, force: true });
  });

  it("the site has an index and one page per op of the catalog", () => {
    expect([...files.keys()].sort()).toEqual(["index.html", ...OPS.map((o) => `ops/${o.name}.html`)].sort());
  });

  it("every page loads without console errors, failed or outside requests, and every plot has drawn content", async () => {
    const problems: string[] = [];
    const page = await context.newPage();
    page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`${page.url()}: console ${m.type()}: ${m.text()}`); });
    page.on("pageerror", (e) => problems.push(`${page.url()}: page error: ${e.message}`));
    page.on("requestfailed", (r) => problems.push(`${page.url()}: request failed: ${r.url()}`));
    await page.route("**/*", (route) => {
      if (route.request().url().startsWith(origin + "/")) return route.continue();
      problems.push(`${page.url()}: request outside the site: ${route.request().url()}`);
      return route.abort();
    });
    const summary: Record<string, { plots: number; drawn: number }> = {};
    for (const rel of files.keys()) {
      const res = await page.goto(`${origin}/${rel}`, { waitUntil: "load" });
      expect(res?.status(), rel).toBe(200);
      // each plot: the drawn length of its line series and the count of its point marks
      const plots = await page.$$eval("svg.qact-plot", (svgs) => svgs.map((svg) => {
        const box = svg.getBoundingClientRect();
        let length = 0, dots = 0;
        for (const el of Array.from(svg.querySelectorAll(".series"))) {
          if (el instanceof SVGPathElement) length += el.getTotalLength();
          else dots += el.querySelectorAll("circle").length;
        }
        return { title: svg.getAttribute("aria-label") ?? "", width: box.width, height: box.height, length, dots };
      }));
      for (const p of plots) {
        expect(p.width, `${rel}: ${p.title}`).toBeGreaterThan(100);
        expect(p.height, `${rel}: ${p.title}`).toBeGreaterThan(50);
        expect(p.length + 50 * p.dots, `${rel}: plot "${p.title}" has no drawn series`).toBeGreaterThan(50);
      }
      // readable at 1280 px: the page itself does not scroll sideways (wide tables scroll in their box)
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${rel} is ${width}px wide`).toBeLessThanOrEqual(1280);
      summary[rel] = { plots: plots.length, drawn: plots.filter((p) => p.length > 50 || p.dots > 0).length };
      // links inside the site point at pages that exist
      const hrefs = await page.$$eval("a[href]", (as) => as.map((a) => (a as HTMLAnchorElement).href));
      for (const href of hrefs) {
        expect(href.startsWith(origin + "/"), `${rel}: link ${href}`).toBe(true);
        expect(files.has(href.slice(origin.length + 1)), `${rel}: broken link ${href}`).toBe(true);
      }
    }
    expect(problems).toEqual([]);
    // every elementwise op page: function + one error plot per kernel + derivative; row ops: sample-row plots
    for (const op of OPS) {
      const s = summary[`ops/${op.name}.html`];
      const kernels = KERNELS.filter((k) => k.op === op).length;
      if (op.ref) expect(s.plots, op.name).toBe(1 + kernels + (op.derivative ? 1 : 0) + (KERNELS.some((k) => k.op === op && k.dtype !== "f32") ? 1 : 0));
      else expect(s.plots, op.name).toBe(1 + (op.rowDerivative ? 1 : 0) + rowKernels(op));
      expect(s.drawn, op.name).toBe(s.plots);
    }
    expect(summary["index.html"].plots).toBe(0);
    await page.close();
  });

  it("screenshots of the index and of the sigmoid page (test-results/)", async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`, { waitUntil: "load" });
    await page.screenshot({ path: join(ARTIFACTS, "report-index.png"), fullPage: true });
    await page.goto(`${origin}/ops/sigmoid.html`, { waitUntil: "load" });
    await page.screenshot({ path: join(ARTIFACTS, "report-op-sigmoid.png"), fullPage: true });
    await page.close();
    for (const f of ["report-index.png", "report-op-sigmoid.png"]) {
      const png = readFileSync(join(ARTIFACTS, f));
      expect(png.subarray(1, 4).toString(), f).toBe("PNG");
      expect(png.length, f).toBeGreaterThan(20_000);
    }
  });
});
