// Flows whose two sides' reports differ far beyond valuation are found, listed and flagged where used.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { GAP_RULE, mirrorGap, mirrorGaps } from "../../src/indicators/mirror-gaps.ts";
import { buildProfile } from "../../src/profile/index.ts";
import type { Store } from "../../src/store/index.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

test("the rule: a factor of three between two reports of which the larger reaches 0.1 bn USD", () => {
  assert.equal(mirrorGap(100e6, 110e6), null, "CIF over FOB is no gap");
  assert.equal(mirrorGap(50e6, 1e6), null, "too small to matter");
  assert.equal(mirrorGap(300e6, 100e6), 3);
  assert.equal(mirrorGap(null, 5e9), null, "one side missing is no gap");
  assert.equal(mirrorGap(0, 5e9), Number.POSITIVE_INFINITY);
  assert.equal(GAP_RULE.factor, 3);
});

test("Syria's 2008 imports from Malta (5.9 bn) against Malta's exports to Syria are listed and flagged", async () => {
  // DOTS_191.xlsx (Syrian Arab Rep.), sheet 2 "Imports, CIF", row Malta, 2008; DOTS_123.xlsx (Malta),
  // sheet 1 "Exports, FOB", row "Syrian Arab Rep.", 2008.
  const syr = await dotsCell("DOTS_191.xlsx", "Imports", "Malta", 2008);
  const mlt = await dotsCell("DOTS_123.xlsx", "Exports", "Syrian Arab Rep.", 2008);
  const gaps = await mirrorGaps(store, { country: "SYR", from: 2008, to: 2008 });
  const g = gaps.find((x) => x.exporter === "MLT" && x.importer === "SYR");
  assert.ok(g, JSON.stringify(gaps.slice(0, 3)));
  assert.equal(g.importsReported, syr.usd);
  assert.equal(g.exportsReported, mlt.usd);
  assert.ok(Math.abs(g.ratio - syr.usd / mlt.usd) < 1e-6 * g.ratio);
  // The profile flags the flow where it shows it; a pair whose reports agree has no flag.
  const p = await buildProfile(store, "SYR", "MLT", { sections: false, from: 2008, to: 2008 });
  assert.deepEqual(p.trade.table[0].gaps, ["baExports"]);
  const chnRus = await buildProfile(store, "CHN", "RUS", { sections: false, from: 2015, to: 2019 });
  assert.deepEqual(
    chnRus.trade.table.flatMap((r) => r.gaps),
    [],
  );
});
