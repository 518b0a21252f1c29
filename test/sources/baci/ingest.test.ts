// BACI ingest on the fixtures of test/fixtures/baci (made by make-fixtures.ts; values in thousands of USD).
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { parseCountryCodes, parseProductCodes } from "../../../src/sources/baci/files.ts";
import { ingestBaci } from "../../../src/sources/baci/ingest.ts";
import { SourceError, UnknownLabelsError } from "../../../src/sources/types.ts";
import { Store } from "../../../src/store/index.ts";

const FIX = resolve("test/fixtures/baci");
const ZIP = "BACI_HS92_V202601.zip";
const homes: string[] = [];
after(() => {
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

async function freshStore(): Promise<{ store: Store; home: string }> {
  const home = mkdtempSync(join(tmpdir(), "dyad-baci-"));
  homes.push(home);
  return { store: await Store.open({ home }), home };
}

test("a BACI zip is ingested: 20 flows, values in USD, product codes keep their leading zero, CEPII 490 is Taiwan", async () => {
  const { store, home } = await freshStore();
  const r = await ingestBaci(store, join(FIX, "good", ZIP));
  assert.equal(r.dataset, "baci-hs92-v202601");
  assert.deepEqual(
    r.years.map((y) => [y.year, y.rows]),
    [
      [2021, 5],
      [2022, 11],
      [2023, 4],
    ],
  );
  // 2022 file, line 7: Russia (643) to China (156), crude oil 270900, v = 1000.5 thousand USD.
  const crude = await store.one<{ value_usd: number; quantity_t: number }>(
    "SELECT value_usd, quantity_t FROM baci_flows WHERE year = 2022 AND exporter = 'RUS' AND importer = 'CHN' AND product = '270900'",
  );
  assert.deepEqual(crude, { value_usd: 1_000_500, quantity_t: 1200 });
  const horses = await store.one<{ product: string }>(
    "SELECT product FROM baci_flows WHERE year = 2021 AND exporter = 'RUS' AND product LIKE '01%'",
  );
  assert.equal(horses?.product, "010121");
  // 2021 file, line 3: France's cars to Russia, q = "         NA" (padded, as CEPII writes it).
  const na = await store.one<{ quantity_t: number | null }>(
    "SELECT quantity_t FROM baci_flows WHERE year = 2021 AND exporter = 'FRA'",
  );
  assert.equal(na?.quantity_t, null);
  const chips = await store.one<{ exporter: string }>(
    "SELECT exporter FROM baci_flows WHERE exporter_code = 490",
  );
  assert.equal(chips?.exporter, "TWN");
  assert.ok(existsSync(join(home, "baci", "baci-hs92-v202601", "year=2022", "data.parquet")));
  store.close();
});

test("the unpacked folder gives the same flows as the zip", async () => {
  const a = await freshStore();
  const b = await freshStore();
  await ingestBaci(a.store, join(FIX, "good", ZIP));
  await ingestBaci(b.store, join(FIX, "unpacked"));
  const sql =
    "SELECT count(*) AS n, sum(hash(year, exporter, importer, product, value_usd)) AS h FROM baci_flows";
  assert.deepEqual(await a.store.one(sql), await b.store.one(sql));
  a.store.close();
  b.store.close();
});

test("re-ingesting a release replaces it: same rows, no staging or old folders left", async () => {
  const { store, home } = await freshStore();
  await ingestBaci(store, join(FIX, "good", ZIP));
  const before = await store.fingerprint();
  await ingestBaci(store, join(FIX, "unpacked"));
  const n = await store.one<{ n: bigint }>("SELECT count(*) AS n FROM baci_flows");
  assert.equal(Number(n?.n), 20);
  assert.deepEqual(readdirSync(join(home, "baci")), ["baci-hs92-v202601"]);
  // Only the ingest record's path differs; the flows are the same.
  assert.equal(
    before.split("|").find((p) => p.startsWith("baci_flows:")),
    (await store.fingerprint()).split("|").find((p) => p.startsWith("baci_flows:")),
  );
  store.close();
});

test("a malformed row is reported with its file and line, and the store is unchanged", async () => {
  const { store, home } = await freshStore();
  await ingestBaci(store, join(FIX, "good", ZIP));
  const before = await store.fingerprint();
  await assert.rejects(ingestBaci(store, join(FIX, "malformed", ZIP)), (err: unknown) => {
    assert.ok(err instanceof SourceError, String(err));
    assert.match(err.file, /BACI_HS92_Y2022_V202601\.csv$/);
    // Line 4 of the 2022 file: "2022,276,643,870323" (4 fields).
    assert.equal(err.where, 4);
    assert.match(err.what, /4 fields/);
    return true;
  });
  assert.equal(await store.fingerprint(), before);
  assert.deepEqual(readdirSync(join(home, "baci")), ["baci-hs92-v202601"]);
  store.close();
});

test("a truncated zip is refused before anything is written", async () => {
  const { store, home } = await freshStore();
  const before = await store.fingerprint();
  await assert.rejects(ingestBaci(store, join(FIX, "truncated", ZIP)), (err: unknown) => {
    assert.ok(err instanceof SourceError);
    assert.match(err.message, /not a complete zip archive/);
    assert.match(err.message, /fetch the release again/);
    return true;
  });
  assert.equal(await store.fingerprint(), before);
  assert.equal(existsSync(join(home, "baci")), false);
  store.close();
});

test("an exporter code missing from the country file stops the ingest, or is kept and reported with skipUnknown", async () => {
  const { store, home } = await freshStore();
  const before = await store.fingerprint();
  await assert.rejects(ingestBaci(store, join(FIX, "unknown-code", ZIP)), (err: unknown) => {
    assert.ok(err instanceof UnknownLabelsError);
    assert.match(err.message, /999 \(not in country_codes_V202601\.csv\)/);
    assert.match(err.message, /BACI_HS92_Y2023_V202601\.csv \(1 rows\)/);
    return true;
  });
  assert.equal(await store.fingerprint(), before);
  assert.deepEqual(readdirSync(join(home, "baci")), []);

  const r = await ingestBaci(store, join(FIX, "unknown-code", ZIP), { skipUnknown: true });
  assert.deepEqual(
    r.unknown.map((u) => u.code),
    [999],
  );
  const row = await store.one<{ exporter: string | null; value_usd: number }>(
    "SELECT exporter, value_usd FROM baci_flows WHERE exporter_code = 999",
  );
  assert.deepEqual(row, { exporter: null, value_usd: 100_000 });
  store.close();
});

test("a country the registry does not know in the code file is named with its line", () => {
  const countries = parseCountryCodes(
    "country_code,country_name,country_iso2,country_iso3\n643,Russian Federation,RU,RUS\n897,Atlantis,N/A,N/A\n",
    "country_codes_V202601.csv",
  );
  assert.deepEqual(
    countries.map((c) => [c.code, c.entity, c.line]),
    [
      [643, "RUS", 2],
      [897, null, 3],
    ],
  );
});

test("an unknown country in the code file stops the ingest unless skipUnknown", async () => {
  const { store } = await freshStore();
  const dir = mkdtempSync(join(tmpdir(), "dyad-baci-src-"));
  homes.push(dir);
  for (const f of readdirSync(join(FIX, "unpacked"))) {
    const text = (await import("node:fs")).readFileSync(join(FIX, "unpacked", f), "utf8");
    writeFileSync(join(dir, f), f.startsWith("country_codes") ? `${text}897,Atlantis,N/A,N/A\n` : text);
  }
  const before = await store.fingerprint();
  await assert.rejects(ingestBaci(store, dir), /897 N\/A "Atlantis".*country_codes_V202601\.csv:9/s);
  assert.equal(await store.fingerprint(), before);
  const r = await ingestBaci(store, dir, { skipUnknown: true });
  assert.equal(r.flows, 20);
  store.close();
});

test("product codes that lost their leading zero in a spreadsheet get it back; other lengths are refused", () => {
  assert.deepEqual(parseProductCodes('code,description\n10121,"Horses"\n', "p.csv"), [
    { code: "010121", description: "Horses" },
  ]);
  assert.throws(() => parseProductCodes("code,description\n1012,Horses\n", "p.csv"), /p\.csv:2.*"1012"/);
});

test("a folder without BACI year files is refused with what to give instead", async () => {
  const { store } = await freshStore();
  const empty = mkdtempSync(join(tmpdir(), "dyad-baci-empty-"));
  homes.push(empty);
  mkdirSync(join(empty, "x"));
  await assert.rejects(ingestBaci(store, empty), /no BACI year files/);
  store.close();
});
