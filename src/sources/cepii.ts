// CEPII GeoDist dist_cepii: one row per ordered pair of 224 countries, with contiguity, common language,
// colonial ties and four distances in km (Mayer & Zignago 2011); `.` = missing (a Stata export). Time-invariant.
import { basename } from "node:path";
import { Repeats } from "../store/checks.ts";
import { GEO_DYADS_TABLE } from "../store/geo-schema.ts";
import type { DatasetBatch } from "../store/index.ts";
import { CEPII_INFO } from "./citations.ts";
import { checkWidth, parseCsv, parseNumber, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";

const COLUMNS = [
  "iso_o",
  "iso_d",
  "contig",
  "comlang_off",
  "comlang_ethno",
  "colony",
  "comcol",
  "curcol",
  "col45",
  "smctry",
  "dist",
  "distcap",
  "distw",
  "distwces",
] as const;

const DUMMIES = COLUMNS.slice(2, 10);
const DISTANCES = COLUMNS.slice(10);

// GeoDist's codes that are not today's ISO 3166 alpha-3 (the file dates from 2006).
const CEPII_CODES: Record<string, string> = {
  ROM: "ROU",
  ZAR: "COD",
  TMP: "TLS",
  PAL: "PSE",
  // GeoDist's YUG is Serbia and Montenegro, as it stood in 2006.
  YUG: "SCG",
};

export async function readCepii(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const records = parseCsv(readText(path), path);
  if (!records.length) throw new SourceError(path, 1, "the file is empty", "Download it again.");
  const col = requireColumns(records[0].fields, COLUMNS, path, 1, "CEPII's dist_cepii file (GeoDist)");
  const width = records[0].fields.length;
  const labels = new LabelResolver();
  const repeats = new Repeats();
  const rows: (string | number | null)[][] = [];
  const warnings: string[] = [];
  for (const rec of records.slice(1)) {
    if (rec.fields.length === 1 && rec.fields[0] === "") continue;
    checkWidth(rec, width, path);
    const f = rec.fields;
    const where = `${basename(path)}:${rec.line}`;
    if (!f[col.iso_o].trim() || !f[col.iso_d].trim()) {
      // One row of the published file (ZAF to an empty code, line 49384) cannot be attributed to a pair.
      warnings.push(
        `${where}: the pair "${f[col.iso_o]}"–"${f[col.iso_d]}" lacks a country code; row left out`,
      );
      continue;
    }
    const code = (raw: string) => labels.resolve(CEPII_CODES[raw] ?? raw, where)?.code;
    const a = code(f[col.iso_o]);
    const b = code(f[col.iso_d]);
    const num = (name: (typeof COLUMNS)[number]) => parseNumber(f[col[name]], ["."], path, rec.line, name);
    // The published file has a stray country code in one 0/1 column (curcol of ROU–BOL, line 37884): such a
    // cell is read as missing and listed in the report rather than stopping the whole ingest.
    const dummy = (name: (typeof COLUMNS)[number]) => {
      const raw = f[col[name]].trim();
      if (raw === "0" || raw === "1") return Number(raw);
      if (raw !== ".") warnings.push(`${where}: ${name} holds "${raw}", not 0 or 1; read as missing`);
      return null;
    };
    const values = [...DUMMIES.map(dummy), ...DISTANCES.map(num)];
    if (!a || !b) continue;
    const seen = repeats.see(`${a}|${b}`, JSON.stringify(values), rec.line);
    if (seen === "drop") continue;
    if (seen !== "keep") {
      throw new SourceError(
        path,
        rec.line,
        `the pair ${a}–${b} has a second row with other values (first on line ${seen.conflictWith})`,
        "Two rows give the same pair differently (or two codes name one country); remove the wrong row.",
      );
    }
    rows.push(["cepii", a, b, ...values, rec.line]);
  }
  const report = { ...labels.finish("cepii", options), warnings, identicalRepeatsDropped: repeats.dropped };
  return {
    ...recordOf(CEPII_INFO),
    path,
    files: 1,
    version: basename(path),
    report,
    tables: [{ def: GEO_DYADS_TABLE, rows }],
  };
}

export const ingestCepii = ingestWith(readCepii);
