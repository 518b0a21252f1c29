// The tidy trade CSV: dyad's own format for trade figures from anywhere else (a customs press release, a
// statistics office table, a user's spreadsheet): reporter,partner,year,flow,value_usd,source,note.
// Each file is its own dataset, so re-ingesting a file replaces exactly its rows.
import { basename, relative } from "node:path";
import { registry } from "../countries/index.ts";
import { parseDecimal } from "../store/checks.ts";
import type { IngestResult, Store } from "../store/index.ts";
import { TIDY_TRADE } from "./citations.ts";
import { headerIndex, parseCsv, readText } from "./csv.ts";
import { listInputFiles } from "./files.ts";
import {
  affectedReporters,
  dedupe,
  TRADE_TABLE,
  type TradeFlow,
  type TradeRow,
  tradeDerive,
  tradeRowValues,
} from "./trade/rows.ts";
import { type IngestOptions, SourceError, UnknownLabels, UnknownLabelsError } from "./types.ts";

const COLUMNS = ["reporter", "partner", "year", "flow", "value_usd", "source"] as const;
const FLOWS = new Set<TradeFlow>(["exports", "imports", "turnover"]);

/**
 * Which series wins when several give the same flow: the reporter's own customs or statistics office first,
 * then the IMF's (20), UN Comtrade (30), and figures that others estimate for non-reporters last.
 */
export function priorityOf(sourceText: string): number {
  if (/unctad|estimate/i.test(sourceText)) return 40;
  if (/comtrade/i.test(sourceText)) return 30;
  if (/customs|GACC|FCS|statistic|national|ministry|bureau/i.test(sourceText)) return 10;
  return 25;
}

export function listTidyFiles(path: string): Promise<string[]> {
  return listInputFiles(
    path,
    /\.csv(\.gz)?$/i,
    ".csv or .csv.gz files",
    "Give a tidy trade CSV (.csv or .csv.gz) or a folder of them.",
  );
}

export function tidyDatasetName(file: string): string {
  return `tidy-trade:${basename(file)}`;
}

/** Parses and validates one file completely; throws SourceError naming file and line on the first bad row. */
export async function readTidyTrade(file: string, unknown: UnknownLabels): Promise<TradeRow[]> {
  const records = parseCsv(readText(file), file, 1, { skipBlank: true });
  if (!records.length)
    throw new SourceError(
      file,
      1,
      "the file is empty",
      "A tidy trade CSV starts with the header reporter,partner,year,flow,value_usd,source,note.",
    );
  const col = headerIndex(records[0].fields, COLUMNS, file, records[0].line, ["note"]);
  const width = records[0].fields.length;
  const name = basename(file);
  const dataset = tidyDatasetName(file);
  const rows: TradeRow[] = [];
  for (const { line, fields } of records.slice(1)) {
    if (fields.length !== width) {
      throw new SourceError(
        file,
        line,
        `${fields.length} fields where the header has ${width}`,
        "Quote fields that contain commas; a short last line means the file is truncated.",
      );
    }
    const get = (c: string) => (fields[col[c]] ?? "").trim();
    const yearText = get("year");
    if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1900 || Number(yearText) > 2100) {
      throw new SourceError(
        file,
        line,
        `year "${yearText}" is not a year between 1900 and 2100`,
        "Write the year as four digits, e.g. 2024.",
      );
    }
    const flow = get("flow") as TradeFlow;
    if (!FLOWS.has(flow)) {
      throw new SourceError(
        file,
        line,
        `flow "${get("flow")}" is not exports, imports or turnover`,
        "Use one of exports, imports, turnover.",
      );
    }
    const valueText = get("value_usd");
    const value = parseDecimal(valueText);
    if (value === undefined) {
      throw new SourceError(
        file,
        line,
        `value_usd "${valueText.slice(0, 40)}" is not a finite number in decimal notation`,
        "Write plain US dollars without separators, e.g. 244810000000.",
      );
    }
    if (value < 0) {
      throw new SourceError(
        file,
        line,
        `value_usd ${valueText} is negative`,
        "Trade flows are not negative; a deficit is a balance, which dyad computes from exports and imports.",
      );
    }
    const reporter = registry.tryResolve(get("reporter"));
    const partner = registry.tryResolve(get("partner"));
    if (!reporter) unknown.add(get("reporter"), `${name}:${line} (reporter)`);
    if (!partner) unknown.add(get("partner"), `${name}:${line} (partner)`);
    if (!reporter || !partner) continue;
    const sourceText = get("source");
    rows.push({
      dataset,
      source: "tidy-trade",
      priority: priorityOf(sourceText),
      reporter: reporter.code,
      partner: partner.code,
      year: Number(yearText),
      flow,
      valueUsd: value,
      // The format has no estimate column; a row whose source or note says the figures are estimated is
      // flagged, which for UNCTAD's matrix flags every row, reported or estimated alike (docs/SOURCES.md).
      estimate: /estimat/i.test(`${sourceText} ${col.note === undefined ? "" : get("note")}`),
      publisher: sourceText || "unnamed source",
      file: name,
      sheet: null,
      line,
      note: col.note === undefined ? null : get("note") || null,
    });
  }
  return rows;
}

export interface TidyIngestReport {
  datasets: IngestResult[];
  files: number;
  rows: number;
  reporters: number;
  years: [number, number] | null;
  seconds: number;
  skipped: { label: string; where: string[] }[];
}

/** Ingests one file or every file of a folder; all files are validated before any is stored. */
export async function ingestTidyTrade(
  store: Store,
  path: string,
  options: IngestOptions = {},
): Promise<TidyIngestReport> {
  const started = performance.now();
  const files = await listTidyFiles(path);
  const unknown = new UnknownLabels();
  const perFile: { file: string; rows: TradeRow[] }[] = [];
  let done = 0;
  for (const file of files) {
    const rows = await readTidyTrade(file, unknown);
    const { rows: unique, conflict } = dedupe(rows);
    if (conflict) {
      const [a, b] = conflict;
      throw new SourceError(
        file,
        b.line ?? undefined,
        `${b.reporter} ${b.flow} with ${b.partner} in ${b.year} is given twice (also line ${a.line}) with different values`,
        "Keep one row per reporter, partner, year and flow.",
      );
    }
    perFile.push({ file, rows: unique });
    options.onProgress?.(++done, files.length, basename(file));
  }
  if (unknown.size && !options.skipUnknown) throw new UnknownLabelsError("tidy-trade", unknown.seen);
  const derive = tradeDerive(
    await affectedReporters(
      store,
      perFile.map((p) => tidyDatasetName(p.file)),
      perFile.flatMap((p) => p.rows.map((r) => r.reporter)),
    ),
  );
  const datasets = await store.replaceDatasets(
    perFile.map(({ file, rows }) => ({
      dataset: tidyDatasetName(file),
      source: "tidy-trade",
      path: relative(process.cwd(), file) || file,
      files: 1,
      publisher: [...new Set(rows.map((r) => r.publisher))].join("; "),
      licence: TIDY_TRADE.licence,
      citation: [...new Set(rows.map((r) => r.publisher))].join("; "),
      report: unknown.size ? { skipped: unknown.list() } : undefined,
      tables: [{ def: TRADE_TABLE, rows: rows.map(tradeRowValues) }],
      derive,
    })),
  );
  const all = perFile.flatMap((p) => p.rows);
  const years = all.map((r) => r.year);
  return {
    datasets,
    files: files.length,
    rows: all.length,
    reporters: new Set(all.map((r) => r.reporter)).size,
    years: years.length ? [Math.min(...years), Math.max(...years)] : null,
    seconds: (performance.now() - started) / 1000,
    skipped: unknown.list(),
  };
}
