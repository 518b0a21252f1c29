// The dyad page: key figures (each with its year), a few sentences, the charts, the yearly table and
// the sources. The narrative and the charts are the dossier's: its sections come from the API, and each
// section's charts are drawn here by the same chart functions the HTML/PDF report uses.
import { chartSvg } from "../../../src/dossier/charts/index.ts";
import { nameForms } from "../../../src/dossier/names.ts";
import { api, type Dossier, type DossierProfile, type KeyFigure, type Lang, type TradeYear } from "../api.ts";
import { h, status } from "../dom.ts";
import { decimal, percent, t, usd } from "../i18n.ts";
import { href } from "../state.ts";

// The dossier's charts wrap their titles and source lines for 760 px; on a narrower screen they are drawn
// at 760 and scaled down by their viewBox rather than drawn narrower with text running off the edge.
const CHART_WIDTH = 760;

export async function dyadPage(root: HTMLElement, lang: Lang, a: string, b: string): Promise<void> {
  const s = t(lang);
  root.replaceChildren(status(s.loading));
  const dossier = await api.dossier(a, b, lang);
  const profile = dossier.data.profile;
  const A = profile.a[lang];
  const B = profile.b[lang];
  document.title = `${A} – ${B} · dyad`;
  const heading = h("h1", {}, `${A} – ${B}`);
  const links = h(
    "p",
    { class: "sublinks" },
    h("a", { href: href(`/country/${profile.a.code}`, lang), "data-link": true }, s.viewCountry(A)),
    " · ",
    h("a", { href: href(`/country/${profile.b.code}`, lang), "data-link": true }, s.viewCountry(B)),
    " · ",
    h(
      "a",
      { href: href(`/dyad/${profile.b.code}/${profile.a.code}`, lang), "data-link": true },
      `${B} – ${A}`,
    ),
  );
  if (!profile.years.length) {
    root.replaceChildren(heading, links, h("p", {}, s.noData(A, B)));
    return;
  }

  // The key figures are the profile's own (latest year, own report else mirror), drawn as they come.
  const genitive = (code: string) => nameForms(code, code === profile.a.code ? A : B, lang).gen;
  const labels: Record<KeyFigure["key"], string> = {
    turnover: s.turnover,
    growth: s.growth,
    aExportShare: s.shareOfExports(A, B),
    aImportShare: s.shareOfImports(A, B),
    bExportShare: s.shareOfExports(B, A),
    bImportShare: s.shareOfImports(B, A),
    aTradeShare: s.shareOfTrade(A, B),
    bTradeShare: s.shareOfTrade(B, A),
    asymmetry: s.asymmetry(A, B),
  };
  const show = (f: KeyFigure) =>
    f.unit === "USD"
      ? usd(f.value, lang)
      : f.key === "growth"
        ? percent(f.value, lang, true)
        : f.unit === "ratio"
          ? decimal(f.value, lang, 2)
          : percent(f.value, lang);
  const rows = profile.keyFigures.map((f) =>
    h(
      "tr",
      { "data-figure": f.key, "data-year": f.year, "data-value": f.value, "data-basis": f.basis },
      h("th", { scope: "row" }, labels[f.key]),
      h("td", { class: "num" }, show(f), f.record ? ` (${s.record})` : ""),
      h(
        "td",
        { class: "num" },
        f.basis === "mirror"
          ? `${s.fromReport(f.year, genitive(f.reporter))}${f.ownYear ? ` (${s.ownUntil(f.ownYear)})` : ""}`
          : String(f.year),
      ),
    ),
  );
  const keyFigures = h(
    "section",
    { "aria-labelledby": "key-figures" },
    h("h2", { id: "key-figures" }, s.keyFigures),
    h(
      "table",
      { class: "figures" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, ""),
          h("th", { scope: "col", class: "num" }, s.value),
          h("th", { scope: "col", class: "num" }, s.year),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );

  const narrative = h(
    "section",
    { "aria-labelledby": "narrative", class: "narrative" },
    h("h2", { id: "narrative" }, s.narrative),
  );
  root.replaceChildren(heading, links, keyFigures, narrative);
  const width = CHART_WIDTH;
  for (const section of dossier.sections) narrative.append(sectionView(dossier, section.id, lang, width));

  root.append(yearTable(profile, lang), sourcesList(profile, lang));
  root.append(
    h(
      "section",
      { "aria-labelledby": "report" },
      h("h2", { id: "report" }, s.report),
      h(
        "p",
        {},
        h("a", { href: `/api/v1/report/${profile.a.code}/${profile.b.code}?lang=${lang}` }, s.reportHtml),
        " · ",
        h(
          "a",
          { href: `/api/v1/report/${profile.a.code}/${profile.b.code}?lang=${lang}&format=pdf` },
          s.reportPdf,
        ),
      ),
    ),
  );
}

/** One section of the dossier: its sentences, then its charts drawn from the dossier data. */
function sectionView(dossier: Dossier, id: string, lang: Lang, width: number): HTMLElement {
  const section = dossier.sections.find((x) => x.id === id)!;
  const out = h(
    "section",
    { class: "dossier-section", "data-section": id, "aria-labelledby": `section-${id}` },
    h("h3", { id: `section-${id}` }, section.title),
    section.sentences.map((x) => h("p", { class: x.caveat ? "caveat" : undefined }, x.text)),
  );
  for (const name of section.charts) {
    const svg = chartSvg(name, dossier.data, lang, { document, width });
    if (!svg) continue;
    // The chart is SVG text that Plot built from the data; parsed as XML, so nothing in it can run.
    const parsed = new DOMParser().parseFromString(svg, "image/svg+xml").documentElement;
    if (parsed.nodeName !== "svg") continue;
    const figure = h("figure", { class: "chart", "data-chart": name });
    figure.append(document.importNode(parsed, true));
    out.append(figure);
  }
  return out;
}
function yearTable(profile: DossierProfile, lang: Lang): HTMLElement {
  const s = t(lang);
  const A = profile.a[lang];
  const B = profile.b[lang];
  const cols: [string, (r: TradeYear) => string][] = [
    [s.exportsTo(A, B), (r) => usd(r.abExports ?? r.abExportsMirror, lang)],
    [s.exportsTo(B, A), (r) => usd(r.baExports ?? r.baExportsMirror, lang)],
    [s.turnover, (r) => usd(r.turnover, lang) + (r.record ? " *" : "")],
    // Whose report the turnover is, so a change of reporter inside the series shows.
    [
      s.reportedBy,
      (r) =>
        r.turnoverReporter
          ? nameForms(r.turnoverReporter, r.turnoverReporter === profile.a.code ? A : B, lang).nom
          : "–",
    ],
    [s.shareOfTrade(A, B), (r) => percent(r.aTradeShare, lang)],
    [s.shareOfTrade(B, A), (r) => percent(r.bTradeShare, lang)],
  ];
  return h(
    "details",
    { class: "years" },
    h("summary", {}, `${s.year}: ${profile.years[0]}–${profile.years[profile.years.length - 1]}`),
    h(
      "div",
      { class: "scroll", tabindex: 0, role: "region", "aria-label": s.keyFigures },
      h(
        "table",
        {},
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, s.year),
            cols.map(([label]) => h("th", { scope: "col" }, label)),
          ),
        ),
        h(
          "tbody",
          {},
          [...profile.trade.table].reverse().map((r) =>
            h(
              "tr",
              {
                "data-year": r.year,
                ...(r.reporterSwitch ? { class: "switch", "data-switch": "true" } : {}),
              },
              h("th", { scope: "row" }, r.year),
              cols.map(([, f]) => h("td", { class: "num" }, f(r))),
            ),
          ),
        ),
      ),
    ),
  );
}

function sourcesList(profile: DossierProfile, lang: Lang): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "sources" },
    h("h2", { id: "sources" }, t(lang).sources),
    h(
      "ul",
      { class: "sources" },
      profile.sources.map((src) => h("li", {}, src.citation ?? src.publisher ?? src.dataset)),
    ),
  );
}
