// Statistical Review of World Energy (bp to the 2022 edition, the Energy Institute from 2023), the all-data
// workbook, in as many editions as the folder holds. Each edition has the bilateral matrices of one year —
// pipeline gas and LNG (bcm), crude oil and oil products (Mt), coal (EJ; Mtoe in the 2019 edition,
// converted) — and regional time series (gas trade by region from 2000, oil imports and exports by region
// from 1980). Sheet names change between
// editions, so sheets are found by the title in their first cell; each matrix states its own orientation
// with "From"/"To" markers, which is read, never assumed. Region rows and columns ("Europe", "Other CIS", …)
// are the publisher's groupings, kept as regions with no registry code; "Total …" is the World. Where two
// editions give the same year, both are kept and the newer answers (ENERGY_TRADE_LATEST in the indicators).
import { basename } from "node:path";
import { ENERGY_REGIONAL_TABLE, ENERGY_TRADE_TABLE } from "../store/energy-schema.ts";
import type { DatasetBatch, IngestResult, SqlValue, Store } from "../store/index.ts";
import { EI_INFO } from "./citations.ts";
import { listInputFiles } from "./files.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, SourceError } from "./types.ts";
import { type Cell, readWorkbook } from "./xlsx.ts";

interface Unit {
  text: RegExp;
  /** The stored unit is the block's; a value in this unit is multiplied by factor. */
  factor: number;
  name?: string;
}

interface SheetSpec {
  /** The sheet's title (first cell); its group is the matrix's year. */
  title: RegExp;
  /** Fuel of each block, keyed by a pattern of the block's label cell; one block unless the sheet has more. */
  blocks: { label: RegExp; fuel: string; unit: string; units: Unit[] }[];
}

// bp's conversion: 1 tonne of oil equivalent = 41.868 GJ, so 1 Mtoe = 0.041868 EJ.
const MTOE_TO_EJ = 0.041868;

export const EI_SHEETS: SheetSpec[] = [
  {
    title: /^Natural Gas: Trade movements ((?:19|20)\d{2}) by pipeline\b/i,
    blocks: [
      {
        label: /.*/,
        fuel: "pipeline_gas",
        unit: "bcm",
        units: [{ text: /^Billion cubic metres$/, factor: 1 }],
      },
    ],
  },
  {
    title: /^Natural Gas: Trade movements ((?:19|20)\d{2}) as liquefied natural gas\b/i,
    blocks: [
      { label: /.*/, fuel: "lng", unit: "bcm", units: [{ text: /^Billion cubic metres$/, factor: 1 }] },
    ],
  },
  {
    title: /^Oil: Inter-area movements ((?:19|20)\d{2})\b/i,
    blocks: [
      {
        label: /^Crude\b/,
        fuel: "oil_crude",
        unit: "Mt",
        units: [{ text: /^Crude \(million tonnes\)$/, factor: 1 }],
      },
      {
        label: /^Product\b/,
        fuel: "oil_products",
        unit: "Mt",
        units: [{ text: /^Product \(million tonnes\)$/, factor: 1 }],
      },
    ],
  },
  {
    title: /^Coal: Inter-area movements ((?:19|20)\d{2})\b/i,
    blocks: [
      {
        label: /.*/,
        fuel: "coal",
        unit: "EJ",
        units: [
          { text: /^Exajoules$/, factor: 1 },
          { text: /^Million tonnes oil equivalent$/, factor: MTOE_TO_EJ, name: "Mtoe" },
        ],
      },
    ],
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

// Row values are 1-based: index 1 is column A, where the publisher puts titles and row labels.
const LABEL = 1;

const text = (c: Cell | undefined) => (typeof c === "string" ? c.replace(/\s+/g, " ").trim() : "");

function colLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

type SheetRows = Map<number, Cell[]>;

function titleOf(rows: SheetRows): string {
  for (const r of [...rows.keys()].sort((x, y) => x - y)) {
    const t = text(rows.get(r)?.[LABEL]);
    if (t) return t;
  }
  return "";
}

interface Party {
  code: string | null;
  label: string;
  kind: string;
}

interface Edition {
  year: number;
  title: string;
  file: string;
}

/** The edition a workbook is: its Contents sheet says "information presented in the 2023 …" and whose review. */
function editionOf(path: string, sheets: Map<string, SheetRows>): Edition {
  const contents = sheets.get("Contents");
  const lines = contents ? [...contents.values()].map((r) => text(r[LABEL])).filter(Boolean) : [];
  const year = Number(
    lines.map((l) => /information presented in the ((?:19|20)\d{2})\b/i.exec(l)?.[1]).find(Boolean),
  );
  const publisher = lines.find((l) => /Statistical Review of World Energy/i.test(l)) ?? "";
  if (!year || !publisher) {
    throw new SourceError(
      path,
      "Contents",
      'the Contents sheet does not say which edition this is ("… information presented in the 2023 …")',
      "Pass the Statistical Review's all-data workbook unchanged.",
    );
  }
  const who = /Energy Institute/i.test(publisher) ? "Energy Institute" : "bp";
  return { year, title: `${who} Statistical Review of World Energy ${year}`, file: basename(path) };
}

async function readSheets(path: string): Promise<Map<string, SheetRows>> {
  const out = new Map<string, SheetRows>();
  for (const sheet of await readWorkbook(path)) {
    const rows: SheetRows = new Map();
    sheet.rows.forEach((row, r) => {
      if (row) rows.set(r, row);
    });
    out.set(sheet.name, rows);
  }
  return out;
}

export async function readEiEnergy(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const files = await listInputFiles(
    path,
    /^(?!~\$).*\.xlsx$/i,
    "Statistical Review all-data workbooks (.xlsx)",
    "Put the Statistical Review's all-data workbooks there.",
  );
  const labels = new LabelResolver();
  const rows: SqlValue[][] = [];
  const regional: SqlValue[][] = [];
  const regions = new Set<string>();
  const editions: Edition[] = [];
  for (const [i, file] of files.entries()) {
    options.onProgress?.(i, files.length, file);
    const sheets = await readSheets(file);
    const edition = editionOf(file, sheets);
    const twin = editions.find((e) => e.year === edition.year);
    if (twin) {
      throw new SourceError(
        file,
        "Contents",
        `a second copy of the ${edition.title} (the first is ${twin.file})`,
        "Keep one workbook per edition in the folder.",
      );
    }
    editions.push(edition);
    readMatrices(file, sheets, edition, labels, regions, rows);
    readRegionalGas(file, sheets, edition, labels, regional);
    readRegionalOil(file, sheets, edition, labels, regional);
  }
  options.onProgress?.(files.length, files.length, "");
  const report = {
    editions: editions.map((e) => e.title),
    ...labels.finish("ei-energy", options),
    regions: [...regions].sort(),
  };
  return {
    dataset: "ei-energy",
    source: "ei-energy",
    path,
    files: files.length,
    version: editions.map((e) => e.title).join("; "),
    publisher: EI_INFO.publisher,
    licence: EI_INFO.licence,
    citation: EI_INFO.citation,
    report,
    tables: [
      { def: ENERGY_TRADE_TABLE, rows },
      { def: ENERGY_REGIONAL_TABLE, rows: regional },
    ],
  };
}

/** A label in a matrix or series: a country, the World ("Total …"), or one of the publisher's regions. */
function partyResolver(labels: LabelResolver, regions: Set<string>) {
  return (label: string, where: string): Party | undefined => {
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
}

function readMatrices(
  path: string,
  sheets: Map<string, SheetRows>,
  edition: Edition,
  labels: LabelResolver,
  regions: Set<string>,
  rows: SqlValue[][],
): void {
  const party = partyResolver(labels, regions);
  for (const spec of EI_SHEETS) {
    const found = [...sheets].filter(([, rows]) => spec.title.test(titleOf(rows)));
    if (found.length !== 1) {
      throw new SourceError(
        path,
        undefined,
        found.length
          ? `${found.length} sheets carry the title ${spec.title.source} (${found.map(([n]) => n).join(", ")})`
          : `no sheet's title matches ${spec.title.source}`,
        "Pass the Statistical Review's all-data workbook unchanged; its bilateral trade sheets are found by their titles.",
      );
    }
    const [sheetName, sheet] = found[0];
    const at = (r: number, c?: number) => `${sheetName}!${colLetter(c ?? LABEL)}${r}`;
    const numbers = [...sheet.keys()].sort((a, b) => a - b);
    const year = Number(spec.title.exec(titleOf(sheet))?.[1]);

    // The header row ends in a total column; markers are cells reading exactly "From" or "To".
    const headerRow = numbers.find((r) =>
      (sheet.get(r) ?? []).some((c, i) => i > LABEL && /^Total( imports| exports)?$/.test(text(c))),
    );
    if (headerRow === undefined) {
      throw new SourceError(
        path,
        sheetName,
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
        sheetName,
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
      const current = block;
      const unit = current.units.find((u) => blockUnit.some((t) => u.text.test(t)));
      if (!unit) {
        throw new SourceError(
          path,
          at(r),
          `the unit stated in the sheet (${blockUnit.filter(Boolean).join(" / ")}) is not ${current.unit}`,
          "The sheet's layout or unit changed; check it before reading it as this fuel.",
        );
      }
      const rowParty = party(label, at(r));
      for (let c = LABEL + 1; c <= lastCol; c++) {
        const colParty = columns[c];
        if (!rowParty || !colParty) continue;
        const v = row[c] ?? null;
        let value: number | null;
        if (typeof v === "number") value = v * unit.factor;
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
          sheetName,
          `${colLetter(c)}${r}`,
          edition.year,
          edition.title,
          edition.file,
          unit.factor === 1 ? null : (unit.name ?? null),
        ]);
        cellsInBlock++;
      }
    }
    if (!cellsInBlock)
      throw new SourceError(path, sheetName, "the sheet has no data rows", "The file looks truncated.");
  }
}

const GAS_FLOWS: [RegExp, string][] = [
  [/^Pipeline imports$/, "pipeline_imports"],
  [/^LNG imports\*?$/, "lng_imports"],
  [/^Total imports$/, "total_imports"],
  [/^Pipeline exports$/, "pipeline_exports"],
  [/^LNG exports\*?$/, "lng_exports"],
  [/^Total exports$/, "total_exports"],
  // The World block: trade between regions.
  [/^Inter-regional pipeline trade$/, "pipeline_trade"],
  [/^LNG trade$/, "lng_trade"],
  [/^Total trade$/, "total_trade"],
];

/**
 * "Natural gas: Inter-regional trade": a block per region or country (a label row), its import and export
 * rows, and under "Pipeline imports"/"Pipeline exports" indented "of which: X" rows naming the origin or
 * destination, continued by further indented rows. Years are the header's numeric cells (2000 …); the
 * growth and share columns after them are left out.
 */
function readRegionalGas(
  path: string,
  sheets: Map<string, SheetRows>,
  edition: Edition,
  labels: LabelResolver,
  out: SqlValue[][],
): void {
  const found = [...sheets].find(([, rows]) => /^Natural gas: Inter-regional trade$/i.test(titleOf(rows)));
  if (!found) {
    throw new SourceError(
      path,
      undefined,
      'no sheet titled "Natural gas: Inter-regional trade"',
      "Pass the Statistical Review's all-data workbook unchanged.",
    );
  }
  const [sheetName, sheet] = found;
  const at = (r: number, c?: number) => `${sheetName}!${colLetter(c ?? LABEL)}${r}`;
  const numbers = [...sheet.keys()].sort((a, b) => a - b);
  const headerRow = numbers.find((r) => text(sheet.get(r)?.[LABEL]) === "Billion cubic metres");
  if (headerRow === undefined) {
    throw new SourceError(
      path,
      sheetName,
      'no header row starting "Billion cubic metres"',
      "The sheet's layout or unit changed; check it.",
    );
  }
  const years = yearRun(sheet.get(headerRow) ?? []);
  if (years.length < 2) {
    throw new SourceError(path, at(headerRow), "the header has no run of years", "Check the sheet.");
  }
  const resolveEntity = (label: string) => {
    const entity = labels.peek(label.replace(/\*+$/, "").trim());
    if (entity?.code === "WLD") return { code: "WLD", kind: "aggregate" };
    if (entity?.kind === "country") return { code: entity.code, kind: "country" };
    return { code: null, kind: "region" };
  };
  let entity: { code: string | null; label: string; kind: string } | undefined;
  let flow: string | undefined;
  for (const r of numbers.filter((n) => n > headerRow)) {
    const row = sheet.get(r) ?? [];
    const raw = typeof row[LABEL] === "string" ? (row[LABEL] as string) : "";
    const label = text(raw);
    if (!label) continue;
    const hasNumbers = years.some(([c]) => typeof row[c] === "number");
    if (!hasNumbers) {
      // Notes and sources follow the data: a long sentence, not a name.
      if (/^(Source|Note|\*|†|Growth)/i.test(label) || label.length > 60) {
        if (entity) break;
        continue;
      }
      const e = resolveEntity(label);
      entity = { ...e, label };
      flow = undefined;
      continue;
    }
    if (!entity) continue;
    const direct = GAS_FLOWS.find(([re]) => re.test(label));
    let partnerLabel: string | null = null;
    if (direct) flow = direct[1];
    else {
      const ofWhich = /^of which:\s*(.+)$/i.exec(label);
      partnerLabel = ofWhich ? ofWhich[1].trim() : label;
      // An indented row without "of which" continues the list under the last pipeline row.
      if (!flow || !/^pipeline_/.test(flow) || (!ofWhich && !/^\s/.test(raw))) {
        throw new SourceError(
          path,
          at(r),
          `a row "${label}" that is neither an import or export row nor an "of which" row under one`,
          "The sheet's layout changed; check it.",
        );
      }
    }
    const partner = partnerLabel ? resolveEntity(partnerLabel) : undefined;
    for (const [c, year] of years) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === "string" && /^(-|n\/a|)$/.test(text(v)))) continue;
      if (typeof v !== "number") {
        throw new SourceError(path, at(r, c), `the cell holds "${v}", not a number`, "Check the sheet.");
      }
      out.push([
        "ei-energy",
        "gas",
        "bcm",
        entity.code,
        entity.label,
        entity.kind,
        flow ?? null,
        partner?.code ?? null,
        partnerLabel,
        year,
        v,
        edition.year,
        edition.title,
        edition.file,
        sheetName,
        `${colLetter(c)}${r}`,
      ]);
    }
  }
}

/** The run of year columns in a series' header (1980 …), stopping where the growth and share columns begin. */
function yearRun(header: Cell[]): [number, number][] {
  const years: [number, number][] = [];
  for (let c = LABEL + 1; c < header.length; c++) {
    const y = header[c];
    if (typeof y === "number" && Number.isInteger(y) && y >= 1960 && y <= 2100) {
      if (years.length && y <= years[years.length - 1][1]) break;
      years.push([c, y]);
    } else if (years.length) break;
  }
  return years;
}

/**
 * "Oil: Trade movements" (thousand barrels daily, from 1980): an "Imports" block and an "Exports" block, one
 * row per region or country the publisher shows by itself (China, India, Japan, the US, Russia, Saudi Arabia,
 * Canada, Mexico; the rest are regions), each with its inter-regional imports or exports — no origin or
 * destination. Which block a row is in is read from the block's label row, never from the row's position.
 * Labels carry footnote digits ("Europe1", "North Africa3"), which are not part of the name.
 */
function readRegionalOil(
  path: string,
  sheets: Map<string, SheetRows>,
  edition: Edition,
  labels: LabelResolver,
  out: SqlValue[][],
): void {
  const found = [...sheets].filter(([, rows]) => /^Oil: Trade movements$/i.test(titleOf(rows)));
  if (found.length !== 1) {
    throw new SourceError(
      path,
      undefined,
      found.length
        ? `${found.length} sheets are titled "Oil: Trade movements" (${found.map(([n]) => n).join(", ")})`
        : 'no sheet titled "Oil: Trade movements"',
      "Pass the Statistical Review's all-data workbook unchanged.",
    );
  }
  const [sheetName, sheet] = found[0];
  const at = (r: number, c?: number) => `${sheetName}!${colLetter(c ?? LABEL)}${r}`;
  const numbers = [...sheet.keys()].sort((a, b) => a - b);
  const headerRow = numbers.find((r) => text(sheet.get(r)?.[LABEL]) === "Thousand barrels daily");
  if (headerRow === undefined) {
    throw new SourceError(
      path,
      sheetName,
      'no header row starting "Thousand barrels daily"',
      "The sheet's layout or unit changed; check it.",
    );
  }
  const years = yearRun(sheet.get(headerRow) ?? []);
  if (years.length < 2)
    throw new SourceError(path, at(headerRow), "the header has no run of years", "Check the sheet.");
  let flow: "imports" | "exports" | undefined;
  const blocks = new Set<string>();
  for (const r of numbers.filter((n) => n > headerRow)) {
    const row = sheet.get(r) ?? [];
    const label = text(row[LABEL]);
    if (!label) continue;
    if (/^(Imports|Exports)$/.test(label)) {
      flow = label === "Imports" ? "imports" : "exports";
      blocks.add(flow);
      continue;
    }
    const hasNumbers = years.some(([c]) => typeof row[c] === "number");
    if (!hasNumbers) {
      // Notes and sources follow the second block's World row.
      if (blocks.size === 2 || /^(Notes?|Source)\b/i.test(label)) break;
      continue;
    }
    if (!flow) {
      throw new SourceError(
        path,
        at(r),
        `a data row "${label}" before any "Imports" or "Exports" label row`,
        "The sheet's layout changed: its rows must say whether they are imports or exports.",
      );
    }
    const name = label
      .replace(/(?<=[\p{L})])\d+$/u, "")
      .replace(/\*+$/, "")
      .trim();
    const entity = labels.peek(name);
    const party = /^Total World$/.test(name)
      ? { code: "WLD", kind: "aggregate" }
      : entity?.kind === "country"
        ? { code: entity.code, kind: "country" }
        : { code: null, kind: "region" };
    for (const [c, year] of years) {
      const v = row[c];
      if (v === null || v === undefined || (typeof v === "string" && /^(-|n\/a|)$/.test(text(v)))) continue;
      if (typeof v !== "number") {
        throw new SourceError(path, at(r, c), `the cell holds "${v}", not a number`, "Check the sheet.");
      }
      out.push([
        "ei-energy",
        "oil",
        "kb/d",
        party.code,
        name,
        party.kind,
        flow,
        null,
        null,
        year,
        v,
        edition.year,
        edition.title,
        edition.file,
        sheetName,
        `${colLetter(c)}${r}`,
      ]);
    }
  }
  if (blocks.size !== 2) {
    throw new SourceError(
      path,
      sheetName,
      `the sheet has ${blocks.size ? `only an "${[...blocks][0] === "imports" ? "Imports" : "Exports"}" block` : 'no "Imports" or "Exports" label rows'}`,
      "The sheet's layout changed: it must have an Imports and an Exports block.",
    );
  }
}

export async function ingestEiEnergy(
  store: Store,
  path: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  const batch = await readEiEnergy(path, options);
  await addEditionColumns(store);
  return store.replaceDataset(batch);
}

/**
 * A store made before editions were read has energy_trade without the edition columns; they are added
 * (empty, at the end, as in ENERGY_TRADE_TABLE) so the new rows fit. Adding nullable columns changes no
 * row, so doing it before the ingest's transaction leaves the data as they were if the ingest then fails.
 */
async function addEditionColumns(store: Store): Promise<void> {
  if (!(await store.hasTable(ENERGY_TRADE_TABLE.name))) return;
  const have = new Set(
    (
      await store.query<{ column_name: string }>(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ?",
        [ENERGY_TRADE_TABLE.name],
      )
    ).map((c) => c.column_name),
  );
  for (const [name, type] of ENERGY_TRADE_TABLE.columns) {
    if (!have.has(name))
      await store.query(`ALTER TABLE ${ENERGY_TRADE_TABLE.name} ADD COLUMN ${name} ${type}`);
  }
}
