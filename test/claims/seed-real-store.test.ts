// The seed article against the full real store (every source of ../shared/data, ingested once per run).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { before, test } from "node:test";
import { type CheckResult, checkArticle } from "../../src/claims/check.ts";
import { openRealStore } from "../helpers/real-store.ts";

const SEED = resolve(
  process.env.DYAD_SOURCES ?? resolve("../shared/data"),
  "../seed/welt-2025-china-russland.txt",
);
let result: CheckResult;

before(async () => {
  const store = await openRealStore();
  result = await checkArticle(store, readFileSync(SEED, "utf8"), { date: "2025-05-08" });
});

const claim = (text: string) => {
  const c = result.claims.find((x) => x.text.includes(text));
  assert.ok(c, `no claim "${text}"`);
  return c;
};

test("with every source loaded, 245 bn in 2024 is still judged on China's customs turnover (244.81 bn, GACC reference file)", () => {
  const c = claim("245 Milliarden Dollar");
  assert.equal(c.verdict, "consistent");
  assert.equal(c.evidence.perYear[0].sides.find((s) => s.side === "CHN")?.value, 244_810_000_000);
});

test("with every source loaded, Russia's 30 % export share is judged for 2023 from China's report over Russia's total and not for 2024", () => {
  const c = claim("30 Prozent");
  const y2023 = c.evidence.perYear.find((y) => y.year === 2023);
  assert.equal(y2023?.verdict, "consistent");
  assert.equal(c.evidence.perYear.find((y) => y.year === 2024)?.verdict, "not checkable");
});

test("with every source loaded, the growth claims keep their verdicts: 1,9 % consistent, more than 20 % consistent where data reach", () => {
  assert.equal(claim("1,9 Prozent").verdict, "consistent");
  const more = claim("mehr als 20 Prozent");
  assert.notEqual(more.verdict, "inconsistent");
  assert.ok(more.evidence.perYear.some((y) => y.verdict === "consistent"));
});
