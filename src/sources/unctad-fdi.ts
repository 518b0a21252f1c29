// UNCTAD Bilateral FDI Statistics 2014, Table 1: FDI flows into one host economy by geographical origin,
// 2001–2012, one CSV per host named by its ISO3 code. The CSVs are R's `read.xls` of UNCTAD's workbooks:
// row 1 holds R's column names, then the sheet verbatim — a title, "(Millions of US dollars)", a header of
// years, "World", and an indented tree of regions and economies (the name stands in one of columns 2–6
// by its level). Numbers are written UNCTAD's way: thousands separated by a space ("15 444"), negatives as
// "- -62", "-- 120" or "--1 906" (and plain "-12" in a few tables), ".." not available, "-" zero or
// negligible. A few hosts' tables are built from the origin economies' reports ("Note: Data are based on
// information reported by the economies listed above"); those rows say so.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { registry } from "../countries/index.ts";
import type { DatasetBatch, SqlValue } from "../store/index.ts";
import { FDI_FLOWS_TABLE } from "../store/invest-schema.ts";
import { UNCTAD_FDI_INFO } from "./citations.ts";
import { parseCsv } from "./csv.ts";
import { listInputFiles } from "./files.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestListingSkipped, recordOf, SourceError } from "./types.ts";

/** A cell of a year column as a number of US dollars millions; null for "..", throws for anything else. */
export function parseUnctadNumber(raw: string): number | null | undefined {
  const s = raw.trim();
  if (s === "" || s === "NA") return undefined;
  if (s === "..") return null;
  if (s === "-") return 0;
  const m = /^(- ?-|-- ?|-)?\s*(\d{1,3}(?: \d{3})+|\d+)(\.\d+)?$/.exec(s);
  if (!m) return Number.NaN;
  const v = Number(`${m[2].replace(/ /g, "")}${m[3] ?? ""}`);
  return m[1] ? -v : v;
}

// Origins that are groupings by construction, whatever their level in the tree.
const GROUPING =
  /^(Unspecified|Other\b|Rest of\b|Offshore\b|.*\beconomies\b|.*\bcountries\b|World\b|International organizations$)/i;
// UNCTAD's regions, which some tables list without the economies under them.
const REGIONS = new Set([
  "Africa",
  "Asia",
  "Caribbean",
  "Central America",
  "East Asia",
  "Europe",
  "European Union",
  "Latin America and the Caribbean",
  "North Africa",
  "North America",
  "Oceania",
  "South America",
  "South Asia",
  "South-East Asia",
  "West Asia",
  "West Africa",
  "East Africa",
  "Central Africa",
  "Southern Africa",
  "Transition economies",
  "South-East Europe",
  "CIS",
]);

// UNCTAD names two tables by codes of its own rather than ISO3.
const UNCTAD_FILE_CODES: Record<string, string> = { HGK: "HKG", BIOT: "IOT" };

function decode(bytes: Buffer): string {
  // Most tables are UTF-8; some were written in Latin-1 (Côte d'Ivoire as 0xF4). Fatal decoding tells them apart.
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}

function readHost(file: string, labels: LabelResolver, out: SqlValue[][]): void {
  const code = basename(file, ".csv");
  const iso3 = UNCTAD_FILE_CODES[code] ?? code;
  const host = registry.tryResolve(iso3);
  if (!host || host.code !== iso3) {
    throw new SourceError(
      file,
      undefined,
      `the file name "${code}" is not an ISO3 code the registry knows`,
      "Name each table by its host economy's ISO3 code, as UNCTAD's files are (webdiaeia2014d3_<ISO3>.xls).",
    );
  }
  let text: string;
  try {
    text = decode(readFileSync(file));
  } catch (err) {
    throw new SourceError(file, undefined, `cannot read (${(err as Error).message})`, "Check the path.");
  }
  const records = parseCsv(text, file);
  if (!records.some((r) => r.fields.some((f) => /Millions of US dollars/i.test(f)))) {
    throw new SourceError(
      file,
      undefined,
      'no "(Millions of US dollars)" line: not an UNCTAD bilateral FDI table, or its unit changed',
      "Pass the tables as converted from UNCTAD's webdiaeia2014d3_<ISO3>.xls.",
    );
  }
  const byOrigins = records.some((r) =>
    r.fields.some((f) => /Data are based on information reported by the economies listed/i.test(f)),
  );
  let yearCols: Map<number, number> | undefined;
  const levels: { label: string; level: number; line: number; values: [number, string, number | null][] }[] =
    [];
  for (const rec of records) {
    const f = rec.fields;
    const years = new Map<number, number>();
    f.forEach((v, i) => {
      if (/^(19|20)\d{2}$/.test(v.trim()) && i > 1) years.set(i, Number(v));
    });
    // UNCTAD writes 4-digit amounts with a space ("2 010"), so a row of bare years is the header.
    if (years.size >= 2) {
      yearCols = years;
      continue;
    }
    if (!yearCols) continue;
    const first = Math.min(...yearCols.keys());
    let level = -1;
    let label = "";
    for (let i = 1; i < first; i++) {
      const v = (f[i] ?? "").trim();
      if (v && v !== "NA") {
        level = i;
        label = v.replace(/\s+/g, " ");
        break;
      }
    }
    if (
      !label ||
      /^(Table \d|Source:|Notes?:|\(Millions|Region \/ economy|Reporting economy|\.\.$)/i.test(label)
    )
      continue;
    const values: [number, string, number | null][] = [];
    for (const [col, year] of yearCols) {
      const raw = f[col] ?? "";
      const v = parseUnctadNumber(raw);
      if (v === undefined) continue;
      if (Number.isNaN(v)) {
        throw new SourceError(
          file,
          rec.line,
          `the ${year} column of "${label}" holds "${raw}", which is not a number in UNCTAD's notation`,
          'Expected digits with spaces between thousands, "- -62" or "--1 906" for negatives, ".." or "-".',
        );
      }
      values.push([year, raw.trim(), v]);
    }
    levels.push({ label, level, line: rec.line, values });
  }
  if (!yearCols) {
    throw new SourceError(
      file,
      undefined,
      "no header row of years (2001 … 2012)",
      "The table's layout changed, or the file is truncated; check it.",
    );
  }
  for (const [k, row] of levels.entries()) {
    // A row with deeper rows under it is a region or group; a leaf is an economy (or a residual group).
    const next = levels[k + 1];
    const isGroup = (next && next.level > row.level) || GROUPING.test(row.label) || REGIONS.has(row.label);
    let origin: { code: string | null; kind: string };
    if (/^World$/i.test(row.label)) origin = { code: "WLD", kind: "aggregate" };
    else if (isGroup) origin = { code: null, kind: "region" };
    else {
      const entity = labels.resolve(row.label, `${basename(file)}:${row.line}`);
      if (!entity) continue;
      origin =
        entity.kind === "aggregate"
          ? { code: null, kind: "region" }
          : { code: entity.code, kind: entity.kind };
    }
    for (const [year, raw, v] of row.values) {
      if (v === null) continue;
      out.push([
        "unctad-fdi",
        iso3,
        origin.code,
        row.label,
        origin.kind,
        row.level,
        year,
        v * 1e6,
        byOrigins ? "origins" : "host",
        basename(file),
        row.line,
        raw,
      ]);
    }
  }
}

export async function readUnctadFdi(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const files = await listInputFiles(
    path,
    /^[A-Z]{3,4}\.csv$/,
    "host tables named <ISO3>.csv",
    "Put UNCTAD's bilateral FDI tables there, one CSV per host economy.",
  );
  const labels = new LabelResolver();
  const rows: SqlValue[][] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    readHost(file, labels, rows);
  }
  options.onProgress?.(files.length, files.length, "");
  const report = {
    hosts: files.length,
    negative: rows.filter((r) => (r[7] as number) < 0).length,
    ...labels.finish("unctad-fdi", options),
  };
  return {
    ...recordOf(UNCTAD_FDI_INFO),
    path,
    files: files.length,
    version: "Bilateral FDI Statistics 2014",
    report,
    tables: [{ def: FDI_FLOWS_TABLE, rows }],
  };
}

export const ingestUnctadFdi = ingestListingSkipped(readUnctadFdi);
