// Bad input for each beyond-trade source: a truncated file, a wrong header, an unknown name. Each must fail
// with an error naming the file and leave the store exactly as it was. The files are written here, small,
// from lines in the publishers' formats (copied in shape, not content, from ../shared/data).
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import ExcelJS from "exceljs";
import { ingestCepii } from "../../src/sources/cepii.ts";
import { ingestEiEnergy } from "../../src/sources/ei-energy.ts";
import { ingestSipri } from "../../src/sources/sipri.ts";
import { type IngestOptions, SourceError, UnknownLabelsError } from "../../src/sources/types.ts";
import { ingestUnVotes } from "../../src/sources/unvotes.ts";
import { ingestVoeten } from "../../src/sources/voeten.ts";
import { ingestWdi } from "../../src/sources/wdi.ts";
import type { IngestResult, Store } from "../../src/store/index.ts";
import { openEmptyStore } from "../helpers/sources-store.ts";

const dir = () => mkdtempSync(join(tmpdir(), "dyad-bt-bad-"));

type Ingest = (store: Store, path: string, options?: IngestOptions) => Promise<IngestResult>;

/** Ingests `good`, then checks that `bad` fails as `expected` and changes nothing. */
async function rejects(
  ingest: Ingest,
  good: string,
  bad: string,
  expected: RegExp | typeof UnknownLabelsError,
) {
  const store = await openEmptyStore();
  try {
    await ingest(store, good);
    const before = await store.fingerprint();
    if (expected instanceof RegExp) {
      await assert.rejects(ingest(store, bad), (err: Error) => {
        assert.ok(err instanceof SourceError, `${err.name}: ${err.message}`);
        assert.match(err.message, expected);
        return true;
      });
    } else await assert.rejects(ingest(store, bad), expected);
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
}

// unvotes: a folder of three files.
function unvotesDir(
  votes: string,
  rollCallsHeader = '"rcid","session","importantvote","date","unres","amend","para","short","descr"',
) {
  const d = dir();
  writeFileSync(
    join(d, "un_roll_calls.csv"),
    `${rollCallsHeader}\n3,1,0,"1946-01-01","R/1/66",1,0,"AMENDMENTS","TO ADOPT A CUBAN AMENDMENT"\n`,
  );
  writeFileSync(
    join(d, "un_roll_call_issues.csv"),
    '"rcid","short_name","issue"\n3,"me","Palestinian conflict"\n',
  );
  writeFileSync(join(d, "un_votes.csv.gz"), gzipSync(votes));
  return d;
}
const VOTES = '"rcid","country","country_code","vote"\n3,"United States","US","yes"\n3,"China","CN","no"\n';

test("unvotes: a truncated gzip, a wrong header and an unknown country each leave the store unchanged", async () => {
  const good = unvotesDir(VOTES);
  const truncated = unvotesDir(VOTES);
  const gz = readFileSync(join(truncated, "un_votes.csv.gz"));
  writeFileSync(join(truncated, "un_votes.csv.gz"), gz.subarray(0, gz.length - 12));
  await rejects(ingestUnVotes, good, truncated, /un_votes\.csv\.gz.*truncated/);
  await rejects(
    ingestUnVotes,
    good,
    unvotesDir(VOTES, '"id","session","date"'),
    /un_roll_calls\.csv:1: the header lacks "rcid"/,
  );
  await rejects(ingestUnVotes, good, unvotesDir(`${VOTES}3,"Atlantis","",yes\n`), UnknownLabelsError);
});

const VOETEN_HEADER =
  '"","ccode","session","NVotesAll","IdealPointAll","QO%All","Q5%All","Q10%All","Q50%All","Q90%All","Q95%All","Q100%All","iso3c","Countryname","USAgree","RUSSAgree","BrazilAgree","ChinaAgree","IndiaAgree","IsraelAgree"';
const VOETEN_ROW =
  '"1",2,1,42,1.67635,1.09,1.33,1.40,1.66,1.95,2.03,2.49,"USA","United States",1,0.21,0.64,NA,0.47,NA';
function file(name: string, text: string | Buffer) {
  const p = join(dir(), name);
  writeFileSync(p, text);
  return p;
}

test("voeten: truncated row, wrong header, unknown COW code and name leave the store unchanged", async () => {
  const good = file("ip.csv", `${VOETEN_HEADER}\n${VOETEN_ROW}\n`);
  await rejects(
    ingestVoeten,
    good,
    file("ip.csv", `${VOETEN_HEADER}\n${VOETEN_ROW.slice(0, 40)}`),
    /ip\.csv:2: the record has/,
  );
  await rejects(
    ingestVoeten,
    good,
    file("ip.csv", `"ccode","year","score"\n2,1946,1\n`),
    /the header lacks "session"/,
  );
  const unknown = VOETEN_ROW.replace("2,1,42", "9999,1,42").replace("United States", "Atlantis");
  await rejects(ingestVoeten, good, file("ip.csv", `${VOETEN_HEADER}\n${unknown}\n`), UnknownLabelsError);
});

const SIPRI_PREAMBLE =
  "Transfers of major conventional arms\nSource: SIPRI Arms Transfers Database (c) SIPRI.\n\n";
const SIPRI_HEADER =
  "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production";
const SIPRI_ROW =
  "37743,Russia,China,aircraft engine,aircraft engine,Engines,2004,No,6,No,2005,No,New,0.5,0.5,3,No";

test("sipri: truncated row, wrong header, unknown supplier leave the store unchanged; `?` and `*` are read", async () => {
  const good = file(
    "sipri.csv",
    `${SIPRI_PREAMBLE}${SIPRI_HEADER}\n${SIPRI_ROW}\n1,Hamas (Palestine)*,Iran,x,x,x,2004,No,1,No,2005?,No,New,1,1,1,No\n`,
  );
  await rejects(
    ingestSipri,
    good,
    file("sipri.csv", `${SIPRI_PREAMBLE}${SIPRI_HEADER}\n${SIPRI_ROW.slice(0, 30)}`),
    /sipri\.csv:5: the record has/,
  );
  await rejects(
    ingestSipri,
    good,
    file("sipri.csv", `${SIPRI_PREAMBLE}Supplier,Recipient,TIV\nRussia,China,3\n`),
    /no header line starting with "SIPRI AT Database ID"/,
  );
  await rejects(
    ingestSipri,
    good,
    file("sipri.csv", `${SIPRI_PREAMBLE}${SIPRI_HEADER}\n${SIPRI_ROW.replace("Russia", "Ruritania")}\n`),
    UnknownLabelsError,
  );
  const store = await openEmptyStore();
  await ingestSipri(store, good);
  const rows = await store.query<{
    supplier: string | null;
    supplier_kind: string;
    year: number;
    uncertain: boolean;
  }>("SELECT supplier, supplier_kind, year, uncertain FROM arms_transfers ORDER BY line");
  assert.deepEqual(rows[1], { supplier: null, supplier_kind: "non-state", year: 2005, uncertain: true });
  store.close();
});

const WDI_HEADER = "Series Name,Series Code,Country Name,Country Code,2023 [YR2023],2024 [YR2024]";
const WDI_FOOTER =
  ",,,,,\nData from database: World Development Indicators,,,,,\nLast Updated: 12/19/2025,,,,,\n";
function wdiDir(gdp: string, panel = "Country Code,year,population_total\nCHN,2024,1408975000\n") {
  const d = dir();
  writeFileSync(join(d, "wdi-gdp-per-capita-current-usd-1990-2024.csv"), gdp);
  writeFileSync(join(d, "wdi-panel-country-year-1990-2024.csv"), panel);
  return d;
}
const WDI_ROW = "GDP per capita (current US$),NY.GDP.PCAP.CD,China,CHN,..,13303.1481543868";

test("wdi: a file cut before DataBank's footer, a wrong header, an unknown code leave the store unchanged", async () => {
  const good = wdiDir(`${WDI_HEADER}\n${WDI_ROW}\n${WDI_FOOTER}`);
  await rejects(ingestWdi, good, wdiDir(`${WDI_HEADER}\n${WDI_ROW}\n`), /footer .* is missing.*truncated/);
  await rejects(
    ingestWdi,
    good,
    wdiDir(`${WDI_HEADER}\n${WDI_ROW}\n${WDI_FOOTER}`, "code,year,pop\nCHN,2024,1\n"),
    /the header lacks "Country Code"/,
  );
  await rejects(
    ingestWdi,
    good,
    wdiDir(`${WDI_HEADER}\n${WDI_ROW.replace(/China,CHN/, "Atlantis,ATL")}\n${WDI_FOOTER}`),
    UnknownLabelsError,
  );
});

const CEPII_HEADER =
  "iso_o,iso_d,contig,comlang_off,comlang_ethno,colony,comcol,curcol,col45,smctry,dist,distcap,distw,distwces";
const CEPII_ROW = "CHN,RUS,1,0,0,0,0,0,0,0,5795.045,5795.045,5506.708,4984.132";

test("cepii: a truncated gzip, a wrong header, an unknown code leave the store unchanged", async () => {
  const good = file("dist_cepii.csv.gz", gzipSync(`\ufeff${CEPII_HEADER}\n${CEPII_ROW}\n`));
  const gz = gzipSync(`${CEPII_HEADER}\n${CEPII_ROW}\n${CEPII_ROW}\n`);
  await rejects(
    ingestCepii,
    good,
    file("dist_cepii.csv.gz", gz.subarray(0, gz.length - 10)),
    /damaged or truncated/,
  );
  await rejects(
    ingestCepii,
    good,
    file("dist_cepii.csv.gz", gzipSync("o,d,km\nCHN,RUS,5795\n")),
    /the header lacks "iso_o"/,
  );
  await rejects(
    ingestCepii,
    good,
    file("dist_cepii.csv.gz", gzipSync(`${CEPII_HEADER}\n${CEPII_ROW.replace("RUS", "QQQ")}\n`)),
    UnknownLabelsError,
  );
});

/**
 * A workbook with the Contents sheet naming the edition, the four matrices (each in EI's layout: a title
 * naming the year, From/To markers) and the regional gas series.
 */
async function eiWorkbook(
  options: {
    exporter?: string;
    withoutMarkers?: boolean;
    oil?: "no-imports-label" | "bad-cell" | "none";
  } = {},
): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const exporter = options.exporter ?? "Russian Federation";
  const contents = wb.addWorksheet("Contents");
  contents.addRow([]);
  contents.addRow(["Energy Institute Statistical Review of World Energy"]);
  contents.addRow([]);
  contents.addRow(["This workbook contains information presented in the 2023"]);
  const regional = wb.addWorksheet("Gas - Inter-regional trade");
  regional.addRow(["Natural gas: Inter-regional trade"]);
  regional.addRow([]);
  regional.addRow(["Billion cubic metres", 2021, 2022]);
  regional.addRow(["China"]);
  regional.addRow(["Pipeline imports", 53.2, 58.4]);
  regional.addRow(["  of which: Russian Federation", 7.58, 14.67]);
  regional.addRow(["Total imports", 53.2, 58.4]);
  regional.addRow(["Source: test"]);
  // The regional oil series in its layout: an "Imports" and an "Exports" label row, footnote digits after
  // some names ("Europe1"), "n/a" for years without data.
  if (options.oil !== "none") {
    const oil = wb.addWorksheet("Oil - Trade movements");
    oil.addRow(["Oil: Trade movements"]);
    oil.addRow([]);
    oil.addRow(["Thousand barrels daily", 2021, 2022, 2022, "2012-22"]);
    if (options.oil !== "no-imports-label") oil.addRow(["Imports"]);
    oil.addRow(["China", 12724, options.oil === "bad-cell" ? "12,156" : 12156, -0.04, 0.05]);
    oil.addRow(["Europe ", 12929, 14383, 0.11, 0]);
    oil.addRow(["Total World", 66557, 68815, 0.03, 0.01]);
    oil.addRow(["Exports"]);
    oil.addRow(["Europe1", "n/a", 2684, 0, 0]);
    oil.addRow(["Russia", 7816, 7948, 0.02, 0]);
    oil.addRow(["Total World", 66557, 68815, 0.03, 0.01]);
    oil.addRow([]);
    oil.addRow(["Notes: test"]);
  }
  const importerRows = (ws: ExcelJS.Worksheet, unit: string, title: string) => {
    ws.addRow([title]);
    ws.addRow([unit, null, options.withoutMarkers ? null : "From"]);
    ws.addRow(["To", "Kazakhstan", exporter, "Total imports"]);
    ws.addRow(["China", 4.37, 14.67, 19.04]);
    ws.addRow(["Total exports", 4.37, 14.67, 19.04]);
    ws.addRow(["Source: test"]);
  };
  importerRows(
    wb.addWorksheet("Gas - Trade movts - pipeline"),
    "Billion cubic metres",
    "Natural Gas: Trade movements 2022 by pipeline",
  );
  importerRows(
    wb.addWorksheet("Gas - Trade movts LNG"),
    "Billion cubic metres",
    "Natural Gas: Trade movements 2022 as liquefied natural gas",
  );
  const exporterRows = (ws: ExcelJS.Worksheet, unit: string, title: string, product?: string) => {
    ws.addRow([title]);
    ws.addRow([null, null, "To"]);
    ws.addRow([unit, "China", "Total"]);
    ws.addRow(["From"]);
    ws.addRow(["Russia", 1.79, 1.79]);
    ws.addRow(["Total imports", 1.79, 1.79]);
    if (product) {
      ws.addRow([]);
      ws.addRow([product]);
      ws.addRow(["From"]);
      ws.addRow(["Russia", 9.55, 9.55]);
      ws.addRow(["Total imports", 9.55, 9.55]);
    }
    ws.addRow(["Notes: test"]);
  };
  exporterRows(
    wb.addWorksheet("Oil - Inter-area movements"),
    "Crude (million tonnes)",
    "Oil: Inter-area movements 2022",
    "Product (million tonnes)",
  );
  exporterRows(wb.addWorksheet("Coal - Inter area movts"), "Exajoules", "Coal: Inter-area movements 2022");
  const p = join(dir(), "ei.xlsx");
  await wb.xlsx.writeFile(p);
  return p;
}

test("ei-energy: a truncated workbook, a sheet without From/To, an unknown exporter leave the store unchanged", async () => {
  const good = await eiWorkbook();
  const store = await openEmptyStore();
  await ingestEiEnergy(store, good);
  const gas = await store.one<{ exporter: string; importer: string; value: number }>(
    "SELECT exporter, importer, value FROM energy_trade WHERE fuel = 'pipeline_gas' AND exporter = 'RUS'",
  );
  assert.deepEqual(gas, { exporter: "RUS", importer: "CHN", value: 14.67 });
  const series = await store.one<{ value: number; edition: number }>(
    "SELECT value, edition FROM energy_regional WHERE entity = 'CHN' AND partner = 'RUS' AND year = 2022",
  );
  assert.deepEqual(series, { value: 14.67, edition: 2023 });
  store.close();
  const truncated = join(dir(), "ei.xlsx");
  const bytes = readFileSync(good);
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await rejects(
    ingestEiEnergy,
    good,
    truncated,
    /ei\.xlsx.*(cannot be read|missing|not a readable|corrupt|cut off)/,
  );
  await rejects(
    ingestEiEnergy,
    good,
    await eiWorkbook({ withoutMarkers: true }),
    /does not say whether its columns are "From"/,
  );
  await rejects(ingestEiEnergy, good, await eiWorkbook({ exporter: "Ruritania" }), UnknownLabelsError);
});

test("ei-energy: the regional oil series is read by its Imports/Exports label rows, footnote digits dropped; a bad cell names file, sheet and cell and changes nothing", async () => {
  const good = await eiWorkbook();
  const store = await openEmptyStore();
  await ingestEiEnergy(store, good);
  const oil = await store.query<{
    entity: string | null;
    entity_label: string;
    flow: string;
    year: number;
    value: number;
    cell: string;
  }>(
    "SELECT entity, entity_label, flow, year, value, cell FROM energy_regional WHERE series = 'oil' AND unit = 'kb/d' ORDER BY flow, entity_label, year",
  );
  store.close();
  // The growth and share columns after the run of years (2022, "2012-22") are not years.
  assert.deepEqual(
    oil.map((r) => [r.flow, r.entity, r.entity_label, r.year, r.value, r.cell]),
    [
      ["exports", null, "Europe", 2022, 2684, "C9"],
      ["exports", "RUS", "Russia", 2021, 7816, "B10"],
      ["exports", "RUS", "Russia", 2022, 7948, "C10"],
      ["exports", "WLD", "Total World", 2021, 66557, "B11"],
      ["exports", "WLD", "Total World", 2022, 68815, "C11"],
      ["imports", "CHN", "China", 2021, 12724, "B5"],
      ["imports", "CHN", "China", 2022, 12156, "C5"],
      ["imports", null, "Europe", 2021, 12929, "B6"],
      ["imports", null, "Europe", 2022, 14383, "C6"],
      ["imports", "WLD", "Total World", 2021, 66557, "B7"],
      ["imports", "WLD", "Total World", 2022, 68815, "C7"],
    ],
  );
  await rejects(
    ingestEiEnergy,
    good,
    await eiWorkbook({ oil: "bad-cell" }),
    /ei\.xlsx.*Oil - Trade movements!C5.*"12,156", not a number/,
  );
  await rejects(
    ingestEiEnergy,
    good,
    await eiWorkbook({ oil: "no-imports-label" }),
    /ei\.xlsx.*Oil - Trade movements!A4.*before any "Imports" or "Exports" label row/,
  );
  await rejects(
    ingestEiEnergy,
    good,
    await eiWorkbook({ oil: "none" }),
    /ei\.xlsx.*no sheet titled "Oil: Trade movements"/,
  );
});
