// Verdicts: on a small store filled with made-up flows (each test states them), and on the seed article
// against the real reference files in ../shared/data/reference.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { type CheckResult, checkArticle } from "../../src/claims/check.ts";
import { ingestTidyTrade } from "../../src/sources/tidy-trade.ts";
import { TRADE_DERIVE, TRADE_TABLE, type TradeRow, tradeRowValues } from "../../src/sources/trade/rows.ts";
import { Store } from "../../src/store/index.ts";

const SOURCES = process.env.DYAD_SOURCES ?? resolve("../shared/data");
const SEED = resolve(SOURCES, "../seed/welt-2025-china-russland.txt");

function row(
  reporter: string,
  partner: string,
  year: number,
  flow: TradeRow["flow"],
  valueUsd: number,
): TradeRow {
  return {
    dataset: "claims-test",
    source: "tidy-trade",
    priority: 10,
    reporter,
    partner,
    year,
    flow,
    valueUsd,
    estimate: false,
    publisher: "made-up figures for the claim checker's tests",
    file: null,
    sheet: null,
    line: null,
    note: null,
  };
}

describe("verdicts on a store of made-up flows", () => {
  let home: string;
  let store: Store;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), "dyad-claims-"));
    store = await Store.open({ home });
    // Germany and France both report their trade with each other; they disagree on Germany's exports in 2023.
    const rows = [
      row("DEU", "FRA", 2022, "exports", 100e9),
      row("DEU", "FRA", 2022, "imports", 60e9),
      row("DEU", "FRA", 2023, "exports", 110e9),
      row("DEU", "FRA", 2023, "imports", 66e9),
      row("FRA", "DEU", 2023, "imports", 130e9), // France's report of Germany's exports: 130, not 110
      row("FRA", "DEU", 2023, "exports", 66e9),
      row("DEU", "WLD", 2023, "exports", 1000e9),
      row("DEU", "WLD", 2023, "imports", 900e9),
    ];
    await store.replaceDataset({
      dataset: "claims-test",
      source: "tidy-trade",
      path: "memory",
      files: 0,
      publisher: "made-up",
      licence: "none",
      citation: "made-up",
      tables: [{ def: TRADE_TABLE, rows: rows.map(tradeRowValues) }],
      derive: TRADE_DERIVE,
    });
  });
  after(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
  });

  const only = async (text: string, lang: "de" | "en" = "de"): Promise<CheckResult["claims"][number]> => {
    const r = await checkArticle(store, text, { date: "2024-03-01", lang });
    assert.equal(r.claims.length, 1, JSON.stringify(r.claims.map((c) => c.text)));
    return r.claims[0];
  };

  test("Germany's exports to France of 110 bn in 2023 agree with Germany's report but not France's: one side only", async () => {
    const c = await only(
      "Deutschland exportierte 2023 Waren im Wert von 110 Milliarden Dollar nach Frankreich.",
    );
    assert.equal(c.indicator, "trade.exports");
    assert.deepEqual([c.a, c.b], ["DEU", "FRA"]);
    assert.equal(c.verdict, "consistent with one side's statistics only");
    const sides = c.evidence.perYear[0].sides;
    assert.equal(sides.find((s) => s.side === "DEU")?.value, 110e9);
    assert.equal(sides.find((s) => s.side === "FRA")?.value, 130e9);
  });

  test("150 bn of German exports to France is inconsistent, with the difference from each side", async () => {
    const c = await only(
      "Deutschland exportierte 2023 Waren im Wert von 150 Milliarden Dollar nach Frankreich.",
    );
    assert.equal(c.verdict, "inconsistent");
    const own = c.evidence.perYear[0].sides.find((s) => s.side === "DEU");
    assert.equal(own?.difference, 40e9);
  });

  test("turnover growth of 10 % in 2023 (176 over 160) is consistent; 'more than 20 %' is not", async () => {
    const ok = await only("Der Handel zwischen Deutschland und Frankreich wuchs 2023 um 10 Prozent.");
    assert.equal(ok.indicator, "trade.turnover.growth");
    assert.equal(ok.verdict, "consistent");
    const bad = await only(
      "Der Handel zwischen Deutschland und Frankreich wuchs 2023 um mehr als 20 Prozent.",
    );
    assert.equal(bad.verdict, "inconsistent");
    assert.equal(bad.evidence.tolerance?.high, null, "a lower bound has no upper limit");
  });

  test("France's share of German exports, 11.0 % in 2023 (110 of 1,000), is an export share of Germany", async () => {
    const c = await only("11,0 Prozent der deutschen Exporte gingen 2023 nach Frankreich.");
    assert.equal(c.indicator, "trade.export_share");
    assert.deepEqual([c.a, c.b], ["DEU", "FRA"]);
    assert.equal(c.verdict, "consistent with one side's statistics only", "France's figure gives 13 %");
  });

  test("125 bn of German exports agrees with France's 130 bn of imports within the CIF/FOB band, and says so", async () => {
    const c = await only(
      "Deutschland exportierte 2023 Waren im Wert von 125 Milliarden Dollar nach Frankreich.",
    );
    // Germany's own 110 bn is 12 % off; France's CIF imports may exceed FOB exports by up to 10 % (docs/CLAIMS.md).
    assert.equal(c.verdict, "consistent with one side's statistics only");
    const fra = c.evidence.perYear[0].sides.find((s) => s.side === "FRA");
    assert.equal(fra?.agrees, true);
    assert.match(fra?.valuation ?? "", /CIF/);
    assert.match(c.reason ?? "", /valuation difference/);
  });

  test("a year without data is not checkable and says which year and why", async () => {
    const c = await only(
      "Deutschland exportierte 2019 Waren im Wert von 90 Milliarden Dollar nach Frankreich.",
    );
    assert.equal(c.verdict, "not checkable");
    assert.match(c.reason ?? "", /2019/);
  });

  test("a sum in euros is not checkable against dollar data, and the reason says so", async () => {
    const c = await only(
      "Deutschland exportierte 2023 Waren im Wert von 100 Milliarden Euro nach Frankreich.",
    );
    assert.equal(c.verdict, "not checkable");
    assert.match(c.reason ?? "", /EUR/);
  });

  test("'last year' resolves against the date: 2023 for an article of March 2024", async () => {
    const c = await only("Germany's exports to France reached $110bn last year.", "en");
    assert.deepEqual(c.period.years, [2023]);
    assert.equal(c.verdict, "consistent with one side's statistics only");
  });
});

describe("the seed article against the reference files (GACC, FCS, Comtrade totals)", () => {
  let home: string;
  let store: Store;
  let result: CheckResult;
  before(async () => {
    home = mkdtempSync(join(tmpdir(), "dyad-claims-seed-"));
    store = await Store.open({ home });
    await ingestTidyTrade(store, join(SOURCES, "reference"));
    result = await checkArticle(store, readFileSync(SEED, "utf8"), { date: "2025-05-08" });
  });
  after(() => {
    store.close();
    rmSync(home, { recursive: true, force: true });
  });
  const claim = (text: string) => {
    const c = result.claims.find((x) => x.text.includes(text));
    assert.ok(c, `no claim "${text}" among ${result.claims.map((x) => x.text).join(" | ")}`);
    return c;
  };

  test("245 Milliarden Dollar in 2024 is China's customs turnover with Russia, 244.81 bn (china-customs-russia-2021-2024.csv, 2024 turnover)", () => {
    const c = claim("245 Milliarden Dollar");
    assert.equal(c.indicator, "trade.turnover");
    assert.deepEqual(c.period.years, [2024]);
    assert.equal(c.verdict, "consistent");
    const china = c.evidence.perYear[0].sides.find((s) => s.side === "CHN");
    assert.equal(china?.value, 244_810_000_000);
    assert.equal(c.start, readFileSync(SEED, "utf8").indexOf("245 Milliarden Dollar"));
  });

  test("growth of 1,9 Prozent over 2023 is consistent with 244.81 / 240.11 − 1 = 1.96 % (same file, turnover 2024 and 2023)", () => {
    const c = claim("1,9 Prozent");
    assert.equal(c.indicator, "trade.turnover.growth");
    assert.deepEqual(c.period.years, [2024]);
    assert.equal(c.verdict, "consistent");
    const v = c.evidence.perYear[0].sides.find((s) => s.value !== null)?.value ?? 0;
    assert.ok(Math.abs(v - (244.81 / 240.11 - 1)) < 1e-9);
  });

  test("'mehr als 20 Prozent' in the years before is checked for 2022 (29.5 %) and 2023 (26.2 %) from China's turnover", () => {
    const c = claim("mehr als 20 Prozent");
    assert.equal(c.indicator, "trade.turnover.growth");
    assert.deepEqual(c.period.years, [2022, 2023]);
    assert.equal(c.verdict, "consistent");
    for (const y of c.evidence.perYear) assert.equal(y.verdict, "consistent", `${y.year}`);
  });

  test("30 % of Russia's exports to China: 2023 from China's imports over Russia's total (129.14 / 425.1), 2024 not checkable", () => {
    const c = claim("30 Prozent");
    assert.equal(c.indicator, "trade.export_share");
    assert.deepEqual([c.a, c.b], ["RUS", "CHN"]);
    assert.deepEqual(c.period.years, [2023, 2024]);
    const y2023 = c.evidence.perYear.find((y) => y.year === 2023);
    const y2024 = c.evidence.perYear.find((y) => y.year === 2024);
    assert.equal(y2023?.verdict, "consistent");
    const mirror = y2023?.sides.find((s) => s.indicator === "trade.export_share.mirror");
    assert.ok(Math.abs((mirror?.value ?? 0) - 129.14 / 425.1) < 1e-9);
    assert.equal(y2024?.verdict, "not checkable");
    assert.match(c.evidence.summary, /2023/);
    assert.match(c.evidence.summary, /China's report/);
  });

  test("40 % of Russia's imports from China: 2023 from China's exports over Russia's total (110.97 / 285.1 = 38.9 %)", () => {
    const c = claim("40 Prozent");
    assert.equal(c.indicator, "trade.import_share");
    assert.deepEqual([c.a, c.b], ["RUS", "CHN"]);
    const mirror = c.evidence.perYear
      .find((y) => y.year === 2023)
      ?.sides.find((s) => s.indicator === "trade.import_share.mirror");
    assert.ok(Math.abs((mirror?.value ?? 0) - 110.97 / 285.1) < 1e-9);
    assert.equal(mirror?.agrees, true);
  });

  test("no trade claim is made of the 80th anniversary, 'vor drei Jahren' or 'seit 2017'", () => {
    for (const c of result.claims) {
      assert.doesNotMatch(c.text, /80\.|drei|2017|2020/);
    }
    const trade = result.claims.filter((c) => c.indicator?.startsWith("trade.")).map((c) => c.text);
    assert.deepEqual(trade, [
      "245 Milliarden Dollar",
      "30 Prozent",
      "40 Prozent",
      "wichtigsten Absatzmarkt",
      "gerade einmal 1,9 Prozent",
      "mehr als 20 Prozent",
      "wichtigsten Importeur",
    ]);
  });
});
