// `dyad report A B --out FILE`: the dossier as HTML, PDF, or one chart as PNG/SVG, or every chart into a folder.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import type { Command } from "commander";
import { CHART_NAMES } from "../../dossier/charts/names.ts";
import { isLang } from "../../dossier/format.ts";
import { openForRead, withStore } from "../store.ts";
import { parseYear } from "./value.ts";

interface ReportFlags {
  lang: string;
  from?: string;
  to?: string;
  out: string;
  chart?: string;
}

export function register(program: Command): void {
  program
    .command("report")
    .description("the dossier of A and B: HTML or PDF report, or charts as PNG/SVG")
    .argument("<A>", "country A: ISO3, ISO2 or an English or German name")
    .argument("<B>", "country B")
    .option("--lang <lang>", "en or de", "en")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .requiredOption(
      "--out <file>",
      "FILE.html, FILE.pdf, FILE.png or FILE.svg (with --chart), or a folder for every chart",
    )
    .option("--chart <name>", `one chart: ${CHART_NAMES.join(", ")}`)
    .action(async (a: string, b: string, flags: ReportFlags) => {
      if (!isLang(flags.lang)) throw new Error(`--lang ${flags.lang}: use en or de.`);
      const lang = flags.lang;
      const options = {
        lang,
        from: flags.from ? parseYear(flags.from) : undefined,
        to: flags.to ? parseYear(flags.to) : undefined,
      };
      // The dossier, Plot and the renderers load only now, when a report is to be made.
      const [
        { chartOrEmpty, gatherDossierData, htmlToPdf, narrate, serverChartEnv, svgToPng },
        { dossierHtml },
        { validateYears },
      ] = await Promise.all([
        import("../../dossier/index.ts"),
        import("../../dossier/render/html.ts"),
        import("../../profile/index.ts"),
      ]);
      validateYears(options, { from: "--from", to: "--to" });
      if (flags.chart && !(CHART_NAMES as readonly string[]).includes(flags.chart))
        throw new Error(`--chart ${flags.chart} is not a chart. Charts: ${CHART_NAMES.join(", ")}.`);
      const out = resolve(flags.out);
      const ext = extname(out).toLowerCase();
      if (flags.chart && ![".png", ".svg"].includes(ext))
        throw new Error(`--chart writes .png or .svg; --out ${flags.out} ends in "${ext || "nothing"}".`);
      if (!flags.chart && ext && ![".html", ".htm", ".pdf"].includes(ext))
        throw new Error(
          `--out ${flags.out}: write .html or .pdf, a .png/.svg with --chart NAME, or give a folder for every chart.`,
        );
      const data = await withStore(openForRead, (store) => gatherDossierData(store, a, b, options));
      const dossier = narrate(data, lang);
      if (dossier.empty) {
        process.stderr.write(`${dossier.empty}\n`);
        process.exitCode = 2;
        return;
      }
      const env = serverChartEnv();
      if (ext) mkdirSync(dirname(out), { recursive: true });
      if (flags.chart) {
        const svg = chartOrEmpty(flags.chart, data, lang, env);
        writeFileSync(out, ext === ".png" ? svgToPng(svg) : svg);
      } else if (!ext) {
        mkdirSync(out, { recursive: true });
        for (const name of CHART_NAMES) {
          const svg = chartOrEmpty(name, data, lang, env);
          writeFileSync(join(out, `${name}.svg`), svg);
          writeFileSync(join(out, `${name}.png`), svgToPng(svg));
        }
        process.stdout.write(`${CHART_NAMES.length} charts (SVG and PNG) in ${out}\n`);
        return;
      } else {
        const html = dossierHtml(dossier);
        writeFileSync(out, ext === ".pdf" ? await htmlToPdf(html) : html);
      }
      process.stdout.write(`${out}\n`);
    });
}
