// The profile as a terminal table, readable at 100 columns.
import type { KeyFigure, Profile, TradeYear } from "./profile.ts";

const bn = (v: number | null) => (v === null ? "–" : (v / 1e9).toFixed(v >= 1e11 ? 0 : 1));
const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(v >= 0.1 ? 0 : 1)}`);
const growth = (v: number | null) => (v === null ? "–" : `${v >= 0 ? "+" : ""}${(v * 100).toFixed(0)}`);
const rank = (x: number | null, y: number | null) => `${x ?? "–"}/${y ?? "–"}`;
const ratio = (v: number | null) =>
  v === null ? "–" : v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2);
const est = (r: TradeYear, field: string) =>
  `${r.estimated.includes(field) ? "e" : ""}${r.thirdParty.includes(field) ? "t" : ""}${r.gaps.includes(field.replace("Mirror", "")) ? "!" : ""}`;

/** Wraps a long line at spaces so the table's notes stay within `width` columns. */
function wrap(text: string, width = 100): string {
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = `  ${word}`;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join("\n");
}

function pad(s: string, w: number): string {
  return s.length >= w ? s : " ".repeat(w - s.length) + s;
}

export function formatTradeTable(profile: Profile): string {
  const A = profile.a.code;
  const B = profile.b.code;
  const cols: [string, string, number, (r: TradeYear) => string][] = [
    ["", "Year", 4, (r) => String(r.year)],
    [`${A}→${B}`, `by ${A}`, 7, (r) => bn(r.abExports) + est(r, "abExports")],
    [`${A}→${B}`, `by ${B}`, 7, (r) => bn(r.abExportsMirror) + est(r, "abExportsMirror")],
    [`${B}→${A}`, `by ${B}`, 7, (r) => bn(r.baExports) + est(r, "baExports")],
    [`${B}→${A}`, `by ${A}`, 7, (r) => bn(r.baExportsMirror) + est(r, "baExportsMirror")],
    ["Turn-", "over", 6, (r) => bn(r.turnover) + (r.record ? "*" : " ")],
    ["Grow", "%", 4, (r) => growth(r.growth)],
    [
      `${A} x`,
      `%→${B}`,
      6,
      (r) =>
        pct(r.aExportShare ?? r.aExportShareMirror) +
        (r.aExportShare === null && r.aExportShareMirror !== null ? "m" : ""),
    ],
    [
      `${A} m`,
      `%←${B}`,
      6,
      (r) =>
        pct(r.aImportShare ?? r.aImportShareMirror) +
        (r.aImportShare === null && r.aImportShareMirror !== null ? "m" : ""),
    ],
    [
      `${B} x`,
      `%→${A}`,
      6,
      (r) =>
        pct(r.bExportShare ?? r.bExportShareMirror) +
        (r.bExportShare === null && r.bExportShareMirror !== null ? "m" : ""),
    ],
    [
      `${B} m`,
      `%←${A}`,
      6,
      (r) =>
        pct(r.bImportShare ?? r.bImportShareMirror) +
        (r.bImportShare === null && r.bImportShareMirror !== null ? "m" : ""),
    ],
    [`${B} for`, `${A} x/m`, 7, (r) => rank(r.bRankForAExports, r.bRankForAImports)],
    [`${A} for`, `${B} x/m`, 7, (r) => rank(r.aRankForBExports, r.aRankForBImports)],
    ["Asym-", "metry", 5, (r) => ratio(r.asymmetry)],
  ];
  const line = (cells: string[]) => cells.map((c, i) => pad(c, cols[i][2])).join(" ");
  const out: string[] = [];
  const head = formatKeyFigures(profile);
  if (head) out.push(head, "");
  out.push(`${profile.a.en} (${A}) – ${profile.b.en} (${B}): trade, billions of US dollars`);
  out.push(line(cols.map((c) => c[0])));
  out.push(line(cols.map((c) => c[1])));
  for (const row of profile.trade.table) out.push(line(cols.map((c) => c[3](row))));
  out.push(
    [
      `"by ${A}": as ${A} reports it (exports FOB); "by ${B}": the partner's mirror report (imports CIF).`,
      "x/m: exports/imports. Shares: % of the reporter's World total; m = the partner's report (mirror).",
      `Ranks: ${B} among ${A}'s export destinations/import origins, and vice versa.`,
      wrap(`Turnover and growth: ${reporterSpans(profile)}; * = record within that reporter's series.`),
      `Asymmetry: ${A}'s trade share with ${B} over ${B}'s with ${A}, how many times more ${A} depends on ${B}.`,
      "e = the publisher flags the figure as an estimate; t = a third party's estimate, not the reporter's;",
      "! = the exporter's and the importer's reports differ 3× or more (see dyad sources diff).",
      wrap(`Sources: ${profile.sources.map((s) => s.dataset).join(", ") || "none"}.`),
    ].join("\n"),
  );
  return out.join("\n");
}

/** "RUS's report 1992–2021, CHN's report 2022–2025": where the turnover series changes hands. */
function reporterSpans(profile: Profile): string {
  const spans: { reporter: string; from: number; to: number }[] = [];
  for (const r of profile.trade.table) {
    if (!r.turnoverReporter) continue;
    const last = spans[spans.length - 1];
    if (last && last.reporter === r.turnoverReporter && !r.reporterSwitch) last.to = r.year;
    else spans.push({ reporter: r.turnoverReporter, from: r.year, to: r.year });
  }
  if (!spans.length) return "no turnover";
  return spans
    .map((x) => `${x.reporter}'s report ${x.from === x.to ? x.from : `${x.from}–${x.to}`}`)
    .join(", ");
}

const KEY_LABEL: Record<KeyFigure["key"], (a: string, b: string) => string> = {
  turnover: (a, b) => `Turnover ${a}–${b}`,
  growth: () => "Growth on the year before",
  aExportShare: (a, b) => `${a}'s exports going to ${b}`,
  aImportShare: (a, b) => `${a}'s imports coming from ${b}`,
  bExportShare: (a, b) => `${b}'s exports going to ${a}`,
  bImportShare: (a, b) => `${b}'s imports coming from ${a}`,
  aTradeShare: (a, b) => `${b}'s share of ${a}'s trade`,
  bTradeShare: (a, b) => `${a}'s share of ${b}'s trade`,
  asymmetry: () => "Asymmetry",
};

/** The header: each key figure with its year and whose report it is (own, or the partner's mirror). */
export function formatKeyFigures(profile: Profile): string {
  if (!profile.keyFigures.length) return "";
  const A = profile.a.code;
  const B = profile.b.code;
  const value = (f: KeyFigure) =>
    f.unit === "USD"
      ? `${(f.value / 1e9).toFixed(1)} bn USD`
      : f.unit === "ratio"
        ? f.value.toFixed(1)
        : `${f.key === "growth" && f.value >= 0 ? "+" : ""}${(f.value * 100).toFixed(1)} %`;
  const rows = profile.keyFigures.map((f) => {
    const when =
      f.basis === "mirror"
        ? `${f.year}, from ${f.reporter}'s report${f.ownYear ? ` (own figures until ${f.ownYear})` : ""}`
        : `${f.year}${f.key === "turnover" || f.key === "growth" ? `, ${f.reporter}'s report` : ""}`;
    return [KEY_LABEL[f.key](A, B), `${value(f)}${f.record ? " (record)" : ""}`, when];
  });
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  return [
    `${profile.a.en} (${A}) – ${profile.b.en} (${B}): latest figures`,
    ...rows.map((r) => `  ${r[0].padEnd(w0)}  ${pad(r[1], w1)}  ${r[2]}`),
  ].join("\n");
}
