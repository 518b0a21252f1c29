// The profile built from memory (the trade tables in TradeIndex, the materialised relations in RelationMemory,
// as the server holds them) is the profile built from the store, as JSON, for seeded random pairs of the
// registry and pairs with every kind of data — and the memory build reads nothing of the store at all.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import { RelationMemory } from "../../src/indicators/relation-memory.ts";
import { TradeIndex } from "../../src/indicators/trade-index.ts";
import { buildProfile, type ProfileMemory } from "../../src/profile/index.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let memory: ProfileMemory;
/** The store as the memory builds get it: every property read and every SQL text passed is recorded. */
let watched: Store;
const asked: string[] = [];

before(async () => {
  store = await openRealStore();
  const [trade, relations] = await Promise.all([TradeIndex.load(store), RelationMemory.load(store)]);
  memory = { trade, relations };
  watched = new Proxy(store, {
    get(target, prop) {
      asked.push(String(prop));
      const v = Reflect.get(target, prop, target);
      if (typeof v !== "function") return v;
      return (...args: unknown[]) => {
        if (typeof args[0] === "string") asked.push(args[0]);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
});

async function same(a: string, b: string, options: { from?: number; to?: number } = {}): Promise<void> {
  const fromStore = JSON.parse(JSON.stringify(await buildProfile(store, a, b, options)));
  asked.length = 0;
  const fromMemory = JSON.parse(JSON.stringify(await buildProfile(watched, a, b, { ...options, memory })));
  // Every section is built from memory (BACI is not in the data folder: goods is absent without a query).
  assert.deepEqual(asked, [], `${a}-${b}: no property of the store was read`);
  assert.deepEqual(fromMemory, fromStore, `${a}-${b}`);
}

describe("profile from memory", () => {
  test("the trade part asks the store nothing at all", async () => {
    for (const [a, b] of [
      ["CHN", "RUS"],
      ["BLZ", "LAO"],
    ]) {
      const fromStore = JSON.parse(JSON.stringify(await buildProfile(store, a, b, { sections: false })));
      asked.length = 0;
      const fromMemory = await buildProfile(watched, a, b, { sections: false, memory });
      assert.deepEqual(asked, [], "no property of the store was read");
      assert.deepEqual(JSON.parse(JSON.stringify(fromMemory)), fromStore);
    }
  });

  test("named pairs and pairs with arms, energy, UN votes and GDP (whole history and a window)", async () => {
    // Pairs with rows in each section (checked below): SIPRI deliveries RUS->CHN, USA->ISR, CHN->PAK;
    // the Statistical Review's pipeline gas RUS->DEU, NOR->GBR and LNG QAT->JPN; UN votes and WDI GDP for all.
    const pairs = [
      ["CHN", "RUS"],
      ["DEU", "FRA"],
      ["USA", "MEX"],
      ["IND", "RUS"],
      ["RUS", "DEU"],
      ["NOR", "GBR"],
      ["QAT", "JPN"],
      ["USA", "ISR"],
      ["CHN", "PAK"],
    ] as const;
    for (const [a, b] of pairs) await same(a, b);
    await same("CHN", "RUS", { from: 2000, to: 2015 });
    await same("RUS", "DEU", { from: 1990 });
    const p = await buildProfile(watched, "RUS", "DEU", { memory });
    for (const section of ["un", "arms", "energy", "macro", "geo"] as const)
      assert.ok(!("absent" in p.sections[section]), `RUS-DEU has ${section} rows`);
  });

  test("200 seeded random pairs of the registry", async () => {
    const next = seededRandom(17);
    const countries = registry.all("country").map((e) => e.code);
    const pick = () => countries[Math.floor(next() * countries.length)];
    let done = 0;
    while (done < 200) {
      const a = pick();
      const b = pick();
      if (a === b) continue;
      await same(a, b);
      done++;
    }
  });
});
