// One trade context per article (issue 17, item 4): the seed's claims, all about China and Russia, read the
// flows of each country once, coverage once per reporter and ranks once per pair, however many claims and
// years they check. Counted on the store's queries while the seed is checked against the real store.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { checkArticle } from "../../src/claims/check.ts";
import type { SqlValue, Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

const SEED = resolve(
  process.env.DYAD_SOURCES ?? resolve("../shared/data"),
  "../seed/welt-2025-china-russland.txt",
);

test("the seed's trade claims load each country's flows once, coverage once per reporter, ranks once per pair", async () => {
  const store = await openRealStore();
  const asked: { sql: string; params: SqlValue[] }[] = [];
  // The same store, its queries recorded (memoQuery and the loaders all go through query()).
  const counting = Object.create(store) as Store;
  counting.query = ((sql: string, params: SqlValue[] = []) => {
    asked.push({ sql, params });
    return store.query(sql, params);
  }) as Store["query"];

  const result = await checkArticle(counting, readFileSync(SEED, "utf8"), { date: "2025-05-08" });
  const trade = result.claims.filter((c) => c.indicator?.startsWith("trade."));
  const checkedYears = trade.reduce((n, c) => n + c.evidence.perYear.length, 0);
  assert.ok(trade.length >= 5, `the seed has several trade claims (${trade.length})`);
  assert.ok(checkedYears > trade.length, "and more year lookups than claims");

  const reportersOf = (pattern: RegExp) =>
    asked.filter((q) => pattern.test(q.sql)).map((q) => String(q.params[0]));
  const flowLoads = reportersOf(/FROM trade_flows WHERE reporter = \?/);
  const coverageLoads = reportersOf(/FROM trade_coverage WHERE reporter = \?/);
  const rankLoads = asked.filter((q) => /FROM trade_ranks/.test(q.sql));
  // Every country's flows once: no reporter is asked twice, whatever the number of claims.
  assert.deepEqual([...flowLoads].sort(), [...new Set(flowLoads)].sort(), `flows: ${flowLoads.join(", ")}`);
  assert.ok(flowLoads.includes("CHN") && flowLoads.includes("RUS") && flowLoads.includes("WLD"));
  assert.deepEqual(
    [...coverageLoads].sort(),
    [...new Set(coverageLoads)].sort(),
    `coverage: ${coverageLoads.join(", ")}`,
  );
  // Ranks per pair (and per kind: by flow, by turnover): at most two loads for the one pair.
  assert.ok(rankLoads.length <= 2, `rank loads: ${rankLoads.length}`);
});

test("an article whose trade claims are all found not checkable before a lookup (a sum in euros) asks the store nothing", async () => {
  const store = await openRealStore();
  let asked = 0;
  const counting = Object.create(store) as Store;
  counting.query = ((sql: string, params: SqlValue[] = []) => {
    asked++;
    return store.query(sql, params);
  }) as Store["query"];
  // A load started for it and never awaited would still run when the caller closes the store (seen in CI:
  // "connection disconnected", an unhandled rejection after the test had ended).
  const result = await checkArticle(
    counting,
    "Deutschland exportierte 2023 Waren im Wert von 100 Milliarden Euro nach Frankreich.",
    { date: "2024-03-01" },
  );
  assert.equal(result.claims.length, 1);
  assert.equal(result.claims[0].verdict, "not checkable");
  assert.match(result.claims[0].reason ?? "", /EUR/);
  assert.equal(asked, 0);
});
