// The "since 2000" chart of energy: the Statistical Review's regional gas series for the sides the publisher
// shows by itself — each importer's pipeline and LNG imports, and the part of its pipeline imports that
// came from the other side (the "of which" row), year by year in bcm.
import * as Plot from "@observablehq/plot";
import type { DossierData } from "../data.ts";
import type { Lang } from "../format.ts";
import { nameForms } from "../names.ts";
import { type ChartEnv, COLORS, frame, numberTick, yearTick } from "./frame.ts";

const t = (lang: Lang, en: string, de: string) => (lang === "de" ? de : en);

export function energySinceChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const since = data.beyond.sections.energySince2000;
  if (!since || "absent" in since || !since.sides) return null;
  const { a, b } = data.profile;
  const name = (code: string) => (code === a.code ? a[lang] : b[lang]);
  const rows: { year: number; value: number; series: string; dashed: boolean }[] = [];
  const add = (label: string, ys: { year: number; value: number }[] | undefined, dashed = false) => {
    const from2000 = (ys ?? []).filter((y) => y.year >= 2000);
    if (from2000.some((y) => y.value > 0))
      for (const y of from2000) rows.push({ year: y.year, value: y.value, series: label, dashed });
  };
  for (const side of since.sides) {
    if (!side.gas) continue;
    const n = name(side.code);
    add(t(lang, `${n}: pipeline imports`, `${n}: Pipeline-Importe`), side.gas.pipeline_imports);
    for (const s of since.series.filter((x) => x.importer === side.code))
      add(
        t(
          lang,
          `${n}: of which from ${name(s.exporter)}`,
          `${n}: davon ${nameForms(s.exporter, name(s.exporter), lang).from}`,
        ),
        s.years.map((y) => ({ year: y.year, value: y.fromPartner })),
        true,
      );
    add(t(lang, `${n}: LNG imports`, `${n}: LNG-Importe`), side.gas.lng_imports);
  }
  if (!rows.length) return null;
  const years = rows.map((r) => r.year);
  const [first, last] = [Math.min(...years), Math.max(...years)];
  const series = [...new Set(rows.map((r) => r.series))];
  const colors = series.map((_, i) => COLORS.palette[i % COLORS.palette.length]);
  const dashed = new Set(rows.filter((r) => r.dashed).map((r) => r.series));
  const hidden = since.sides.filter((s) => !s.gas).map((s) => name(s.code));
  const editions = [
    ...new Set(
      since.sides.flatMap((s) => Object.values(s.gas ?? {}).flatMap((ys) => ys.map((y) => y.edition))),
    ),
  ].sort();
  return frame(
    {
      name: "energy-since-2000",
      title: t(
        lang,
        `Gas imports since ${first}: ${a.en} and ${b.en}`,
        `Gasimporte seit ${first}: ${a.de} und ${b.de}`,
      ),
      subtitle: t(
        lang,
        `Billion cubic metres a year, trade between the publisher's regions${hidden.length ? `; ${hidden.join(", ")} not shown by itself (inside a region)` : ""}`,
        `Milliarden Kubikmeter pro Jahr, Handel zwischen den Regionen des Herausgebers${hidden.length ? `; ${hidden.join(", ")} nicht einzeln ausgewiesen (Teil einer Region)` : ""}`,
      ),
      source: `${t(lang, "Source", "Quelle")}: bp / Energy Institute, Statistical Review of World Energy, ${t(lang, "regional gas series", "Regionalreihe Gas")} ${first}–${last} (${t(lang, "newest edition per year", "je Jahr die neueste Ausgabe")}${editions.length ? `: ${editions.join(", ")}` : ""})`,
      legend: series.map((label, i) => ({ label, color: colors[i], dashed: dashed.has(label) })),
      height: 300,
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: t(lang, "bcm", "Mrd. m³"), tickFormat: numberTick(lang) },
        color: { domain: series, range: colors },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(
            rows.filter((r) => !r.dashed),
            { x: "year", y: "value", stroke: "series", strokeWidth: 2 },
          ),
          Plot.lineY(
            rows.filter((r) => r.dashed),
            { x: "year", y: "value", stroke: "series", strokeWidth: 2, strokeDasharray: "5,3" },
          ),
        ],
      },
    },
    env,
  );
}
