// The relations restated in JS over memory (src/indicators/relation-rows.ts) give the rows DuckDB gives for
// the same dyad-years (selectRelations over the materialised tables): every column, every year 1946-2026, both
// directions, for seeded random pairs of the registry and pairs that have UN votes, arms deliveries, energy
// flows and GDP. Exact equality: the JS must compute the SQL's numbers, not approximately.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import { ARMS_RELATION } from "../../src/indicators/arms.ts";
import { ENERGY_RELATION } from "../../src/indicators/energy.ts";
import { GEO_RELATION } from "../../src/indicators/geo.ts";
import { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION } from "../../src/indicators/invest.ts";
import { MACRO_RELATION } from "../../src/indicators/macro.ts";
import { MIL_RELATION } from "../../src/indicators/military.ts";
import { pairYears, selectRelations } from "../../src/indicators/relation.ts";
import { RelationMemory } from "../../src/indicators/relation-memory.ts";
import { inMemory, selectFromMemory } from "../../src/indicators/relation-rows.ts";
import { UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION } from "../../src/indicators/un.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let memory: RelationMemory;
before(async () => {
  store = await openRealStore();
  memory = await RelationMemory.load(store);
});

const RELATIONS = [
  UN_AGREEMENT_RELATION,
  UN_IDEAL_POINT_RELATION,
  ARMS_RELATION,
  ENERGY_RELATION,
  MACRO_RELATION,
  GEO_RELATION,
  INVEST_POSITION_RELATION,
  INVEST_FLOW_RELATION,
  MIL_RELATION,
];

const plain = (row: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]));

async function same(a: string, b: string, from = 1946, to = 2026): Promise<number> {
  const pairs: [string, string][] = [
    [a, b],
    [b, a],
  ];
  let rows = 0;
  for (const relation of RELATIONS) {
    assert.ok(inMemory(memory, relation), relation.dimension);
    const sql = (await selectRelations(store, [relation], pairYears(pairs, from, to))).map(plain);
    const held = selectFromMemory(memory, [relation], pairs, from, to);
    assert.deepEqual(held, sql, `${relation.dimension} ${a}-${b}`);
    rows += sql.filter((r) =>
      Object.entries(r).some(([k, v]) => !["a", "b", "year"].includes(k) && v),
    ).length;
  }
  return rows;
}

describe("relations from memory", () => {
  test("seeded random pairs of the registry: every column as DuckDB gives it", async () => {
    const next = seededRandom(23);
    const countries = registry.all("country").map((e) => e.code);
    const pick = () => countries[Math.floor(next() * countries.length)];
    let withData = 0;
    for (let i = 0; i < 30; i++) {
      const a = pick();
      const b = pick();
      if (a !== b) withData += await same(a, b);
    }
    assert.ok(withData > 0);
  });

  test("pairs with UN votes, arms deliveries, energy flows, GDP and distance", async () => {
    // Each known to have rows: RUS->CHN arms (SIPRI), RUS->DEU pipeline gas (Statistical Review),
    // USA-MEX and IND-RUS UN votes and GDP (unvotes, WDI), DEU-FRA contiguity (GeoDist).
    for (const [a, b] of [
      ["CHN", "RUS"],
      ["DEU", "FRA"],
      ["USA", "MEX"],
      ["IND", "RUS"],
      ["RUS", "DEU"],
      ["QAT", "JPN"],
      ["USA", "ISR"],
    ] as const) {
      assert.ok((await same(a, b)) > 0, `${a}-${b} has rows`);
    }
    // A window, and a filter as the profile's sections write it.
    const pairs: [string, string][] = [["CHN", "RUS"]];
    const sql = (
      await selectRelations(store, [ARMS_RELATION], pairYears(pairs, 1995, 2005), "arms_tiv > 100")
    ).map(plain);
    const held = selectFromMemory(
      memory,
      [ARMS_RELATION],
      pairs,
      1995,
      2005,
      (r) => Number(r.arms_tiv) > 100,
    );
    assert.deepEqual(held, sql);
  });

  test("a code without a key gives the rows' nulls (year-only joins still match), as the SQL does", async () => {
    const pairs: [string, string][] = [["XXX", "RUS"]];
    for (const relation of RELATIONS) {
      const sql = (await selectRelations(store, [relation], pairYears(pairs, 2000, 2001))).map(plain);
      assert.deepEqual(selectFromMemory(memory, [relation], pairs, 2000, 2001), sql, relation.dimension);
    }
  });
});
