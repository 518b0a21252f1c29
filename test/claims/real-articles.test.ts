// Sentences of real news against the full real store (every source of ../shared/data): what the reading
// and the verdict rules give where the answer can be worked out from the source files by hand.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type CheckResult, checkArticle } from "../../src/claims/check.ts";
import type { Store } from "../../src/store/index.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});

const check = (text: string, date: string): Promise<CheckResult> => checkArticle(store, text, { date });

test("China's 2004 exports of $593.4bn are China's total (DOTS_40.xlsx, World row): consistent; December's $63.8bn is monthly (issue 12, BBC 2005)", async () => {
  const r = await check(
    "China trade\nChina's exports totalled $63.8bn in December, taking the annual total up 35.4% to $593.4bn.",
    "2005-02-10",
  );
  const year = r.claims.find((c) => c.text.includes("593.4"));
  const world = await dotsCell("DOTS_40.xlsx", "Exports", "World", 2004);
  assert.deepEqual([year?.a, year?.b, year?.period.years], ["CHN", "WLD", [2004]]);
  assert.ok(Math.abs(world.usd - 593.4e9) / 593.4e9 < 0.01, `China's exports to the World: ${world.usd}`);
  assert.equal(year?.verdict, "consistent");
  const month = r.claims.find((c) => c.text.includes("63.8"));
  assert.equal(month?.verdict, "not checkable");
  assert.match(month?.reason ?? "", /annual data/);
});

test("the US deficit with China on customs values ($162bn, 2004) agrees with the IMF's CIF-based figure within the valuation band (DOTS_208.xlsx)", async () => {
  const r = await check(
    "US trade\nThe US trade gap with China widened to a record dollars 162bn in 2004.",
    "2005-02-10",
  );
  const c = r.claims[0];
  const x = (await dotsCell("DOTS_208.xlsx", "Exports", "China, P.R.: Mainland", 2004)).usd;
  const m = (await dotsCell("DOTS_208.xlsx", "Imports", "China, P.R.: Mainland", 2004)).usd;
  // The IMF's balance (x − m, imports CIF) is about 176 bn; the claim lies within 9.1 % of m of it.
  assert.ok(Math.abs(-162e9 - (x - m)) > 0.01 * 162e9, "outside the plain 1 % allowance");
  assert.ok(Math.abs(-162e9 - (x - m)) < m * (1 - 1 / 1.1), "inside the valuation band");
  const us = c.evidence.perYear[0].sides.find((s) => s.side === "USA");
  assert.equal(us?.agrees, true);
  assert.ok(us?.valuation);
  assert.notEqual(c.verdict, "inconsistent");
  assert.match(c.reason ?? "", /valuation difference/);
});
