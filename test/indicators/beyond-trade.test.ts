// The beyond-trade indicators against the real files in ../shared/data. Every expected figure was worked
// out from the files themselves (independently, with a few lines of Python's csv module), as noted.
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { openBeyondTradeStore } from "../helpers/sources-store.ts";

const close = (actual: number | null, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

test("China–Russia UN agreement 2019 is 68 alike of the 86 roll calls both voted on", async () => {
  // un_roll_calls.csv: 90 roll calls dated 2019; un_votes.csv.gz: CN and RU both have a vote on 86 of them,
  // the same vote (yes/no/abstain) on 68.
  const v = await computeIndicator(await openBeyondTradeStore(), "un.agreement", "CHN", "RUS", 2019);
  close(v.value, 68 / 86);
  assert.deepEqual(v.detail, { rollCalls: 90, bothVoted: 86, agreed: 68 });
});

test("UN agreement after 2019 is missing with a reason pointing to the ideal points", async () => {
  const v = await computeIndicator(await openBeyondTradeStore(), "un.agreement", "CHN", "RUS", 2021);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /1946–2019/);
});

test("China–Russia ideal-point distance for the session opening in 2023 is |−0.8006785 − (−0.5316102)|", async () => {
  // IdealpointestimatesAll_Jun2024.csv, session 78: ccode 710 (China) IdealPointAll −0.8006785,
  // ccode 365 (Russia) −0.5316102.
  const v = await computeIndicator(
    await openBeyondTradeStore(),
    "un.idealpoint_distance",
    "CHN",
    "RUS",
    2023,
  );
  close(v.value, 0.8006785 - 0.5316102);
  assert.equal(v.detail?.session, 78);
});

test("Russia delivered 1,094.95 million TIV of major arms to China in 2019", async () => {
  // sipri-trade-register: the 13 rows with Supplier Russia, Recipient China, Delivery year 2019; sum of
  // "TIV delivery values".
  const v = await computeIndicator(await openBeyondTradeStore(), "arms.tiv", "RUS", "CHN", 2019);
  close(v.value, 1094.95, 1e-6);
});

test("Russia's share of China's arms imports 2019–2023 is 3,059.7 / 3,993.45 TIV (SIPRI publishes about 77 %)", async () => {
  // Sum of TIV delivery values, delivery years 2019–2023: Russia→China 3059.7, all suppliers→China 3993.45.
  const v = await computeIndicator(await openBeyondTradeStore(), "arms.supplier_share", "RUS", "CHN", 2023, {
    window: 5,
  });
  close(v.value, 3059.7 / 3993.45, 1e-9);
  assert.ok(Math.abs((v.value ?? 0) - 0.77) < 0.01);
});

test("Russia sent China 14.67 bcm of pipeline gas in 2022, a quarter of China's pipeline imports", async () => {
  // EI workbook, sheet "Gas - Trade movts - pipeline": row 27 (To: China), column L (From: Russian
  // Federation) = 14.66937069813181; column X (Total imports) = 58.40167182510014.
  const store = await openBeyondTradeStore();
  const gas = await computeIndicator(store, "energy.pipeline_gas", "RUS", "CHN", 2022);
  close(gas.value, 14.66937069813181);
  const share = await computeIndicator(store, "energy.pipeline_gas_share", "RUS", "CHN", 2022);
  close(share.value, 14.66937069813181 / 58.40167182510014);
});

test("the pipeline-gas orientation is read from the sheet: China sent Russia no pipeline gas", async () => {
  const v = await computeIndicator(await openBeyondTradeStore(), "energy.pipeline_gas", "CHN", "RUS", 2022);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /not listed separately as an exporter/);
});

test("Russia's oil to China in 2022 is crude plus products from the inter-area sheet", async () => {
  // "Oil - Inter-area movements": crude row 10 (From Russia) column L (To China) 86.242935823; products row 35
  // column L 9.553436323.
  const v = await computeIndicator(await openBeyondTradeStore(), "energy.oil", "RUS", "CHN", 2022);
  close(v.value, 86.242935823 + 9.553436323, 1e-6);
});

test("energy tables exist for the years of the editions in the folder (2018–2023), not before", async () => {
  // Six editions (bp 2019–2022, EI 2023–2024), each with the matrices of the year before it.
  const v = await computeIndicator(await openBeyondTradeStore(), "energy.pipeline_gas", "RUS", "CHN", 2017);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /2018, 2019, 2020, 2021, 2022, 2023, not 2017/);
});

test("China and Russia share a border (CEPII contig = 1), whatever the year", async () => {
  // dist_cepii.csv.gz, row CHN,RUS: contig 1.
  const store = await openBeyondTradeStore();
  assert.equal((await computeIndicator(store, "geo.contiguity", "CHN", "RUS", 1990)).value, 1);
  assert.equal((await computeIndicator(store, "geo.contiguity", "CHN", "FRA", 2020)).value, 0);
});

test("China's GDP in 2024 is GDP per capita 13,303.15 USD × 1,408,975,000 people", async () => {
  // wdi-gdp-per-capita…csv, China, "2024 [YR2024]" = 13303.1481543868; wdi-panel…csv, CHN 2024,
  // population_total = 1408975000.
  const v = await computeIndicator(await openBeyondTradeStore(), "macro.gdp", "CHN", "RUS", 2024);
  close(v.value, 13303.1481543868 * 1408975000, 1);
});

test("trade.gdp_dependence 2020 of China on Russia and of Russia on China is turnover over own GDP", async () => {
  // Turnover: each side's DOTS workbook (DOTS_40.xlsx, DOTS_162.xlsx), checked cell by cell in
  // test/indicators/trade.test.ts; GDP: WDI GDP per capita × population, checked above.
  const store = await openRealStore();
  for (const [a, b] of [
    ["CHN", "RUS"],
    ["RUS", "CHN"],
  ]) {
    const turnover = await computeIndicator(store, "trade.turnover", a, b, 2020);
    const gdp = await computeIndicator(store, "macro.gdp", a, b, 2020);
    const dep = await computeIndicator(store, "trade.gdp_dependence", a, b, 2020);
    assert.ok(turnover.value && gdp.value, `${a}: turnover ${turnover.reason} / gdp ${gdp.reason}`);
    close(dep.value, turnover.value / gdp.value, 1e-12);
    // The asymmetry the article describes: Russia depends on the trade far more than China does.
    if (a === "RUS") assert.ok((dep.value ?? 0) > 0.05);
    else assert.ok((dep.value ?? 1) < 0.01);
  }
});
