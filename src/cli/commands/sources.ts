// `dyad sources diff A B`: the flows between A and B on which the stored datasets disagree.
import type { Command } from "commander";
import { GAP_RULE, type MirrorGap } from "../../indicators/mirror-gaps.ts";
import { notAYear, parseQueryYear } from "../../indicators/years.ts";

function usd(v: number): string {
  return `${(v / 1e9).toFixed(3)} bn`;
}

function gapLine(g: MirrorGap): string {
  const ratio = Number.isFinite(g.ratio) ? `${g.ratio.toFixed(1)}×` : "one side zero";
  return `  ${g.year} ${g.exporter} → ${g.importer}: ${g.exporter} reports ${usd(g.exportsReported)} exported (${g.exportsDataset}), ${g.importer} reports ${usd(g.importsReported)} imported (${g.importsDataset}); ${ratio}`;
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`${flag}: "${text}" must be a number above 0`);
  return v;
}

function yearOption(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const y = parseQueryYear(text);
  if (y === undefined) throw new Error(notAYear(text, flag));
  return y;
}

export function register(program: Command): void {
  const sources = program.command("sources").description("the data sources in the store");
  sources
    .command("diff <A> <B>")
    .description("flows between A and B that two or more datasets give with different values")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--threshold <fraction>", "smallest relative difference listed (0.005 = 0.5 %)", "0.005")
    .option(
      "--factor <n>",
      `mirror gaps: smallest ratio between the exporter's and the importer's report`,
      String(GAP_RULE.factor),
    )
    .option("--json", "print JSON")
    .action(
      async (
        a: string,
        b: string,
        o: { from?: string; to?: string; threshold: string; factor: string; json?: boolean },
      ) => {
        const [{ registry }, { diffSources }, { mirrorGaps }, { Store }] = await Promise.all([
          import("../../countries/index.ts"),
          import("../../fetch/source-diff.ts"),
          import("../../indicators/mirror-gaps.ts"),
          import("../../store/index.ts"),
        ]);
        const codeA = registry.resolve(a).code;
        const codeB = registry.resolve(b).code;
        const threshold = Number(o.threshold);
        if (!Number.isFinite(threshold) || threshold < 0)
          throw new Error(`--threshold: "${o.threshold}" must be a fraction ≥ 0`);
        const store = await Store.open({ readOnly: true });
        try {
          const from = yearOption("--from", o.from);
          const to = yearOption("--to", o.to);
          const factor = positive("--factor", o.factor, GAP_RULE.factor);
          const list = await diffSources(store, codeA, codeB, { from, to, threshold });
          const gaps = await mirrorGaps(store, { pair: [codeA, codeB], from, to, factor });
          if (o.json) {
            process.stdout.write(`${JSON.stringify({ datasets: list, mirrorGaps: gaps }, null, 2)}\n`);
            return;
          }
          const gapText = gaps.length
            ? [
                `${gaps.length} flows where the exporter's and the importer's reports differ by ${factor}× or more (larger ≥ ${usd(GAP_RULE.minUsd)}):`,
                ...gaps.map(gapLine),
              ].join("\n")
            : `No flow between ${codeA} and ${codeB} whose two sides' reports differ by ${factor}× or more.`;
          if (!list.length) {
            process.stdout.write(
              `No flow between ${codeA} and ${codeB} on which the stored datasets differ by more than ${(threshold * 100).toFixed(1)} %.\n${gapText}\n`,
            );
            return;
          }
          const lines = [
            `${list.length} flows between ${codeA} and ${codeB} where datasets disagree (first listed answers):`,
          ];
          for (const d of list) {
            const vals = d.values
              .map(
                (v) =>
                  `${v.dataset} [${v.priority}] ${usd(v.value_usd)}${v.estimate ? " (est.)" : ""}${v.retrieved ? ` retrieved ${v.retrieved}` : ""}`,
              )
              .join("; ");
            lines.push(
              `  ${d.year} ${d.reporter} ${d.flow} ${d.flow === "exports" ? "to" : "from"} ${d.partner}: ${vals}; spread ${(d.relativeSpread * 100).toFixed(1)} %`,
            );
          }
          process.stdout.write(`${lines.join("\n")}\n${gapText}\n`);
        } finally {
          store.close();
        }
      },
    );
  sources
    .command("gaps")
    .description(
      "flows whose exporter's and importer's reports differ by a factor (3×) and matter (≥ 0.1 bn USD)",
    )
    .option("--country <A>", "only flows in which this country is exporter or importer")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--factor <n>", "smallest ratio of the larger report to the smaller", String(GAP_RULE.factor))
    .option("--min <usd>", "the larger report must reach this many USD", String(GAP_RULE.minUsd))
    .option("--limit <n>", "at most this many flows, largest difference first", "50")
    .option("--json", "print JSON")
    .action(
      async (o: {
        country?: string;
        from?: string;
        to?: string;
        factor: string;
        min: string;
        limit: string;
        json?: boolean;
      }) => {
        const [{ registry }, { mirrorGaps }, { Store }] = await Promise.all([
          import("../../countries/index.ts"),
          import("../../indicators/mirror-gaps.ts"),
          import("../../store/index.ts"),
        ]);
        const country = o.country ? registry.resolve(o.country).code : undefined;
        const options = {
          country,
          from: yearOption("--from", o.from),
          to: yearOption("--to", o.to),
          factor: positive("--factor", o.factor, GAP_RULE.factor),
          minUsd: positive("--min", o.min, GAP_RULE.minUsd),
          limit: Math.round(positive("--limit", o.limit, 50)),
        };
        const store = await Store.open({ readOnly: true });
        try {
          const gaps = await mirrorGaps(store, options);
          if (o.json) {
            process.stdout.write(`${JSON.stringify(gaps, null, 2)}\n`);
            return;
          }
          process.stdout.write(
            `${gaps.length ? [`${gaps.length} flows whose two sides differ by ${options.factor}× or more${country ? ` (${country})` : ""}, largest difference first:`, ...gaps.map(gapLine)].join("\n") : "No such flow."}\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}
