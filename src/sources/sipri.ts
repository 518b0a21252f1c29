// SIPRI Arms Transfers Database, trade-register CSV export: preamble lines, then one row per delivery
// year of a deal. TIV in millions. A `?` marks uncertain data; names ending in `*` are non-state actors
// and `**` international organisations, which SIPRI lists beside states.
import { basename } from "node:path";
import { ARMS_TRANSFERS_TABLE } from "../store/arms-schema.ts";
import { parseDecimal, Repeats, ruleBreak, YEAR_RULE } from "../store/checks.ts";
import type { DatasetBatch } from "../store/index.ts";
import { SIPRI_INFO } from "./citations.ts";
import { checkWidth, parseCsv, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";

const HEADER_START = "SIPRI AT Database ID";
const COLUMNS = [
  HEADER_START,
  "Supplier",
  "Recipient",
  "Designation",
  "Description",
  "Armament category",
  "Order date",
  "Order date is estimate",
  "Numbers delivered",
  "Numbers delivered is estimate",
  "Delivery year",
  "Delivery year is estimate",
  "Status",
  "SIPRI estimate",
  "TIV deal unit",
  "TIV delivery values",
  "Local production",
] as const;

export async function readSipri(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const text = readText(path);
  const lines = text.split("\n");
  const headerAt = lines.findIndex((l) => l.startsWith(HEADER_START));
  if (headerAt < 0) {
    throw new SourceError(
      path,
      undefined,
      `no header line starting with "${HEADER_START}" was found`,
      "Export the trade register from https://armstransfers.sipri.org as CSV and pass that file unchanged.",
    );
  }
  const generated = lines.slice(0, headerAt).find((l) => l.startsWith("Data generated:"));
  const records = parseCsv(lines.slice(headerAt).join("\n"), path, headerAt + 1);
  const col = requireColumns(
    records[0].fields,
    COLUMNS,
    path,
    headerAt + 1,
    "a SIPRI trade-register CSV export",
  );
  const width = records[0].fields.length;
  const labels = new LabelResolver();
  const repeats = new Repeats();
  const rows: (string | number | boolean | null)[][] = [];

  const party = (label: string, where: string): [string | null, string] | undefined => {
    const trimmed = label.trim();
    if (trimmed.endsWith("**")) return [null, "organisation"];
    if (trimmed.endsWith("*")) return [null, "non-state"];
    const entity = labels.resolve(trimmed, where);
    return entity ? [entity.code, entity.kind] : undefined;
  };

  for (const rec of records.slice(1)) {
    if (rec.fields.length === 1 && rec.fields[0].trim() === "") continue;
    checkWidth(rec, width, path);
    const f = rec.fields;
    let uncertain = false;
    const cell = (name: (typeof COLUMNS)[number]) => {
      const raw = f[col[name]].trim();
      if (raw.includes("?")) {
        uncertain = true;
        return raw.replace(/\?/g, "").trim();
      }
      return raw;
    };
    const number = (name: (typeof COLUMNS)[number]): number | null => {
      const raw = cell(name);
      if (raw === "") return null;
      const v = parseDecimal(raw);
      if (v === undefined) {
        throw new SourceError(
          path,
          rec.line,
          `column "${name}" holds "${f[col[name]].slice(0, 40)}", not a finite number in decimal notation`,
          "Check the file.",
        );
      }
      return v;
    };
    const yesNo = (name: (typeof COLUMNS)[number]): boolean | null => {
      const raw = cell(name);
      return raw === "" ? null : raw === "Yes";
    };
    const where = `${basename(path)}:${rec.line}`;
    const supplier = party(cell("Supplier"), where);
    const recipient = party(cell("Recipient"), where);
    const year = number("Delivery year");
    if (year === null || ruleBreak(year, YEAR_RULE)) {
      throw new SourceError(
        path,
        rec.line,
        `the delivery year "${f[col["Delivery year"]]}" is not a year between ${YEAR_RULE.min} and ${YEAR_RULE.max}`,
        "Check the file.",
      );
    }
    const orderYear = number("Order date");
    if (orderYear !== null && ruleBreak(orderYear, YEAR_RULE)) {
      throw new SourceError(
        path,
        rec.line,
        `the order date "${f[col["Order date"]]}" is not a year between ${YEAR_RULE.min} and ${YEAR_RULE.max}`,
        "Check the file.",
      );
    }
    const deal = number(HEADER_START);
    if (!supplier || !recipient) continue;
    const row = [
      "sipri",
      deal,
      supplier[0],
      cell("Supplier"),
      supplier[1],
      recipient[0],
      cell("Recipient"),
      recipient[1],
      cell("Designation") || null,
      cell("Description") || null,
      cell("Armament category") || null,
      number("Order date"),
      yesNo("Order date is estimate"),
      number("Numbers delivered"),
      yesNo("Numbers delivered is estimate"),
      year,
      yesNo("Delivery year is estimate"),
      cell("Status") || null,
      number("SIPRI estimate"),
      number("TIV deal unit"),
      number("TIV delivery values"),
      yesNo("Local production"),
      uncertain,
    ];
    // A deal delivers once per year in the register: the same deal and year twice would double a delivery.
    const values = JSON.stringify(row);
    const seen = repeats.see(deal === null ? values : `${deal}|${year}`, values, rec.line);
    if (seen === "drop") continue;
    if (seen !== "keep") {
      throw new SourceError(
        path,
        rec.line,
        `deal ${deal} has a second row for deliveries in ${year} with other values (first on line ${seen.conflictWith})`,
        "Two rows give the same delivery differently; remove the wrong one and ingest again.",
      );
    }
    rows.push([...row, rec.line]);
  }
  if (!rows.length && !labels.unknown.size) {
    throw new SourceError(
      path,
      headerAt + 2,
      "the trade register has a header but no deliveries",
      "Export it again.",
    );
  }
  const report = { ...labels.finish("sipri", options), identicalRepeatsDropped: repeats.dropped };
  return {
    ...recordOf(SIPRI_INFO),
    path,
    files: 1,
    version: generated?.replace(/,+\s*$/, "").trim() ?? basename(path),
    report,
    tables: [{ def: ARMS_TRANSFERS_TABLE, rows }],
  };
}

export const ingestSipri = ingestWith(readSipri);
