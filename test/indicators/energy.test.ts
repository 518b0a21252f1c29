// Energy as a time series: six editions of the Statistical Review in ../shared/data/energy, each with the
// bilateral matrices of one year. Expected figures are cells of those workbooks, named in comments.
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { ENERGY_REGIONAL_LATEST } from "../../src/indicators/energy.ts";
import { openStoreWith } from "../helpers/sources-store.ts";

const store = () => openStoreWith(["ei-energy"]);

const close = (actual: number | null, expected: number, tolerance = 1e-9) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

test("pipeline gas Russia→China year by year: 0.31 bcm (2019), 3.88 (2020), 7.58 (2021), 21.29 (2023), each from its edition", async () => {
  // Row "China" (To), column L "Russian Federation" (From) of the pipeline sheet found by its title
  // "Natural Gas: Trade movements <year> by pipeline":
  // bp-statistical-review-2020-all-data.xlsx, "Gas - Trade movts - pipeline"!L36 = 0.310422812192725;
  // bp-statistical-review-2021-all-data.xlsx, same sheet, L36 = 3.88123156342184;
  // bp-statistical-review-2022-all-data.xlsx, same sheet, L27 = 7.584762649877112;
  // ei-statistical-review-2024-all-data.xlsx, "Gas trade - pipeline"!L27 = 21.294247787610683.
  const s = await store();
  const expected: [number, number, string, RegExp][] = [
    [
      2019,
      0.310422812192725,
      "bp Statistical Review of World Energy 2020",
      /Gas - Trade movts - pipeline!L36/,
    ],
    [
      2020,
      3.88123156342184,
      "bp Statistical Review of World Energy 2021",
      /Gas - Trade movts - pipeline!L36/,
    ],
    [
      2021,
      7.584762649877112,
      "bp Statistical Review of World Energy 2022",
      /Gas - Trade movts - pipeline!L27/,
    ],
    [
      2023,
      21.294247787610683,
      "Energy Institute Statistical Review of World Energy 2024",
      /Gas trade - pipeline!L27/,
    ],
  ];
  for (const [year, cell, edition, sheet] of expected) {
    const v = await computeIndicator(s, "energy.pipeline_gas", "RUS", "CHN", year);
    close(v.value, cell);
    assert.equal(v.provenance[0]?.version, edition);
    assert.match(v.provenance[0]?.sheet ?? "", sheet);
  }
});

test("2018 coal is converted from the 2019 edition's Mtoe to EJ and says so", async () => {
  // bp-statistical-review-2019-all-data.xlsx, "Coal - Inter area movts" (title "Coal: Inter-area movements
  // 2018", unit "Million tonnes oil equivalent"), row 9 (From: Russia), column J (To: China).
  const s = await store();
  const v = await computeIndicator(s, "energy.coal", "RUS", "CHN", 2018);
  const raw = await s.one<{ v: number }>(
    "SELECT value AS v FROM energy_trade WHERE fuel = 'coal' AND year = 2018 AND exporter = 'RUS' AND importer = 'CHN'",
  );
  close(v.value, raw?.v ?? Number.NaN);
  assert.match(v.provenance[0]?.note ?? "", /converted from Mtoe/);
  assert.match(v.provenance[0]?.sheet ?? "", /Coal - Inter area movts!J9/);
  // The EJ editions need no note.
  const later = await computeIndicator(s, "energy.coal", "RUS", "CHN", 2019);
  assert.equal(later.provenance[0]?.note, undefined);
});

test("Russia's share of China's pipeline imports rises from 2019 to 2023 (diversification towards Russia)", async () => {
  const s = await store();
  const shares = [];
  for (const year of [2019, 2020, 2021, 2022, 2023]) {
    const v = await computeIndicator(s, "energy.pipeline_gas_share", "RUS", "CHN", year);
    assert.ok(v.value !== null, v.reason);
    shares.push(v.value);
  }
  for (let i = 1; i < shares.length; i++) assert.ok(shares[i] > shares[i - 1], `${shares}`);
});

test("the regional gas series since 2000: China's pipeline imports 'of which' Russia, the newest edition answering", async () => {
  // ei-statistical-review-2024-all-data.xlsx, "Gas - Trade movements" (title "Natural gas: Inter-regional
  // trade"), block "China", row 78 ("Russian Federation" under "Pipeline imports"): 2019 (U78)
  // 0.2839233038348091, 2023 (Y78) 21.294247787610683. The bp 2022 and EI 2023 editions give 2019 too (the
  // 2020 and 2021 editions have no "of which" row for Russia under China).
  const s = await store();
  const rows = await s.query<{ year: number; value: number; edition: number; cell: string }>(
    `SELECT year, value, edition, cell FROM (${ENERGY_REGIONAL_LATEST})
      WHERE entity = 'CHN' AND flow = 'pipeline_imports' AND partner = 'RUS' ORDER BY year`,
  );
  assert.equal(rows[0]?.year, 2000);
  const y2019 = rows.find((r) => r.year === 2019);
  close(y2019?.value ?? null, 0.2839233038348091);
  assert.equal(y2019?.edition, 2024);
  assert.equal(y2019?.cell, "U78");
  close(rows.find((r) => r.year === 2023)?.value ?? null, 21.294247787610683);
  const editions = await s.query<{ edition: number }>(
    "SELECT DISTINCT edition FROM energy_regional WHERE entity = 'CHN' AND year = 2019 AND flow = 'pipeline_imports' AND partner = 'RUS' ORDER BY edition",
  );
  assert.deepEqual(
    editions.map((e) => e.edition),
    [2022, 2023, 2024],
  );
});
