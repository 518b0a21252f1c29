// trade.trade_rank: B's rank among A's trading partners by turnover, on the real IMF DOTS workbooks.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import type { Store } from "../../src/store/index.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});
after(() => store.close());

// Russia's workbook DOTS_162.xlsx, 2013: exports FOB and imports CIF by partner.
const turnover = async (partner: string) =>
  (await dotsCell("DOTS_162.xlsx", "Exports", partner, 2013)).usd +
  (await dotsCell("DOTS_162.xlsx", "Imports", partner, 2013)).usd;

test("China is Russia's largest trading partner in 2013 and Germany ranks behind the Netherlands (DOTS_162.xlsx, 2013 column)", async () => {
  const china = await turnover("China, P.R.: Mainland");
  const netherlands = await turnover("Netherlands, The");
  const germany = await turnover("Germany");
  // The workbook's own order: China (35.6 + 53.2 bn) > Netherlands (70.1 + 5.8 bn) > Germany (37.0 + 37.9 bn).
  assert.ok(china > netherlands && netherlands > germany);
  const chn = await computeIndicator(store, "trade.trade_rank", "RUS", "CHN", 2013);
  assert.equal(chn.value, 1);
  const deu = await computeIndicator(store, "trade.trade_rank", "RUS", "DEU", 2013);
  assert.ok(deu.value !== null && deu.value >= 3, `Germany ranks ${deu.value}`);
  assert.ok((deu.detail?.of as number) > 100, "ranked among all of Russia's country partners");
});

test("a rank by turnover agrees with the turnover indicator: each partner ranked higher trades more", async () => {
  const rank = (b: string) => computeIndicator(store, "trade.trade_rank", "RUS", b, 2013);
  const t = (b: string) => computeIndicator(store, "trade.turnover", "RUS", b, 2013);
  const [rc, rd] = [(await rank("CHN")).value ?? 0, (await rank("DEU")).value ?? 0];
  const [tc, td] = [(await t("CHN")).value ?? 0, (await t("DEU")).value ?? 0];
  assert.ok(rc < rd && tc > td);
});

test("a group is not a country and never ranks among trading partners", async () => {
  const r = await computeIndicator(store, "trade.trade_rank", "IND", "EUU", 2019);
  assert.equal(r.value, null);
  assert.ok(r.reason);
});
