// The profile's invest, military, energy-since-2000 and goods sections built from a server's memory
// (RelationMemory: the materialised rel_* tables and the extra tables these sections read) equal the same
// sections built from the store — the relations' SQL — on the real data, and the memory builds ask the store
// nothing. Pairs: seeded random pairs of the whole registry, and pairs the data hold figures for (CDIS
// positions, UNCTAD flows, shared exercises, the regional gas series), found in the store itself.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import { ENERGY_SERIES_TABLES } from "../../src/indicators/energy.ts";
import { MIL_EXERCISE_TABLE } from "../../src/indicators/military-memory.ts";
import { BACI_RELEASE_TABLE, productSection } from "../../src/indicators/product.ts";
import { EXTRA_TABLES, RelationMemory } from "../../src/indicators/relation-memory.ts";
import { energySeriesSection } from "../../src/profile/energy-series.ts";
import { investSection, militarySection } from "../../src/profile/invest-military.ts";
import { ingestBaci } from "../../src/sources/baci.ts";
import { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let memory: RelationMemory;
let loaded: Set<string>;
/** Store calls made while a memory build runs (the store's methods are wrapped to count them). */
let asked = 0;
let building = false;

/** A store for the memory builds that fails any use: what they may take, and must not touch. */
const untouchable = new Proxy({} as Store, {
  get(_target, property) {
    throw new Error(`a memory build used the store (${String(property)})`);
  },
});

before(async () => {
  store = await openRealStore();
  loaded = new Set(
    (await store.query<{ dataset: string }>("SELECT dataset FROM ingests")).map((r) => r.dataset),
  );
  memory = await RelationMemory.load(store);
  for (const method of ["query", "one", "memoQuery", "hasTable"] as const) {
    const inner = store[method].bind(store) as (...args: unknown[]) => unknown;
    Object.assign(store, {
      [method]: (...args: unknown[]) => {
        if (building) asked++;
        return inner(...args);
      },
    });
  }
});
after(() => store.close());

const has = async (dataset: string) => loaded.has(dataset);
const TO = new Date().getFullYear();

interface Counts {
  invest: number;
  military: number;
  energy: number;
}

/** Both builds of the four sections for a pair and span; what had data. */
async function compare(a: string, b: string, from = 1946, to = TO, counts?: Counts): Promise<void> {
  const fromStore = {
    invest: await investSection(store, a, b, from, to, has),
    military: await militarySection(store, a, b, from, to, has),
    energySince2000: await energySeriesSection(store, a, b, has),
    goods: await productSection(store, a, b),
  };
  building = true;
  let fromMemory: typeof fromStore;
  try {
    // `has` would ask the store: with memory the sections take memory.has.
    const noHas = () => assert.fail("a memory build asked has()");
    fromMemory = {
      invest: await investSection(untouchable, a, b, from, to, noHas, memory),
      military: await militarySection(untouchable, a, b, from, to, noHas, memory),
      energySince2000: await energySeriesSection(untouchable, a, b, noHas, memory),
      goods: await productSection(untouchable, a, b, undefined, memory),
    };
  } finally {
    building = false;
  }
  assert.deepEqual(fromMemory, fromStore, `${a}–${b} ${from}–${to}`);
  if (counts) {
    if (!("absent" in fromStore.invest)) counts.invest++;
    if (!("absent" in fromStore.military) && fromStore.military.exercises.length) counts.military++;
    if (!("absent" in fromStore.energySince2000)) counts.energy++;
  }
}

/** Ordered pairs of codes from rows of a materialised table's (a, b) keys, most rows first. */
async function pairsWithRows(table: string, where = "TRUE", limit = 15): Promise<[string, string][]> {
  const rows = await store.query<{ a: string; b: string }>(
    `SELECT ka.code AS a, kb.code AS b FROM ${table} t
       JOIN country_key ka ON ka.key = t.a JOIN country_key kb ON kb.key = t.b
      WHERE ${where} GROUP BY ALL ORDER BY count(*) DESC, a, b LIMIT ${limit}`,
  );
  return rows.map((r) => [r.a, r.b]);
}

describe("profile sections from memory", () => {
  test("the extra tables load beside the materialised relations", () => {
    for (const t of [MIL_EXERCISE_TABLE, ...ENERGY_SERIES_TABLES, BACI_RELEASE_TABLE])
      assert.ok(EXTRA_TABLES.includes(t), `${t.name} is loaded by default`);
    for (const t of ["invest_out", "invest_out_total", "invest_in_total", "investflow_pair", "mil_pair"])
      assert.ok(memory.table(t), `rel_${t} is held`);
    assert.ok(memory.table(MIL_EXERCISE_TABLE.name)?.rows, "MME's participants are held");
    assert.ok(memory.table("energy_series_own")?.rows, "the regional series' own rows are held");
    // The data folder has no BACI release: the table is there (baci_releases may be absent: then no table).
    assert.equal(memory.table(BACI_RELEASE_TABLE.name)?.rows ?? 0, 0);
  });

  test("seeded random pairs of the registry: the same sections, no store query", async () => {
    const next = seededRandom(4217);
    const countries = registry.all("country").map((e) => e.code);
    const pick = () => countries[Math.floor(next() * countries.length)];
    const counts = { invest: 0, military: 0, energy: 0 };
    let pairs = 0;
    while (pairs < 200) {
      const a = pick();
      const b = pick();
      if (a === b) continue;
      await compare(a, b, 1946, TO, counts);
      pairs++;
    }
    assert.equal(asked, 0, "the memory builds asked the store nothing");
    // Random pairs are mostly small countries; many still have CDIS positions and shared exercises.
    assert.ok(counts.invest >= 20, `${counts.invest} random pairs with investment figures`);
    assert.ok(counts.military >= 3, `${counts.military} random pairs with shared exercises`);
  });

  test("pairs with CDIS positions, UNCTAD flows, exercises and regional series, in spans and whole", async () => {
    const named: [string, string][] = [
      ["CHN", "RUS"],
      ["RUS", "CHN"],
      ["USA", "KOR"],
      ["RUS", "IND"],
      ["USA", "JPN"],
      ["DEU", "FRA"],
      ["USA", "CAN"],
      ["RUS", "DEU"],
      ["SAU", "USA"],
      ["MEX", "BRA"],
    ];
    const found = [
      ...(await pairsWithRows("rel_invest_out", "value_usd IS NOT NULL")),
      ...(await pairsWithRows("rel_invest_out", "confidential")),
      ...(await pairsWithRows("rel_investflow_pair")),
      ...(await pairsWithRows("rel_investflow_pair", "value_usd < 0", 10)),
      ...(await pairsWithRows("rel_mil_pair", "dataset = 'mme'")),
    ];
    const counts = { invest: 0, military: 0, energy: 0 };
    // Each pair whole, and one of three windows: UNCTAD's years (reversed), CDIS's first two, MME's 1980s.
    const windows = [
      (a: string, b: string) => compare(b, a, 2001, 2012),
      (a: string, b: string) => compare(a, b, 2009, 2010),
      (a: string, b: string) => compare(a, b, 1985, 1990),
    ];
    for (const [i, [a, b]] of [...named, ...found].entries()) {
      await compare(a, b, 1946, TO, counts);
      await windows[i % windows.length](a, b);
    }
    // Beyond every span: the exercise data end in 2010, CDIS starts in 2009.
    await compare("CHN", "RUS", 2015, 2020);
    await compare("USA", "KOR", 1946, 1960);
    assert.equal(asked, 0, "the memory builds asked the store nothing");
    assert.ok(counts.invest >= 40, `${counts.invest} pairs with investment figures`);
    assert.ok(counts.military >= 20, `${counts.military} pairs with shared exercises`);
    // The regional series show ten codes by themselves (CHN, RUS, USA, CAN, …; energy_regional.entity).
    assert.ok(counts.energy >= 5, `${counts.energy} pairs with a side in the regional series`);
  });
});

describe("a memory without a relation's tables", () => {
  test("leaves invest and military to the store (a store ingested before they were materialised)", async () => {
    // The memory as a server would hold it for such a store: no invest, investflow or mil relation.
    const lacking = new Proxy(memory, {
      get(target, property) {
        if (property === "relations") return new Set<string>();
        if (property === "table")
          return (name: string) =>
            /^(rel_)?(invest|mil_)/.test(name) || name === MIL_EXERCISE_TABLE.name
              ? undefined
              : target.table(name);
        const v = Reflect.get(target, property, target);
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    for (const [a, b] of [
      ["CHN", "RUS"],
      ["USA", "KOR"],
    ]) {
      const before = asked;
      building = true;
      let invest: unknown;
      let military: unknown;
      try {
        invest = await investSection(store, a, b, 1946, TO, has, lacking);
        military = await militarySection(store, a, b, 1946, TO, has, lacking);
      } finally {
        building = false;
      }
      assert.ok(asked > before, "the store was asked");
      assert.deepEqual(invest, await investSection(store, a, b, 1946, TO, has));
      assert.deepEqual(military, await militarySection(store, a, b, 1946, TO, has));
      assert.ok(!("absent" in (military as object)), `${a}-${b} shared exercises`);
    }
  });
});

describe("goods from memory with a BACI release", () => {
  const homes: string[] = [];
  after(() => {
    for (const h of homes) rmSync(h, { recursive: true, force: true });
  });

  test("with a release the section asks the store as before; without one, nothing", async () => {
    for (let i = 0; i < 2; i++) homes.push(mkdtempSync(join(tmpdir(), "dyad-goods-memory-")));
    const withBaci = await Store.open({ home: homes[0] });
    const without = await Store.open({ home: homes[1] });
    try {
      await ingestBaci(withBaci, resolve("test/fixtures/baci/good/BACI_HS92_V202601.zip"));
      const held = await RelationMemory.load(withBaci);
      assert.equal(held.table(BACI_RELEASE_TABLE.name)?.rows, 1);
      const section = await productSection(withBaci, "RUS", "CHN", undefined, held);
      assert.ok(!("absent" in section), "the fixture's release has RUS–CHN flows");
      assert.deepEqual(section, await productSection(withBaci, "RUS", "CHN"));

      const none = await RelationMemory.load(without);
      assert.deepEqual(
        await productSection(untouchable, "RUS", "CHN", undefined, none),
        await productSection(without, "RUS", "CHN"),
      );
    } finally {
      withBaci.close();
      without.close();
    }
  });
});
