// Energy trade between two countries from the Statistical Review's bilateral matrices, one year per edition
// (2018–2023 with the six editions in the data folder). The relation reads ENERGY_TRADE_LATEST — the newest
// edition's cells where two editions give the same year — so values, profile and panel agree on the edition.
import { EI_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { ENERGY_RELATION, ENERGY_TRADE_LATEST, FUELS, type Fuel } from "../store/relations/energy.ts";
import { notIngested } from "./ingest-provenance.ts";
import type { ExtraTable } from "./relation-memory.ts";
import { type IndicatorValue, nullValue, type Provenance } from "./types.ts";
import {
  type EnergyListing,
  type SourcedIndicator,
  storeValueSource,
  type ValueSource,
} from "./value-source.ts";

export { ENERGY_RELATION, ENERGY_TRADE_LATEST, FUELS, type Fuel };

/**
 * The regional gas series with, for each row and year, only the newest edition's figure. Rows are matched
 * by registry code where there is one: the editions spell Russia "Russia" and "Russian Federation".
 */
export const ENERGY_REGIONAL_LATEST = `
  SELECT * FROM energy_regional
  QUALIFY edition = max(edition)
    OVER (PARTITION BY series, coalesce(entity, entity_label), flow, coalesce(partner, partner_label), year)`;

/**
 * The profile's "since 2000" view (src/profile/energy-series.ts) reads these: every pair's "of which" rows
 * of the regional gas series — an importer's pipeline imports from a named exporter, beside its total —
 * (their order: importer, year, exporter).
 */
export const REGIONAL_OF_WHICH_SQL = `WITH r AS (${ENERGY_REGIONAL_LATEST})
  SELECT o.entity AS importer, o.partner AS exporter, o.year, o.value AS "fromPartner", t.value AS total,
         o.edition, o.sheet, o.cell
    FROM r o LEFT JOIN r t ON t.entity = o.entity AND t.year = o.year AND t.flow = o.flow AND t.partner_label IS NULL
   WHERE o.flow = 'pipeline_imports' AND o.entity IS NOT NULL AND o.partner IS NOT NULL`;
export const REGIONAL_OF_WHICH_ORDER = "importer, year, exporter";

/**
 * Every side's own rows (their order: series, entity, flow, year, entity_label). entity_label comes last in
 * the order: region rows (no entity) of one flow and year would otherwise tie, and the order of the labels
 * shown would be the sort's chance.
 */
export const REGIONAL_OWN_SQL = `WITH r AS (${ENERGY_REGIONAL_LATEST})
  SELECT series, entity, entity_label, flow, year, value, edition, sheet, cell,
         edition = max(edition) OVER () AS newest
    FROM r WHERE partner_label IS NULL AND flow NOT IN ('pipeline_trade', 'lng_trade', 'total_trade')`;
export const REGIONAL_OWN_ORDER = "series, entity, flow, year, entity_label";

/**
 * The same rows for a server's memory (RelationMemory), with their position in the order as `ord`: the
 * memory holds the tables unordered, and the profile sorts by it.
 */
export const ENERGY_SERIES_TABLES: ExtraTable[] = [
  {
    name: "energy_series_of_which",
    sql: `SELECT *, row_number() OVER (ORDER BY ${REGIONAL_OF_WHICH_ORDER})::INTEGER AS ord FROM (${REGIONAL_OF_WHICH_SQL})`,
    keys: [],
    year: false,
    requires: "energy_regional",
  },
  {
    name: "energy_series_own",
    sql: `SELECT *, row_number() OVER (ORDER BY ${REGIONAL_OWN_ORDER})::INTEGER AS ord FROM (${REGIONAL_OWN_SQL})`,
    keys: [],
    year: false,
    requires: "energy_regional",
  },
];

const CAVEAT =
  "The Statistical Review publishes these bilateral matrices for one year per edition (bp 2019–2022 editions: 2018–2021; Energy Institute 2023, 2024: 2022, 2023); each value names its edition, and where two editions give the same year the newer answers. Only countries the sheet lists separately have values; the rest are inside the publisher's regions ('Other Europe', 'Other CIS', …) and get no value. The oil and coal matrices list few countries (e.g. Russia, China, India, Japan) and exclude trade within a region. Coal for 2018 is converted from Mtoe at bp's 41.868 GJ per toe.";

/** The relation's figures of one fuel for one dyad-year; a reason when the sheet does not list the pair. */
async function fuelCell(
  source: ValueSource,
  fuel: Fuel,
  a: string,
  b: string,
  year: number,
  why: (c: EnergyListing | undefined) => string | undefined,
): Promise<
  ({ value: number; share: number | null; importsOfB: number | null } | { reason: string }) & {
    listing?: EnergyListing;
  }
> {
  const [[row], list] = await Promise.all([
    source.rows<Record<string, number | null>>(ENERGY_RELATION, a, b, year, year),
    source.energyListing(fuel, a, b, year),
  ]);
  const value = row?.[`energy_${fuel.key}`];
  if (value == null) {
    return { reason: why(list) ?? `no ${fuel.label} cell for ${a}–${b}`, listing: list };
  }
  return {
    value,
    share: row?.[`energy_${fuel.key}_share`] ?? null,
    importsOfB: row?.[`energy_${fuel.key}_imports_of_b`] ?? null,
    listing: list,
  };
}

/** The dataset's provenance, narrowed to the edition, sheet and cell that answer for the year. */
async function energyProvenance(source: ValueSource, c: EnergyListing | undefined, year: number) {
  return source.provenance("ei-energy", {
    year,
    reporter: c?.edition_title?.replace(/ Statistical Review.*/, "") ?? "Energy Institute",
    ...(c?.sheet ? { sheet: c.cell ? `${c.sheet}!${c.cell}` : c.sheet } : {}),
    ...(c?.file ? { file: c.file } : {}),
    ...(c?.edition_title ? { version: c.edition_title } : {}),
    ...(c?.converted_from ? { note: `converted from ${c.converted_from} at 41.868 GJ per toe` } : {}),
  });
}

function fuelIndicators(fuel: Fuel): SourcedIndicator[] {
  const why = (a: string, b: string, year: number, c: EnergyListing | undefined): string | undefined => {
    if (!c?.years?.split(", ").includes(String(year))) {
      return `the Statistical Review's bilateral ${fuel.label} tables here are for ${c?.years ?? "no year"}, not ${year}`;
    }
    if (!Number(c.a_listed))
      return `${a} is not listed separately as an exporter in "${c.sheet ?? fuel.sheet}" (${c.edition_title ?? "the publisher"} groups it in a region)`;
    if (!Number(c.b_listed))
      return `${b} is not listed separately as an importer in "${c.sheet ?? fuel.sheet}" (${c.edition_title ?? "the publisher"} groups it in a region)`;
    return undefined;
  };
  type Found = Exclude<Awaited<ReturnType<typeof fuelCell>>, { reason: string }>;
  /** The fuel's cell with its provenance, or the answer saying why there is none (both indicators read it). */
  const cellOrWhyNot = async (
    ind: SourcedIndicator,
    source: ValueSource,
    a: string,
    b: string,
    year: number,
  ): Promise<{ none: IndicatorValue } | { c: Found; provenance: Provenance[] }> => {
    if (!(await source.has("ei-energy")))
      return { none: nullValue(ind, a, b, year, notIngested("ei-energy")) };
    const c = await fuelCell(source, fuel, a, b, year, (l) => why(a, b, year, l));
    const prov = await energyProvenance(source, c.listing, year);
    const provenance = prov ? [prov] : [];
    if ("reason" in c) return { none: nullValue(ind, a, b, year, c.reason, provenance) };
    return { c, provenance };
  };
  const volume: SourcedIndicator = {
    name: `energy.${fuel.key}`,
    unit: fuel.unit,
    definition: `A's exports of ${fuel.label} to B (${fuel.unit})`,
    formula: `cell (exporter A, importer B) of the edition's "${fuel.sheet}" matrix (found by its title)${fuel.parts.length > 1 ? ", crude + products" : ""}`,
    sources: ["ei-energy"],
    citation: EI_INFO.citation,
    caveats: CAVEAT,
    reads: [ENERGY_RELATION],
    tables: ["energy_listing"],
    compute(store: Store, a, b, year) {
      return this.computeFrom(storeValueSource(store), a, b, year);
    },
    async computeFrom(source, a, b, year) {
      const found = await cellOrWhyNot(this, source, a, b, year);
      if ("none" in found) return found.none;
      const { c, provenance } = found;
      return {
        indicator: this.name,
        a,
        b,
        year,
        value: c.value,
        unit: this.unit,
        provenance,
      };
    },
  };
  const share: SourcedIndicator = {
    name: `energy.${fuel.key}_share`,
    unit: "fraction",
    definition: `A's share of B's imports of ${fuel.label}`,
    formula: `energy.${fuel.key}(A,B) / B's "Total imports" in the same matrix`,
    sources: ["ei-energy"],
    citation: EI_INFO.citation,
    caveats: CAVEAT,
    reads: [ENERGY_RELATION],
    tables: ["energy_listing"],
    compute(store: Store, a, b, year) {
      return this.computeFrom(storeValueSource(store), a, b, year);
    },
    async computeFrom(source, a, b, year) {
      const found = await cellOrWhyNot(this, source, a, b, year);
      if ("none" in found) return found.none;
      const { c, provenance } = found;
      if (c.share === null)
        return nullValue(this, a, b, year, `${b} imported no ${fuel.label} in ${year}`, provenance);
      return {
        indicator: this.name,
        a,
        b,
        year,
        value: c.share,
        unit: this.unit,
        provenance,
        detail: { fromA: c.value, totalImportsOfB: c.importsOfB, unit: fuel.unit },
      };
    },
  };
  return [volume, share];
}

export const ENERGY_INDICATORS: SourcedIndicator[] = FUELS.flatMap(fuelIndicators);
