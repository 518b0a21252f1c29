// The dossier on the real data: the seed article's figures for China–Russia in both languages, every
// number in the text cited in the figures table with a source, other pairs, and a pair with no data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { buildDossier, type Dossier, dossierHtml } from "../../src/dossier/index.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

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

// Expected figures: Russia's export share to China in 2020 = DOTS_RUS.xlsx sheet 1, row "China, P.R.:
// Mainland" / row "World", column 2020 (49,583 / 337,898 ≈ 14.7 %); import share from China = sheet 2,
// same rows (54,144 / 228,644 ≈ 23.7 %). Turnover 2024 = reference/china-customs-russia-2021-2024.csv
// line 9 (244,810,000,000 USD), its published growth in the note of that line ("+1.9 % year on year").
test("the German CHN–RUS dossier states the 2020 shares (14,7 % / 23,7 %) and the 2024 record with +1,9 %", async () => {
  const d = await dossier("CHN", "RUS", "de");
  const all = text(d);
  assert.match(all, /14,7 % der Exporte Russlands nach China/);
  assert.match(all, /23,7 % der Importe kamen aus China/);
  assert.match(
    all,
    /2024 erreichte der Handel zwischen China und Russland den Rekordwert von 244,8 Mrd\. US-Dollar/,
  );
  assert.match(all, /wuchs der Handel 2024 um 1,9 %/);
});

test("the English CHN–RUS dossier states the same in English", async () => {
  const d = await dossier("CHN", "RUS", "en");
  const all = text(d);
  assert.match(all, /14\.7% of Russia's exports went to China and 23\.7% of its imports came from China/);
  assert.match(all, /reached a record \$244\.8bn/);
  assert.match(all, /trade in 2024 grew by 1\.9%/);
});

test("Russia's shares after 2021 are told as resting on China's statistics only", async () => {
  const d = await dossier("CHN", "RUS", "en");
  const mirror = d.figures.filter(
    (f) => f.caveat && /Russia's exports going to China \(mirror\)/.test(f.label),
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
