// The "since 2000" part of the energy section: each side's own rows in the Statistical Review's regional
// series (gas in bcm from 2000, oil in thousand barrels a day), first year against the latest, each figure
// citing the edition and cell it comes from; and, where the publisher does not show a side by itself,
// a plain sentence saying it is inside a region, with the labels the series does show.
import type { SideSeriesYear } from "../../profile/energy-series.ts";
import type { Figure, FigureSource, Sentence } from "../figures.ts";
import type { NarrativeContext } from "./context.ts";

const GAS_FLOWS: [string, [string, string]][] = [
  ["pipeline_imports", ["pipeline imports", "Pipeline-Importe"]],
  ["lng_imports", ["LNG imports", "LNG-Importe"]],
  ["pipeline_exports", ["pipeline exports", "Pipeline-Exporte"]],
  ["lng_exports", ["LNG exports", "LNG-Exporte"]],
];
const OIL_FLOWS: [string, [string, string]][] = [
  ["imports", ["imports", "Importe"]],
  ["exports", ["exports", "Exporte"]],
];

function source(ctx: NarrativeContext, y: SideSeriesYear): FigureSource[] {
  const p = ctx.data.beyond.provenance["ei-energy"];
  return [
    {
      dataset: "ei-energy",
      publisher: p?.publisher,
      citation: p?.citation,
      file: p?.file,
      version: `Statistical Review ${y.edition}, ${y.sheet}!${y.cell}`,
    },
  ];
}

export function energySinceSentences(ctx: NarrativeContext): Sentence[] {
  const since = ctx.data.beyond.sections.energySince2000;
  if (!since || "absent" in since || !since.sides) return [];
  const out: Sentence[] = [];
  for (const side of since.sides) {
    const S = ctx.forms(side.code);
    for (const [series, flows, unit, start] of [
      ["gas", GAS_FLOWS, "bcm", 2000],
      ["oil", OIL_FLOWS, "kb/d", 2000],
    ] as const) {
      const rows = side[series];
      const seriesName = series === "gas" ? ctx.t("gas", "Gas") : ctx.t("oil", "Öl");
      if (!rows) {
        const shown =
          series === "gas"
            ? since.shown.gas
            : [...new Set([...since.shown.oilImports, ...since.shown.oilExports])];
        out.push(
          ctx.say(
            ctx.t(
              `${S.nom} is not shown by itself in the Statistical Review's regional ${seriesName} series: it is inside one of the publisher's regions (the series shows ${shown.join(", ")}).`,
              `${S.nom} ist in der Regionalreihe ${seriesName} der Statistical Review nicht einzeln ausgewiesen, sondern Teil einer Region des Herausgebers (die Reihe zeigt ${shown.join(", ")}).`,
            ),
            [],
            true,
          ),
        );
        continue;
      }
      const parts: { en: string; de: string; figures: Figure[] }[] = [];
      for (const [flow, [en, de]] of flows) {
        const ys = (rows[flow] ?? []).filter((y) => y.year >= start);
        if (!ys.some((y) => y.value > 0)) continue;
        const [f, l] = [ys[0], ys[ys.length - 1]];
        const fig = (y: SideSeriesYear) =>
          ctx.derived({
            value: y.value,
            kind: "quantity",
            unit,
            digits: unit === "kb/d" ? 0 : 1,
            label: ctx.t(
              `${S.gen} ${en} of ${seriesName}, ${y.year} (regional series)`,
              `${de} ${S.gen} (${seriesName}), ${y.year} (Regionalreihe)`,
            ),
            year: y.year,
            sources: source(ctx, y),
          });
        const F = fig(f);
        const L = fig(l);
        parts.push({
          en: `${en} ${F.text} in ${f.year} and ${L.text} in ${l.year}`,
          de: `${de} ${f.year} ${F.text} und ${l.year} ${L.text}`,
          figures: [F, L],
        });
      }
      if (!parts.length) continue;
      const what =
        series === "gas"
          ? ctx.t("gas, between the publisher's regions", "Gas, zwischen den Regionen des Herausgebers")
          : ctx.t(
              "oil, between the publisher's regions, trade within a region excluded",
              "Öl, zwischen den Regionen des Herausgebers, ohne Handel innerhalb einer Region",
            );
      out.push(
        ctx.say(
          ctx.t(
            `In the Statistical Review's regional series (${what}), ${S.gen} figures were: ${parts.map((p) => p.en).join("; ")}.`,
            `In der Regionalreihe der Statistical Review (${what}) lauten die Werte ${S.gen}: ${parts.map((p) => p.de).join("; ")}.`,
          ),
          parts.flatMap((p) => p.figures),
        ),
      );
    }
  }
  return out;
}
