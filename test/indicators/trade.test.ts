import assert from "node:assert/strict";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { parseCsv, readText } from "../../src/sources/csv.ts";
import type { Store } from "../../src/store/index.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore, SOURCES_DIR } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

const close = (actual: number | null, expected: number, rel = 1e-9) => {
  assert.ok(actual !== null, "value is null");
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * rel, `${actual} != ${expected}`);
};

async function customs(reporter: string, partner: string, year: number, flow: string): Promise<number> {
  const file = resolve(SOURCES_DIR, "reference/china-customs-russia-2021-2024.csv");
  const rows = parseCsv(readText(file), file, 1, { skipBlank: true });
  const hit = rows.find(
    (r) =>
      r.fields[0] === reporter &&
      r.fields[1] === partner &&
      r.fields[2] === String(year) &&
      r.fields[3] === flow,
  );
  if (!hit) throw new Error(`no ${flow} ${year} in the customs file`);
  return Number(hit.fields[4]);
}

test("China's exports to Russia in 2020 equal China's own IMF workbook cell (DOTS_40.xlsx, Exports, row Russian Federation, 2020)", async () => {
  const cell = await dotsCell("DOTS_40.xlsx", "Exports", "Russian Federation", 2020);
  assert.equal(cell.reporter, "China, P.R.: Mainland");
  const v = await computeIndicator(store, "trade.exports", "CHN", "RUS", 2020);
  close(v.value, cell.usd);
  assert.equal(v.unit, "USD");
  assert.equal(v.provenance[0].dataset, "imf-dots");
  assert.equal(v.provenance[0].file, "DOTS_40.xlsx");
  assert.equal(v.provenance[0].side, "reporter");
});

test("Russia's export and import shares with China in 2020 are Russia's cells over its World row (DOTS_162.xlsx)", async () => {
  const x = await dotsCell("DOTS_162.xlsx", "Exports", "China, P.R.: Mainland", 2020);
  const xw = await dotsCell("DOTS_162.xlsx", "Exports", "World", 2020);
  const m = await dotsCell("DOTS_162.xlsx", "Imports", "China, P.R.: Mainland", 2020);
  const mw = await dotsCell("DOTS_162.xlsx", "Imports", "World", 2020);
  assert.equal(x.reporter, "Russian Federation");
  const es = await computeIndicator(store, "trade.export_share", "RUS", "CHN", 2020);
  const is = await computeIndicator(store, "trade.import_share", "RUS", "CHN", 2020);
  close(es.value, x.usd / xw.usd);
  close(is.value, m.usd / mw.usd);
  // The article's orders of magnitude: about 14.7 % and 23.7 %.
  assert.equal((es.value! * 100).toFixed(1), "14.7");
  assert.equal((is.value! * 100).toFixed(1), "23.7");
});

test("Russia takes about 2 % of China's exports in 2020 (DOTS_40.xlsx, Russian Federation over World)", async () => {
  const x = await dotsCell("DOTS_40.xlsx", "Exports", "Russian Federation", 2020);
  const xw = await dotsCell("DOTS_40.xlsx", "Exports", "World", 2020);
  const v = await computeIndicator(store, "trade.export_share", "CHN", "RUS", 2020);
  close(v.value, x.usd / xw.usd);
  assert.ok(v.value! > 0.015 && v.value! < 0.025);
});

test("the 2020 asymmetry is Russia's trade share with China over China's with Russia, from both workbooks", async () => {
  const share = async (file: string, partner: string) => {
    const x = await dotsCell(file, "Exports", partner, 2020);
    const m = await dotsCell(file, "Imports", partner, 2020);
    const xw = await dotsCell(file, "Exports", "World", 2020);
    const mw = await dotsCell(file, "Imports", "World", 2020);
    return (x.usd + m.usd) / (xw.usd + mw.usd);
  };
  const expected =
    (await share("DOTS_162.xlsx", "China, P.R.: Mainland")) /
    (await share("DOTS_40.xlsx", "Russian Federation"));
  const v = await computeIndicator(store, "trade.asymmetry", "RUS", "CHN", 2020);
  close(v.value, expected);
  assert.ok(v.value! > 5, "Russia depends on China several times more than China on Russia");
});

test("China–Russia turnover 2024 is the customs figure, 244.81 bn USD, and grew 1.96 % over 2023", async () => {
  const t24 = await customs("CHN", "RUS", 2024, "turnover");
  const t23 = await customs("CHN", "RUS", 2023, "turnover");
  const v = await computeIndicator(store, "trade.turnover", "CHN", "RUS", 2024);
  close(v.value, t24);
  assert.equal(v.value, 244.81e9);
  assert.match(v.provenance[0].dataset, /china-customs-russia/);
  const g = await computeIndicator(store, "trade.turnover.growth", "CHN", "RUS", 2024);
  close(g.value, t24 / t23 - 1);
  assert.equal((g.value! * 100).toFixed(2), "1.96");
});

test("where the customs series and UNCTAD's estimates both give China's 2024 exports, the customs figure wins and says why", async () => {
  const v = await computeIndicator(store, "trade.exports", "CHN", "RUS", 2024);
  close(v.value, await customs("CHN", "RUS", 2024, "exports"));
  assert.match(v.provenance[0].why ?? "", /preferred to tidy-trade:unctad-brics-exports-2003-2024\.csv/);
  assert.match(v.provenance[0].why ?? "", /reporter's own customs/);
});

test("the mirror gap: US imports from China 2017 (US report, CIF) against China's exports to the US (China's report, FOB)", async () => {
  const us = await dotsCell("DOTS_208.xlsx", "Imports", "China, P.R.: Mainland", 2017);
  const cn = await dotsCell("DOTS_40.xlsx", "Exports", "United States", 2017);
  const own = await computeIndicator(store, "trade.imports", "USA", "CHN", 2017);
  const mirror = await computeIndicator(store, "trade.imports.mirror", "USA", "CHN", 2017);
  close(own.value, us.usd);
  close(mirror.value, cn.usd);
  assert.equal(mirror.provenance[0].side, "partner");
  assert.equal(mirror.provenance[0].reporter, "CHN");
  assert.ok(
    own.value! > mirror.value!,
    "the US records more imports from China than China records exports to the US",
  );
});

test("a reporter that published only totals gets no share but a reason pointing at the mirror", async () => {
  const v = await computeIndicator(store, "trade.export_share", "RUS", "CHN", 2023);
  assert.equal(v.value, null);
  assert.match(
    v.reason!,
    /Russia published no exports by partner for 2023 \(Russia's customs service stopped/,
  );
  assert.match(v.reason!, /trade\.export_share\.mirror/);
  const m = await computeIndicator(store, "trade.export_share.mirror", "RUS", "CHN", 2023);
  // China's customs imports from Russia 2023 over Russia's FCS export total 2023 (reference CSVs).
  close(m.value, (await customs("CHN", "RUS", 2023, "imports")) / 425.1e9);
  assert.deepEqual(
    m.provenance.map((p) => [p.reporter, p.side]),
    [
      ["CHN", "partner"],
      ["RUS", "reporter"],
    ],
  );
});

test("China's customs turnover answers for 2021; the exports, which the customs file lacks, come from UN Comtrade", async () => {
  const v = await computeIndicator(store, "trade.turnover", "CHN", "RUS", 2021);
  close(v.value, await customs("CHN", "RUS", 2021, "turnover"));
  const x = await computeIndicator(store, "trade.exports", "CHN", "RUS", 2021);
  // China's customs file gives only the 2021 turnover, so the exports come from Comtrade.
  assert.match(x.provenance[0].dataset, /comtrade/);
});

test("ranks: China is Russia's first export destination in 2020, and Russia is far down China's list", async () => {
  const r = await computeIndicator(store, "trade.export_rank", "RUS", "CHN", 2020);
  assert.equal(r.value, 1);
  const c = await computeIndicator(store, "trade.export_rank", "CHN", "RUS", 2020);
  assert.ok(c.value! > 5, `rank ${c.value}`);
});

test("salience and symmetry follow Barbieri's formulas from the two trade shares", async () => {
  const sa = (await computeIndicator(store, "trade.trade_share", "RUS", "CHN", 2019)).value!;
  const sb = (await computeIndicator(store, "trade.trade_share", "CHN", "RUS", 2019)).value!;
  close((await computeIndicator(store, "trade.salience", "RUS", "CHN", 2019)).value, Math.sqrt(sa * sb));
  close((await computeIndicator(store, "trade.symmetry", "RUS", "CHN", 2019)).value, 1 - Math.abs(sa - sb));
});

test("a gap in the loaded data is not blamed on the publisher; Belgium before 1997 points to BLX", async () => {
  // China published its imports by partner for 2022 (GACC), but the loaded files hold only its World total
  // for 2022 (reference/china-totals-comtrade-2022-2024.csv) and the 2022 turnover with Russia.
  const cn = await computeIndicator(store, "trade.imports", "CHN", "RUS", 2022);
  assert.equal(cn.value, null);
  assert.match(cn.reason!, /not in the loaded data/);
  assert.doesNotMatch(cn.reason!, /China (reported only|published no)/);
  // The IMF workbooks have Belgium and Luxembourg as one reporter (Belgium-Luxembourg) before 1997.
  const be = await computeIndicator(store, "trade.exports", "BEL", "DEU", 1995);
  assert.equal(be.value, null);
  assert.match(be.reason!, /BLX/);
});
