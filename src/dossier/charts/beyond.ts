// Charts of each side's main partners over time, and of energy, arms, UN votes and trade over GDP.
import * as Plot from "@observablehq/plot";
import type { DossierData, PartnerLine } from "../data.ts";
import type { Lang } from "../format.ts";
import { nameForms } from "../names.ts";
import { type ChartEnv, COLORS, frame, numberTick, percentTick, yearTick } from "./frame.ts";

const t = (lang: Lang, en: string, de: string) => (lang === "de" ? de : en);

function partnersChart(data: DossierData, side: "a" | "b", lang: Lang, env?: ChartEnv): string | null {
  const self = data.profile[side];
  const other = data.profile[side === "a" ? "b" : "a"];
  const p = data.partners[side];
  const flows = [
    ["imports", p.imports, t(lang, "imports", "Importe")],
    ["exports", p.exports, t(lang, "exports", "Exporte")],
  ] as const;
  // The lines: the other side, the EU, and whoever led in the first or last year of the data.
  const keep = new Set<string>([other.code, "EUU"]);
  for (const [, rows] of flows) {
    const years = [...new Set(rows.map((r) => r.year))].sort((x, y) => x - y);
    for (const y of [years[0], years[years.length - 1]])
      for (const r of rows) if (r.year === y && r.rank >= 1 && r.rank <= 3) keep.add(r.partner);
  }
  const points = flows.flatMap(([, rows, label]) =>
    rows
      .filter((r: PartnerLine) => keep.has(r.partner) && r.share !== null)
      .map((r: PartnerLine) => ({
        year: r.year,
        value: r.share!,
        partner: r[lang],
        code: r.partner,
        flow: label,
      })),
  );
  if (!points.length) return null;
  const codes = [...keep].filter((c) => points.some((x) => x.code === c));
  let i = 0;
  const color = new Map(
    codes.map((c) => [
      c,
      c === other.code ? COLORS.b : c === "EUU" ? COLORS.eu : COLORS.palette[i++ % COLORS.palette.length],
    ]),
  );
  const nameOf = (c: string) => points.find((x) => x.code === c)!.partner;
  return frame(
    {
      name: side === "a" ? "partners-a" : "partners-b",
      title: t(lang, `${self.en}'s main trading partners`, `Die wichtigsten Handelspartner: ${self.de}`),
      subtitle: t(
        lang,
        `Share of each partner in ${self.en}'s imports and exports, per cent, as ${self.en} reports them; the EU as one group`,
        `Anteil jedes Partners an Importen und Exporten, in Prozent, laut ${self.de}; die EU als eine Gruppe`,
      ),
      source: `${t(lang, "Source", "Quelle")}: ${[...new Set([...p.imports, ...p.exports].map((r) => r.dataset.replace(/^tidy-trade:/, "")))].join("; ")}`,
      legend: codes.map((c) => ({ label: nameOf(c), color: color.get(c)! })),
      height: 300,
      plot: {
        marginLeft: 50,
        fx: { label: null },
        x: { tickFormat: yearTick, label: null, ticks: 5 },
        y: { grid: true, label: "%", zero: true, tickFormat: percentTick(lang) },
        marks: [
          Plot.frame({ stroke: "#ddd" }),
          ...codes.map((c) =>
            Plot.lineY(
              points.filter((x) => x.code === c),
              {
                x: "year",
                y: "value",
                fx: "flow",
                stroke: color.get(c),
                strokeWidth: c === other.code ? 3 : 1.8,
              },
            ),
          ),
        ],
      },
    },
    env,
  );
}

export const partnersAChart = (data: DossierData, lang: Lang, env?: ChartEnv) =>
  partnersChart(data, "a", lang, env);
export const partnersBChart = (data: DossierData, lang: Lang, env?: ChartEnv) =>
  partnersChart(data, "b", lang, env);

const FUEL: Record<string, [string, string]> = {
  pipeline_gas: ["Pipeline gas", "Pipelinegas"],
  lng: ["LNG", "LNG"],
  oil: ["Oil", "Öl"],
  coal: ["Coal", "Kohle"],
};

export function energyChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const e = data.beyond.sections.energy;
  if ("absent" in e) return null;
  const { a, b } = data.profile;
  const [ga, gb] = [nameForms(a.code, a[lang], lang).gen, nameForms(b.code, b[lang], lang).gen];
  const name = (fuel: string) => FUEL[fuel]?.[lang === "de" ? 1 : 0] ?? fuel;
  // One line per fuel and direction that has a share: the supplier's share of the other's imports by year.
  const rows = e.years.flatMap((y) => [
    ...(y.shareOfBImportsFromA !== null && y.aToB
      ? [{ year: y.year, value: y.shareOfBImportsFromA, series: `${name(y.fuel)}: ${a[lang]} → ${b[lang]}` }]
      : []),
    ...(y.shareOfAImportsFromB !== null && y.bToA
      ? [{ year: y.year, value: y.shareOfAImportsFromB, series: `${name(y.fuel)}: ${b[lang]} → ${a[lang]}` }]
      : []),
  ]);
  if (!rows.length) return null;
  const years = [...new Set(e.years.map((y) => y.year))].sort((x, y) => x - y);
  const span = years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0]);
  const series = [...new Set(rows.map((r) => r.series))];
  const colors = series.map((_, i) => COLORS.palette[i % COLORS.palette.length]);
  return frame(
    {
      name: "energy",
      title: t(
        lang,
        `Energy between ${a.en} and ${b.en}, ${span}`,
        `Energie zwischen ${a.de} und ${b.de}, ${span}`,
      ),
      subtitle: t(
        lang,
        `The supplier's share of the other's imports of each fuel, per cent (${gb} and ${ga} imports)`,
        `Anteil des Lieferanten an den Importen der anderen Seite je Energieträger, in Prozent (Importe ${gb} und ${ga})`,
      ),
      source: `${t(lang, "Source", "Quelle")}: bp / Energy Institute, Statistical Review of World Energy ${years.length > 1 ? `(${t(lang, "editions", "Ausgaben")} ${years[0] + 1}–${years[years.length - 1] + 1})` : years[0] + 1}`,
      legend: series.map((label, i) => ({ label, color: colors[i] })),
      height: 280,
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null, ticks: years },
        y: { grid: true, label: "%", tickFormat: percentTick(lang) },
        color: { domain: series, range: colors },
        marks: [
          Plot.ruleY([0]),
          Plot.lineY(rows, { x: "year", y: "value", stroke: "series", strokeWidth: 2 }),
          Plot.dot(rows, { x: "year", y: "value", fill: "series", r: 3 }),
        ],
      },
    },
    env,
  );
}

export function armsChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const arms = data.beyond.sections.arms;
  if ("absent" in arms) return null;
  const { a, b } = data.profile;
  const ab = `${a[lang]} → ${b[lang]}`;
  const ba = `${b[lang]} → ${a[lang]}`;
  const rows = arms.years.flatMap((y) => [
    { year: y.year, dir: ab, value: y.tivAtoB },
    { year: y.year, dir: ba, value: y.tivBtoA },
  ]);
  return frame(
    {
      name: "arms",
      title: t(
        lang,
        `Major arms deliveries between ${a.en} and ${b.en}`,
        `Lieferungen von Großwaffensystemen zwischen ${a.de} und ${b.de}`,
      ),
      subtitle: t(
        lang,
        "SIPRI trend-indicator values (TIV), millions, by year of delivery",
        "SIPRI-Trendindikatorwerte (TIV), Millionen, nach Lieferjahr",
      ),
      source: `${t(lang, "Source", "Quelle")}: SIPRI Arms Transfers Database`,
      legend: [
        { label: ab, color: COLORS.a, bar: true },
        { label: ba, color: COLORS.b, bar: true },
      ],
      plot: {
        marginLeft: 55,
        x: {
          tickFormat: yearTick,
          label: null,
          type: "band",
          ticks: arms.years.filter((_, i) => i % 3 === 0).map((y) => y.year),
        },
        y: { grid: true, label: "TIV", tickFormat: numberTick(lang) },
        color: { domain: [ab, ba], range: [COLORS.a, COLORS.b] },
        marks: [Plot.barY(rows, { x: "year", y: "value", fill: "dir" }), Plot.ruleY([0])],
      },
    },
    env,
  );
}

export function unChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const un = data.beyond.sections.un;
  if ("absent" in un) return null;
  const { a, b } = data.profile;
  const rows = un.years
    .filter((y) => y.agreement !== null && !y.thin)
    .map((y) => ({ year: y.year, value: y.agreement! }));
  if (!rows.length) return null;
  return frame(
    {
      name: "un",
      title: t(
        lang,
        `${a.en} and ${b.en} at the UN General Assembly`,
        `${a.de} und ${b.de} in der UN-Generalversammlung`,
      ),
      subtitle: t(
        lang,
        "Share of roll calls on which both voted alike (yes, no or abstain), per cent, calendar years with at least 10 joint votes",
        "Anteil der Abstimmungen, bei denen beide gleich stimmten (Ja, Nein, Enthaltung), in Prozent; Jahre mit mindestens 10 gemeinsamen Abstimmungen",
      ),
      source: `${t(lang, "Source", "Quelle")}: Voeten, UNGA roll-call votes (unvotes)`,
      legend: [{ label: t(lang, "agreement", "Übereinstimmung"), color: COLORS.a }],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: "%", domain: [0, 1], tickFormat: percentTick(lang) },
        marks: [
          Plot.lineY(rows, { x: "year", y: "value", stroke: COLORS.a, strokeWidth: 2 }),
          Plot.dot(rows, { x: "year", y: "value", fill: COLORS.a, r: 1.8 }),
        ],
      },
    },
    env,
  );
}

export function gdpChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const macro = data.beyond.sections.macro;
  if ("absent" in macro) return null;
  const { a, b } = data.profile;
  const la = t(lang, `share of ${a.en}'s GDP`, `Anteil am BIP ${a.de}`);
  const lb = t(lang, `share of ${b.en}'s GDP`, `Anteil am BIP ${b.de}`);
  const rows = macro.years.flatMap((m) => {
    const tr = data.profile.trade.table.find((r) => r.year === m.year)?.turnover;
    if (!tr) return [];
    return [
      ...(m.gdpA ? [{ year: m.year, value: tr / m.gdpA, series: la }] : []),
      ...(m.gdpB ? [{ year: m.year, value: tr / m.gdpB, series: lb }] : []),
    ];
  });
  if (!rows.length) return null;
  return frame(
    {
      name: "gdp",
      title: t(lang, "Trade relative to each economy's size", "Handel im Verhältnis zur Wirtschaftsleistung"),
      subtitle: t(
        lang,
        `Trade between ${a.en} and ${b.en} over each side's GDP, per cent, current US dollars`,
        `Handel zwischen ${a.de} und ${b.de} im Verhältnis zum BIP jeder Seite, in Prozent, laufende US-Dollar`,
      ),
      source: `${t(lang, "Source", "Quelle")}: ${t(lang, "trade as in the turnover chart; GDP: World Bank, WDI", "Handel wie im Umsatzdiagramm; BIP: Weltbank, WDI")}`,
      legend: [
        { label: la, color: COLORS.a },
        { label: lb, color: COLORS.b },
      ],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: "%", tickFormat: percentTick(lang) },
        color: { domain: [la, lb], range: [COLORS.a, COLORS.b] },
        marks: [
          Plot.lineY(rows, { x: "year", y: "value", stroke: "series", strokeWidth: 2 }),
          Plot.ruleY([0]),
        ],
      },
    },
    env,
  );
}
