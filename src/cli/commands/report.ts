// `qact report`: accuracy and indicative speed of every kernel (what `npm start` runs).
import { Command, Option } from "commander";
import { load } from "../../runtime/runtime.js";
import { buildReport, reportText } from "../../report/accuracy.js";
import { writeFileAtomic } from "../files.js";

export function reportCommand(program: Command): void {
  program
    .command("report")
    .description("accuracy (and indicative speed) of every kernel, measured against float64 references")
    .option("--json <file>", "also write the report as JSON")
    .option("--no-speed", "skip the quick speed column")
    .addOption(new Option("--engine <engine>", "WASM build").choices(["simd", "scalar", "auto"]).default("auto"))
    .action(async (o) => {
      const rt = await load({ engine: o.engine });
      const other = rt.engine === "simd" ? await load({ engine: "scalar" }) : undefined;
      const report = buildReport(rt, other, { speed: o.speed });
      console.log(reportText(report));
      if (o.json) writeFileAtomic(o.json, JSON.stringify(report, null, 2) + "\n");
    });
}
