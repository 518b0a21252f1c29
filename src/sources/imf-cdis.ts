// IMF Coordinated Direct Investment Survey (CDIS): Table 6 workbooks, one per end-of-year (each reporting
// economy's direct-investment position in each counterpart economy, US dollars millions), and
// CDIS_Reporters.xlsx (each reporter's total inward position by year, in US dollars).
//
// Table 6-o is the outward table: columns are the reporters (investors), rows the host economies
// ("Investment in:"). Table 6-i, the inward table, has the same layout with the investors as rows
// ("Investment from:"); the direction is read from each workbook's title, never assumed from its name.
// Blank = not available (no row); "C" = suppressed by the reporter for confidentiality (a row with
// confidential = true and no value); negative positions are legitimate (see the table's own notes).
import { basename } from "node:path";
import type { DatasetBatch, SqlValue } from "../store/index.ts";
import { CDIS_POSITIONS_TABLE, CDIS_TOTALS_TABLE } from "../store/invest-schema.ts";
import { CDIS_INFO } from "./citations.ts";
import { listInputFiles } from "./files.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestListingSkipped, recordOf, SourceError } from "./types.ts";
import { type Cell, readWorkbook } from "./xlsx.ts";

// Counterparts that are not economies: kept with their label and no registry code.
const UNALLOCATED = /^Not Specified\b/i;
// The IMF's own groupings: "US Pacific Islands" among the counterparts; the regions at the end of
// CDIS_Reporters.xlsx (after the economies).
const IMF_GROUPINGS = new Set([
  "US Pacific Islands",
  "Central and South Asia",
  "Economies of Persian Gulf",
  "East Asia",
  "Europe",
  "North Africa",
  "North and Central America",
  "North Atlantic and Caribbean",
  "Oceania and Polar Regions",
  "Other Near and Middle East Economies",
  "South America",
  "Sub-Saharan Africa",
]);

const TITLE =
  /^Table 6-([oi]): (Outward|Inward) Direct Investment Positions\b.*\bas of end-((?:19|20)\d{2})\s*$/;

export function colLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const text = (c: Cell | undefined) => (typeof c === "string" ? c.replace(/\s+/g, " ").trim() : "");

interface Party {
  code: string | null;
  label: string;
  kind: string;
}

function partyOf(labels: LabelResolver, label: string, where: string): Party | undefined {
  if (UNALLOCATED.test(label)) return { code: null, label, kind: "unallocated" };
  if (IMF_GROUPINGS.has(label)) return { code: null, label, kind: "region" };
  const entity = labels.peek(label);
  if (entity?.code === "WLD") return { code: "WLD", label, kind: "aggregate" };
  if (entity?.kind === "aggregate") return { code: null, label, kind: "region" };
  if (entity) return { code: entity.code, label, kind: entity.kind };
  labels.resolve(label, where);
  return undefined;
}

/** One Table 6 workbook's cells, as rows of cdis_positions. */
function readTable6(
  file: string,
  sheetName: string,
  rows: Cell[][],
  labels: LabelResolver,
): { year: number; direction: string; rows: SqlValue[][]; reporters: number } {
  const at = (r: number, c = 1) => `${sheetName}!${colLetter(c)}${r}`;
  const titleRow = rows.findIndex((row) => row && TITLE.test(text(row[1])));
  if (titleRow < 0) {
    throw new SourceError(
      file,
      sheetName,
      'no title "Table 6-o: Outward Direct Investment Positions … as of end-YYYY" (or 6-i, Inward) in column A',
      "Pass the IMF's CDIS Table 6 export unchanged.",
    );
  }
  const [, letter, word, yearText] = TITLE.exec(text(rows[titleRow][1])) ?? [];
  const direction = letter === "o" && word === "Outward" ? "outward" : "inward";
  if ((letter === "o") !== (word === "Outward")) {
    throw new SourceError(
      file,
      at(titleRow),
      `the title says "6-${letter}" and "${word}"`,
      "Check the file.",
    );
  }
  const year = Number(yearText);
  const headerRow = rows.findIndex(
    (row, r) => r > titleRow && row && /^Investment (in|from):$/.test(text(row[1])),
  );
  if (headerRow < 0) {
    throw new SourceError(
      file,
      sheetName,
      'no header row starting "Investment in:" (or "Investment from:") below the title',
      "The table's layout changed; check it.",
    );
  }
  const expectedHeader = direction === "outward" ? "Investment in:" : "Investment from:";
  if (text(rows[headerRow][1]) !== expectedHeader) {
    throw new SourceError(
      file,
      at(headerRow),
      `the header reads "${text(rows[headerRow][1])}" but the title is of the ${direction} table`,
      "Check the file.",
    );
  }
  const unit = rows
    .slice(titleRow + 1, headerRow)
    .some((row) => row && text(row[1]) === "US Dollars, Millions");
  if (!unit) {
    throw new SourceError(
      file,
      at(titleRow + 1),
      'no unit row "US Dollars, Millions" between the title and the header',
      "The table's unit changed; check it before reading it as millions of US dollars.",
    );
  }
  const header = rows[headerRow];
  const totalCol = header.findIndex((c, i) => i > 1 && text(c) === "Total Investment");
  if (totalCol < 0) {
    throw new SourceError(
      file,
      at(headerRow),
      'the header row has no "Total Investment" column after the reporters',
      "The file looks truncated or changed; download it again.",
    );
  }
  const reporters: (Party | undefined)[] = [];
  for (let c = 2; c < totalCol; c++) {
    const label = text(header[c]);
    if (!label)
      throw new SourceError(file, at(headerRow, c), "a reporter column has no name", "Check the file.");
    reporters[c] = partyOf(labels, label, `${basename(file)} ${at(headerRow, c)}`);
  }
  const out: SqlValue[][] = [];
  let sawWorld = false;
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    const label = text(row?.[1]);
    if (!label) continue;
    if (label === "Notes") break;
    const counterpart = partyOf(labels, label, `${basename(file)} ${at(r)}`);
    if (counterpart?.code === "WLD") sawWorld = true;
    for (let c = 2; c < totalCol; c++) {
      const reporter = reporters[c];
      const v = row[c];
      if (v === null || v === undefined || (typeof v === "string" && text(v) === "")) continue;
      let value: number | null = null;
      let confidential = false;
      if (typeof v === "number" && Number.isFinite(v)) value = v * 1e6;
      else if (/^c$/i.test(text(v))) confidential = true;
      else {
        throw new SourceError(
          file,
          at(r, c),
          `the cell holds "${v}", neither a number nor "C" (confidential)`,
          "Check the cell in the IMF's export; a blank means not available.",
        );
      }
      if (!reporter || !counterpart || !reporter.code) continue;
      out.push([
        "imf-cdis",
        direction,
        year,
        reporter.code,
        reporter.label,
        counterpart.code,
        counterpart.label,
        counterpart.kind,
        value,
        confidential,
        basename(file),
        sheetName,
        `${colLetter(c)}${r}`,
      ]);
    }
  }
  if (!sawWorld) {
    throw new SourceError(
      file,
      sheetName,
      'no "World" row (the reporters\' totals)',
      "The file looks truncated; download it again.",
    );
  }
  return { year, direction, rows: out, reporters: reporters.filter(Boolean).length };
}

// The reporters' totals are stored in US dollars (e.g. the United States' inward position at end-2022,
// 5,254,816,000,000); the "Scale: Millions" line is the display scale of the IMF's dashboard. A World
// total below a trillion dollars would mean the cells are in millions after all.
const MIN_WORLD_TOTAL_USD = 1e12;

function readReporters(file: string, sheetName: string, rows: Cell[][], labels: LabelResolver): SqlValue[][] {
  const at = (r: number, c = 1) => `${sheetName}!${colLetter(c)}${r}`;
  const headerRow = rows.findIndex(
    (row) => row && /^(19|20)\d{2}$/.test(text(row[2]) || String(row[2] ?? "")),
  );
  if (headerRow < 0) {
    throw new SourceError(
      file,
      sheetName,
      "no header row of years (2009, 2010, …) starting in column B",
      "Pass CDIS_Reporters.xlsx as exported by the IMF.",
    );
  }
  const years: number[] = [];
  for (let c = 2; c < rows[headerRow].length; c++) {
    const y = Number(text(rows[headerRow][c]) || rows[headerRow][c]);
    if (!Number.isInteger(y)) {
      throw new SourceError(
        file,
        at(headerRow, c),
        `"${rows[headerRow][c]}" is not a year`,
        "Check the file.",
      );
    }
    years[c] = y;
  }
  const out: SqlValue[][] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    const label = text(row?.[1]);
    if (!label || /^Scale:/.test(label)) continue;
    const party = partyOf(labels, label, `${basename(file)} ${at(r)}`);
    for (let c = 2; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === "string" && text(v) === "")) continue;
      if (typeof v !== "number" || !Number.isFinite(v) || years[c] === undefined) {
        throw new SourceError(file, at(r, c), `the cell holds "${v}", not a number`, "Check the cell.");
      }
      if (party?.code === "WLD" && v < MIN_WORLD_TOTAL_USD) {
        throw new SourceError(
          file,
          at(r, c),
          `the World total ${v} is below a trillion, so the cells are not in US dollars`,
          "The file's unit changed; check it before ingesting.",
        );
      }
      if (!party) continue;
      out.push([
        "imf-cdis",
        "inward",
        years[c],
        party.code,
        party.label,
        party.kind,
        v,
        basename(file),
        sheetName,
        `${colLetter(c)}${r}`,
      ]);
    }
  }
  return out;
}

export interface CdisReport {
  years: number[];
  reporters: Record<string, number>;
  confidential: number;
  negative: number;
  skippedUnknown: { label: string; where: string[] }[];
}

export async function readImfCdis(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const files = await listInputFiles(
    path,
    /^CDIS_.*\.xlsx$/i,
    "CDIS workbooks (CDIS_*.xlsx)",
    "Put the IMF's CDIS Table 6 exports (and CDIS_Reporters.xlsx) there.",
  );
  const labels = new LabelResolver();
  const positions: SqlValue[][] = [];
  const totals: SqlValue[][] = [];
  const seen = new Map<string, string>();
  const reportersByYear: Record<string, number> = {};
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    const sheets = await readWorkbook(file);
    let read = false;
    for (const sheet of sheets) {
      if (sheet.rows.some((row) => row && TITLE.test(text(row[1])))) {
        const t = readTable6(file, sheet.name, sheet.rows, labels);
        const key = `${t.direction} ${t.year}`;
        const earlier = seen.get(key);
        if (earlier) {
          throw new SourceError(
            file,
            sheet.name,
            `a second ${t.direction} table for end-${t.year} (the first is ${basename(earlier)})`,
            "Keep one workbook per table and year in the folder.",
          );
        }
        seen.set(key, file);
        reportersByYear[key] = t.reporters;
        positions.push(...t.rows);
        read = true;
      } else if (/^Inward Direct Investment Pos/i.test(sheet.name)) {
        totals.push(...readReporters(file, sheet.name, sheet.rows, labels));
        read = true;
      }
    }
    if (!read) {
      throw new SourceError(
        file,
        undefined,
        'neither a CDIS Table 6 (title "Table 6-o: …") nor a sheet of reporters\' inward totals',
        "Pass the IMF's CDIS exports unchanged.",
      );
    }
  }
  options.onProgress?.(files.length, files.length, "");
  const report: CdisReport = {
    years: [...new Set(positions.map((r) => Number(r[2])))].sort((a, b) => a - b),
    reporters: reportersByYear,
    confidential: positions.filter((r) => r[9] === true).length,
    negative: positions.filter((r) => typeof r[8] === "number" && r[8] < 0).length,
    ...labels.finish("imf-cdis", options),
  };
  return {
    ...recordOf(CDIS_INFO),
    path,
    files: files.length,
    version: "CDIS Table 6, extracted from the IMF Data Warehouse",
    report,
    tables: [
      { def: CDIS_POSITIONS_TABLE, rows: positions },
      { def: CDIS_TOTALS_TABLE, rows: totals },
    ],
  };
}

export const ingestImfCdis = ingestListingSkipped(readImfCdis);
