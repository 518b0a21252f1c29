// The trade charts: turnover as each side reports it, both flows from both sides, growth, each side's
// shares of the other, and the two trade shares side by side (the asymmetry picture).
import * as Plot from "@observablehq/plot";
import type { DossierData } from "../data.ts";
import type { Lang } from "../format.ts";
import { nameForms } from "../names.ts";
import { type ChartEnv, COLORS, frame, numberTick, percentTick, yearTick } from "./frame.ts";

type Point = { year: number; value: number; series: string };

const t = (lang: Lang, en: string, de: string) => (lang === "de" ? de : en);

/**
 * A side's own reports as one series. A third party's estimate for a side that published nothing (UNCTAD's
 * for Russia after 2021) is not that side's report: it is left out here and drawn apart by `estimatePoints`.
 */
function seriesPoints(data: DossierData, indicator: string, from: string, label: string, scale = 1): Point[] {
  const s = data.profile.trade.series.find((x) => x.indicator === indicator && x.a === from);
  return (s?.values ?? [])
    .filter((v) => v.value !== null && !v.provenance.some((p) => p.thirdParty))
    .map((v) => ({ year: v.year, value: v.value! / scale, series: label }));
}

function estimatePoints(
  data: DossierData,
  indicator: string,
  from: string,
  label: string,
  scale = 1,
): Point[] {
  const s = data.profile.trade.series.find((x) => x.indicator === indicator && x.a === from);
  return (s?.values ?? [])
    .filter((v) => v.value !== null && v.provenance.some((p) => p.thirdParty))
    .map((v) => ({ year: v.year, value: v.value! / scale, series: label }));
}

/** "UNCTADstat" or the publishers of the third-party estimates a series uses. */
function estimators(data: DossierData, indicator: string, from: string): string {
  const s = data.profile.trade.series.find((x) => x.indicator === indicator && x.a === from);
  const names = new Set(
    (s?.values ?? []).flatMap((v) =>
      v.provenance.filter((p) => p.thirdParty).map((p) => p.publisher ?? p.dataset),
    ),
  );
  return [...names].join(", ");
}

function sourceLine(data: DossierData, lang: Lang): string {
  const names = data.profile.sources.map((s) => s.publisher ?? s.dataset);
  return `${t(lang, "Source", "Quelle")}: ${[...new Set(names)].join("; ")}`;
}

const lineMarks = (points: Point[], domain: string[], range: string[], dashed: Set<string>) =>
  domain.flatMap((name, i) => {
    const pts = points.filter((p) => p.series === name);
    if (!pts.length) return [];
    return [
      Plot.lineY(pts, {
        x: "year",
        y: "value",
        stroke: range[i],
        strokeWidth: 2.2,
        strokeDasharray: dashed.has(name) ? "5,3" : undefined,
      }),
      Plot.dot(pts, { x: "year", y: "value", fill: range[i], r: pts.length > 25 ? 1.6 : 2.4 }),
    ];
  });

export function turnoverChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const { a, b } = data.profile;
  const la = t(lang, `as reported by ${a.en}`, `laut ${a.de}`);
  const lb = t(lang, `as reported by ${b.en}`, `laut ${b.de}`);
  const points = [
    ...seriesPoints(data, "trade.turnover", a.code, la, 1e9),
    ...seriesPoints(data, "trade.turnover", b.code, lb, 1e9),
  ];
  if (!points.length) return null;
  const record = data.profile.trade.table.filter((r) => r.record && r.turnover !== null).pop();
  // Where the figure the dossier quotes changes hands (Russia's report, then China's), a rule marks it.
  const switches = data.profile.trade.table.filter((r) => r.reporterSwitch && r.turnoverReporter);
  const whose = (code: string | null) => (code === a.code ? a : b);
  const switchNote = switches
    .map((r) =>
      t(
        lang,
        `from ${r.year} the figures quoted are ${nameForms(r.turnoverReporter!, whose(r.turnoverReporter).en, "en").gen}`,
        `ab ${r.year} werden die Angaben ${nameForms(r.turnoverReporter!, whose(r.turnoverReporter).de, "de").gen} zitiert`,
      ),
    )
    .join("; ");
  return frame(
    {
      name: "turnover",
      title: t(lang, `Trade between ${a.en} and ${b.en}`, `Handel zwischen ${a.de} und ${b.de}`),
      subtitle: t(
        lang,
        `Exports plus imports, billion US dollars, current prices${record ? `; record in ${record.year}` : ""}${switchNote ? `; ${switchNote}` : ""}`,
        `Exporte plus Importe, Mrd. US-Dollar, laufende Preise${record ? `; Rekord ${record.year}` : ""}${switchNote ? `; ${switchNote}` : ""}`,
      ),
      source: sourceLine(data, lang),
      legend: [
        { label: la, color: COLORS.a },
        { label: lb, color: COLORS.b, dashed: true },
      ],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: t(lang, "bn USD", "Mrd. USD"), tickFormat: numberTick(lang) },
        marks: [
          Plot.ruleY([0]),
          ...(switches.length
            ? [
                Plot.ruleX(
                  switches.map((r) => r.year - 0.5),
                  { stroke: "#888", strokeDasharray: "2,3" },
                ),
              ]
            : []),
          ...lineMarks(points, [la, lb], [COLORS.a, COLORS.b], new Set([lb])),
          ...(record
            ? [
                Plot.dot([{ year: record.year, value: record.turnover! / 1e9 }], {
                  x: "year",
                  y: "value",
                  r: 6,
                  stroke: "#111",
                  fill: "none",
                }),
              ]
            : []),
        ],
      },
    },
    env,
  );
}

export function flowsChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const { a, b } = data.profile;
  const names = [
    t(lang, `${a.en} → ${b.en}, ${a.en}'s report`, `${a.de} → ${b.de}, laut ${a.de}`),
    t(lang, `${a.en} → ${b.en}, ${b.en}'s report (mirror)`, `${a.de} → ${b.de}, laut ${b.de} (Spiegel)`),
    t(lang, `${b.en} → ${a.en}, ${b.en}'s report`, `${b.de} → ${a.de}, laut ${b.de}`),
    t(lang, `${b.en} → ${a.en}, ${a.en}'s report (mirror)`, `${b.de} → ${a.de}, laut ${a.de} (Spiegel)`),
  ];
  const points = [
    ...seriesPoints(data, "trade.exports", a.code, names[0], 1e9),
    ...seriesPoints(data, "trade.exports.mirror", a.code, names[1], 1e9),
    ...seriesPoints(data, "trade.exports", b.code, names[2], 1e9),
    ...seriesPoints(data, "trade.exports.mirror", b.code, names[3], 1e9),
  ];
  // Third-party estimates for a side that published nothing: dots of their own, named for who estimated.
  const estimates = [
    { from: a.code, to: b, self: a },
    { from: b.code, to: a, self: b },
  ].flatMap(({ from, to, self }) => {
    const who = estimators(data, "trade.exports", from);
    if (!who) return [];
    const label = t(
      lang,
      `${self.en} → ${to.en}, estimated by ${who}`,
      `${self.de} → ${to.de}, Schätzung von ${who}`,
    );
    return [{ label, points: estimatePoints(data, "trade.exports", from, label, 1e9) }];
  });
  if (!points.length) return null;
  const colors = [COLORS.a, COLORS.a, COLORS.b, COLORS.b];
  const dashed = new Set([names[1], names[3]]);
  const estimateMarks = estimates.map((e) =>
    Plot.dot(e.points, { x: "year", y: "value", stroke: "#555", fill: "none", r: 4, symbol: "diamond" }),
  );
  return frame(
    {
      name: "flows",
      title: t(
        lang,
        "Both flows, as each side reports them",
        "Beide Handelsströme, wie jede Seite sie meldet",
      ),
      subtitle: t(
        lang,
        "Exports as the exporter reports them (FOB) and as the importer reports them (CIF), billion US dollars",
        "Exporte laut Exporteur (FOB) und laut Importeur (CIF), Mrd. US-Dollar",
      ),
      source: sourceLine(data, lang),
      legend: [
        ...names.map((label, i) => ({ label, color: colors[i], dashed: dashed.has(label) })),
        ...estimates.map((e) => ({ label: e.label, color: "#555" })),
      ],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: t(lang, "bn USD", "Mrd. USD"), tickFormat: numberTick(lang) },
        marks: [Plot.ruleY([0]), ...lineMarks(points, names, colors, dashed), ...estimateMarks],
      },
    },
    env,
  );
}

export function growthChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const { a, b } = data.profile;
  const rows = data.profile.trade.table
    .filter((r) => r.growth !== null)
    .map((r) => ({ year: r.year, value: r.growth!, sign: r.growth! >= 0 ? "up" : "down" }));
  if (!rows.length) return null;
  return frame(
    {
      name: "growth",
      title: t(
        lang,
        `Growth of trade between ${a.en} and ${b.en}`,
        `Wachstum des Handels zwischen ${a.de} und ${b.de}`,
      ),
      subtitle: t(
        lang,
        "Change of turnover over the previous year, computed from the reported levels",
        "Veränderung des Handelsvolumens gegenüber dem Vorjahr, aus den gemeldeten Werten berechnet",
      ),
      source: sourceLine(data, lang),
      legend: [
        { label: t(lang, "growth", "Wachstum"), color: "#2a9d8f", bar: true },
        { label: t(lang, "decline", "Rückgang"), color: "#c0392b", bar: true },
      ],
      plot: {
        marginLeft: 50,
        x: {
          tickFormat: yearTick,
          label: null,
          type: "band",
          ticks: rows.filter((_, i) => i % Math.ceil(rows.length / 12) === 0).map((r) => r.year),
        },
        y: { grid: true, label: "%", tickFormat: percentTick(lang) },
        marks: [
          Plot.barY(rows, {
            x: "year",
            y: "value",
            fill: (d: { sign: string }) => (d.sign === "up" ? "#2a9d8f" : "#c0392b"),
          }),
          Plot.ruleY([0]),
        ],
      },
    },
    env,
  );
}

export function sharesChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const { a, b } = data.profile;
  const names = [
    t(lang, `${a.en}: exports to ${b.en}`, `${a.de}: Exporte nach ${b.de}`),
    t(lang, `${a.en}: imports from ${b.en}`, `${a.de}: Importe aus ${b.de}`),
    t(lang, `${b.en}: exports to ${a.en}`, `${b.de}: Exporte nach ${a.de}`),
    t(lang, `${b.en}: imports from ${a.en}`, `${b.de}: Importe aus ${a.de}`),
    t(
      lang,
      `${b.en}: exports to ${a.en}, by ${a.en}'s figures`,
      `${b.de}: Exporte nach ${a.de}, laut ${a.de}`,
    ),
    t(
      lang,
      `${b.en}: imports from ${a.en}, by ${a.en}'s figures`,
      `${b.de}: Importe aus ${a.de}, laut ${a.de}`,
    ),
    t(
      lang,
      `${a.en}: exports to ${b.en}, by ${b.en}'s figures`,
      `${a.de}: Exporte nach ${b.de}, laut ${b.de}`,
    ),
    t(
      lang,
      `${a.en}: imports from ${b.en}, by ${b.en}'s figures`,
      `${a.de}: Importe aus ${b.de}, laut ${b.de}`,
    ),
  ];
  const own = (name: string, from: string) => seriesPoints(data, name, from, "").map((p) => p);
  const tag = (pts: Point[], label: string) => pts.map((p) => ({ ...p, series: label }));
  // Mirror shares only for the years a side's own share is missing.
  const mirrorOnly = (indicator: string, ownIndicator: string, from: string, label: string) => {
    const ownYears = new Set(own(ownIndicator, from).map((p) => p.year));
    return tag(
      own(indicator, from).filter((p) => !ownYears.has(p.year)),
      label,
    );
  };
  const points = [
    ...tag(own("trade.export_share", a.code), names[0]),
    ...tag(own("trade.import_share", a.code), names[1]),
    ...tag(own("trade.export_share", b.code), names[2]),
    ...tag(own("trade.import_share", b.code), names[3]),
    ...mirrorOnly("trade.export_share.mirror", "trade.export_share", b.code, names[4]),
    ...mirrorOnly("trade.import_share.mirror", "trade.import_share", b.code, names[5]),
    ...mirrorOnly("trade.export_share.mirror", "trade.export_share", a.code, names[6]),
    ...mirrorOnly("trade.import_share.mirror", "trade.import_share", a.code, names[7]),
  ];
  if (!points.length) return null;
  const colors = [COLORS.a, "#7fa7d9", COLORS.b, "#e59a8f", COLORS.b, "#e59a8f", COLORS.a, "#7fa7d9"];
  const dashed = new Set(names.slice(4));
  const present = names.filter((n) => points.some((p) => p.series === n));
  return frame(
    {
      name: "shares",
      title: t(
        lang,
        "How much each side's trade depends on the other",
        "Wie stark der Handel jeder Seite von der anderen abhängt",
      ),
      subtitle: t(
        lang,
        "Share of the partner in each side's exports and imports, per cent; dashed: the partner's figures over the side's own totals",
        "Anteil des Partners an Exporten und Importen jeder Seite, in Prozent; gestrichelt: Angaben des Partners über den eigenen Gesamtwerten",
      ),
      source: sourceLine(data, lang),
      legend: present.map((label) => ({
        label,
        color: colors[names.indexOf(label)],
        dashed: dashed.has(label),
      })),
      height: 320,
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: "%", tickFormat: percentTick(lang) },
        marks: [Plot.ruleY([0]), ...lineMarks(points, names, colors, dashed)],
      },
    },
    env,
  );
}

export function asymmetryChart(data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const { a, b } = data.profile;
  const la = t(lang, `${b.en}'s share in ${a.en}'s total trade`, `Anteil ${b.de} am Gesamthandel ${a.de}`);
  const lb = t(lang, `${a.en}'s share in ${b.en}'s total trade`, `Anteil ${a.de} am Gesamthandel ${b.de}`);
  const points = [
    ...seriesPoints(data, "trade.trade_share", a.code, la),
    ...seriesPoints(data, "trade.trade_share", b.code, lb),
  ];
  if (!points.length) return null;
  const both = data.profile.trade.table.filter((r) => r.aTradeShare !== null && r.bTradeShare !== null).pop();
  const ratio = both
    ? Math.max(both.aTradeShare!, both.bTradeShare!) / Math.min(both.aTradeShare!, both.bTradeShare!)
    : null;
  const dep = both ? (both.bTradeShare! > both.aTradeShare! ? b : a) : null;
  const other = dep === a ? b : a;
  return frame(
    {
      name: "asymmetry",
      title: t(lang, "Asymmetric dependence", "Asymmetrische Abhängigkeit"),
      subtitle:
        both && ratio && dep && Number.isFinite(ratio)
          ? t(
              lang,
              `Each side's share of the other in its total trade, per cent; in ${both.year} ${dep.en} depended ${ratio.toFixed(1)} times as much on ${other.en} as the reverse`,
              `Anteil der anderen Seite am Gesamthandel, in Prozent; ${both.year} hing ${dep.de} ${ratio.toFixed(1).replace(".", ",")}-mal so stark von ${other.de} ab wie umgekehrt`,
            )
          : t(
              lang,
              "Each side's share of the other in its total trade, per cent",
              "Anteil der anderen Seite am Gesamthandel, in Prozent",
            ),
      source: sourceLine(data, lang),
      legend: [
        { label: la, color: COLORS.a },
        { label: lb, color: COLORS.b },
      ],
      plot: {
        marginLeft: 50,
        x: { tickFormat: yearTick, label: null },
        y: { grid: true, label: "%", tickFormat: percentTick(lang) },
        marks: [
          Plot.areaY(
            points.filter((p) => p.series === la),
            { x: "year", y: "value", fill: COLORS.a, fillOpacity: 0.12 },
          ),
          Plot.areaY(
            points.filter((p) => p.series === lb),
            { x: "year", y: "value", fill: COLORS.b, fillOpacity: 0.12 },
          ),
          Plot.ruleY([0]),
          ...lineMarks(points, [la, lb], [COLORS.a, COLORS.b], new Set()),
        ],
      },
    },
    env,
  );
}
