// Repeated rows (issue 16, item 5): every source drops an exact repeat and counts it, and stops at a repeat
// with other values, naming both lines — as tidy-trade and imf-dots do. Before, an exact duplicate in the
// SIPRI register doubled a delivery, WDI kept two conflicting values and CEPII accepted duplicate pairs.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ingestCepii } from "../../src/sources/cepii.ts";
import { ingestSipri } from "../../src/sources/sipri.ts";
import { SourceError } from "../../src/sources/types.ts";
import { ingestWdi } from "../../src/sources/wdi.ts";
import { Store } from "../../src/store/index.ts";
import { realText, setField, splitCsvLine, tempDir, writeLike } from "./mutate.ts";

async function withStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await Store.open({ home: tempDir("dyad-repeats-home-") });
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}

async function sum(store: Store, sql: string): Promise<number> {
  const row = await store.one<{ v: number | bigint | null }>(sql);
  return Number(row?.v ?? 0);
}

const SIPRI = "sipri/sipri-trade-register-2000-2024.csv";

function sipriLines(n = 40) {
  const lines = realText(SIPRI).split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.startsWith("SIPRI AT Database ID"));
  const header = splitCsvLine(lines[headerAt]);
  return { kept: lines.slice(0, headerAt + 1 + n), headerAt, tivAt: header.indexOf("TIV delivery values") };
}

test("SIPRI: an exact duplicate of a delivery is dropped and counted, so the TIV is not doubled", async () => {
  const { kept, headerAt } = sipriLines();
  const original = writeLike(SIPRI, kept);
  // The deal on the register's first data line, given twice.
  const doubled = writeLike(SIPRI, [...kept, kept[headerAt + 1]]);
  await withStore(async (store) => {
    await ingestSipri(store, original);
    const tiv = await sum(store, "SELECT sum(tiv) AS v FROM arms_transfers");
    const rows = await sum(store, "SELECT count(*) AS v FROM arms_transfers");
    const result = await ingestSipri(store, doubled);
    assert.equal(await sum(store, "SELECT sum(tiv) AS v FROM arms_transfers"), tiv);
    assert.equal(result.rows, rows);
    const report = await store.one<{ report: string }>("SELECT report FROM ingests WHERE dataset = 'sipri'");
    assert.equal(JSON.parse(report?.report ?? "{}").identicalRepeatsDropped, 1);
  });
});

test("SIPRI: the same deal and delivery year twice with another TIV is refused, naming both lines", async () => {
  const { kept, headerAt, tivAt } = sipriLines();
  const first = headerAt + 1;
  const path = writeLike(SIPRI, [...kept, setField(kept[first], tivAt, "999")]);
  await withStore(async (store) => {
    await assert.rejects(ingestSipri(store, path), (err: Error) => {
      assert.ok(err instanceof SourceError);
      assert.match(
        err.message,
        new RegExp(`csv:${kept.length + 1}: deal \\d+ has a second row .*first on line ${first + 1}`),
      );
      return true;
    });
    assert.equal(
      await sum(
        store,
        "SELECT count(*) AS v FROM information_schema.tables WHERE table_name = 'arms_transfers'",
      ),
      0,
    );
  });
});

const GDP = "worldbank/wdi-gdp-per-capita-current-usd-1990-2024.csv";
const PANEL = "worldbank/wdi-panel-country-year-1990-2024.csv";

function wdiFolder(panelExtra: (panel: string[]) => string[]): string {
  const dir = tempDir();
  const gdp = realText(GDP).split(/\r?\n/);
  const footer = gdp.findIndex((l) => l.startsWith("Data from database"));
  writeLike(GDP, [...gdp.slice(0, 10), ...gdp.slice(footer - 3, footer + 2)], dir);
  writeLike(PANEL, panelExtra(realText(PANEL).split(/\r?\n/).slice(0, 20)), dir);
  return dir;
}

test("WDI: a country-year given twice with two populations is refused naming both lines; an exact repeat is dropped", async () => {
  const popAt = (l: string[]) =>
    splitCsvLine(l[0])
      .map((h) => h.trim())
      .indexOf("population_total");
  const conflicting = wdiFolder((p) => [...p, setField(p[3], popAt(p), "1")]);
  await withStore(async (store) => {
    await assert.rejects(
      ingestWdi(store, conflicting),
      /wdi-panel-country-year-1990-2024\.csv:21: \w{3} has a second population_total value for \d{4} .*first is on wdi-panel-country-year-1990-2024\.csv:4/,
    );
  });
  const exact = wdiFolder((p) => [...p, p[3]]);
  await withStore(async (store) => {
    await ingestWdi(store, exact);
    const dups = await sum(
      store,
      "SELECT count(*) AS v FROM (SELECT country, year, series FROM wdi_values GROUP BY ALL HAVING count(*) > 1)",
    );
    assert.equal(dups, 0);
  });
});

test("CEPII: a pair given twice is dropped when identical and refused when its distance differs", async () => {
  const rel = "cepii/dist_cepii.csv.gz";
  const lines = realText(rel).split(/\r?\n/).slice(0, 30);
  // Line 3 is ABW–AFG.
  await withStore(async (store) => {
    await ingestCepii(store, writeLike(rel, [...lines, lines[2]]));
    assert.equal(await sum(store, "SELECT count(*) AS v FROM geo_dyads WHERE a = 'ABW' AND b = 'AFG'"), 1);
    await assert.rejects(
      ingestCepii(store, writeLike(rel, [...lines, setField(lines[2], 10, "1")])),
      /dist_cepii\.csv\.gz:31: the pair ABW–AFG has a second row with other values \(first on line 3\)/,
    );
  });
});
