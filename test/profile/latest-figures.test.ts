// What the profile shows first: the latest year with a value, own report else mirror; a series that
// changes reporter is marked, and its growth and records stay within one reporter's figures.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { partnerRanking } from "../../src/indicators/partners.ts";
import { buildProfile } from "../../src/profile/index.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore, SOURCES_DIR } from "../helpers/real-store.ts";
import { rowOf, tidyRows } from "../helpers/tidy-rows.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

const close = (x: number | null | undefined, y: number, eps = 1e-9) =>
  assert.ok(
    x !== null && x !== undefined && Math.abs(x - y) <= eps * Math.max(1, Math.abs(y)),
    `${x} ≠ ${y}`,
  );

const gacc = tidyRows("reference", "china-customs-russia");
const fcs = tidyRows("reference", "russia-customs-totals");
const comtrade = tidyRows("comtrade");

test("Russia's export share to China is the mirror of the latest year China reports, labelled with China's report", async () => {
  const p = await buildProfile(store, "CHN", "RUS", { sections: false });
  const f = p.keyFigures.find((k) => k.key === "bExportShare")!;
  // The latest year with China's imports from Russia (GACC rows CHN,RUS,imports) and Russia's total exports
  // (FCS rows RUS,World,exports): the mirror share is their ratio.
  const year = Math.max(
    ...fcs
      .filter((r) => r.flow === "exports" && rowOf(gacc, "CHN", "RUS", r.year, "imports"))
      .map((r) => r.year),
  );
  assert.equal(f.basis, "mirror");
  assert.equal(f.reporter, "CHN");
  assert.equal(f.year, year);
  close(
    f.value,
    rowOf(gacc, "CHN", "RUS", year, "imports")!.value / rowOf(fcs, "RUS", "WLD", year, "exports")!.value,
  );
  // Russia's own last share: the latest year of its exports by partner in UN Comtrade's file.
  const own = Math.max(
    ...comtrade
      .filter((r) => r.reporter === "RUS" && r.partner === "CHN" && r.flow === "exports")
      .map((r) => r.year),
  );
  assert.equal(f.ownYear, own);
  // Every key figure is at least as recent as the latest own value of its column.
  for (const k of p.keyFigures) {
    const latestOwn = [...p.trade.table].reverse().find((r) => r[k.key] !== null);
    if (latestOwn) assert.ok(k.year >= latestOwn.year, k.key);
  }
});

test("the turnover's key figure is China's latest customs figure, a record only if it is the largest", async () => {
  const p = await buildProfile(store, "RUS", "CHN", { sections: false });
  const t = p.keyFigures.find((k) => k.key === "turnover")!;
  const rows = gacc.filter((r) => r.flow === "turnover");
  const latest = rows.reduce((x, y) => (y.year > x.year ? y : x));
  assert.deepEqual([t.year, t.value, t.reporter], [latest.year, latest.value, "CHN"]);
  assert.equal(
    t.record,
    rows.every((r) => r === latest || r.value < latest.value),
  );
});

test("RUS–CHN: the turnover changes from Russia's report to China's where Russia stops, marked, with growth on China's own base", async () => {
  const p = await buildProfile(store, "RUS", "CHN", { sections: false });
  const sw = p.trade.table.filter((r) => r.reporterSwitch);
  assert.equal(sw.length, 1, JSON.stringify(sw.map((r) => r.year)));
  const y = sw[0].year;
  const before = p.trade.table.find((r) => r.year === y - 1)!;
  assert.equal(before.turnoverReporter, "RUS");
  assert.equal(sw[0].turnoverReporter, "CHN");
  // Growth in the switch year is China's: its customs turnover of that year over its own of the year before
  // (reference/china-customs-russia-2021-2024.csv, rows CHN,RUS,turnover), never over Russia's figure.
  assert.equal(sw[0].growthReporter, "CHN");
  close(
    sw[0].growth,
    rowOf(gacc, "CHN", "RUS", y, "turnover")!.value / rowOf(gacc, "CHN", "RUS", y - 1, "turnover")!.value - 1,
  );
  // Records compare one reporter's figures: the record flag of every China-reported year is against
  // China's own earlier figures.
  const chinaSeries = p.trade.series.find((s) => s.indicator === "trade.turnover" && s.a === "CHN")!;
  for (const r of p.trade.table.filter((x) => x.turnoverReporter === "CHN")) {
    const earlier = chinaSeries.values
      .filter((v) => v.year < r.year && v.value !== null)
      .map((v) => v.value!);
    assert.equal(r.record, earlier.length > 0 && r.turnover! > Math.max(...earlier), String(r.year));
  }
});

test("a UN agreement on fewer than ten common roll calls is marked thin", async () => {
  // unvotes/un_roll_calls.csv: the roll calls dated in the latest year of the file, when there are fewer
  // than ten of them (one, dated 2020, in the file as released).
  const text = readFileSync(join(SOURCES_DIR, "unvotes/un_roll_calls.csv"), "utf8");
  const years = [...text.matchAll(/^\d+,\d+,\d,"(\d{4})-/gm)].map((m) => Number(m[1]));
  const last = Math.max(...years);
  const n = years.filter((y) => y === last).length;
  const v = await computeIndicator(store, "un.agreement", "CHN", "RUS", last);
  if (n < 10) {
    assert.match(v.caveat ?? "", /thin evidence/);
    const p = await buildProfile(store, "CHN", "RUS");
    const un = p.sections.un;
    assert.ok(!("absent" in un));
    assert.equal(un.years.find((y) => y.year === last)?.thin, true);
  } else assert.equal(v.caveat, undefined);
  // A year with hundreds of roll calls is not thin.
  const full = await computeIndicator(store, "un.agreement", "CHN", "RUS", 2015);
  assert.equal(full.caveat, undefined);
});

test("Serbia's ideal points are Serbia's from 2006 (COW 345 read by year): SRB–RUS 2015 answers", async () => {
  // voeten/IdealpointestimatesAll_Jun2024.csv: rows ccode 345 and 365, session 70 (opens September 2015).
  const rows = readFileSync(join(SOURCES_DIR, "voeten/IdealpointestimatesAll_Jun2024.csv"), "utf8").split(
    "\n",
  );
  const idealOf = (ccode: number) => {
    const r = rows.map((l) => l.split(",")).find((f) => f[1] === String(ccode) && f[2] === "70")!;
    return Number(r[4]);
  };
  const v = await computeIndicator(store, "un.idealpoint_distance", "SRB", "RUS", 2015);
  close(v.value, Math.abs(idealOf(345) - idealOf(365)), 1e-6);
  const yug = await computeIndicator(store, "un.idealpoint_distance", "YUG", "RUS", 1985);
  assert.notEqual(yug.value, null);
  const srb1985 = await computeIndicator(store, "un.idealpoint_distance", "SRB", "RUS", 1985);
  assert.equal(srb1985.value, null);
});

test("a ranking uses only years whose data cover nearly all partners: Russia's largest buyers", async () => {
  const r = await partnerRanking(store, "RUS", { flow: "exports", top: 5 });
  const ranked = [...new Set(r.partners.map((p) => p.year))];
  const last = Math.max(...ranked);
  // Russia's exports by partner: the latest year in UN Comtrade's file (comtrade-exports-by-partner-*.csv.gz).
  const comtradeYears = comtrade
    .filter((x) => x.reporter === "RUS" && x.flow === "exports")
    .map((x) => x.year);
  assert.equal(last, Math.max(...comtradeYears));
  // UNCTAD's BRICS table (reference/unctad-brics-exports-2003-2024.csv) has Russia's 2024 exports to its
  // BRICS partners only: listed as incomplete, never ranked.
  const brics = tidyRows("reference", "unctad-brics").filter((x) => x.reporter === "RUS" && x.year === 2024);
  const y2024 = r.incomplete.find((x) => x.year === 2024);
  assert.ok(y2024, JSON.stringify(r.incomplete));
  assert.equal(y2024.partners, new Set(brics.map((x) => x.partner)).size);
  assert.ok(!ranked.includes(2024));
  // The latest ranking has several countries, each with its share of the same dataset's World total.
  const top = r.partners.filter((p) => p.year === last && p.kind === "country");
  assert.equal(top.length, 5);
  assert.ok(new Set(top.map((p) => p.dataset)).size === 1);
});
