// The profile's JSON with provenance by reference (src/profile/json.ts): nothing lost — expanding the
// compact form gives back the inline profile for real pairs (seeded random ones and the large ones) — and
// each dataset's and each cell's fields are written once.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import type { IndicatorValue, Provenance } from "../../src/indicators/types.ts";
import { buildProfile, type Profile } from "../../src/profile/index.ts";
import { compactProfile, expandProfile } from "../../src/profile/json.ts";
import type { Store } from "../../src/store/index.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

/** What a client reads: the object after JSON (undefined fields gone). */
const overJson = <T>(x: T): T => JSON.parse(JSON.stringify(x));

function randomPairs(n: number, seed: number): [string, string][] {
  const countries = registry.all("country").map((e) => e.code);
  const next = seededRandom(seed);
  const out: [string, string][] = [];
  while (out.length < n) {
    const a = countries[Math.floor(next() * countries.length)];
    const b = countries[Math.floor(next() * countries.length)];
    if (a !== b) out.push([a, b]);
  }
  return out;
}

test("expanding the compact JSON gives back the inline profile, value for value, for 60 seeded random pairs and the largest ones", async () => {
  const pairs: [string, string][] = [
    ["CHN", "RUS"],
    ["DEU", "FRA"],
    ["RUS", "CHN"],
    ["USA", "CHN"],
    ["BLZ", "LAO"],
    ...randomPairs(60, 4217),
  ];
  let withValues = 0;
  for (const [a, b] of pairs) {
    const profile = await buildProfile(store, a, b);
    const compact = overJson(compactProfile(profile));
    assert.deepStrictEqual(expandProfile(compact), overJson(profile), `${a}–${b}`);
    if (profile.trade.series.some((s) => s.values.some((v) => v.provenance.length))) withValues++;
  }
  // The draw must exercise provenance, not only pairs without trade.
  assert.ok(withValues > 40, `${withValues} of ${pairs.length} pairs have values with provenance`);
});

test("by reference, each dataset's citation and ingest time are written once and each cell once", async () => {
  const profile = await buildProfile(store, "DEU", "FRA");
  const inline = JSON.stringify(profile);
  const compact = compactProfile(profile);
  const text = JSON.stringify(compact);
  const count = (s: string, word: string) => s.split(word).length - 1;
  const datasets = new Set(
    profile.trade.series.flatMap((s) => s.values.flatMap((v) => v.provenance.map((p) => p.dataset))),
  );
  // Datasets whose cells carry no ingest fields (a World total's bare provenance) make their own entry.
  assert.ok(compact.provenance.datasets.length >= datasets.size);
  assert.ok(count(text, '"ingestedAt"') <= datasets.size, `${count(text, '"ingestedAt"')} ingest times`);
  assert.ok(count(inline, '"ingestedAt"') > 1000, "inline repeats the ingest time on every cell");
  const distinct = new Set(
    profile.trade.series.flatMap((s) => s.values.flatMap((v) => v.provenance.map((p) => JSON.stringify(p)))),
  );
  assert.equal(compact.provenance.cells.length, distinct.size);
  assert.ok(text.length * 4 < inline.length, `${text.length} bytes by reference, ${inline.length} inline`);
});

test("a value's cell index leads to its IMF workbook cell (DOTS_162.xlsx, Exports, China row, 2020: Russia's exports to China)", async () => {
  const profile = await buildProfile(store, "RUS", "CHN");
  const compact = overJson(compactProfile(profile));
  const x = await dotsCell("DOTS_162.xlsx", "Exports", "China, P.R.: Mainland", 2020);
  const series = compact.trade.series.find((s) => s.indicator === "trade.exports" && s.a === "RUS");
  const v2020 = series?.values.find((v) => v.year === 2020);
  assert.ok(v2020, "Russia's exports to China in 2020");
  assert.equal(v2020.value, x.usd);
  const [i] = v2020.provenance;
  const cell = compact.provenance.cells[i];
  assert.deepEqual([cell.file, cell.reporter, cell.value], ["DOTS_162.xlsx", "RUS", x.usd]);
  assert.equal(compact.provenance.datasets[cell.dataset].dataset, "imf-dots");
});

/** A one-series profile around the given values, to test the form's edge cases without the store. */
function profileOf(values: IndicatorValue[]): Profile {
  return {
    a: { code: "AAA", en: "A", de: "A" },
    b: { code: "BBB", en: "B", de: "B" },
    from: null,
    to: null,
    years: values.map((v) => v.year),
    trade: { table: [], series: [{ indicator: "trade.exports", a: "AAA", b: "BBB", unit: "USD", values }] },
    sections: {} as Profile["sections"],
    keyFigures: [],
    sources: [],
  };
}

const cellOf = (over: Partial<Provenance>): Provenance => ({
  source: "tidy-trade",
  dataset: "tidy-trade:x.csv",
  publisher: "P",
  reporter: "AAA",
  side: "reporter",
  flow: "exports",
  year: 2020,
  value: 5,
  file: "x.csv",
  sheet: null,
  line: 2,
  version: null,
  retrieved: null,
  ingestedAt: "2026-01-01T00:00:00Z",
  citation: "C",
  estimate: false,
  note: null,
  ...over,
});

const valueAt = (year: number, provenance: Provenance[], over: Partial<IndicatorValue> = {}) => ({
  indicator: "trade.exports",
  a: "AAA",
  b: "BBB",
  year,
  value: provenance[0]?.value ?? null,
  unit: "USD",
  provenance,
  ...over,
});

test("equal cells made separately become one; a field absent, null or different keeps them apart", () => {
  const profile = profileOf([
    valueAt(2020, [cellOf({})]),
    valueAt(2021, [cellOf({})]), // equal to the first, another object
    valueAt(2022, [cellOf({ note: "n" })]),
    valueAt(2023, [cellOf({ publisher: undefined, citation: undefined })]), // a bare provenance
    valueAt(2024, [cellOf({ version: "v2" })]), // another version of the dataset
    valueAt(2025, [], { value: null, reason: "no report", indicator: "trade.other", unit: "EUR" }),
  ]);
  const compact = overJson(compactProfile(profile));
  assert.deepEqual(
    compact.trade.series[0].values.map((v) => v.provenance),
    [[0], [0], [1], [2], [3], []],
  );
  assert.equal(compact.provenance.datasets.length, 3, "as given, without publisher, version v2");
  assert.equal("publisher" in compact.provenance.datasets[1], false);
  // A value keeps its own indicator and unit where they differ from its series'.
  assert.deepEqual(
    [compact.trade.series[0].values[5].indicator, compact.trade.series[0].values[5].unit],
    ["trade.other", "EUR"],
  );
  assert.equal("indicator" in compact.trade.series[0].values[0], false);
  assert.deepStrictEqual(expandProfile(compact), overJson(profile));
});

test("an inline profile is expanded as it is; a reference to a missing cell is an error naming it", () => {
  const profile = profileOf([valueAt(2020, [cellOf({})])]);
  assert.equal(expandProfile(profile), profile);
  const compact = overJson(compactProfile(profile));
  compact.trade.series[0].values[0].provenance = [7];
  assert.throws(() => expandProfile(compact), /refers to cell 7, which is not in provenance\.cells/);
});
