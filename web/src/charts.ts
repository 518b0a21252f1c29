// The country page's partner chart, drawn in the browser with Observable Plot from the partner JSON (the
// dyad page draws the dossier's own chart functions, src/dossier/charts).
import * as Plot from "@observablehq/plot";
import type { Lang, NamedPartnerShare } from "./api.ts";
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

export function partnersChart(
  rows: NamedPartnerShare[],
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
