// The profile on the real store: each section's figures are the scalar indicators of the same dyad-year
// (the sections select from the dimensions' relations; the trade table from the trade context).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { buildProfile, type Profile } from "../../src/profile/index.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
let profile: Profile;
before(async () => {
  store = await openRealStore();
  profile = await buildProfile(store, "CHN", "RUS");
});
after(() => store.close());

const value = async (indicator: string, a: string, b: string, year: number) =>
  (await computeIndicator(store, indicator, a, b, year)).value;

test("the China–Russia trade table's turnover and shares are trade.turnover and trade.trade_share of each year", async () => {
  assert.ok(profile.trade.table.length > 20, "China–Russia trade covers more than 20 years");
  for (const row of profile.trade.table) {
    assert.equal(row.turnover, await value("trade.turnover", "CHN", "RUS", row.year), `turnover ${row.year}`);
    assert.equal(row.aTradeShare, await value("trade.trade_share", "CHN", "RUS", row.year), `${row.year}`);
    assert.equal(row.bTradeShare, await value("trade.trade_share", "RUS", "CHN", row.year), `${row.year}`);
  }
});

test("the UN section's agreement and ideal-point distance are un.agreement and un.idealpoint_distance", async () => {
  const un = profile.sections.un;
  assert.ok(!("absent" in un), "China and Russia have UN votes");
  assert.ok(un.years.length > 40);
  for (const y of un.years) {
    assert.equal(y.agreement, await value("un.agreement", "CHN", "RUS", y.year), `agreement ${y.year}`);
    assert.equal(
      y.idealPointDistance,
      await value("un.idealpoint_distance", "CHN", "RUS", y.year),
      `distance ${y.year}`,
    );
  }
});

test("the arms section's volumes and shares are arms.tiv and arms.supplier_share in both directions", async () => {
  const arms = profile.sections.arms;
  assert.ok(!("absent" in arms), "SIPRI records deliveries between China and Russia");
  for (const y of arms.years) {
    assert.equal(y.tivAtoB, await value("arms.tiv", "CHN", "RUS", y.year), `CHN→RUS ${y.year}`);
    assert.equal(y.tivBtoA, await value("arms.tiv", "RUS", "CHN", y.year), `RUS→CHN ${y.year}`);
    assert.equal(y.shareOfAImportsFromB, await value("arms.supplier_share", "RUS", "CHN", y.year));
    assert.equal(y.shareOfBImportsFromA, await value("arms.supplier_share", "CHN", "RUS", y.year));
  }
});

test("the energy section lists each fuel the sheets give for the pair, as energy.<fuel> and its share", async () => {
  const energy = profile.sections.energy;
  assert.ok(!("absent" in energy), "the Energy Institute lists Russia's gas and oil to China");
  for (const y of energy.years) {
    assert.equal(y.aToB, await value(`energy.${y.fuel}`, "CHN", "RUS", y.year), `${y.fuel} CHN→RUS`);
    assert.equal(y.bToA, await value(`energy.${y.fuel}`, "RUS", "CHN", y.year), `${y.fuel} RUS→CHN`);
    assert.equal(y.shareOfAImportsFromB, await value(`energy.${y.fuel}_share`, "RUS", "CHN", y.year));
  }
});

test("the GDP and geography sections are macro.gdp of each side and geo.distance / geo.contiguity", async () => {
  const macro = profile.sections.macro;
  const geo = profile.sections.geo;
  assert.ok(!("absent" in macro) && !("absent" in geo));
  for (const y of macro.years.filter((_, i) => i % 5 === 0)) {
    assert.equal(y.gdpA, await value("macro.gdp", "CHN", "RUS", y.year), `GDP of China ${y.year}`);
    assert.equal(y.gdpB, await value("macro.gdp", "RUS", "CHN", y.year), `GDP of Russia ${y.year}`);
  }
  assert.equal(geo.distanceKm, await value("geo.distance", "CHN", "RUS", 2020));
  assert.equal(geo.contiguity, await value("geo.contiguity", "CHN", "RUS", 2020));
});

test("a profile limited to 2015–2019 has only those years in every section", async () => {
  const p = await buildProfile(store, "CHN", "RUS", { from: 2015, to: 2019 });
  assert.deepEqual(
    p.trade.table.map((r) => r.year),
    [2015, 2016, 2017, 2018, 2019],
  );
  for (const section of [p.sections.un, p.sections.arms, p.sections.macro]) {
    assert.ok(!("absent" in section));
    assert.ok(section.years.every((y) => y.year >= 2015 && y.year <= 2019));
  }
});

test("the investment section's positions, shares and flows are the invest.* indicators of each year, both ways", async () => {
  const s = profile.sections.invest;
  assert.ok(!("absent" in s), "absent" in s ? s.absent : "");
  assert.ok(s.years.some((y) => y.year === 2020 && y.positionAinB !== null));
  for (const y of s.years) {
    assert.equal(
      y.positionAinB,
      await value("invest.position", "CHN", "RUS", y.year),
      `CHN in RUS ${y.year}`,
    );
    assert.equal(
      y.positionBinA,
      await value("invest.position", "RUS", "CHN", y.year),
      `RUS in CHN ${y.year}`,
    );
    assert.equal(y.shareOfAOutward, await value("invest.outward_share", "CHN", "RUS", y.year), `${y.year}`);
    assert.equal(y.shareOfBInward, await value("invest.inward_share", "CHN", "RUS", y.year), `${y.year}`);
    assert.equal(y.flowAtoB, await value("invest.flow", "CHN", "RUS", y.year), `flow ${y.year}`);
    assert.equal(y.flowBtoA, await value("invest.flow", "RUS", "CHN", y.year), `flow ${y.year}`);
  }
});

test("the military section counts mil.exercises per year, names the 10 China–Russia exercises and says the data end in 2010", async () => {
  const s = profile.sections.military;
  assert.ok(!("absent" in s), "absent" in s ? s.absent : "");
  assert.equal(s.dataEnd, 2010);
  assert.equal(s.exercises.length, 10);
  for (const y of s.years)
    assert.equal(y.exercises, await value("mil.exercises", "CHN", "RUS", y.year), `${y.year}`);
  assert.equal(
    s.years.reduce((sum, y) => sum + y.exercises, 0),
    10,
  );
});

test("the since-2000 view is the regional gas series: China's pipeline imports from Russia, 2000–2023, newest edition per year", async () => {
  // ei-statistical-review-2024-all-data.xlsx, "Gas - Trade movements", row 78 ("Russian Federation" under
  // China's "Pipeline imports"): U78 (2019) = 0.2839233038348091, Y78 (2023) = 21.294247787610683.
  const s = profile.sections.energySince2000;
  assert.ok(!("absent" in s), "absent" in s ? s.absent : "");
  const china = s.series.find((x) => x.importer === "CHN" && x.exporter === "RUS");
  assert.ok(china);
  assert.equal(china.years[0].year, 2000);
  const y2019 = china.years.find((y) => y.year === 2019);
  assert.equal(y2019?.fromPartner, 0.2839233038348091);
  assert.equal(y2019?.cell, "U78");
  assert.equal(y2019?.edition, 2024);
  assert.equal(china.years.at(-1)?.fromPartner, 21.294247787610683);
});

test("the since-2000 view has each side's own rows of the regional oil series (kb/d), newest edition per year, and the labels the series shows", async () => {
  // ei-statistical-review-2024-all-data.xlsx, "Oil trade movements", row 7 ("China", under "Imports"):
  // V7 (2000) = 1892.8735966019944, AS7 (2023) = 13716.533863220533; row 18 ("Russian Federation", under
  // "Exports"): AS18 (2023) = 6735.543631844128.
  const s = profile.sections.energySince2000;
  assert.ok(!("absent" in s), "absent" in s ? s.absent : "");
  const china = s.sides.find((x) => x.code === "CHN");
  const russia = s.sides.find((x) => x.code === "RUS");
  const y2000 = china?.oil?.imports.find((y) => y.year === 2000);
  assert.deepEqual([y2000?.value, y2000?.cell, y2000?.edition], [1892.8735966019944, "V7", 2024]);
  assert.deepEqual(
    [china?.oil?.imports.at(-1)?.year, china?.oil?.imports.at(-1)?.value],
    [2023, 13716.533863220533],
  );
  assert.equal(china?.oil?.exports, undefined);
  assert.equal(russia?.oil?.exports.at(-1)?.value, 6735.543631844128);
  // China has a block in the gas series too; the oil series shows Germany nowhere by itself.
  assert.ok(china?.gas?.pipeline_imports.length);
  assert.ok(s.shown.oilImports.includes("China"));
  assert.ok(!s.shown.oilImports.includes("Germany") && s.shown.oilImports.includes("Europe"));
});
