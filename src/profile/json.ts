// The profile as JSON to send: provenance by reference. Inline, every value of trade.series repeats its
// provenance in full — publisher, citation, version, ingestedAt on every figure — so a profile's JSON is
// 95 % repetition (DEU–FRA: 3.15 MB, of which trade.series 3.06 MB) and its encoding and gzip cost more
// than building it. By reference, each dataset's fields are written once, each cell's (reporter, side,
// flow, year, value, file, sheet, line, estimate, note…) once, and each value lists its cells by index.
// Nothing is lost: `expandProfile` gives back the inline profile, value for value and field for field.
import type { IndicatorValue, Provenance } from "../indicators/types.ts";
import type { Profile, Series } from "./profile.ts";

/** The provenance fields that belong to a dataset as a whole, not to one cell of it. */
export const DATASET_FIELDS = [
  "source",
  "dataset",
  "publisher",
  "version",
  "retrieved",
  "ingestedAt",
  "citation",
] as const;
type DatasetField = (typeof DATASET_FIELDS)[number];

/** A dataset's own fields, as each of its cells would repeat them inline. */
export type ProvenanceDataset = Pick<Provenance, DatasetField>;

/** One cell a value rests on: its own fields, and `dataset`, its index in `provenance.datasets`. */
export type ProvenanceCell = Omit<Provenance, DatasetField> & { dataset: number };

/** A value of a series without what its series already says (indicator, a, b, unit), its provenance by cell index. */
export type CompactValue = Omit<IndicatorValue, "indicator" | "a" | "b" | "unit" | "provenance"> &
  Partial<Pick<IndicatorValue, "indicator" | "a" | "b" | "unit">> & {
    /** Indices into `provenance.cells`. */
    provenance: number[];
  };

export interface CompactSeries extends Omit<Series, "values"> {
  values: CompactValue[];
}

/** What compaction changes in a profile: the series' values refer to the provenance tables beside them. */
export interface CompactParts {
  trade: { table: Profile["trade"]["table"]; series: CompactSeries[] };
  provenance: { datasets: ProvenanceDataset[]; cells: ProvenanceCell[] };
}

/** A profile, or a part of one with its trade (the dossier's, without sections), compacted. */
export type Compacted<P extends Pick<Profile, "trade">> = Omit<P, "trade"> & CompactParts;

/** The profile with provenance by reference: what GET /api/v1/profile and `dyad profile --json` send by default. */
export interface CompactProfile extends Omit<Profile, "trade">, CompactParts {}

/** How a profile's provenance is written: by reference (the default) or repeated on every value. */
export const PROVENANCE_FORMS = ["reference", "inline"] as const;
export type ProvenanceForm = (typeof PROVENANCE_FORMS)[number];

const SERIES_FIELDS = ["indicator", "a", "b", "unit"] as const;

/** The provenance fields of one cell; with DATASET_FIELDS, every field a Provenance has (checked below). */
const CELL_FIELDS = [
  "reporter",
  "side",
  "flow",
  "year",
  "value",
  "file",
  "sheet",
  "line",
  "estimate",
  "thirdParty",
  "note",
  "why",
] as const;
// A field added to Provenance must be placed in one of the two lists, or compaction would drop it.
type Unplaced = Exclude<keyof Provenance, DatasetField | (typeof CELL_FIELDS)[number]>;
const everyFieldPlaced: [Unplaced] extends [never] ? true : Unplaced = true;
void everyFieldPlaced;

/** `x` and `y` agree on `fields` as JSON sees them (undefined and absent alike); the values are primitives. */
function agree<K extends string>(
  x: Partial<Record<K, unknown>>,
  y: Partial<Record<K, unknown>>,
  fields: readonly K[],
): boolean {
  for (const k of fields) if (x[k] !== y[k]) return false;
  return true;
}

/** The provenance tables of a compact profile as they fill: `of` gives a provenance's cell index, adding it if new. */
export interface CellIndex {
  of(p: Provenance): number;
  readonly datasets: ProvenanceDataset[];
  readonly cells: ProvenanceCell[];
}

/** Empty provenance tables: each dataset's and each cell's fields kept once, in the order first asked for. */
export function cellIndex(): CellIndex {
  const datasets: ProvenanceDataset[] = [];
  const cells: ProvenanceCell[] = [];
  // Candidates by a cheap key (a dataset's name, a cell's value), then compared field by field: exact,
  // without encoding each object to a string key.
  const datasetsByName = new Map<string, number[]>();
  const cellsByValue = new Map<unknown, number[]>();
  // Values share their provenance objects (a growth rests on the same cells as the flows), so most
  // lookups are by identity; equal objects made separately still become one cell, by their content.
  const byObject = new Map<Provenance, number>();

  // Records of one shape, fields named (not spread, not looped over): cheap to make and to encode. An
  // undefined field is in the object but not in its JSON, as in the inline form's.
  const datasetOf = (p: Provenance): number => {
    const candidates = datasetsByName.get(p.dataset);
    if (candidates) {
      for (const i of candidates) if (agree(p, datasets[i], DATASET_FIELDS)) return i;
    }
    const d = {
      source: p.source,
      dataset: p.dataset,
      publisher: p.publisher,
      version: p.version,
      retrieved: p.retrieved,
      ingestedAt: p.ingestedAt,
      citation: p.citation,
    } satisfies Record<DatasetField, unknown>;
    const i = datasets.push(d) - 1;
    if (candidates) candidates.push(i);
    else datasetsByName.set(p.dataset, [i]);
    return i;
  };
  const of = (p: Provenance): number => {
    const known = byObject.get(p);
    if (known !== undefined) return known;
    const dataset = datasetOf(p);
    const bucket = p.value ?? p.year;
    const candidates = cellsByValue.get(bucket);
    let i = candidates?.find((c) => cells[c].dataset === dataset && agree(p, cells[c], CELL_FIELDS));
    if (i === undefined) {
      const cell = {
        dataset,
        reporter: p.reporter,
        side: p.side,
        flow: p.flow,
        year: p.year,
        value: p.value,
        file: p.file,
        sheet: p.sheet,
        line: p.line,
        estimate: p.estimate,
        thirdParty: p.thirdParty,
        note: p.note,
        why: p.why,
      } satisfies Record<(typeof CELL_FIELDS)[number], unknown> & { dataset: number };
      i = cells.push(cell) - 1;
      if (candidates) candidates.push(i);
      else cellsByValue.set(bucket, [i]);
    }
    byObject.set(p, i);
    return i;
  };
  return { of, datasets, cells };
}

/** A series with its values compact, their provenance as indices given by `cellOf` (cellIndex's `of`). */
export function compactSeries(s: Series, cellOf: (p: Provenance) => number): CompactSeries {
  return {
    ...s,
    values: s.values.map((v) => {
      const out: CompactValue = { year: v.year, value: v.value, provenance: v.provenance.map(cellOf) };
      if (v.reason !== undefined) out.reason = v.reason;
      if (v.caveat !== undefined) out.caveat = v.caveat;
      if (v.detail !== undefined) out.detail = v.detail;
      // A value says its indicator, pair and unit only where they differ from its series' (they never do
      // today; the form stays exact if they ever do).
      if (v.indicator !== s.indicator) out.indicator = v.indicator;
      if (v.a !== s.a) out.a = v.a;
      if (v.b !== s.b) out.b = v.b;
      if (v.unit !== s.unit) out.unit = v.unit;
      return out;
    }),
  };
}

/** The profile with each dataset's and each cell's provenance written once, values referring to cells. */
export function compactProfile<P extends Pick<Profile, "trade">>(profile: P): Compacted<P> {
  const { of, datasets, cells } = cellIndex();
  const series = profile.trade.series.map((s) => compactSeries(s, of));
  return { ...profile, trade: { table: profile.trade.table, series }, provenance: { datasets, cells } };
}

function isCompact<P extends Pick<Profile, "trade">>(p: P | Compacted<P>): p is Compacted<P> {
  const prov = (p as Partial<CompactParts>).provenance;
  return !!prov && Array.isArray(prov.datasets) && Array.isArray(prov.cells);
}

/**
 * The inline profile back from the compact one (an inline profile is returned as it is): every value with
 * its indicator, pair, unit and full provenance, as `buildProfile` made it.
 */
export function expandProfile(profile: CompactProfile | Profile): Profile;
/** The same for a part of a profile with its trade (the dossier's profile, without sections): name `P`. */
export function expandProfile<P extends Pick<Profile, "trade">>(profile: Compacted<P> | P): P;
export function expandProfile<P extends Pick<Profile, "trade">>(profile: Compacted<P> | P): P {
  if (!isCompact(profile)) return profile;
  const { provenance: tables, trade, ...rest } = profile;
  const cells: Provenance[] = tables.cells.map((c, i) => {
    const { dataset, ...own } = c;
    const d = tables.datasets[dataset];
    if (!d)
      throw new Error(
        `provenance.cells[${i}] refers to dataset ${dataset}, which is not in provenance.datasets`,
      );
    return { ...d, ...own } as Provenance;
  });
  const series: Series[] = trade.series.map((s) => ({
    ...s,
    values: s.values.map((v): IndicatorValue => {
      const value = { ...v } as Record<string, unknown>;
      for (const k of SERIES_FIELDS) if (value[k] === undefined) value[k] = s[k];
      value.provenance = v.provenance.map((i) => {
        const cell = cells[i];
        if (!cell)
          throw new Error(
            `a value of ${s.indicator} (${s.a}, ${v.year}) refers to cell ${i}, which is not in provenance.cells`,
          );
        return cell;
      });
      return value as unknown as IndicatorValue;
    }),
  }));
  // `rest` is P without its trade (and without the provenance tables compaction added): P again.
  return { ...rest, trade: { table: trade.table, series } } as unknown as P;
}

/** The profile as its JSON answer: by reference unless `form` is "inline". */
export function profileJson(profile: Profile, form: ProvenanceForm = "reference"): Profile | CompactProfile {
  return form === "inline" ? profile : compactProfile(profile);
}
