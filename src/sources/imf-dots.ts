// IMF Direction of Trade Statistics: one workbook per reporting economy, as the IMF published them.
// Sheet "Exports, FOB to Partner Countries" and "Imports, CIF from Partner Countries"; title rows, the
// reporter's IMF name, the unit row, a header row of years, then one row per partner. Which sheet is which
// is read from its title, not its position; an empty cell is missing, not zero; "1.23 e" is an IMF estimate.
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { registry } from "../countries/index.ts";
import type { IngestResult, Store } from "../store/index.ts";
import {
  dedupe,
  TRADE_TABLE,
  type TradeFlow,
  type TradeRow,
  tradeDerive,
  tradeRowValues,
} from "./trade-rows.ts";
import {
  type IngestOptions,
  SourceError,
  type SourceInfo,
  UnknownLabels,
  UnknownLabelsError,
} from "./types.ts";
import { type Cell, readWorkbook, type Sheet } from "./xlsx.ts";

export const IMF_DOTS: SourceInfo = {
  name: "imf-dots",
  publisher: "IMF, Direction of Trade Statistics",
  licence: "IMF public data; free use with attribution",
  citation: "International Monetary Fund, Direction of Trade Statistics (DOTS), annual, 1960–2020.",
};

const PRIORITY = 20;

const UNITS: Record<string, number> = {
  "US Dollars, Millions": 1e6,
  "US Dollars, Billions": 1e9,
  "US Dollars": 1,
};

interface ParsedSheet {
  flow: TradeFlow;
  reporterLabel: string;
  rows: {
    label: string;
    line: number;
    values: { year: number; value: number; estimate: boolean; col: number }[];
  }[];
}

function columnName(c: number): string {
  let s = "";
  for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? "" : String(cell).trim();
}

function firstText(cells: Cell[] | undefined): string {
  for (const cell of cells ?? []) {
    const t = text(cell);
    if (t) return t;
  }
  return "";
}

/** Parses one sheet; `file` and the sheet name make every error point at a cell. */
export function parseDotsSheet(sheet: Sheet, file: string): ParsedSheet {
  const where = (r: number, c?: number) => `${sheet.name}!${c ? columnName(c) : ""}${r}`;
  let flow: TradeFlow | undefined;
  let unitRow = -1;
  let multiplier = 0;
  for (let r = 1; r <= Math.min(12, sheet.rows.length - 1); r++) {
    const first = firstText(sheet.rows[r]);
    if (!flow && /^Exports, FOB/i.test(first)) flow = "exports";
    else if (!flow && /^Imports, CIF/i.test(first)) flow = "imports";
    if (first in UNITS) {
      unitRow = r;
      multiplier = UNITS[first];
      break;
    }
  }
  if (!flow) {
    throw new SourceError(
      file,
      sheet.name,
      'no title "Exports, FOB ..." or "Imports, CIF ..." in the first rows',
      "This is not an IMF DOTS sheet as published; check the file.",
    );
  }
  if (unitRow < 0) {
    throw new SourceError(
      file,
      sheet.name,
      'no unit row ("US Dollars, Millions") in the first rows',
      "The workbook's layout is not the IMF's; check the file.",
    );
  }
  const reporterLabel = firstText(sheet.rows[unitRow - 1]);
  if (!reporterLabel)
    throw new SourceError(file, where(unitRow - 1), "no reporter name above the unit row", "Check the file.");

  let headerRow = -1;
  const years = new Map<number, number>();
  for (let r = unitRow + 1; r <= Math.min(unitRow + 5, sheet.rows.length - 1); r++) {
    const cells = sheet.rows[r] ?? [];
    for (let c = 1; c < cells.length; c++) {
      const t = text(cells[c]);
      if (/^(19|20)\d\d$/.test(t)) years.set(c, Number(t));
    }
    if (years.size) {
      headerRow = r;
      break;
    }
  }
  if (headerRow < 0)
    throw new SourceError(file, sheet.name, "no header row of years below the unit row", "Check the file.");
  const labelCol = Math.min(...years.keys()) - 1;

  const rows: ParsedSheet["rows"] = [];
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells) continue;
    const label = text(cells[labelCol]);
    const values: ParsedSheet["rows"][number]["values"] = [];
    for (const [c, year] of years) {
      const cell = cells[c];
      if (cell === null || cell === undefined || cell === "") continue;
      let value: number;
      let estimate = false;
      if (typeof cell === "number") value = cell;
      else {
        // Estimates are text such as "1,032.13 e": thousands commas, then the flag.
        const m = /^\s*(-?[0-9][0-9,]*\.?[0-9]*|-?\.[0-9]+)(?:[eE]([-+]?\d+))?\s*(e)?\s*$/.exec(cell);
        if (!m) {
          throw new SourceError(
            file,
            where(r, c),
            `"${cell}" is not a number`,
            'IMF cells hold a number, optionally followed by "e" for an estimate.',
          );
        }
        value = Number(m[1].replace(/,/g, "")) * (m[2] ? 10 ** Number(m[2]) : 1);
        estimate = m[3] === "e";
      }
      if (!Number.isFinite(value))
        throw new SourceError(file, where(r, c), `"${cell}" is not a finite number`, "Check the file.");
      values.push({ year, value: value * multiplier, estimate, col: c });
    }
    if (!label) {
      if (values.length)
        throw new SourceError(
          file,
          where(r, labelCol),
          "a row has values but no partner name",
          "Check the file.",
        );
      continue;
    }
    rows.push({ label, line: r, values });
  }
  return { flow, reporterLabel, rows };
}

async function listWorkbooks(path: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch {
    throw new SourceError(
      path,
      undefined,
      "no such file or folder",
      "Give the folder of IMF DOTS workbooks, e.g. ../shared/data/imf-dots.",
    );
  }
  if (info.isFile()) return [path];
  const files = (await readdir(path)).filter((f) => f.toLowerCase().endsWith(".xlsx")).sort();
  if (!files.length)
    throw new SourceError(
      path,
      undefined,
      "no .xlsx workbooks in this folder",
      "Give the folder of IMF DOTS workbooks.",
    );
  return files.map((f) => join(path, f));
}

export interface DotsIngestReport extends IngestResult {
  files: number;
  reporters: number;
  years: [number, number] | null;
  seconds: number;
  skipped: { label: string; where: string[] }[];
  /** Rows that repeat another row of the same sheet exactly, dropped. */
  repeats: number;
}

/** Reads every workbook into trade rows, or throws before anything is stored. */
export async function readImfDots(
  path: string,
  options: IngestOptions = {},
): Promise<{ rows: TradeRow[]; files: string[]; unknown: UnknownLabels }> {
  const files = await listWorkbooks(path);
  const unknown = new UnknownLabels();
  const rows: TradeRow[] = [];
  let done = 0;
  for (const file of files) {
    const name = basename(file);
    const sheets = await readWorkbook(file);
    const parsed = sheets.map((s) => parseDotsSheet(s, file));
    if (!parsed.length)
      throw new SourceError(file, undefined, "the workbook has no sheets", "Check the file.");
    for (const sheet of parsed) {
      const reporter = registry.tryResolve(sheet.reporterLabel);
      if (!reporter) {
        unknown.add(sheet.reporterLabel, `${name} (reporter)`);
        continue;
      }
      for (const row of sheet.rows) {
        const partner = registry.tryResolve(row.label);
        if (!partner) {
          unknown.add(row.label, `${name}:${sheets[parsed.indexOf(sheet)].name}!B${row.line}`);
          continue;
        }
        for (const v of row.values) {
          rows.push({
            dataset: "imf-dots",
            source: "imf-dots",
            priority: PRIORITY,
            reporter: reporter.code,
            partner: partner.code,
            year: v.year,
            flow: sheet.flow,
            valueUsd: v.value,
            estimate: v.estimate,
            publisher: IMF_DOTS.publisher,
            file: name,
            sheet: sheets[parsed.indexOf(sheet)].name,
            line: row.line,
            note: null,
          });
        }
      }
    }
    done++;
    options.onProgress?.(done, files.length, name);
  }
  if (unknown.size && !options.skipUnknown) throw new UnknownLabelsError("imf-dots", unknown.seen);
  return { rows, files, unknown };
}

export async function ingestImfDots(
  store: Store,
  path: string,
  options: IngestOptions = {},
): Promise<DotsIngestReport> {
  const started = performance.now();
  const read = await readImfDots(path, options);
  const { files, unknown } = read;
  const { rows, repeats, conflict } = dedupe(read.rows);
  if (conflict) {
    const [a, b] = conflict;
    throw new SourceError(
      `${b.file}`,
      `${b.sheet}!row ${b.line}`,
      `${b.reporter}'s ${b.flow} with ${b.partner} in ${b.year} appear twice with different values (also ${a.file} ${a.sheet} row ${a.line})`,
      "Two workbooks or rows give the same flow differently; remove the duplicate file or row.",
    );
  }
  const result = await store.replaceDataset({
    dataset: "imf-dots",
    source: "imf-dots",
    path,
    files: files.length,
    publisher: IMF_DOTS.publisher,
    licence: IMF_DOTS.licence,
    citation: IMF_DOTS.citation,
    version: "DOTS annual, to 2020 (workbooks as downloaded from the IMF)",
    report: { skipped: unknown.list(), identicalRepeatsDropped: repeats },
    tables: [{ def: TRADE_TABLE, rows: rows.map(tradeRowValues) }],
    derive: tradeDerive("all"),
  });
  const reporters = new Set(rows.map((r) => r.reporter)).size;
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    if (r.year < minYear) minYear = r.year;
    if (r.year > maxYear) maxYear = r.year;
  }
  return {
    ...result,
    files: files.length,
    reporters,
    years: rows.length ? [minYear, maxYear] : null,
    seconds: (performance.now() - started) / 1000,
    skipped: unknown.list(),
    repeats,
  };
}
