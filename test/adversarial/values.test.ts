// Impossible numbers never reach the store (issue 16, item 1 and item 6): each case is a real file with one
// cell changed, and each must fail with an error naming the file and the line (or sheet and cell) and leave
// the store exactly as it was.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { ingestCepii } from "../../src/sources/cepii.ts";
import { ingestEiEnergy } from "../../src/sources/ei-energy.ts";
import { ingestImfDots } from "../../src/sources/imf-dots.ts";
import { ingestSipri } from "../../src/sources/sipri.ts";
import { ingestTidyTrade } from "../../src/sources/tidy-trade.ts";
import { ingestUnVotes } from "../../src/sources/unvotes.ts";
import { ingestVoeten } from "../../src/sources/voeten.ts";
import { ingestWdi } from "../../src/sources/wdi.ts";
import { FIRST_YEAR, InvalidValueError, parseDecimal } from "../../src/store/checks.ts";
import { Store } from "../../src/store/index.ts";
import { writeDotsWorkbook } from "../helpers/xlsx-writer.ts";
import {
  readZipEntries,
  realText,
  rewriteZip,
  SOURCES_DIR,
  setField,
  splitCsvLine,
  tempDir,
  writeLike,
} from "./mutate.ts";

/** Runs `ingest` on a fresh store and checks it fails as `expected` and leaves the store unchanged. */
async function refused(ingest: (store: Store) => Promise<unknown>, expected: RegExp): Promise<void> {
  const store = await Store.open({ home: tempDir("dyad-adversarial-home-") });
  try {
    const before = await store.fingerprint();
    await assert.rejects(ingest(store), (err: Error) => {
      assert.doesNotMatch(err.message, /int16|int32|out of range for|Conversion Error/i, err.message);
      assert.match(err.message, expected);
      return true;
    });
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
}

const SIPRI = "sipri/sipri-trade-register-2000-2024.csv";

/** The SIPRI register's preamble, header and first `n` deals, with deal `row` (0-based) changed by `edit`. */
function sipriWith(column: string, value: string, n = 40): { path: string; line: number } {
  const lines = realText(SIPRI).split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.startsWith("SIPRI AT Database ID"));
  const header = splitCsvLine(lines[headerAt]);
  const index = header.indexOf(column);
  assert.ok(index >= 0, `the SIPRI header has "${column}"`);
  const kept = lines.slice(0, headerAt + 1 + n);
  const target = headerAt + 5;
  kept[target] = setField(kept[target], index, value);
  return { path: writeLike(SIPRI, kept), line: target + 1 };
}

test("SIPRI: a TIV cell written 0x1F, Infinity, NaN or 1e400 is refused naming file and line, not read as a number", async () => {
  for (const bad of ["0x1F", "Infinity", "NaN", "1e400"]) {
    const { path, line } = sipriWith("TIV delivery values", bad);
    await refused(
      (s) => ingestSipri(s, path),
      new RegExp(`sipri-trade-register-2000-2024\\.csv:${line}: .*"${bad}"`),
    );
  }
});

test("SIPRI: a negative TIV is refused by the store's column rules, naming the line", async () => {
  const { path, line } = sipriWith("TIV delivery values", "-27");
  await refused((s) => ingestSipri(s, path), new RegExp(`csv:${line}: arms_transfers\\.tiv must be .*-27`));
});

test(`SIPRI: delivery year 1200 and order year 40000 are refused with file and line (years run ${FIRST_YEAR}–next year)`, async () => {
  const year = sipriWith("Delivery year", "1200");
  await refused((s) => ingestSipri(s, year.path), new RegExp(`csv:${year.line}: the delivery year "1200"`));
  const order = sipriWith("Order date", "40000");
  await refused((s) => ingestSipri(s, order.path), new RegExp(`csv:${order.line}: the order date "40000"`));
});

test("CEPII: a negative distance (ABW–AFG as −13,257.81 km) is refused naming the line", async () => {
  const rel = "cepii/dist_cepii.csv.gz";
  const lines = realText(rel).split(/\r?\n/).slice(0, 60);
  // Line 3 of dist_cepii.csv is ABW–AFG, dist 13257.81 (column 11).
  assert.match(lines[2], /^ABW,AFG,/);
  lines[2] = setField(lines[2], 10, "-13257.81");
  const path = writeLike(rel, lines);
  await refused(
    (s) => ingestCepii(s, path),
    /dist_cepii\.csv\.gz:3: geo_dyads\.dist must be a distance in km/,
  );
});

/** A WDI folder: the two real files cut to their first rows (and the DataBank footer), then edited. */
function wdiFolder(
  editGdp: (lines: string[]) => void,
  editPanel: (lines: string[]) => void = () => {},
): string {
  const dir = tempDir();
  const gdpRel = "worldbank/wdi-gdp-per-capita-current-usd-1990-2024.csv";
  const panelRel = "worldbank/wdi-panel-country-year-1990-2024.csv";
  const gdp = realText(gdpRel).split(/\r?\n/);
  const footer = gdp.findIndex((l) => l.startsWith("Data from database"));
  const gdpLines = [...gdp.slice(0, 30), ...gdp.slice(footer - 3, footer + 2)];
  editGdp(gdpLines);
  writeLike(gdpRel, gdpLines, dir);
  const panel = realText(panelRel).split(/\r?\n/).slice(0, 30);
  editPanel(panel);
  writeLike(panelRel, panel, dir);
  return dir;
}

test("WDI: a year column 1200 in the header is refused (it stretched the panel from 4.98 M to 52 M dyad-years)", async () => {
  const dir = wdiFolder((l) => {
    l[0] = l[0].replace("1990 [YR1990]", "1200 [YR1200]");
  });
  await refused((s) => ingestWdi(s, dir), /wdi-gdp-per-capita-current-usd-1990-2024\.csv:1: .*the year 1200/);
  const panelYear = wdiFolder(
    () => {},
    (l) => {
      l[5] = setField(l[5], 1, "1200");
    },
  );
  await refused((s) => ingestWdi(s, panelYear), /wdi-panel-country-year-1990-2024\.csv:6: year "1200"/);
});

test("WDI: a negative GDP per capita and a population of 1e400 are refused naming file and line", async () => {
  const negative = wdiFolder((l) => {
    // Line 2 is Afghanistan; its 2010 column (index 24) holds a published value.
    l[1] = setField(l[1], 24, "-500");
  });
  await refused(
    (s) => ingestWdi(s, negative),
    /wdi-gdp-per-capita-current-usd-1990-2024\.csv:2: .*-500 is negative/,
  );
  const huge = wdiFolder(
    () => {},
    (l) => {
      const header = splitCsvLine(l[0]).map((h) => h.trim());
      l[3] = setField(l[3], header.indexOf("population_total"), "1e400");
    },
  );
  await refused((s) => ingestWdi(s, huge), /wdi-panel-country-year-1990-2024\.csv:4: .*"1e400"/);
});

test("Voeten: session 99999 and session 0 are refused with the line, not as 'number out of int16 range'", async () => {
  const rel = "voeten/IdealpointestimatesAll_Jun2024.csv";
  for (const session of ["99999", "0", "1.5"]) {
    const lines = realText(rel).split(/\r?\n/).slice(0, 20);
    lines[4] = setField(lines[4], 2, session);
    const path = writeLike(rel, lines);
    await refused(
      (s) => ingestVoeten(s, path),
      new RegExp(`IdealpointestimatesAll_Jun2024\\.csv:5: session ${session}`),
    );
  }
});

test("Voeten: an agreement share of 1.7 is refused by the store naming the line", async () => {
  const rel = "voeten/IdealpointestimatesAll_Jun2024.csv";
  const lines = realText(rel).split(/\r?\n/).slice(0, 20);
  lines[2] = setField(lines[2], 15, "1.7");
  const path = writeLike(rel, lines);
  await refused(
    (s) => ingestVoeten(s, path),
    /csv:3: un_ideal_points\.russia_agree must be a share between 0 and 1/,
  );
});

test("unvotes: a roll call in session 40000 or dated 1200 is refused naming un_roll_calls.csv and the line", async () => {
  for (const [field, value] of [
    [1, "40000"],
    [3, '"1200-01-01"'],
  ] as const) {
    const dir = tempDir();
    const rc = realText("unvotes/un_roll_calls.csv").split(/\r?\n/);
    rc[2] = setField(rc[2], field, value);
    writeLike("unvotes/un_roll_calls.csv", rc, dir);
    writeLike(
      "unvotes/un_roll_call_issues.csv",
      realText("unvotes/un_roll_call_issues.csv").split(/\r?\n/),
      dir,
    );
    writeLike(
      "unvotes/un_votes.csv.gz",
      realText("unvotes/un_votes.csv.gz").split(/\r?\n/).slice(0, 200),
      dir,
    );
    await refused((s) => ingestUnVotes(s, dir), /un_roll_calls\.csv:3: roll call/);
  }
});

test("tidy-trade: 0x1F is not 31 USD and 1e400 is not a value; both are refused naming the line", async () => {
  const rel = "reference/china-customs-russia-2021-2024.csv";
  for (const bad of ["0x1F", "1e400", "Infinity"]) {
    const lines = realText(rel).split(/\r?\n/).filter(Boolean);
    lines[2] = setField(lines[2], 4, bad);
    const dir = tempDir();
    writeLike(rel, lines, dir);
    await refused(
      (s) => ingestTidyTrade(s, dir),
      new RegExp(`china-customs-russia-2021-2024\\.csv:3: value_usd "${bad}"`),
    );
  }
});

test("IMF DOTS: a cell of 1e305 millions overflows after the unit conversion and is refused naming the cell", async () => {
  const dir = tempDir();
  writeDotsWorkbook(
    join(dir, "DOTS_X.xlsx"),
    "France",
    [2019, 2020],
    [
      ["World", 10, 1e305],
      ["Germany", 1, 2],
    ],
    [["World", 5, 6]],
  );
  await refused((s) => ingestImfDots(s, dir), /DOTS_X\.xlsx:Exports, FOB!.*1e\+305.*beyond any trade flow/);
});

const EI = "energy/ei-statistical-review-2023-all-data.xlsx";

/** The real EI workbook with the first numeric cell below row 5 of the pipeline-gas sheet set to `value`. */
async function eiWith(value: string): Promise<{ path: string; cell: string }> {
  const source = join(SOURCES_DIR, EI);
  const entries = await readZipEntries(source);
  let sheetPart: string;
  {
    const workbook = entries.get("xl/workbook.xml")?.toString("utf8") ?? "";
    const rels = entries.get("xl/_rels/workbook.xml.rels")?.toString("utf8") ?? "";
    const rid = /<sheet\b[^>]*name="Gas - Trade movts - pipeline"[^>]*r:id="([^"]+)"/.exec(workbook)?.[1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels);
    sheetPart = `xl/${(target?.[1] ?? target?.[2] ?? "").replace(/^\/?xl\//, "")}`;
  }
  let cell = "";
  const path = join(tempDir(), "ei-statistical-review-2023-all-data.xlsx");
  await rewriteZip(source, path, (name, text) => {
    if (name !== sheetPart) return undefined;
    return text.replace(
      /(<c r="([A-Z]+)(\d+)"(?![^>]*\bt=)[^>]*>(?:<f[^>]*\/>|<f[^>]*>[^<]*<\/f>)?<v>)([0-9.E+-]+)(<\/v>)/g,
      (m, open: string, col: string, row: string, v: string, close: string) => {
        if (cell || Number(row) < 6 || Number(v) === 0) return m;
        cell = `${col}${row}`;
        return `${open}${value}${close}`;
      },
    );
  });
  assert.ok(cell, "found a numeric cell to change");
  return { path, cell };
}

test("Energy Institute: a cell of 1e400 or NaN in the pipeline-gas sheet is refused naming sheet and cell (it printed 'Infinity bcm')", async () => {
  for (const bad of ["1e400", "NaN"]) {
    const { path, cell } = await eiWith(bad);
    await refused(
      (s) => ingestEiEnergy(s, path),
      new RegExp(
        `ei-statistical-review-2023-all-data\\.xlsx:Gas - Trade movts - pipeline!${cell}: .*(not a finite number|not a number)`,
      ),
    );
  }
});

test("the store refuses a value a source forgot to check: NaN in a DOUBLE, 40000 in a SMALLINT, naming file and line", async () => {
  const def = {
    name: "made_up_values",
    columns: [
      ["dataset", "VARCHAR"],
      ["year", "SMALLINT"],
      ["value", "DOUBLE"],
      ["file", "VARCHAR"],
      ["line", "INTEGER"],
    ] as [string, "VARCHAR" | "SMALLINT" | "DOUBLE" | "INTEGER"][],
  };
  const batch = (rows: (string | number | null)[][]) => ({
    dataset: "made-up",
    source: "made-up",
    path: "/somewhere/made-up.csv",
    files: 1,
    publisher: "test",
    licence: "test",
    citation: "test",
    tables: [{ def, rows }],
  });
  for (const [row, expected] of [
    [
      ["made-up", 2020, Number.NaN, "made-up.csv", 7],
      /made-up\.csv:7: made_up_values\.value must be a finite number, but NaN/,
    ],
    [
      ["made-up", 40000, 1, "made-up.csv", 8],
      /made-up\.csv:8: made_up_values\.year must be a year, but 40000 is above/,
    ],
    [["made-up", 1200, 1, "made-up.csv", 9], /made-up\.csv:9: .*1200 is below 1816/],
  ] as const) {
    await refused(async (s) => {
      try {
        await s.replaceDataset(batch([[...row]]));
      } catch (err) {
        assert.ok(err instanceof InvalidValueError);
        throw err;
      }
    }, expected);
  }
});

test("parseDecimal reads plain decimal notation only", () => {
  assert.equal(parseDecimal("31"), 31);
  assert.equal(parseDecimal(" -1.5e3 "), -1500);
  assert.equal(parseDecimal(".5"), 0.5);
  for (const bad of [
    "0x1F",
    "0b11",
    "0o7",
    "Infinity",
    "-Infinity",
    "NaN",
    "1e400",
    "",
    " ",
    "1,000",
    "1_000",
  ])
    assert.equal(parseDecimal(bad), undefined, bad);
});
