// The value and profile routes from memory (src/server/values.ts over src/indicators/trade-index.ts) answers exactly what
// computeIndicator answers from the store, and asks the store nothing: seeded random requests over every
// trade indicator, the whole registry and every year, plus pairs that have data, compared as JSON.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Hono } from "hono";
import { registry } from "../../src/countries/index.ts";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { ENERGY_INDICATORS } from "../../src/indicators/energy.ts";
import { INVEST_INDICATORS } from "../../src/indicators/invest.ts";
import { TRADE_INDICATORS } from "../../src/indicators/trade.ts";
import { createApp } from "../../src/server/app.ts";
import type { StorePool } from "../../src/server/pool.ts";
import type { MemoryValues } from "../../src/server/values.ts";
import type { Store } from "../../src/store/index.ts";
import { memoryApp } from "../helpers/memory-app.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let pool: StorePool;
let values: MemoryValues;
let app: Hono;
let storeUses: () => number;

before(async () => {
  ({ store, pool, values, app, storeUses } = await memoryApp());
});
after(async () => {
  await values.close();
});

async function compare(
  indicator: string,
  a: string,
  b: string,
  year: number,
  window?: number,
): Promise<boolean> {
  const res = await app.request(
    `/api/v1/value?indicator=${indicator}&a=${a}&b=${b}&year=${year}${window ? `&window=${window}` : ""}`,
  );
  assert.equal(res.status, 200, `${indicator} ${a} ${b} ${year}`);
  const served = await res.json();
  const computed = JSON.parse(
    JSON.stringify(await computeIndicator(store, indicator, a, b, year, window ? { window } : {})),
  );
  assert.deepEqual(served, computed, `${indicator} ${a} ${b} ${year}`);
  return computed.value !== null;
}

describe("value route from memory", () => {
  test("the trade tables load, and hold every flow and rank of the store", async () => {
    assert.equal(await values.ready, true);
    const [{ n }] = await store.query<{ n: bigint }>("SELECT count(*) AS n FROM trade_flows");
    assert.ok(values.bytes > Number(n) * 8, "at least the values of every flow are held");
    for (const t of TRADE_INDICATORS) assert.ok(values.indicators.includes(t.name), t.name);
  });

  test("random pairs of the registry, years 1960-2025: the same JSON as computeIndicator, no store query", async () => {
    await values.ready;
    const next = seededRandom(17);
    const countries = registry.all("country").map((e) => e.code);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const before = storeUses();
    let withValue = 0;
    for (let i = 0; i < 200; i++) {
      const a = pick(countries);
      const b = pick(countries);
      if (a === b) continue;
      if (await compare(pick(TRADE_INDICATORS).name, a, b, 1960 + Math.floor(next() * 66))) withValue++;
    }
    assert.equal(storeUses(), before, "no value asked the store");
    assert.ok(withValue > 0, "some random draws have a value");
  });

  test("pairs with data (every trade indicator, including ranks and the 2021-2024 customs series)", async () => {
    await values.ready;
    const next = seededRandom(29);
    // Large traders: most of their pairs hold flows in the IMF workbooks and the reference series.
    const traders = ["CHN", "RUS", "DEU", "USA", "FRA", "IND", "JPN", "KOR", "BRA", "ARG", "TUR", "KAZ"];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const before = storeUses();
    let withValue = 0;
    for (let i = 0; i < 200; i++) {
      const a = pick(traders);
      const b = pick(traders);
      if (a === b) continue;
      if (await compare(pick(TRADE_INDICATORS).name, a, b, 1990 + Math.floor(next() * 36))) withValue++;
    }
    for (const t of TRADE_INDICATORS)
      for (const year of [2019, 2022, 2024]) await compare(t.name, "CHN", "RUS", year);
    assert.equal(storeUses(), before, "no value asked the store");
    assert.ok(withValue > 100, `most draws among large traders have a value (${withValue})`);
  });

  test("the profile route from memory answers what it answers from the store", async () => {
    assert.equal(await values.profileReady, true);
    assert.ok(values.profile, "the relations are in memory");
    // The same app without memory: every profile from the store.
    const fromStore = createApp({ pool, cacheBytes: 0, log: () => {} });
    const next = seededRandom(31);
    const countries = registry.all("country").map((e) => e.code);
    const pick = () => countries[Math.floor(next() * countries.length)];
    const pairs = [
      ["CHN", "RUS"],
      ["RUS", "DEU"],
      [pick(), pick()],
      [pick(), pick()],
    ];
    for (const [a, b] of pairs) {
      if (a === b) continue;
      for (const query of ["", "?from=2000&to=2010"]) {
        const path = `/api/v1/profile/${a}/${b}${query}`;
        const [served, stored] = await Promise.all([app.request(path), fromStore.request(path)]);
        assert.equal(served.status, 200, path);
        assert.deepEqual(await served.json(), await stored.json(), path);
      }
    }
  });

  test("UN, arms, geography and GDP values from memory: the same JSON as computeIndicator, no store query", async () => {
    assert.equal(await values.profileReady, true);
    const further = [
      "un.agreement",
      "un.idealpoint_distance",
      "arms.tiv",
      "arms.supplier_share",
      "geo.distance",
      "geo.contiguity",
      "macro.gdp",
    ];
    for (const name of further) assert.ok(values.indicators.includes(name), name);
    const next = seededRandom(43);
    const countries = registry.all("country").map((e) => e.code);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    // Pairs with rows: SIPRI deliveries RUS->CHN, RUS->IND, USA->ISR; UN votes, GDP and GeoDist for all.
    const withData = ["CHN", "RUS", "IND", "USA", "ISR", "DEU", "FRA", "PAK"];
    const before = storeUses();
    let withValue = 0;
    for (let i = 0; i < 240; i++) {
      const pool = i % 2 ? countries : withData;
      const a = pick(pool);
      const b = pick(pool);
      if (a === b) continue;
      const name = pick(further);
      const window = name === "arms.supplier_share" && next() < 0.5 ? 5 : undefined;
      if (await compare(name, a, b, 1940 + Math.floor(next() * 90), window)) withValue++;
    }
    for (const name of further) await compare(name, "RUS", "CHN", 2005);
    assert.equal(storeUses(), before, "no value asked the store");
    assert.ok(withValue > 40, `many draws have a value (${withValue})`);
  });

  test("energy, investment, exercises and GDP dependence from memory: computeIndicator's JSON, the store never read", async () => {
    assert.equal(await values.profileReady, true);
    const further = [
      ...ENERGY_INDICATORS.map((d) => d.name),
      ...INVEST_INDICATORS.map((d) => d.name),
      "mil.exercises",
      "trade.gdp_dependence",
    ];
    for (const name of further) assert.ok(values.indicators.includes(name), name);
    // An app whose store fails on any use: every answer below must come from memory.
    const noStore = createApp({
      pool: {
        ...pool,
        use() {
          throw new Error("the store was read");
        },
      },
      values,
      cacheBytes: 0,
      log: () => {},
    });
    const compareFrom = async (name: string, a: string, b: string, year: number, window?: number) => {
      const path = `/api/v1/value?indicator=${name}&a=${a}&b=${b}&year=${year}${window ? `&window=${window}` : ""}`;
      const res = await noStore.request(path);
      assert.equal(res.status, 200, path);
      const computed = JSON.parse(
        JSON.stringify(await computeIndicator(store, name, a, b, year, window ? { window } : {})),
      );
      assert.deepEqual(await res.json(), computed, path);
      return computed.value !== null;
    };
    const next = seededRandom(47);
    const countries = registry.all("country").map((e) => e.code);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    // Pairs with rows: pipeline gas RUS->DEU, NOR->GBR and LNG QAT->JPN (Statistical Review 2018-2023); CDIS
    // positions among USA, DEU, GBR, NLD, FRA, JPN, CHN; UNCTAD flows into them; MME exercises USA-GBR-FRA-DEU.
    const withData = ["RUS", "DEU", "NOR", "GBR", "QAT", "JPN", "USA", "NLD", "FRA", "CHN", "IND", "KAZ"];
    const valued = new Map<string, number>();
    for (let i = 0; i < 400; i++) {
      const pool = i % 3 === 2 ? countries : withData;
      const a = pick(pool);
      const b = pick(pool);
      if (a === b) continue;
      const name = pick(further);
      const window = name === "mil.exercises" && next() < 0.5 ? 1 + Math.floor(next() * 10) : undefined;
      const year = name.startsWith("energy.")
        ? 2016 + Math.floor(next() * 10)
        : 1975 + Math.floor(next() * 52);
      if (await compareFrom(name, a, b, year, window)) valued.set(name, (valued.get(name) ?? 0) + 1);
    }
    for (const name of further) await compareFrom(name, "RUS", "DEU", 2019);
    for (const name of further)
      await compareFrom(name, "USA", "GBR", 2005, name === "mil.exercises" ? 5 : undefined);
    // Most indicators had a value at least once (not only missing-value reasons were compared).
    assert.ok(valued.size >= further.length / 2, `indicators with a value: ${[...valued.keys()].join(", ")}`);
  });

  test("an indicator not held in memory is still answered by the store", async () => {
    await values.profileReady;
    const before = storeUses();
    const path = "/api/v1/value?indicator=trade.product_exports&a=RUS&b=CHN&year=2021&product=27";
    const res = await app.request(path);
    assert.equal(res.status, 200);
    assert.equal(storeUses(), before + 1);
    assert.deepEqual(
      await res.json(),
      JSON.parse(
        JSON.stringify(
          await computeIndicator(store, "trade.product_exports", "RUS", "CHN", 2021, { product: "27" }),
        ),
      ),
    );
  });
});
