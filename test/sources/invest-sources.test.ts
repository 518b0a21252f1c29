// The investment sources on small made-up files in the publishers' layouts: what they read, and how bad
// input fails (naming file, sheet and cell) without touching the store.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { ingestImfCdis } from "../../src/sources/imf-cdis.ts";
import { SourceError, UnknownLabelsError } from "../../src/sources/types.ts";
import { ingestUnctadFdi, parseUnctadNumber } from "../../src/sources/unctad-fdi.ts";
import type { Store } from "../../src/store/index.ts";
import { openEmptyStore } from "../helpers/sources-store.ts";
import { writeXlsx } from "../helpers/xlsx-writer.ts";

type Cell = string | number | null;

/** A CDIS Table 6 in the IMF's layout: title, unit, header of reporters, one row per counterpart, notes. */
function table6(
  dir: string,
  year: number,
  direction: "o" | "i",
  reporters: string[],
  rows: [string, ...Cell[]][],
  name = `CDIS_Table_6${direction}_${year}.xlsx`,
): string {
  const word = direction === "o" ? "Outward" : "Inward";
  const path = join(dir, name);
  writeXlsx(path, [
    {
      name: "Table 6",
      rows: [
        [],
        [
          `Table 6-${direction}: ${word} Direct Investment Positions by All Reporting Economies Cross-classified by Counterpart Economies, as of end-${year}`,
        ],
        ["US Dollars, Millions"],
        [direction === "o" ? "Investment in:" : "Investment from:", ...reporters, "Total Investment"],
        ...rows,
        [],
        ["Notes"],
      ],
    },
  ]);
  return path;
}

function goodFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), "dyad-cdis-"));
  table6(
    dir,
    2020,
    "o",
    ["China, P.R.: Mainland", "Germany"],
    [
      ["Russian Federation", 12, "C", 12],
      ["Germany", 5, null, 5],
      ["Not Specified (including Confidential)", 1, 2, 3],
      ["World", 100, 50, 150],
    ],
  );
  return dir;
}

async function unchanged(store: Store, attempt: () => Promise<unknown>, expected: RegExp): Promise<void> {
  const before = await store.fingerprint();
  await assert.rejects(attempt(), (err: Error) => {
    assert.ok(err instanceof SourceError, `${err.name}: ${err.message}`);
    assert.match(err.message, expected);
    return true;
  });
  assert.equal(await store.fingerprint(), before);
}

test("CDIS: the direction comes from the title, and an inward table (6-i) gives the mirror", async () => {
  const dir = goodFolder();
  // Russia reports China's investment in it as 11 (millions) at end-2020.
  table6(
    dir,
    2020,
    "i",
    ["Russian Federation"],
    [
      ["China, P.R.: Mainland", 11],
      ["World", 400],
    ],
  );
  const store = await openEmptyStore();
  try {
    await ingestImfCdis(store, dir);
    const own = await computeIndicator(store, "invest.position", "CHN", "RUS", 2020);
    const mirror = await computeIndicator(store, "invest.position.mirror", "CHN", "RUS", 2020);
    assert.equal(own.value, 12e6);
    assert.equal(mirror.value, 11e6);
    assert.equal(mirror.provenance[0]?.side, "partner");
    const withheld = await computeIndicator(store, "invest.position", "DEU", "RUS", 2020);
    assert.match(withheld.reason ?? "", /withheld by the reporter/);
    // "Not Specified" is kept, with no registry code, and is never a country's position.
    const ns = await store.one<{ n: bigint }>(
      "SELECT count(*) AS n FROM cdis_positions WHERE counterpart_kind = 'unallocated' AND counterpart IS NULL",
    );
    assert.equal(Number(ns?.n), 2);
  } finally {
    store.close();
  }
});

test("CDIS: a cell that is neither a number nor C fails naming file, sheet and cell; the store is unchanged", async () => {
  const store = await openEmptyStore();
  try {
    await ingestImfCdis(store, goodFolder());
    const bad = mkdtempSync(join(tmpdir(), "dyad-cdis-bad-"));
    table6(
      bad,
      2020,
      "o",
      ["China, P.R.: Mainland"],
      [
        ["Russian Federation", "12,5"],
        ["World", 100],
      ],
    );
    await unchanged(
      store,
      () => ingestImfCdis(store, bad),
      /CDIS_Table_6o_2020\.xlsx:Table 6!B5: the cell holds "12,5"/,
    );
  } finally {
    store.close();
  }
});

test("CDIS: a table without its unit row, or two tables for one year, are refused", async () => {
  const store = await openEmptyStore();
  try {
    const noUnit = mkdtempSync(join(tmpdir(), "dyad-cdis-unit-"));
    const path = join(noUnit, "CDIS_Table_6_2020.xlsx");
    writeXlsx(path, [
      {
        name: "Table 6",
        rows: [
          ["Table 6-o: Outward Direct Investment Positions by All Reporting Economies, as of end-2020"],
          ["Euros"],
          ["Investment in:", "Germany", "Total Investment"],
          ["World", 1, 1],
        ],
      },
    ]);
    await unchanged(store, () => ingestImfCdis(store, noUnit), /US Dollars, Millions/);
    const twice = goodFolder();
    table6(twice, 2020, "o", ["Germany"], [["World", 1]], "CDIS_Table_6_copy_2020.xlsx");
    await unchanged(store, () => ingestImfCdis(store, twice), /a second outward table for end-2020/);
  } finally {
    store.close();
  }
});

test("CDIS: an unknown counterpart name stops the ingest with where it stands", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dyad-cdis-unknown-"));
  table6(
    dir,
    2020,
    "o",
    ["Germany"],
    [
      ["Atlantis, Rep. of", 3],
      ["World", 3],
    ],
  );
  const store = await openEmptyStore();
  try {
    await assert.rejects(ingestImfCdis(store, dir), (err: Error) => {
      assert.ok(err instanceof UnknownLabelsError);
      assert.match(err.message, /"Atlantis, Rep\. of" in CDIS_Table_6o_2020\.xlsx Table 6!A5/);
      return true;
    });
  } finally {
    store.close();
  }
});

test("UNCTAD numbers: spaces between thousands, three ways of writing a minus, '..' and '-'", () => {
  assert.equal(parseUnctadNumber("15 444"), 15444);
  assert.equal(parseUnctadNumber("- -62"), -62);
  assert.equal(parseUnctadNumber("-- 120"), -120);
  assert.equal(parseUnctadNumber("--1 906"), -1906);
  assert.equal(parseUnctadNumber("-12"), -12);
  assert.equal(parseUnctadNumber(".."), null);
  assert.equal(parseUnctadNumber("-"), 0);
  assert.equal(parseUnctadNumber("NA"), undefined);
  assert.ok(Number.isNaN(parseUnctadNumber("1,906")));
  assert.ok(Number.isNaN(parseUnctadNumber("15 44")));
});

function unctadTable(value2012: string): string {
  return [
    '"","Rusia..Federation","X","X.1","X.2","X.3","X.4","X.5","X.6"',
    '"1","Table 1. FDI flows in the host economy, by geographical origin","","","","",NA,"",""',
    '"2","(Millions of US dollars)","","","","",NA,"",""',
    '"3","Region / economy","","","","",NA,"2011","2012"',
    '"4","World","","","","",NA,"55 084","50 588"',
    '"5","","Developing economies","","","",NA,"..",".."',
    `"6","","","","","China",NA,"126","${value2012}"`,
    '"7","Source:  UNCTAD FDI/TNC database.","","","","",NA,"",""',
  ].join("\n");
}

test("UNCTAD: a host table in the R export's layout is read by the name's level; a bad number names file, line and year", async () => {
  const dir = mkdtempSync(join(tmpdir(), "dyad-unctad-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "RUS.csv"), unctadTable("- -7"));
  const store = await openEmptyStore();
  try {
    await ingestUnctadFdi(store, dir);
    assert.equal((await computeIndicator(store, "invest.flow", "CHN", "RUS", 2012)).value, -7e6);
    const bad = mkdtempSync(join(tmpdir(), "dyad-unctad-bad-"));
    writeFileSync(join(bad, "RUS.csv"), unctadTable("4 5O"));
    await unchanged(
      store,
      () => ingestUnctadFdi(store, bad),
      /RUS\.csv:7: the 2012 column of "China" holds "4 5O"/,
    );
    const badName = mkdtempSync(join(tmpdir(), "dyad-unctad-name-"));
    writeFileSync(join(badName, "XYZ.csv"), unctadTable("1"));
    await unchanged(store, () => ingestUnctadFdi(store, badName), /file name "XYZ" is not an ISO3 code/);
  } finally {
    store.close();
  }
});
