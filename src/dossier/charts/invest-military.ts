// Charts of direct investment (each side's position in the other, end of year) and of joint military
// exercises (per year, to the end of the data in 2010).
import * as Plot from "@observablehq/plot";
import type { DossierData } from "../data.ts";
import type { Lang } from "../format.ts";
import { type ChartEnv, COLORS, frame, numberTick, yearTick } from "./frame.ts";

const t = (lang: Lang, en: string, de: string) => (lang === "de" ? de : en);

export function investChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const inv = data.beyond.sections.invest;
  if (!inv || "absent" in inv) return null;
  const { a, b } = data.profile;
  const ab = t(lang, `${a.en} in ${b.en}`, `${a.de} in ${b.de}`);
  const ba = t(lang, `${b.en} in ${a.en}`, `${b.de} in ${a.de}`);
  const rows = inv.years.flatMap((y) => [
    ...(y.positionAinB !== null ? [{ year: y.year, value: y.positionAinB / 1e9, who: ab }] : []),
    ...(y.positionBinA !== null ? [{ year: y.year, value: y.positionBinA / 1e9, who: ba }] : []),
  ]);
  if (!rows.length) return null;
  return frame(
    {
      name: "invest",
      title: t(
        lang,
        `Direct investment between ${a.en} and ${b.en}`,
        `Direktinvestitionen zwischen ${a.de} und ${b.de}`,
      ),
      subtitle: t(
        lang,
        "Position at the end of each year as the investor reports it, billion US dollars",
        "Bestand zum Jahresende laut Meldung des Investors, Milliarden US-Dollar",
      ),
      source: `${t(lang, "Source", "Quelle")}: IMF, Coordinated Direct Investment Survey (CDIS)`,
      legend: [
        { label: ab, color: COLORS.a },
        { label: ba, color: COLORS.b },
      ],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: t(lang, "USD bn", "Mrd. USD"), tickFormat: numberTick(lang) },
        color: { domain: [ab, ba], range: [COLORS.a, COLORS.b] },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(rows, { x: "year", y: "value", stroke: "who", strokeWidth: 2 }),
          Plot.dot(rows, { x: "year", y: "value", fill: "who", r: 2.5 }),
        ],
      },
    },
    env,
  );
}

export function exercisesChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const mil = data.beyond.sections.military;
  if (!mil || "absent" in mil || !mil.years.some((y) => y.exercises > 0)) return null;
  const { a, b } = data.profile;
  const first = mil.years[0].year;
  const max = Math.max(...mil.years.map((y) => y.exercises));
  // Counts are whole numbers: with few exercises, ticks at each integer, never at 0.5.
  const ticks = max <= 8 ? Array.from({ length: max + 1 }, (_, i) => i) : undefined;
  return frame(
    {
      name: "exercises",
      title: t(
        lang,
        `Joint military exercises of ${a.en} and ${b.en}, ${first}–${mil.dataEnd}`,
        `Gemeinsame Militärübungen von ${a.de} und ${b.de}, ${first}–${mil.dataEnd}`,
      ),
      subtitle: t(
        lang,
        `Exercises in which both took part, by start year; the data end in ${mil.dataEnd}`,
        `Übungen, an denen beide teilnahmen, nach Beginnjahr; die Daten enden ${mil.dataEnd}`,
      ),
      source: `${t(lang, "Source", "Quelle")}: D'Orazio & Galambos, Multinational Military Exercises v7`,
      legend: [{ label: t(lang, "exercises", "Übungen"), color: COLORS.a, bar: true }],
      plot: {
        marginLeft: 40,
        x: {
          tickFormat: yearTick,
          label: null,
          type: "band",
          ticks: mil.years.filter((y) => y.year % 5 === 0).map((y) => y.year),
        },
        y: { grid: true, label: null, tickFormat: numberTick(lang), ...(ticks ? { ticks } : {}) },
        marks: [Plot.barY(mil.years, { x: "year", y: "exercises", fill: COLORS.a }), Plot.ruleY([0])],
      },
    },
    env,
  );
}
