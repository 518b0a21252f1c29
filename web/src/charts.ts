// Charts drawn in the browser with Observable Plot from the profile and partner JSON, for builds whose
// API has no dossier charts; when the dossier is there its SVGs are shown instead (see pages/dyad.ts).
import * as Plot from "@observablehq/plot";
import type { Lang, PartnerShare, Profile } from "./api.ts";
import { t } from "./i18n.ts";

const COLORS = ["#1f5fa8", "#b8431d", "#2a7d4f", "#7a4fa0", "#8a6d00", "#4a4a4a", "#c2185b", "#00796b"];

function frame(svg: Element, title: string): HTMLElement {
  const figure = document.createElement("figure");
  figure.className = "chart";
  const caption = document.createElement("figcaption");
  caption.textContent = title;
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  figure.append(caption, svg);
  return figure;
}

export function turnoverChart(profile: Profile, lang: Lang, width: number): HTMLElement {
  const s = t(lang);
  const a = profile.a[lang];
  const b = profile.b[lang];
  const rows = profile.trade.table.flatMap((r) => [
    { year: r.year, who: s.exportsTo(a, b), value: (r.abExports ?? r.abExportsMirror ?? Number.NaN) / 1e9 },
    { year: r.year, who: s.exportsTo(b, a), value: (r.baExports ?? r.baExportsMirror ?? Number.NaN) / 1e9 },
  ]);
  const totals = profile.trade.table.filter((r) => r.turnover !== null);
  const svg = Plot.plot({
    width,
    height: Math.round(Math.min(360, width * 0.6)),
    marginLeft: 44,
    x: { label: null, tickFormat: "d" },
    y: { label: "bn USD", grid: true },
    color: { legend: true, range: COLORS.slice(0, 2) },
    marks: [
      Plot.areaY(rows, { x: "year", y: "value", fill: "who", fillOpacity: 0.85, curve: "step-after" }),
      Plot.line(totals, {
        x: "year",
        y: (d) => (d.turnover ?? 0) / 1e9,
        stroke: "#111",
        strokeWidth: 1.5,
        curve: "step-after",
      }),
      Plot.dot(
        totals.filter((d) => d.record),
        {
          x: "year",
          y: (d) => (d.turnover ?? 0) / 1e9,
          r: 2.5,
          fill: "#111",
          title: (d) => `${d.year}: ${s.record}`,
        },
      ),
      Plot.ruleY([0]),
    ],
  });
  return frame(svg, s.chartTurnover(a, b));
}

export function sharesChart(profile: Profile, lang: Lang, width: number): HTMLElement {
  const s = t(lang);
  const a = profile.a[lang];
  const b = profile.b[lang];
  const rows = profile.trade.table
    .flatMap((r) => [
      { year: r.year, who: s.shareOfTrade(a, b), value: r.aTradeShare },
      { year: r.year, who: s.shareOfTrade(b, a), value: r.bTradeShare },
    ])
    .filter((d) => d.value !== null);
  const svg = Plot.plot({
    width,
    height: Math.round(Math.min(320, width * 0.55)),
    marginLeft: 44,
    x: { label: null, tickFormat: "d" },
    y: { label: "%", grid: true, percent: true },
    color: { legend: true, range: COLORS.slice(0, 2) },
    marks: [Plot.line(rows, { x: "year", y: "value", stroke: "who", strokeWidth: 2 }), Plot.ruleY([0])],
  });
  return frame(svg, s.chartShares);
}

export function partnersChart(
  rows: PartnerShare[],
  country: string,
  flowWord: string,
  lang: Lang,
  width: number,
): HTMLElement {
  const s = t(lang);
  // Lines for the latest year's largest partners (and the EU) only: with every partner that was ever in
  // the top group the colours repeat and the picture is lost.
  const last = Math.max(...rows.map((r) => r.year));
  const keep = new Set(rows.filter((r) => r.year === last).map((r) => r.partner));
  const names = new Map(rows.map((r) => [r.partner, r.partner === "EUU" ? s.eu : r[lang]]));
  const data = rows
    .filter((r) => r.share !== null && keep.has(r.partner))
    .map((r) => ({ ...r, name: names.get(r.partner) }));
  const svg = Plot.plot({
    width,
    height: Math.round(Math.min(380, width * 0.65)),
    marginLeft: 44,
    x: { label: null, tickFormat: "d" },
    y: { label: "%", grid: true, percent: true },
    color: { legend: true, range: COLORS },
    marks: [
      Plot.line(
        data.filter((d) => d.partner !== "EUU"),
        { x: "year", y: "share", stroke: "name", strokeWidth: 1.8 },
      ),
      // The EU is an aggregate beside the countries: dashed, so it is not read as one of them.
      Plot.line(
        data.filter((d) => d.partner === "EUU"),
        { x: "year", y: "share", stroke: "name", strokeWidth: 1.8, strokeDasharray: "5,3" },
      ),
      Plot.ruleY([0]),
    ],
  });
  return frame(svg, s.partnerShares(country, flowWord));
}
