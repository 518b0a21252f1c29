import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { ingestImfDots } from "../../src/sources/imf-dots.ts";
import { ingestTidyTrade } from "../../src/sources/tidy-trade.ts";
import { SourceError, UnknownLabelsError } from "../../src/sources/types.ts";
import { Store } from "../../src/store/index.ts";
import { SOURCES_DIR } from "../helpers/real-store.ts";
import { writeDotsWorkbook } from "../helpers/xlsx-writer.ts";

// Each test starts from a store holding the real reference series and two real IMF workbooks (China's and
// Russia's), ingests something broken, and checks that the error names the place and the store is unchanged.
let dir: string;
let store: Store;
const HEADER = "reporter,partner,year,flow,value_usd,source,note";

before(async () => {
  dir = mkdtempSync(join(tmpdir(), "dyad-bad-"));
  store = await Store.open({ home: join(dir, "home") });
  mkdirSync(join(dir, "dots"));
  for (const f of ["DOTS_40.xlsx", "DOTS_162.xlsx"])
    copyFileSync(resolve(SOURCES_DIR, "imf-dots", f), join(dir, "dots", f));
  await ingestImfDots(store, join(dir, "dots"));
  await ingestTidyTrade(store, resolve(SOURCES_DIR, "reference"));
});
after(() => store.close());

async function assertUnchanged(run: () => Promise<unknown>, check: (err: Error) => void) {
  const beforeFp = await store.fingerprint();
  await assert.rejects(run, (err: Error) => {
    check(err);
    return true;
  });
  assert.equal(await store.fingerprint(), beforeFp, "the store changed after a failed ingest");
}

test("a truncated workbook stops the ingest with the file named, and the store keeps the earlier ingest", async () => {
  const broken = join(dir, "truncated");
  mkdirSync(broken);
  copyFileSync(join(dir, "dots", "DOTS_40.xlsx"), join(broken, "DOTS_40.xlsx"));
  const bytes = readFileSync(resolve(SOURCES_DIR, "imf-dots", "DOTS_162.xlsx"));
  writeFileSync(join(broken, "DOTS_162.xlsx"), bytes.subarray(0, Math.floor(bytes.length / 2)));
  await assertUnchanged(
    () => ingestImfDots(store, broken),
    (err) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /DOTS_162\.xlsx/);
      assert.match(err.message, /truncated|download it again/i);
    },
  );
  const rows = await store.one<{ n: bigint }>(
    "SELECT count(*) AS n FROM trade_flows WHERE dataset = 'imf-dots' AND reporter = 'RUS'",
  );
  assert.ok(Number(rows?.n) > 1000, "Russia's rows from the earlier ingest are still there");
});

test("a workbook with an unknown partner label lists the label and the cell, unless --skip-unknown", async () => {
  const odd = join(dir, "unknown");
  mkdirSync(odd);
  writeDotsWorkbook(
    join(odd, "DOTS_X.xlsx"),
    "France",
    [2019, 2020],
    [
      ["World", 10, 11],
      ["Atlantis", 1, 2],
    ],
    [["World", 5, 6]],
  );
  await assertUnchanged(
    () => ingestImfDots(store, odd),
    (err) => {
      assert.ok(err instanceof UnknownLabelsError);
      assert.match(err.message, /"Atlantis" in DOTS_X\.xlsx:Exports, FOB!B9/);
      assert.match(err.message, /--skip-unknown/);
    },
  );
  const report = await ingestImfDots(store, odd, { skipUnknown: true, replaceAll: true });
  assert.deepEqual(
    report.skipped.map((s) => s.label),
    ["Atlantis"],
  );
  assert.equal(report.rows, 4, "World exports 2019–2020 and imports 2019–2020");
});

function tidy(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

test("a tidy CSV with a bad year names the file and line", async () => {
  const path = tidy("bad-year.csv", [
    HEADER,
    "CHN,RUS,2024,exports,1000,test,",
    "CHN,RUS,20x4,imports,1000,test,",
  ]);
  await assertUnchanged(
    () => ingestTidyTrade(store, path),
    (err) => assert.match(err.message, /bad-year\.csv:3: year "20x4" is not a year/),
  );
});

test("a tidy CSV with a negative value names the file and line", async () => {
  const path = tidy("negative.csv", [HEADER, "CHN,RUS,2024,exports,-5,test,"]);
  await assertUnchanged(
    () => ingestTidyTrade(store, path),
    (err) => assert.match(err.message, /negative\.csv:2: value_usd -5 is negative/),
  );
});

test("a tidy CSV with an unknown country names the value and the line", async () => {
  const path = tidy("unknown-country.csv", [HEADER, "CHN,Narnia,2024,exports,5,test,"]);
  await assertUnchanged(
    () => ingestTidyTrade(store, path),
    (err) => {
      assert.ok(err instanceof UnknownLabelsError);
      assert.match(err.message, /"Narnia" in unknown-country\.csv:2 \(partner\)/);
    },
  );
});

test("a tidy CSV with a missing column names the column", async () => {
  const path = tidy("missing-column.csv", ["reporter,partner,year,flow,source", "CHN,RUS,2024,exports,test"]);
  await assertUnchanged(
    () => ingestTidyTrade(store, path),
    (err) => assert.match(err.message, /missing-column\.csv:1: missing column "value_usd"/),
  );
});

test("a truncated gzip names the file", async () => {
  const gz = readFileSync(resolve(SOURCES_DIR, "comtrade/comtrade-exports-by-partner-2021-2022.csv.gz"));
  const path = join(dir, "cut.csv.gz");
  writeFileSync(path, gz.subarray(0, 1000));
  await assertUnchanged(
    () => ingestTidyTrade(store, path),
    (err) => assert.match(err.message, /cut\.csv\.gz: not a complete gzip file/),
  );
});

test("re-ingesting the same file replaces its rows, never duplicates them", async () => {
  const count = async () =>
    Number(
      (
        await store.one<{ n: bigint }>(
          "SELECT count(*) AS n FROM trade_flows WHERE dataset LIKE 'tidy-trade:%'",
        )
      )?.n,
    );
  const first = await count();
  await ingestTidyTrade(store, resolve(SOURCES_DIR, "reference"));
  assert.equal(await count(), first);
  await ingestImfDots(store, join(dir, "dots"), { replaceAll: true });
  const imf = await store.one<{ n: bigint; d: bigint }>(
    "SELECT count(*) AS n, count(DISTINCT (reporter, partner, year, flow)) AS d FROM trade_flows WHERE dataset = 'imf-dots'",
  );
  assert.equal(imf?.n, imf?.d);
});
