// The dossier on the real data: the seed article's figures for China–Russia in both languages, every
// number in the text cited in the figures table with a source, other pairs, and a pair with no data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chartSvg } from "../../src/dossier/charts/index.ts";
import { buildDossier, type Dossier, dossierHtml } from "../../src/dossier/index.ts";
import { serverChartEnv } from "../../src/dossier/render/server-dom.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { rowOf, type TidyRow, tidyRows } from "../helpers/tidy-rows.ts";

let store: Store;
const cache = new Map<string, Dossier>();
const dossier = async (a: string, b: string, lang: "en" | "de") => {
  const key = `${a}|${b}|${lang}`;
  if (!cache.has(key)) cache.set(key, await buildDossier(store, a, b, { lang }));
  return cache.get(key)!;
};
const text = (d: Dossier) => d.sections.flatMap((s) => s.sentences.map((x) => x.text)).join(" ");

before(async () => {
  store = await openRealStore();
});
after(() => store.close());

// The figures the dossier leads with are the latest in the data, so the expectations are taken from the
// files rather than pinned to the year these tests were written:
// - Russia's own shares: the latest year in UN Comtrade's tidy files (comtrade/*.csv.gz) with Russia's
//   exports and imports to China and the World, share = row RUS,CHN / row RUS,World of each flow.
// - The mirror shares: China's customs (reference/china-customs-russia-*.csv, CHN,RUS imports and exports)
//   over Russia's published totals (reference/russia-customs-totals-*.csv, RUS,World), latest common year.
// - Turnover: China's customs turnover rows (CHN,RUS,turnover); the record is the largest of them, the
//   growth the rate the latest row's note publishes ("-6.9 % year on year").
const comtrade = tidyRows("comtrade");
const gacc = tidyRows("reference", "china-customs-russia");
const fcs = tidyRows("reference", "russia-customs-totals");
const share = (rows: TidyRow[], r: string, p: string, y: number, flow: string) => {
  const n = rowOf(rows, r, p, y, flow);
  const d = rowOf(rows, r, "WLD", y, flow);
  return n && d ? n.value / d.value : undefined;
};
const latestYear = (years: number[]) => Math.max(...years);
const ownYear = latestYear(
  comtrade
    .filter((r) => r.reporter === "RUS" && r.partner === "CHN")
    .map((r) => r.year)
    .filter(
      (y) => share(comtrade, "RUS", "CHN", y, "exports") && share(comtrade, "RUS", "CHN", y, "imports"),
    ),
);
const mirrorYear = latestYear(
  fcs.filter((r) => r.flow === "exports" && rowOf(gacc, "CHN", "RUS", r.year, "imports")).map((r) => r.year),
);
const mirrorShare = (flow: "exports" | "imports") =>
  rowOf(gacc, "CHN", "RUS", mirrorYear, flow === "exports" ? "imports" : "exports")!.value /
  rowOf(fcs, "RUS", "WLD", mirrorYear, flow)!.value;
const turnovers = gacc.filter((r) => r.flow === "turnover" && r.reporter === "CHN" && r.partner === "RUS");
const latestTurnover = turnovers.reduce((x, y) => (y.year > x.year ? y : x));
const recordTurnover = turnovers.reduce((x, y) => (y.value > x.value ? y : x));
const publishedGrowth = Number(latestTurnover.note.match(/^([+-]?\d+(?:\.\d+)?) ?% year on year/)![1]) / 100;
const pct = (v: number, lang: "en" | "de") =>
  lang === "de" ? `${(v * 100).toFixed(1).replace(".", ",")} %` : `${(v * 100).toFixed(1)}%`;
const bn = (v: number, lang: "en" | "de") =>
  lang === "de"
    ? `${(v / 1e9).toFixed(1).replace(".", ",")} Mrd\\. US-Dollar`
    : `\\$${(v / 1e9).toFixed(1)}bn`;

test(`the German CHN–RUS dossier states Russia's latest own shares (${ownYear}), the mirror shares (${mirrorYear}), the latest turnover and the record`, async () => {
  const all = text(await dossier("CHN", "RUS", "de"));
  const [x, m] = [
    share(comtrade, "RUS", "CHN", ownYear, "exports")!,
    share(comtrade, "RUS", "CHN", ownYear, "imports")!,
  ];
  assert.match(
    all,
    new RegExp(
      `${ownYear} gingen ${pct(x, "de")} der Exporte Russlands nach China, und ${pct(m, "de")} der Importe kamen aus China`,
    ),
  );
  assert.match(
    all,
    new RegExp(
      `gingen ${mirrorYear} ${pct(mirrorShare("exports"), "de")} der Exporte Russlands nach China, und ${pct(mirrorShare("imports"), "de")} der Importe kamen aus China`,
    ),
  );
  if (latestTurnover === recordTurnover)
    assert.match(
      all,
      new RegExp(
        `${latestTurnover.year} erreichte der Handel zwischen China und Russland den Rekordwert von ${bn(latestTurnover.value, "de")}`,
      ),
    );
  else
    assert.match(
      all,
      new RegExp(
        `${latestTurnover.year} belief sich der Handel zwischen China und Russland auf ${bn(latestTurnover.value, "de")} .*weniger als der Rekord von ${bn(recordTurnover.value, "de")} im Jahr ${recordTurnover.year}`,
      ),
    );
  assert.match(
    all,
    new RegExp(
      `${publishedGrowth < 0 ? "sank" : "wuchs"} der Handel ${latestTurnover.year} um ${pct(Math.abs(publishedGrowth), "de")}`,
    ),
  );
});

test("the English CHN–RUS dossier states the same in English", async () => {
  const all = text(await dossier("CHN", "RUS", "en"));
  const [x, m] = [
    share(comtrade, "RUS", "CHN", ownYear, "exports")!,
    share(comtrade, "RUS", "CHN", ownYear, "imports")!,
  ];
  assert.match(
    all,
    new RegExp(
      `In ${ownYear}, ${pct(x, "en")} of Russia's exports went to China and ${pct(m, "en")} of its imports came from China`,
    ),
  );
  assert.match(
    all,
    new RegExp(
      `${pct(mirrorShare("exports"), "en")} of Russia's exports went to China in ${mirrorYear} and ${pct(mirrorShare("imports"), "en")} of its imports came from China`,
    ),
  );
  if (latestTurnover === recordTurnover)
    assert.match(all, new RegExp(`reached a record ${bn(latestTurnover.value, "en")}`));
  else
    assert.match(
      all,
      new RegExp(
        `In ${latestTurnover.year}, trade between China and Russia came to ${bn(latestTurnover.value, "en")} .*below the record of ${bn(recordTurnover.value, "en")} in ${recordTurnover.year}`,
      ),
    );
  assert.match(
    all,
    new RegExp(
      `trade in ${latestTurnover.year} ${publishedGrowth < 0 ? "fell" : "grew"} by ${pct(Math.abs(publishedGrowth), "en")}`,
    ),
  );
});

test("Russia's shares after 2021 are told as resting on China's statistics only", async () => {
  const d = await dossier("CHN", "RUS", "en");
  const mirror = d.figures.filter(
    (f) =>
      f.caveat &&
      /Russia's exports going to China( \(mirror\))?$/.test(f.label) &&
      /rests on China's statistics only/.test(f.caveat),
  );
  assert.ok(mirror.length, "a mirror share figure with a caveat");
  assert.ok(
    d.sections.some((s) =>
      s.sentences.some((x) => x.caveat && /rest on China's statistics only/.test(x.text)),
    ),
  );
});

/** Every number in a sentence is a cited figure's text or a year; nothing else may carry digits. */
function uncited(d: Dossier): string[] {
  const byId = new Map(d.figures.map((f) => [f.id, f]));
  const problems: string[] = [];
  for (const s of d.sections)
    for (const sentence of s.sentences) {
      let rest = sentence.text;
      for (const id of sentence.figures) {
        const f = byId.get(id);
        if (!f) problems.push(`${id} cited but not in the table`);
        else if (!f.sources.length) problems.push(`${id} has no source`);
        else if (!rest.includes(f.text))
          problems.push(`"${f.text}" (${id}) cited but not in: ${sentence.text}`);
        else rest = rest.replace(f.text, " ");
      }
      // Remove years (and year ranges), release names like "V202601", then look for any digit left.
      rest = rest.replace(/\b(19|20)\d\d\b/g, " ").replace(/\b[A-Za-z]+\d+\b/g, " ");
      if (/\d/.test(rest)) problems.push(`uncited number in: ${sentence.text}`);
    }
  return problems;
}

for (const [a, b] of [
  ["CHN", "RUS"],
  ["DEU", "USA"],
  ["CHN", "USA"],
  ["IND", "RUS"],
]) {
  for (const lang of ["en", "de"] as const) {
    test(`every number in the ${lang} ${a}–${b} dossier is in the figures table with its source`, async () => {
      const d = await dossier(a, b, lang);
      assert.equal(d.empty, undefined);
      assert.ok(d.figures.length >= 10, `${d.figures.length} figures`);
      assert.deepEqual(uncited(d), []);
    });
  }
}

test("the other pairs say sensible things: who depends on whom, and where the data end", async () => {
  const deu = text(await dossier("DEU", "USA", "en"));
  assert.match(deu, /trade between Germany and the United States (reached a record|came to) \$\d/);
  assert.match(deu, /The series here runs from \d{4} to \d{4}/);
  const ind = text(await dossier("IND", "RUS", "en"));
  assert.match(ind, /Russia delivered major arms worth [\d,]+ m TIV to India/);
  const chnUsa = text(await dossier("CHN", "USA", "de"));
  assert.match(chnUsa, /Handel zwischen China und den USA/);
});

test("the HTML report has at least six charts and a figures table row for every cited figure", async () => {
  const d = await dossier("CHN", "RUS", "de");
  const html = dossierHtml(d);
  const charts = html.match(/<figure class="chart"/g) ?? [];
  assert.ok(charts.length >= 6, `${charts.length} charts`);
  for (const f of d.figures) assert.ok(html.includes(`id="${f.id}"`), f.id);
  assert.ok(
    !/https?:\/\/(?!www\.w3\.org)/.test(html.replace(/<li>[^<]*<\/li>/g, "")),
    "no URL outside the citations",
  );
});

test("a pair with no data at all gets a clear message instead of an empty report", async () => {
  // Vatican City and Tuvalu: no trade reported between them, no UN votes (the Holy See does not vote), no arms, no energy.
  const d = await buildDossier(store, "VAT", "TUV", { lang: "en" });
  assert.ok(d.empty, "empty message");
  assert.match(d.empty!, /No data at all/);
  assert.match(dossierHtml(d), /data-empty="true"/);
});

test("a third party's estimate is drawn apart from the reporter's own figures and named for who estimated it", async () => {
  // reference/unctad-brics-exports-2003-2024.csv: RUS,CHN,2024,exports is UNCTAD's estimate for Russia,
  // which published no trade by partner for 2024.
  const unctad = tidyRows("reference", "unctad-brics").find(
    (r) => r.reporter === "RUS" && r.partner === "CHN" && r.year === 2024 && r.flow === "exports",
  )!;
  const d = await dossier("CHN", "RUS", "en");
  const row = d.data.profile.trade.table.find((r) => r.year === 2024)!;
  assert.equal(row.baExports, unctad.value);
  assert.deepEqual(row.thirdParty, ["baExports"]);
  const svg = chartSvg("flows", d.data, "en", serverChartEnv())!;
  assert.match(svg, /Russia → China, estimated by/);
  assert.doesNotMatch(d.data.profile.keyFigures.map((k) => k.basis).join(), /third/);
});
