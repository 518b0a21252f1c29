// The dossier's energy, investment and exercise sections for China–Russia on the real store, in English and
// German: the figures the seed article names, each traced to a cell of the source files (see
// test/indicators/{energy,invest,military}.test.ts for the cells), and the charts drawn for them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { chartSvg } from "../../src/dossier/charts/index.ts";
import { buildDossier, type Dossier, gatherDossierData } from "../../src/dossier/index.ts";
import { serverChartEnv } from "../../src/dossier/render/server-dom.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

const section = (d: Dossier, id: string) => {
  const s = d.sections.find((x) => x.id === id);
  assert.ok(s, `no section ${id}`);
  return s.sentences.map((x) => x.text).join(" ");
};

test("English: Russia's pipeline gas to China in 2023 and its share year by year; China's investment in Russia; the ten exercises", async () => {
  const d = await buildDossier(store, "CHN", "RUS", { lang: "en" });
  // bcm: EI 2024 edition "Gas trade - pipeline"!L27 = 21.294…; shares: 0.31/… of China's total imports.
  assert.match(
    section(d, "energy"),
    /In 2023, Russia delivered 21\.3 bcm of pipeline gas to China, [\d.]+% of China's imports of it; earlier: [\d.]+% \(2018\), [\d.]+% \(2019\)/,
  );
  // The regional series (EI 2024 edition, "Gas - Trade movements", China block, row 78 "of which" Russia):
  // zero 2000–2018 (cells B78…T78), 0.28 in 2019, 21.29 in 2023.
  assert.match(
    section(d, "energy"),
    /regional series since 2000, China's pipeline gas imports from Russia were nil from 2000 to 2018, first recorded in 2019, and 21\.3 bcm in 2023/,
  );
  // CDIS 2022 AD188 = 9,901.6 m; 2018 AD188 = 6,577.6 m; 2020 AD188 = 12,070.9 m.
  const invest = section(d, "invest");
  assert.match(invest, /At the end of 2022, China held direct investment of \$9\.9bn in Russia/);
  assert.match(invest, /the figure was \$6\.6bn, with a peak of \$12\.1bn at the end of 2020/);
  assert.match(invest, /Russia has reported no figure for China since the end of 2021/);
  const mil = section(d, "exercises");
  assert.match(mil, /China and Russia took part together in 10 exercises/);
  assert.match(mil, /Peace Mission 2005/);
  assert.match(mil, /end in 2010: nothing later is covered here/);
});

test("German: the same figures in German numbers and cases", async () => {
  const d = await buildDossier(store, "CHN", "RUS", { lang: "de" });
  assert.match(section(d, "energy"), /2023 lieferte Russland 21,3 Mrd\. m³ Pipelinegas nach China/);
  assert.match(
    section(d, "invest"),
    /Ende 2022 hielt China Direktinvestitionen von 9,9 Mrd\. US-Dollar in Russland/,
  );
  assert.match(section(d, "exercises"), /nahmen China und Russland gemeinsam an 10 Übungen teil/);
  assert.match(section(d, "exercises"), /enden 2010/);
});

test("the investment, exercise and energy charts are drawn, in both languages", async () => {
  const data = await gatherDossierData(store, "CHN", "RUS", {});
  for (const lang of ["en", "de"] as const)
    for (const name of ["invest", "exercises", "energy", "energy-since-2000"]) {
      const svg = chartSvg(name, data, lang, serverChartEnv());
      assert.ok(svg?.startsWith("<svg"), `${name} ${lang}`);
    }
  assert.match(chartSvg("exercises", data, "en", serverChartEnv()) ?? "", /the data end in 2010/);
});

test("since 2000: each side's own rows of the regional gas and oil series, cited to their cells; the chart draws China's imports and the part from Russia", async () => {
  const en = section(await buildDossier(store, "CHN", "RUS", { lang: "en" }), "energy");
  // ei-statistical-review-2024-all-data.xlsx, "Gas - Trade movements", China block: row 76 "Pipeline imports",
  // Y76 (2023) = 61.34; "Oil trade movements" row 7 "China" (Imports): V7 (2000) = 1,892.9, AS7 (2023) = 13,716.5.
  assert.match(en, /China's figures were: pipeline imports 0\.0 bcm in 2000 and 61\.3 bcm in 2023/);
  assert.match(
    en,
    /China's figures were: imports 1,893 thousand b\/d in 2000 and 13,717 thousand b\/d in 2023/,
  );
  const d = await buildDossier(store, "CHN", "RUS", { lang: "de" });
  const cited = d.figures.find((f) => f.value === 13716.533863220533);
  assert.ok(cited, "the 2023 oil figure is in the figures table");
  assert.match(cited.sources[0].version ?? "", /Statistical Review 2024, Oil trade movements!AS7/);
  const data = await gatherDossierData(store, "CHN", "RUS", {});
  const svg = chartSvg("energy-since-2000", data, "de", serverChartEnv()) ?? "";
  assert.match(svg, /China: davon aus Russland/);
  assert.match(svg, /Gasimporte seit 2000/);
});

test("since 2000: a country the series do not show by itself is said to be inside a region, in both languages", async () => {
  const en = section(await buildDossier(store, "DEU", "RUS", { lang: "en" }), "energy");
  assert.match(
    en,
    /Germany is not shown by itself in the Statistical Review's regional gas series: it is inside one of the publisher's regions \(the series shows [^)]*Europe/,
  );
  assert.match(en, /Germany is not shown by itself in the Statistical Review's regional oil series/);
  const de = section(await buildDossier(store, "DEU", "RUS", { lang: "de" }), "energy");
  assert.match(
    de,
    /Deutschland ist in der Regionalreihe Öl der Statistical Review nicht einzeln ausgewiesen, sondern Teil einer Region/,
  );
  const data = await gatherDossierData(store, "DEU", "RUS", {});
  assert.match(
    chartSvg("energy-since-2000", data, "en", serverChartEnv()) ?? "",
    /Germany not shown by itself \(inside a/,
  );
});
