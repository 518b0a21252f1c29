// Energy Institute, Statistical Review of World Energy (all-data workbook): the bilateral matrices of one
// year — pipeline gas and LNG (bcm), crude oil and oil products (Mt), coal (EJ). Each sheet states its own
// orientation with "From"/"To" markers; that is read, never assumed. Region rows and columns ("Europe",
// "Other CIS", …) are EI's groupings, kept as regions with no registry code; "Total …" is the World.
import { basename } from "node:path";
import ExcelJS from "exceljs";
import type { DatasetBatch, IngestResult, Store } from "../store/index.ts";
import type { TableDef } from "../store/schema.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, SourceError, type SourceInfo } from "./types.ts";

export const EI_INFO: SourceInfo = {
  name: "ei-energy",
  publisher: "Energy Institute, Statistical Review of World Energy",
  licence: "free use with attribution",
  citation:
    "Energy Institute, Statistical Review of World Energy 2023 (72nd edition), https://www.energyinst.org/statistical-review",
};

export const ENERGY_TRADE_TABLE: TableDef = {
  name: "energy_trade",
  columns: [
    ["dataset", "VARCHAR"],
    // pipeline_gas | lng | oil_crude | oil_products | coal
    ["fuel", "VARCHAR"],
    ["unit", "VARCHAR"],
    ["year", "SMALLINT"],
    // Registry code (WLD for EI's "Total" rows and columns); null for EI regions, which keep their label.
    ["exporter", "VARCHAR"],
    ["exporter_label", "VARCHAR"],
    // country | aggregate | historical | region
    ["exporter_kind", "VARCHAR"],
    ["importer", "VARCHAR"],
    ["importer_label", "VARCHAR"],
    ["importer_kind", "VARCHAR"],
    ["value", "DOUBLE"],
    ["sheet", "VARCHAR"],
    ["cell", "VARCHAR"],
  ],
};

interface SheetSpec {
  sheet: string;
  /** Fuel of each block, keyed by a pattern of the block's label cell; one block unless the sheet has more. */
  blocks: { label: RegExp; fuel: string; unit: string; unitText: RegExp }[];
}

export const EI_SHEETS: SheetSpec[] = [
  {
    sheet: "Gas - Trade movts - pipeline",
    blocks: [{ label: /.*/, fuel: "pipeline_gas", unit: "bcm", unitText: /^Billion cubic metres$/ }],
  },
  {
    sheet: "Gas - Trade movts LNG",
    blocks: [{ label: /.*/, fuel: "lng", unit: "bcm", unitText: /^Billion cubic metres$/ }],
  },
  {
    sheet: "Oil - Inter-area movements",
    blocks: [
      { label: /^Crude\b/, fuel: "oil_crude", unit: "Mt", unitText: /^Crude \(million tonnes\)$/ },
      { label: /^Product\b/, fuel: "oil_products", unit: "Mt", unitText: /^Product \(million tonnes\)$/ },
    ],
  },
  {
    sheet: "Coal - Inter area movts",
    blocks: [{ label: /.*/, fuel: "coal", unit: "EJ", unitText: /^Exajoules$/ }],
  },
];

// EI's regional groupings as they appear in these sheets. Labels beginning "Other " or "Rest of " are
// residual groups by construction and need no listing.
const EI_REGIONS = new Set([
  "North America",
  "S. & Cent. America",
  "Europe",
  "EU",
  "CIS",
  "Middle East",
  "Africa",
  "North Africa",
  "West Africa",
  "East & S. Africa",
  "Middle East & Africa",
  "Asia Pacific",
  "Australasia",
]);

type Cell = string | number | null;

// exceljs row values are 1-based: index 1 is column A, where EI puts titles and row labels.
const LABEL = 1;

function cellValue(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "string") return v;
  if (typeof v === "object") {
    const o = v as { result?: unknown; richText?: { text: string }[]; text?: string };
    if (o.result !== undefined) return cellValue(o.result);
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (typeof o.text === "string") return o.text;
  }
  return String(v);
}

const text = (c: Cell) => (typeof c === "string" ? c.replace(/\s+/g, " ").trim() : "");

function colLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * Reads the named sheets' cells. exceljs's streaming reader is fast on the 80-odd-sheet workbook but needs
 * workbook.xml before the sheets in the zip, as Excel writes it; other writers' files take the full reader.
 */
async function readSheets(path: string, names: Set<string>): Promise<Map<string, Map<number, Cell[]>>> {
  try {
    return await streamSheets(path, names);
  } catch {
    try {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path);
      const out = new Map<string, Map<number, Cell[]>>();
      for (const ws of wb.worksheets) {
        if (!names.has(ws.name)) continue;
        const rows = new Map<number, Cell[]>();
        ws.eachRow((row, n) => rows.set(n, (row.values as unknown[]).map(cellValue)));
        out.set(ws.name, rows);
      }
      return out;
    } catch (err) {
      throw new SourceError(
        path,
        undefined,
        `the workbook cannot be read (${(err as Error).message})`,
        "The file looks damaged or truncated; download the all-data workbook again from the Energy Institute.",
      );
    }
  }
}

async function streamSheets(path: string, names: Set<string>): Promise<Map<string, Map<number, Cell[]>>> {
  const out = new Map<string, Map<number, Cell[]>>();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: "cache",
    worksheets: "emit",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "emit",
  });
  // exceljs's stream types lack `name` on the emitted worksheet reader; it is there at runtime.
  for await (const ws of reader as AsyncIterable<AsyncIterable<ExcelJS.Row> & { name?: string }>) {
    const name = ws.name ?? "";
    const rows = new Map<number, Cell[]>();
    for await (const row of ws) {
      if (!names.has(name)) continue;
      rows.set(row.number, (row.values as unknown[]).map(cellValue));
    }
    if (names.has(name)) out.set(name, rows);
  }
  return out;
}

interface Party {
  code: string | null;
  label: string;
  kind: string;
}

export async function readEiEnergy(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const sheets = await readSheets(path, new Set(EI_SHEETS.map((s) => s.sheet)));
  const labels = new LabelResolver();
  const rows: (string | number | null)[][] = [];
  const regions = new Set<string>();

  const party = (label: string, where: string): Party | undefined => {
    if (/^Total( imports| exports)?$/.test(label)) return { code: "WLD", label, kind: "aggregate" };
    const clean = label.replace(/\*+$/, "").trim();
    const entity = labels.peek(clean);
    if (entity && entity.kind === "country") return { code: entity.code, label, kind: entity.kind };
    if (EI_REGIONS.has(clean) || /^(Other|Rest of) /.test(clean) || entity) {
      regions.add(label);
      return { code: null, label, kind: "region" };
    }
    labels.resolve(clean, where);
    return undefined;
  };

  for (const spec of EI_SHEETS) {
    const sheet = sheets.get(spec.sheet);
    const at = (r: number, c?: number) => `${spec.sheet}!${colLetter(c ?? LABEL)}${r}`;
    if (!sheet) {
      throw new SourceError(
        path,
        spec.sheet,
        `the sheet "${spec.sheet}" is missing`,
        "Pass the Statistical Review's all-data workbook (e.g. ei-statistical-review-2023-all-data.xlsx) unchanged.",
      );
    }
    const numbers = [...sheet.keys()].sort((a, b) => a - b);
    const title = text(sheet.get(numbers[0])?.[LABEL] ?? null);
    const year = Number(/\b(19|20)\d{2}\b/.exec(title)?.[0]);
    if (!year)
      throw new SourceError(path, at(numbers[0]), `the title "${title}" names no year`, "Check the sheet.");

    // The header row ends in a total column; markers are cells reading exactly "From" or "To".
    const headerRow = numbers.find((r) =>
      (sheet.get(r) ?? []).some((c, i) => i > LABEL && /^Total( imports| exports)?$/.test(text(c))),
    );
    if (headerRow === undefined) {
      throw new SourceError(
        path,
        spec.sheet,
        'no header row ending in a "Total" column',
        "The sheet's layout changed; check it.",
      );
    }
    const header = sheet.get(headerRow)!;
    const lastCol = header.length - 1;
    const markers = numbers.flatMap((r) =>
      (sheet.get(r) ?? []).flatMap((c, i) => (/^(From|To)$/.test(text(c)) ? [{ r, i, word: text(c) }] : [])),
    );
    const colMarker = markers.find((m) => m.i > LABEL && m.r < headerRow);
    const rowMarker = markers.find((m) => m.i === LABEL);
    if (!colMarker) {
      throw new SourceError(
        path,
        spec.sheet,
        'the sheet does not say whether its columns are "From" (exporters) or "To" (importers)',
        "The orientation must be stated in the sheet; check that this is the Energy Institute's workbook unchanged.",
      );
    }
    const columnsAre = colMarker.word === "From" ? "exporter" : "importer";
    if (rowMarker && rowMarker.word === colMarker.word) {
      throw new SourceError(
        path,
        at(rowMarker.r),
        `rows and columns are both marked "${rowMarker.word}"`,
        "Check the sheet.",
      );
    }
    // Column labels may be split over two rows ("Trinidad & " / " Tobago"), unless the row above is the marker's.
    const above = sheet.get(headerRow - 1) ?? [];
    const fragmentsAbove = colMarker.r !== headerRow - 1;
    const columns: (Party | undefined)[] = [];
    for (let c = LABEL + 1; c <= lastCol; c++) {
      const label = `${fragmentsAbove ? text(above[c] ?? null) : ""} ${text(header[c] ?? null)}`
        .replace(/\s+/g, " ")
        .trim();
      if (!label) throw new SourceError(path, at(headerRow, c), "a column has no label", "Check the sheet.");
      columns[c] = party(label, at(headerRow, c));
    }

    let block = spec.blocks.length === 1 ? spec.blocks[0] : undefined;
    const firstLabel = text(header[LABEL] ?? null);
    const unitCell = [text(sheet.get(headerRow - 1)?.[LABEL] ?? null), firstLabel].find(
      (t) => t && !/^(To|From)$/.test(t),
    );
    if (spec.blocks.length > 1) block = spec.blocks.find((b) => b.label.test(firstLabel));
    let blockUnit =
      block && spec.blocks.length === 1
        ? [unitCell ?? "", text(sheet.get(headerRow - 2)?.[LABEL] ?? null)]
        : [firstLabel];
    let cellsInBlock = 0;
    for (const r of numbers.filter((n) => n > headerRow)) {
      const row = sheet.get(r) ?? [];
      const label = text(row[LABEL] ?? null);
      const values = row.slice(LABEL + 1, lastCol + 1);
      const hasNumbers = values.some((v) => typeof v === "number");
      if (!label || /^(From|To)$/.test(label)) continue;
      if (!hasNumbers) {
        const next = spec.blocks.find((b) => b.label.test(label) && b !== block && spec.blocks.length > 1);
        if (next) {
          block = next;
          blockUnit = [label];
          continue;
        }
        // Notes and sources follow the last total row.
        if (cellsInBlock) break;
        continue;
      }
      if (!block)
        throw new SourceError(
          path,
          at(r),
          `a data row "${label}" outside any known block`,
          "Check the sheet.",
        );
      if (!blockUnit.some((u) => block!.unitText.test(u))) {
        throw new SourceError(
          path,
          at(r),
          `the unit stated in the sheet (${blockUnit.filter(Boolean).join(" / ")}) is not ${block.unit}`,
          "The sheet's layout or unit changed; check it before reading it as this fuel.",
        );
      }
      const rowParty = party(label, at(r));
      for (let c = LABEL + 1; c <= lastCol; c++) {
        const colParty = columns[c];
        if (!rowParty || !colParty) continue;
        const v = row[c] ?? null;
        let value: number | null;
        if (typeof v === "number") value = v;
        else if (v === null || /^(n\/a|-|)$/.test(text(v))) value = null;
        else throw new SourceError(path, at(r, c), `the cell holds "${v}", not a number`, "Check the sheet.");
        if (value === null) continue;
        const [exporter, importer] = columnsAre === "exporter" ? [colParty, rowParty] : [rowParty, colParty];
        rows.push([
          "ei-energy",
          block.fuel,
          block.unit,
          year,
          exporter.code,
          exporter.label,
          exporter.kind,
          importer.code,
          importer.label,
          importer.kind,
          value,
          spec.sheet,
          `${colLetter(c)}${r}`,
        ]);
        cellsInBlock++;
      }
    }
    if (!cellsInBlock)
      throw new SourceError(path, spec.sheet, "the sheet has no data rows", "The file looks truncated.");
  }
  const report = { ...labels.finish("ei-energy", options), regions: [...regions].sort() };
  return {
    dataset: "ei-energy",
    source: "ei-energy",
    path,
    files: 1,
    version: basename(path),
    publisher: EI_INFO.publisher,
    licence: EI_INFO.licence,
    citation: EI_INFO.citation,
    report,
    tables: [{ def: ENERGY_TRADE_TABLE, rows }],
  };
}

export async function ingestEiEnergy(
  store: Store,
  path: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  return store.replaceDataset(await readEiEnergy(path, options));
}
