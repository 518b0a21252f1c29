// IMF Direction of Trade Statistics: one workbook per reporting economy, as the IMF published them.
// Sheet "Exports, FOB to Partner Countries" and "Imports, CIF from Partner Countries"; title rows, the
// reporter's IMF name, the unit row, a header row of years, then one row per partner. Which sheet is which
// is read from its title, not its position; an empty cell is missing, not zero; "1.23 e" is an IMF estimate.
import { closeSync, openSync, rmSync, writeSync } from "node:fs";
import { basename, join } from "node:path";
import { registry } from "../countries/index.ts";
import type { IngestResult, Store } from "../store/index.ts";
import { IMF_DOTS } from "./citations.ts";
import { listInputFiles } from "./files.ts";
import { TRADE_TABLE, type TradeFlow, type TradeRow, tradeDerive } from "./trade/rows.ts";
import { type IngestOptions, recordOf, SourceError, UnknownLabels, UnknownLabelsError } from "./types.ts";
import { type Cell, readWorkbook, type Sheet } from "./xlsx.ts";

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
      // A huge cell can overflow only after the unit conversion (1e305 millions is not a number of dollars).
      if (!Number.isFinite(value * multiplier) || Math.abs(value * multiplier) > 1e15)
        throw new SourceError(
          file,
          where(r, c),
          `"${cell}" × ${multiplier} is ${value * multiplier} USD, beyond any trade flow`,
          "Check the cell and the sheet's unit row.",
        );
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

function listWorkbooks(path: string): Promise<string[]> {
  return listInputFiles(
    path,
    /\.xlsx$/i,
    "IMF DOTS workbooks (.xlsx)",
    "Give the folder of IMF DOTS workbooks, e.g. ../shared/data/imf-dots.",
  );
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

/** One value of a workbook, with the registry codes of reporter and partner and where it stands. */
export interface DotsValue
  extends Pick<TradeRow, "reporter" | "partner" | "year" | "flow" | "valueUsd" | "estimate"> {
  /** The workbook's index in the ingest's list of files. */
  file: number;
  sheet: string;
  line: number;
}

/**
 * Walks every workbook and hands each value to `emit`; unknown labels are collected, not emitted. Throws
 * on the first malformed workbook, before anything reaches the store.
 */
export async function walkImfDots(
  path: string,
  options: IngestOptions,
  emit: (v: DotsValue) => void,
): Promise<{ files: string[]; unknown: UnknownLabels; repeats: number }> {
  const files = await listWorkbooks(path);
  const unknown = new UnknownLabels();
  const repeats = { count: 0 };
  const codes = new Map<string, string | null>();
  const code = (label: string) => {
    let c = codes.get(label);
    if (c === undefined) {
      c = registry.tryResolve(label)?.code ?? null;
      codes.set(label, c);
    }
    return c;
  };
  for (let f = 0; f < files.length; f++) {
    const file = files[f];
    const name = basename(file);
    const sheets = await readWorkbook(file);
    if (!sheets.length)
      throw new SourceError(file, undefined, "the workbook has no sheets", "Check the file.");
    for (const sheet of sheets) {
      const parsed = parseDotsSheet(sheet, file);
      const reporter = code(parsed.reporterLabel);
      if (!reporter) {
        unknown.add(parsed.reporterLabel, `${name} (reporter)`);
        continue;
      }
      // Some workbooks list a partner twice in one sheet (above "World" and again in its region): an exact
      // repeat is dropped and counted, a repeat with another value stops the ingest naming both rows.
      const seen = new Map<string, { value: number; line: number }>();
      for (const row of parsed.rows) {
        const partner = code(row.label);
        if (!partner) {
          unknown.add(row.label, `${name}:${sheet.name}!B${row.line}`);
          continue;
        }
        for (const v of row.values) {
          const key = `${partner}|${v.year}`;
          const prev = seen.get(key);
          if (prev) {
            if (prev.value !== v.value) {
              throw new SourceError(
                file,
                `${sheet.name}!row ${row.line}`,
                `${reporter}'s ${parsed.flow} with ${partner} in ${v.year} appear twice with different values (also row ${prev.line})`,
                "Two rows give the same flow differently; remove the duplicate row.",
              );
            }
            repeats.count++;
            continue;
          }
          seen.set(key, { value: v.value, line: row.line });
          emit({
            reporter,
            partner,
            year: v.year,
            flow: parsed.flow,
            valueUsd: v.value,
            estimate: v.estimate,
            file: f,
            sheet: sheet.name,
            line: row.line,
          });
        }
      }
    }
    options.onProgress?.(f + 1, files.length, name);
  }
  if (unknown.size && !options.skipUnknown) throw new UnknownLabelsError("imf-dots", unknown.seen);
  return { files, unknown, repeats: repeats.count };
}

/** Reads every workbook into trade rows (for callers that want objects; the ingest streams instead). */
export async function readImfDots(
  path: string,
  options: IngestOptions = {},
): Promise<{ rows: TradeRow[]; files: string[]; unknown: UnknownLabels }> {
  const values: DotsValue[] = [];
  const { files, unknown } = await walkImfDots(path, options, (v) => values.push(v));
  // Exact repeats within a sheet are already dropped; across workbooks of one reporter they are not.
  const rows = values.map(
    (v): TradeRow => ({
      dataset: "imf-dots",
      source: "imf-dots",
      priority: PRIORITY,
      reporter: v.reporter,
      partner: v.partner,
      year: v.year,
      flow: v.flow,
      valueUsd: v.valueUsd,
      estimate: v.estimate,
      publisher: IMF_DOTS.publisher,
      file: basename(files[v.file]),
      sheet: v.sheet,
      line: v.line,
      note: v.valueUsd < 0 ? NEGATIVE_NOTE : null,
    }),
  );
  return { rows, files, unknown };
}

// The IMF publishes a few negative flows (13 cells, e.g. World's exports to Malaysia in 1960); they are kept
// as published and say so.
export const NEGATIVE_NOTE = "negative as published by the IMF";

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Ingests the folder of workbooks. The values stream into a staging CSV (a few columns, codes for file and
 * sheet); inside the store's transaction DuckDB loads it, finds a flow given twice with different values
 * (which stops the ingest, naming both rows), drops exact repeats, and inserts the rest sorted for lookups.
 */
export async function ingestImfDots(
  store: Store,
  path: string,
  options: IngestOptions = {},
): Promise<DotsIngestReport> {
  const started = performance.now();
  const staging = join(store.stagingDir(), `imf-dots-${process.pid}-${Date.now()}.csv`);
  const sheetIds = new Map<string, number>();
  const reporters = new Map<string, Set<number>>();
  let minYear = Number.POSITIVE_INFINITY;
  let maxYear = Number.NEGATIVE_INFINITY;
  let staged = 0;
  try {
    const fd = openSync(staging, "w");
    let buffer: string[] = [];
    const flush = () => {
      if (buffer.length) writeSync(fd, `${buffer.join("\n")}\n`);
      buffer = [];
    };
    let walked: { files: string[]; unknown: UnknownLabels; repeats: number };
    try {
      walked = await walkImfDots(path, options, (v) => {
        let sheet = sheetIds.get(v.sheet);
        if (sheet === undefined) {
          sheet = sheetIds.size;
          sheetIds.set(v.sheet, sheet);
        }
        let filesOf = reporters.get(v.reporter);
        if (!filesOf) {
          filesOf = new Set();
          reporters.set(v.reporter, filesOf);
        }
        filesOf.add(v.file);
        if (v.year < minYear) minYear = v.year;
        if (v.year > maxYear) maxYear = v.year;
        staged++;
        buffer.push(
          `${v.reporter},${v.partner},${v.year},${v.flow},${v.valueUsd},${v.estimate ? 1 : 0},${v.file},${sheet},${v.line}`,
        );
        if (buffer.length >= 50_000) flush();
      });
      flush();
    } finally {
      closeSync(fd);
    }
    const { files, unknown } = walked;
    // A reporter whose figures come in more than one workbook (Nicaragua: DOTS_143 and DOTS_144) may give a
    // flow twice across files; only those reporters' rows need the cross-file check.
    const multiFile = [...reporters].filter(([, f]) => f.size > 1).map(([r]) => sqlString(r));
    const multiList = multiFile.length ? multiFile.join(", ") : "NULL";
    const fileList = `[${files.map((f) => sqlString(basename(f))).join(", ")}]`;
    const sheetList = `[${[...sheetIds.keys()].map(sqlString).join(", ")}]`;
    let inserted = 0;
    // Filled in by the loader, before the store serialises it into the ingest record.
    const report: { skipped: ReturnType<UnknownLabels["list"]>; identicalRepeatsDropped?: number } = {
      skipped: unknown.list(),
    };
    if (!options.replaceAll && (await store.hasTable("trade_flows"))) {
      // One workbook must not silently wipe the other reporters: DOTS_174.xlsx alone would replace 2.58
      // million rows with 817.
      const held = await store.query<{ reporter: string }>(
        "SELECT DISTINCT reporter FROM trade_flows WHERE dataset = 'imf-dots' ORDER BY reporter",
      );
      const lost = held.map((r) => r.reporter).filter((r) => !reporters.has(r));
      if (lost.length) {
        throw new SourceError(
          path,
          undefined,
          `these ${files.length} workbook(s) cover ${reporters.size} reporter(s), but the store's IMF DOTS data also hold ${lost.length} other reporter(s) (${lost.slice(0, 5).join(", ")}${lost.length > 5 ? ", …" : ""}) that this ingest would delete`,
          "Ingest the whole folder of workbooks (e.g. dyad ingest imf-dots ../shared/data/imf-dots), or pass --replace-all to keep only these workbooks' reporters. The store is unchanged.",
        );
      }
    }
    const result = await store.replaceDataset({
      ...recordOf(IMF_DOTS),
      path,
      files: files.length,
      version: "DOTS annual, to 2020 (workbooks as downloaded from the IMF)",
      report,
      tables: [
        {
          def: TRADE_TABLE,
          async load(sql) {
            const stage = `read_csv(${sqlString(staging)}, header = false, columns = {
                 'reporter': 'VARCHAR', 'partner': 'VARCHAR', 'year': 'SMALLINT', 'flow': 'VARCHAR', 'value_usd': 'DOUBLE',
                 'estimate': 'BOOLEAN', 'file_id': 'INTEGER', 'sheet_id': 'INTEGER', 'line': 'INTEGER'})`;
            try {
              await sql.run(
                `CREATE OR REPLACE TEMP TABLE imf_dots_repeats AS
                 SELECT reporter, partner, year, flow, count(DISTINCT value_usd) AS values_given,
                        min(file_id * 1000000 + line) AS keep
                   FROM ${stage} WHERE reporter IN (${multiList})
                  GROUP BY reporter, partner, year, flow HAVING count(*) > 1`,
              );
              const [conflict] = await sql.query<Record<string, unknown>>(
                "SELECT * FROM imf_dots_repeats WHERE values_given > 1 LIMIT 1",
              );
              if (conflict) {
                // The two rows named are the first (by file, then line) and the first that gives another value:
                // two workbooks' rows can share a line number, so neither is found by its line alone.
                const rows = await sql.query<{ file_id: number; line: number; value_usd: number }>(
                  `SELECT file_id, line, value_usd FROM ${stage}
                    WHERE reporter = ${sqlString(String(conflict.reporter))} AND partner = ${sqlString(String(conflict.partner))}
                      AND year = ${Number(conflict.year)} AND flow = ${sqlString(String(conflict.flow))}
                    ORDER BY file_id, line`,
                );
                const first = rows[0];
                const other = rows.find((r) => r.value_usd !== first.value_usd) ?? rows[rows.length - 1];
                throw new SourceError(
                  basename(files[Number(other.file_id)]),
                  `row ${other.line}`,
                  `${conflict.reporter}'s ${conflict.flow} with ${conflict.partner} in ${conflict.year} appear twice with different values (also ${basename(files[Number(first.file_id)])} row ${first.line})`,
                  "Two workbooks give the same flow differently; remove the duplicate file.",
                );
              }
              // Sorted by reporter and partner, so DuckDB's zone maps let a dyad's lookup skip the row groups
              // of every other reporter.
              await sql.run(
                `INSERT INTO trade_flows
                 SELECT 'imf-dots', 'imf-dots', ${PRIORITY}, s.reporter, s.partner, s.year, s.flow, s.value_usd, s.estimate,
                        ${sqlString(IMF_DOTS.publisher)}, (${fileList})[s.file_id + 1], (${sheetList})[s.sheet_id + 1], s.line,
                        CASE WHEN s.value_usd < 0 THEN ${sqlString(NEGATIVE_NOTE)} END
                   FROM ${stage} s
                   LEFT JOIN imf_dots_repeats r USING (reporter, partner, year, flow)
                  WHERE r.keep IS NULL OR r.keep = s.file_id * 1000000 + s.line
                  ORDER BY s.reporter, s.partner, s.year`,
              );
              const [{ n }] = await sql.query<{ n: bigint }>(
                "SELECT count(*) AS n FROM trade_flows WHERE dataset = 'imf-dots'",
              );
              inserted = Number(n);
              report.identicalRepeatsDropped = walked.repeats + staged - inserted;
            } finally {
              await sql.run("DROP TABLE IF EXISTS imf_dots_repeats");
            }
            return inserted;
          },
        },
      ],
      derive: tradeDerive("all"),
    });
    const repeats = walked.repeats + staged - inserted;
    return {
      ...result,
      files: files.length,
      reporters: reporters.size,
      years: staged ? [minYear, maxYear] : null,
      seconds: (performance.now() - started) / 1000,
      skipped: unknown.list(),
      repeats,
    };
  } finally {
    rmSync(staging, { force: true });
  }
}
