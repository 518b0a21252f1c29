// BACI's reader on real CEPII bytes (../shared/publisher-samples/baci, SOURCES.md): real code files of four
// releases and 71,192 real rows of BACI HS92 2021 (exporters 4 and 710) as R-IO-PS committed them, with the
// leading zero of 4,442 product codes lost ("81310") and the quantity padded ("           NA").
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parseProductCodes } from "../../../src/sources/baci/files.ts";
import { ingestBaci } from "../../../src/sources/baci/ingest.ts";
import { Store } from "../../../src/store/index.ts";
import { readSample, samplePath } from "../../helpers/publisher-samples.ts";

const homes: string[] = [];
after(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

test("real product_codes files: five-digit codes get their zero back, the extra bec column is ignored", () => {
  const v2023 = parseProductCodes(
    readSample("baci", "IaBrilliant", "product_codes_HS92_V202301.csv"),
    "product_codes_HS92_V202301.csv",
  );
  // Line 2: 10111,"Horses: live, pure-bred breeding animals"; line 310: 81310,"Fruit, edible: apricots, dried"
  assert.deepEqual(v2023[0], { code: "010111", description: "Horses: live, pure-bred breeding animals" });
  assert.deepEqual(v2023[308], { code: "081310", description: "Fruit, edible: apricots, dried" });
  assert.equal(v2023.length, 5021);
  // DataDive_Ukraine product_codes.csv, line 2: 010121,"Horses: live, pure-bred breeding animals",41
  const v2022 = parseProductCodes(
    readSample("baci", "DataDive_Ukraine", "product_codes.csv"),
    "product_codes.csv",
  );
  assert.deepEqual(v2022[0], { code: "010121", description: "Horses: live, pure-bred breeding animals" });
});

for (const variant of ["as-committed", "k-restored-R-quoting", "reconstructed-raw-layout"]) {
  test(`71,192 real BACI rows (${variant}) are ingested, and three cells equal ExampleTradeData.csv`, async () => {
    const home = mkdtempSync(join(tmpdir(), "dyad-baci-real-"));
    homes.push(home);
    const store = await Store.open({ home });
    try {
      const r = await ingestBaci(store, samplePath("baci", "test-zips", `BACI_HS92_V202301.${variant}.zip`), {
        home,
      });
      // ExampleTradeData.csv: 71,193 lines, one header.
      assert.equal(r.flows, 71_192);
      assert.deepEqual(r.unknown, []);
      const cell = (i: number, j: number, k: string) =>
        store.one<{ exporter: string; importer: string; value_usd: number; quantity_t: number | null }>(
          "SELECT exporter, importer, value_usd, quantity_t FROM baci_flows WHERE year = 2021 AND exporter_code = ? AND importer_code = ? AND product = ?",
          [i, j, k],
        );
      // Line 12: 2021,4,31,81310,1.624,"        0.500" (Afghanistan to Azerbaijan, dried apricots)
      assert.deepEqual(await cell(4, 31, "081310"), {
        exporter: "AFG",
        importer: "AZE",
        value_usd: 1624,
        quantity_t: 0.5,
      });
      // Line 15: 2021,4,32,852390,0.029,"           NA"
      const na = await cell(4, 32, "852390");
      assert.equal(na?.value_usd, 29);
      assert.equal(na?.quantity_t, null);
      // Line 1429: 2021,4,490,330129,0.322,"        0.004" (490 "Other Asia, nes": Taiwan in BACI)
      const asia = await cell(4, 490, "330129");
      assert.equal(asia?.importer, "TWN");
      assert.equal(asia?.value_usd, 322);
      // South Africa (710) is the exporter of 68,122 rows (column i); none of them is SACU's (711).
      const zaf = await store.one<{ n: bigint }>(
        "SELECT count(*) AS n FROM baci_flows WHERE exporter = 'ZAF'",
      );
      assert.equal(Number(zaf?.n), 68_122);
    } finally {
      store.close();
    }
  });
}

test("before 2000, code 711 is the Southern African Customs Union as its own entity, not South Africa, though V202301's ISO3 column says ZAF", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-baci-sacu-"));
  homes.push(home);
  const dir = join(home, "release");
  mkdirSync(dir);
  // The real code files of V202301 (711,So. African Customs Union,...,ZA,ZAF) with a year file made here:
  // two rows of 1999, one with a five-digit product code.
  writeFileSync(
    join(dir, "country_codes_V202301.csv"),
    readSample("baci", "IaBrilliant", "country_codes_V202301.csv"),
  );
  writeFileSync(
    join(dir, "product_codes_HS92_V202301.csv"),
    readSample("baci", "IaBrilliant", "product_codes_HS92_V202301.csv"),
  );
  writeFileSync(
    join(dir, "BACI_HS92_Y1999_V202301.csv"),
    "t,i,j,k,v,q\n1999,711,251,081310,5.5,1.0\n1999,251,711,10111,2,NA\n1999,710,251,081310,1,NA\n",
  );
  const store = await Store.open({ home });
  try {
    await ingestBaci(store, dir, { home });
    const rows = await store.query<{
      exporter: string;
      importer: string;
      product: string;
      value_usd: number;
    }>("SELECT exporter, importer, product, value_usd FROM baci_flows ORDER BY value_usd DESC");
    assert.deepEqual(rows, [
      { exporter: "XSA", importer: "FRA", product: "081310", value_usd: 5500 },
      { exporter: "FRA", importer: "XSA", product: "010111", value_usd: 2000 },
      { exporter: "ZAF", importer: "FRA", product: "081310", value_usd: 1000 },
    ]);
  } finally {
    store.close();
  }
});
