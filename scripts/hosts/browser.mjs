// Host 2: headless Chromium (Debian chromium driven by playwright-core). The page (scripts/hosts/
// browser/) imports the published entry point dist/index.js, bundled by Vite as an application
// would bundle it (the .wasm files become assets through new URL(..., import.meta.url)), served from
// a local http server on 127.0.0.1; it runs every kernel with both builds (and the relaxed-SIMD build,
// which Chromium validates without flags), and the output bytes (and
// the params/table bytes prepare() builds in the page) must equal Node's.
import { createServer } from "node:http";
import { readFile, rm, mkdtemp } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import { tmpdir } from "node:os";
import { ROW_LENGTH } from "./vectors.mjs";

export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];
// The page is served under a strict Content-Security-Policy: compiling WASM needs only 'wasm-unsafe-eval'.
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";
const MIME = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };

export async function bundlePage(outDir) {
  const { build } = await import("vite");
  await build({
    root: "scripts/hosts/browser", base: "./", logLevel: "error", configFile: false,
    build: { outDir: resolve(outDir), emptyOutDir: true, assetsInlineLimit: 0, minify: false },
  });
}

/** Serves `dir` on 127.0.0.1 (ephemeral port); resolves to { url, close }. */
export function serve(dir) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const path = resolve(root, "." + decodeURIComponent(new URL(req.url, "http://x").pathname.replace(/\/$/, "/index.html")));
    if (!path.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(path);
      res.writeHead(200, { "content-type": MIME[extname(path)] ?? "application/octet-stream", "content-security-policy": CSP }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((ok) => server.listen(0, "127.0.0.1", () => ok({
    url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((c) => server.close(c)),
  })));
}

function firstDiff(host, c, got, gotParams) {
  const bpe = c.outBpe, ibpe = c.inBpe;
  const pd = gotParams.findIndex((v, i) => v !== c.params[i]);
  if (gotParams.length !== c.params.length || pd >= 0) {
    return `qact-vectors host=${host} case=${c.label} PARAMS differ from Node's at byte ${pd} (length ${gotParams.length} vs ${c.params.length})`;
  }
  if (got.length !== c.expected.length) return `qact-vectors host=${host} case=${c.label} output length ${got.length} vs Node ${c.expected.length}`;
  const d = got.findIndex((v, i) => v !== c.expected[i]);
  if (d < 0) return null;
  const idx = Math.floor(d / bpe), unit = c.nIn / c.nOut;
  const read = (u8, i, n) => {
    const v = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
    return n === 1 ? v.getInt8(i) : n === 2 ? v.getInt16(i * 2, true) : `0x${v.getUint32(i * 4, true).toString(16).padStart(8, "0")}`;
  };
  return `qact-vectors host=${host} case=${c.label} MISMATCH index=${idx * unit} input=${read(c.input, idx * unit, ibpe)} got=${read(got, idx, bpe)} expected=${read(c.expected, idx, bpe)}`;
}

export async function testBrowser(cases, workDir, log) {
  const dist = join(workDir, "browser-dist");
  await bundlePage(dist);
  const { chromium } = await import("playwright-core");
  const { url, close } = await serve(dist);
  const userDataDir = await mkdtemp(join(tmpdir(), "qact-chromium-"));
  const failures = [];
  let ctx;
  try {
    ctx = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    const page = await ctx.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(url);
    await page.waitForFunction(() => window.qactReady === true, null, { timeout: 30_000 }).catch(() => {
      throw new Error(`chromium: page did not load: ${errors.join("; ")}`);
    });
    const b64 = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString("base64");
    const payload = cases.map((c) => ({ label: c.label, op: c.spec.op.name, dtype: c.spec.dtype, method: c.spec.method, derivative: c.spec.derivative === true, rowLength: ROW_LENGTH, input: b64(c.input) }));
    const results = []; // batches of 8 kernels keep each message small
    for (let i = 0; i < payload.length; i += 8) results.push(...(await page.evaluate((cs) => window.qactRun(cs), payload.slice(i, i + 8))));
    const info = await page.evaluate(() => window.qactInfo());
    log(`  chromium: ${info.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? info.userAgent}, SIMD128 validated: ${info.simd}, ` +
      `builds: ${info.engines.join(", ")}, streaming compilations: ${info.streamed}, CSP: ${CSP}`);
    if (!info.simd) failures.push("qact-vectors host=chromium: hostSupportsSimd() is false in Chromium");
    if (info.streamed !== info.engines.length) {
      failures.push(`qact-vectors host=chromium: expected ${info.engines.length} streaming compilations (${info.engines.join(", ")}), saw ${info.streamed}`);
    }
    const ok = Object.fromEntries(info.engines.map((e) => [e, 0]));
    for (const [i, c] of cases.entries()) {
      for (const engine of info.engines) {
        const host = `chromium/${engine}`;
        const got = Buffer.from(results[i][engine], "base64"), gotParams = Buffer.from(results[i][`${engine}Params`], "base64");
        const f = firstDiff(host, c, new Uint8Array(got), new Uint8Array(gotParams));
        if (f) failures.push(f); else ok[engine]++;
      }
    }
    for (const engine of info.engines) log(`  chromium/${engine}: ${ok[engine]}/${cases.length} kernels identical to Node`);
    if (errors.length) failures.push(`chromium: page errors: ${errors.join("; ")}`);
  } finally {
    await ctx?.close();
    await close();
    await rm(userDataDir, { recursive: true, force: true });
  }
  return failures;
}
