// Product indicators on the BACI fixture (test/fixtures/baci/make-fixtures.ts); every expected figure is
// computed here from the fixture's rows, in thousands of USD as CEPII writes them, × 1000.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { PRODUCT_INDICATORS, productSection, substitution } from "../../src/indicators/product.ts";
import { codeRanges, productPredicate } from "../../src/products/groups.ts";
import { ingestBaci } from "../../src/sources/baci.ts";
import { resolveProduct } from "../../src/sources/product-groups.ts";
import { Store } from "../../src/store/index.ts";

let store: Store;
let empty: Store;
const homes: string[] = [];
const def = (name: string) => PRODUCT_INDICATORS.find((d) => d.name === name)!;

before(async () => {
  for (let i = 0; i < 2; i++) homes.push(mkdtempSync(join(tmpdir(), "dyad-baci-ind-")));
  store = await Store.open({ home: homes[0] });
  empty = await Store.open({ home: homes[1] });
  await ingestBaci(store, resolve("test/fixtures/baci/good/BACI_HS92_V202601.zip"));
});
after(() => {
  store.close();
  empty.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

test("HS 27 is 1,200.5 of Russia's 1,250.5 thousand USD of exports to China in 2022", async () => {
  // 2022 file, RUS→CHN: 010121 = 50, 270900 = 1000.5, 271111 = 200.
  const share = await def("trade.product_share").compute(store, "RUS", "CHN", 2022, { product: "27" });
  assert.equal(share.value, 1200.5 / 1250.5);
  assert.equal(share.detail?.exportsUsd, 1_200_500);
  assert.equal(share.detail?.totalExportsUsd, 1_250_500);
  assert.equal(share.provenance[0].file, "BACI_HS92_Y2022_V202601.csv");
  const gas = await def("trade.product_exports").compute(store, "RUS", "CHN", 2022, { product: "gas" });
  assert.equal(gas.value, 200_000);
});

test("China is the largest buyer of Russian HS 27 in 2022, Germany the third", async () => {
  // RUS exports of HS 27 in 2022: CHN 1000.5 + 200, IND 800, DEU 300 + 400.
  const chn = await def("trade.product_rank").compute(store, "RUS", "CHN", 2022, { product: "energy" });
  assert.equal(chn.value, 1);
  const deu = await def("trade.product_rank").compute(store, "RUS", "DEU", 2022, { product: "27" });
  assert.equal(deu.value, 3);
  assert.equal(deu.detail?.buyers, 3);
  const usa = await def("trade.product_rank").compute(store, "RUS", "USA", 2022, { product: "27" });
  assert.equal(usa.value, null);
  assert.match(usa.reason ?? "", /bought none/);
});

test("China's share of Russia's car imports went from 100/1200 in 2021 to 600/1150 in 2022", async () => {
  const y21 = await def("trade.product_supplier_share").compute(store, "CHN", "RUS", 2021, {
    product: "8703",
  });
  const y22 = await def("trade.product_supplier_share").compute(store, "CHN", "RUS", 2022, {
    product: "cars",
  });
  assert.equal(y21.value, 100 / 1200);
  assert.equal(y22.value, 600 / 1150);
});

test("Taiwan (CEPII 490, 'Other Asia, nes') supplies 700 of China's 1,000 thousand USD of chips in 2022", async () => {
  const v = await def("trade.product_supplier_share").compute(store, "TWN", "CHN", 2022, {
    product: "chips",
  });
  assert.equal(v.value, 0.7);
});

test("the HHI of Russia's car suppliers and its change from 2021 to 2022", async () => {
  const h21 = (100 ** 2 + 200 ** 2 + 900 ** 2) / 1200 ** 2;
  const h22 = (600 ** 2 + 50 ** 2 + 500 ** 2) / 1150 ** 2;
  const hhi = await def("trade.product_hhi").compute(store, "RUS", "CHN", 2022, { product: "8703" });
  assert.ok(Math.abs((hhi.value ?? 0) - h22) < 1e-12);
  const change = await def("trade.product_hhi.change").compute(store, "RUS", "CHN", 2022, {
    product: "8703",
  });
  assert.ok(Math.abs((change.value ?? 0) - (h22 - h21)) < 1e-12);
  const early = await def("trade.product_hhi.change").compute(store, "RUS", "CHN", 2021, { product: "8703" });
  assert.match(early.reason ?? "", /starts in 2021/);
});

test("substitution: China overtook Germany, France and the EU in Russia's car imports in 2022", async () => {
  const t = await substitution(store, "RUS", "cars", { include: ["CHN"] });
  assert.ok(!("absent" in t));
  assert.deepEqual(t.years, [2021, 2022, 2023]);
  assert.deepEqual(t.totalUsd, [1_200_000, 1_150_000, 1_600_000]);
  const eu = t.suppliers.find((s) => s.code === "EUU")!;
  // EU = Germany + France: 1100, 550, 100.
  assert.deepEqual(eu.share, [1100 / 1200, 550 / 1150, 100 / 1600]);
  assert.deepEqual(t.overtakes.map((o) => `${o.year} ${o.supplier}>${o.overtook}`).sort(), [
    "2022 CHN>DEU",
    "2022 CHN>EUU",
    "2022 CHN>FRA",
  ]);
});

test("the product section gives both directions by year and says plainly when BACI is not loaded", async () => {
  const s = await productSection(store, "RUS", "CHN");
  assert.ok(!("absent" in s));
  const y23 = s.years.find((y) => y.year === 2023)!;
  // 2023 RUS→CHN: 270900 = 2000, 840734 = 0.25.
  assert.equal(y23.exportsUsd, 2_000_250);
  assert.equal(y23.exports["27"].share, 2000 / 2000.25);
  assert.equal(y23.exports["84"].valueUsd, 250);
  // 2023 CHN→RUS: cars 1500.
  assert.equal(y23.imports["8703"].valueUsd, 1_500_000);
  assert.equal(s.substitution.a.find((t) => t.product.name === "8703")?.overtakes.length, 3);

  const none = await productSection(empty, "RUS", "CHN");
  assert.ok("absent" in none);
  assert.match(none.absent, /BACI.*not loaded.*dyad ingest baci/);
  const v = await def("trade.product_share").compute(empty, "RUS", "CHN", 2022, { product: "27" });
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /not loaded/);
});

test("a year outside the release and a missing --product are answered with what to do", async () => {
  const v = await def("trade.product_share").compute(store, "RUS", "CHN", 2019, { product: "27" });
  assert.match(v.reason ?? "", /covers 2021–2023, not 2019/);
  await assert.rejects(def("trade.product_share").compute(store, "RUS", "CHN", 2022, {}), /--product/);
});

test("product groups: HS prefixes become integer ranges; a file of HS codes is a group", () => {
  assert.deepEqual(codeRanges(resolveProduct("27")), [[270000, 279999]]);
  assert.deepEqual(codeRanges(resolveProduct("0101")), [[10100, 10199]]);
  assert.deepEqual(codeRanges(resolveProduct("2709+2711")), [
    [270900, 270999],
    [271100, 271199],
  ]);
  assert.equal(productPredicate(resolveProduct("854231")), "k = 854231");
  const dir = mkdtempSync(join(tmpdir(), "dyad-groups-"));
  homes.push(dir);
  const file = join(dir, "dual-use.txt");
  writeFileSync(file, "# dual-use goods\n854231  processors\n8471\n8526, radar\n");
  const g = resolveProduct(file);
  assert.equal(g.name, "dual-use");
  assert.deepEqual(g.codes, ["854231", "8471", "8526"]);
  writeFileSync(file, "854231\n847\n");
  assert.throws(() => resolveProduct(file), /dual-use\.txt:2: "847" is not an HS code/);
  assert.throws(() => resolveProduct("870"), /2, 4 or 6 digits, not 3/);
});
