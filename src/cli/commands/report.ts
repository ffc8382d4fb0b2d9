// `qact report`: accuracy and indicative speed of every kernel (what `npm start` runs).
import { Command, Option } from "commander";
import { load } from "../../runtime/runtime.js";
import { buildReport, reportText } from "../../report/accuracy.js";
import { writeFileAtomic } from "../files.js";
import { buildSite, checkSiteDir, writeSite } from "../../report/html/site.js";
import { readBenchJson } from "../../report/html/bench.js";

export function reportCommand(program: Command): void {
  program
    .command("report")
    .description("accuracy (and indicative speed) of every kernel, measured against float64 references")
    .option("--json <file>", "also write the report as JSON")
    .option("--no-speed", "skip the quick speed column")
    .option("--html <dir>", "also write the HTML report (index + one page per op, SVG plots) to this folder")
    .option("--bench <file>", "speed column of the HTML report from this `npm run bench -- --json` file")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["relaxed", "simd", "scalar", "auto"]).default("auto"))
    .action(async (o) => {
      const bench = o.bench === undefined ? undefined : readBenchJson(o.bench);
      if (o.html) checkSiteDir(o.html);
      const rt = await load({ engine: o.engine });
      const other = rt.engine === "simd" ? await load({ engine: "scalar" }) : undefined;
      const report = buildReport(rt, other, { speed: o.speed });
      console.log(reportText(report));
      if (o.json) writeFileAtomic(o.json, JSON.stringify(report, null, 2) + "\n");
      if (o.html) console.log(`\nHTML report: ${writeSite(o.html, buildSite(report, rt, { bench }))}`);
    });
}
