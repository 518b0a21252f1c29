// Where a beyond-trade indicator (un.*, arms.*, geo.*, macro.*, energy.*, invest.*, mil.*) reads its facts:
// the store (SQL), or the server's memory (relation-memory.ts, relation-rows.ts), which gives the same rows
// and provenance with no query. Each such indicator is written once, as `computeFrom(source, …)`;
// `compute(store, …)` is `computeFrom(storeValueSource(store), …)`, so the two answers cannot drift apart.

import type { Store } from "../store/index.ts";
import type { Relation } from "../store/relation.ts";
import { ENERGY_TRADE_LATEST, FUELS, type Fuel } from "../store/relations/energy.ts";
import { datasetProvenance, hasDataset, type IngestRow, provenanceFromIngest } from "./ingest-provenance.ts";
import { exerciseSpan, type SharedExercise, sharedExercises } from "./military.ts";
import { exerciseSpanFrom, MIL_EXERCISE_JME_TABLE, sharedExercisesFrom } from "./military-memory.ts";
import { dyadYearList, pairYears, selectRelations } from "./relation.ts";
import type { ExtraTable, RelationMemory } from "./relation-memory.ts";
import { inMemory, selectFromMemory } from "./relation-rows.ts";
import type { ComputeOptions, IndicatorDef, IndicatorValue, Provenance } from "./types.ts";

/**
 * What the Statistical Review's tables say about a fuel's cell (A exporter, B importer, year), for the reason
 * a value is missing and its provenance: the counts are of the cells listing A as an exporter and B as an
 * importer in that year, `years` the years the fuel's tables cover.
 */
export interface EnergyListing {
  a_listed: bigint | number;
  b_listed: bigint | number;
  years: string | null;
  sheet: string | null;
  cell: string | null;
  edition_title: string | null;
  file: string | null;
  converted_from: string | null;
}

/** Which reporters published which CDIS table for which year, and each reporter's years of total inward positions. */
export interface InvestCoverage {
  outward: Map<number, Set<string>>;
  inward: Map<number, Set<string>>;
  totals: Map<string, number[]>;
}

export interface ValueSource {
  /** Whether the dataset was ingested. */
  has(dataset: string): Promise<boolean>;
  /** The dataset's provenance (its `ingests` row) with the value's own fields. */
  provenance(dataset: string, extra?: Partial<Provenance>): Promise<Provenance | undefined>;
  /** The relation's rows for (a, b) over the years, as selectRelations gives them (one per year). */
  rows<T = Record<string, unknown>>(
    relation: Relation,
    a: string,
    b: string,
    from: number,
    to: number,
  ): Promise<T[]>;
  /** The years of SIPRI's register (its deliveries), undefined without any. */
  armsSpan(): Promise<[number, number] | undefined>;
  /** The fuel's tables as they bear on (a, b, year): see EnergyListing. */
  energyListing(fuel: Fuel, a: string, b: string, year: number): Promise<EnergyListing | undefined>;
  /** CDIS's coverage (InvestCoverage). */
  investCoverage(): Promise<InvestCoverage>;
  /** The years UNCTAD's table for `host` reports, and those of them with a row of `origin`. */
  flowYears(host: string, origin: string): Promise<{ years: number[]; originYears: number[] }>;
  /** The exercise datasets' span (sharedExercises' dataset, default MME). */
  exerciseSpan(): Promise<[number, number] | undefined>;
  /** The exercises A and B both took part in, by (year, line), as sharedExercises selects them. */
  sharedExercises(
    a: string,
    b: string,
    from: number,
    to: number,
    dataset: "mme" | "jme",
  ): Promise<SharedExercise[]>;
}

/** An indicator that reads its facts through a ValueSource (so memory can answer it). */
export interface SourcedIndicator extends IndicatorDef {
  /** The relations it reads (memory answers it only when it holds them). */
  reads: Relation[];
  /** The further tables of VALUE_TABLES it reads (memory answers it only when it holds them). */
  tables?: string[];
  computeFrom(
    source: ValueSource,
    a: string,
    b: string,
    year: number,
    options?: ComputeOptions,
  ): Promise<IndicatorValue>;
}

const ARMS_SPAN_SQL = "SELECT min(year) AS lo, max(year) AS hi FROM arms_transfers WHERE dataset = 'sipri'";

export function storeValueSource(store: Store): ValueSource {
  return {
    has: (dataset) => hasDataset(store, dataset),
    provenance: (dataset, extra) => datasetProvenance(store, dataset, extra),
    rows: <T>(relation: Relation, a: string, b: string, from: number, to: number) =>
      selectRelations<T>(
        store,
        [relation],
        from === to ? dyadYearList([[a, b, from]]) : pairYears([[a, b]], from, to),
      ),
    async armsSpan() {
      const row = await store.one<{ lo: number | null; hi: number | null }>(ARMS_SPAN_SQL);
      return row?.lo == null || row.hi == null ? undefined : [row.lo, row.hi];
    },
    energyListing: (fuel, a, b, year) =>
      store.one<EnergyListing>(
        `SELECT count(*) FILTER (WHERE exporter = $1 AND year = $3) AS a_listed,
                count(*) FILTER (WHERE importer = $2 AND year = $3) AS b_listed,
                string_agg(DISTINCT CAST(year AS VARCHAR), ', ' ORDER BY CAST(year AS VARCHAR)) AS years,
                any_value(sheet) FILTER (WHERE year = $3) AS sheet,
                string_agg(cell, ' + ' ORDER BY fuel) FILTER (WHERE exporter = $1 AND importer = $2 AND year = $3) AS cell,
                any_value(edition_title) FILTER (WHERE year = $3) AS edition_title,
                any_value(file) FILTER (WHERE year = $3) AS file,
                any_value(converted_from) FILTER (WHERE year = $3) AS converted_from
           FROM (${ENERGY_TRADE_LATEST}) WHERE fuel IN (SELECT unnest($4::VARCHAR[]))`,
        [a, b, year, `[${fuel.parts.map((p) => `'${p}'`).join(",")}]`],
      ),
    investCoverage: () => storeInvestCoverage(store),
    async flowYears(host, origin) {
      const row = await store.one<{ years: number[] | null; origin_years: number[] | null }>(
        `SELECT list(DISTINCT year ORDER BY year) AS years,
                list(DISTINCT year ORDER BY year) FILTER (WHERE origin = $2) AS origin_years
           FROM fdi_flows WHERE host = $1`,
        [host, origin],
      );
      return { years: (row?.years ?? []).map(Number), originYears: (row?.origin_years ?? []).map(Number) };
    },
    exerciseSpan: () => exerciseSpan(store),
    sharedExercises: (a, b, from, to, dataset) => sharedExercises(store, a, b, from, to, dataset),
  };
}

const coverageMemo = new WeakMap<Store, Promise<InvestCoverage>>();

/** CDIS's coverage from the store, read once per read-only store. */
function storeInvestCoverage(store: Store): Promise<InvestCoverage> {
  let hit = coverageMemo.get(store);
  if (!hit || !store.readOnly) {
    hit = (async () => {
      const rows = await store.query<{ direction: string; year: number; reporter: string }>(
        CDIS_COVERAGE_SQL,
      );
      const totals = await store.query<{ reporter: string; years: number[] }>(
        "SELECT reporter, list(year ORDER BY year) AS years FROM cdis_totals WHERE reporter IS NOT NULL GROUP BY reporter",
      );
      const c: InvestCoverage = { outward: new Map(), inward: new Map(), totals: new Map() };
      for (const r of rows) addCoverage(c, r.direction, r.year, r.reporter);
      for (const t of totals) c.totals.set(t.reporter, [...t.years].map(Number));
      return c;
    })();
    coverageMemo.set(store, hit);
  }
  return hit;
}

const CDIS_COVERAGE_SQL = "SELECT DISTINCT direction, year, reporter FROM cdis_positions";

function addCoverage(c: InvestCoverage, direction: string, year: number, reporter: string): void {
  const m = direction === "outward" ? c.outward : c.inward;
  const s = m.get(year) ?? new Set<string>();
  m.set(year, s);
  s.add(reporter);
}

/** energy_trade's newest cells with the index of the fuel (FUELS) each belongs to. */
const FUEL_INDEX = `CASE ${FUELS.flatMap((f, i) => f.parts.map((p) => `WHEN fuel = '${p}' THEN ${i}`)).join(" ")} END`;

/**
 * The extra tables the memory source reads: the ingests rows, SIPRI's span, and what the energy, investment
 * and exercise indicators' missing-value reasons and provenance read (an indicator names its own in `tables`).
 */
export const VALUE_TABLES: ExtraTable[] = [
  {
    name: "ingests_meta",
    sql: "SELECT dataset, source, path, version, retrieved, CAST(ingested_at AS VARCHAR) AS ingested_at, publisher, citation FROM ingests",
    keys: [],
    year: false,
    requires: "ingests",
  },
  { name: "arms_sipri_span", sql: ARMS_SPAN_SQL, keys: [], year: false, requires: "arms_transfers" },
  // The fuel tables' cells (energyListing): ~7,800 rows, ordered so that a pair's cells come in fuel order.
  {
    name: "energy_listing",
    sql: `SELECT ${FUEL_INDEX} AS g, fuel, exporter, importer, year, sheet, edition_title, file, converted_from, cell
            FROM (${ENERGY_TRADE_LATEST}) WHERE ${FUEL_INDEX} IS NOT NULL
           ORDER BY g, year, exporter, importer, fuel`,
    keys: [],
    year: false,
    requires: "energy_trade",
  },
  { name: "cdis_coverage", sql: CDIS_COVERAGE_SQL, keys: [], year: false, requires: "cdis_positions" },
  {
    name: "cdis_totals_years",
    sql: "SELECT reporter, year FROM cdis_totals WHERE reporter IS NOT NULL ORDER BY reporter, year",
    keys: [],
    year: false,
    requires: "cdis_totals",
  },
  // UNCTAD's tables by host (flowYears): each host's years and origins, keyed by the host's country key.
  {
    name: "fdi_years",
    sql: `SELECT DISTINCT k.key AS host, f.year, f.origin FROM fdi_flows f JOIN country_key k ON k.code = f.host
           ORDER BY host, f.year, f.origin`,
    keys: ["host"],
    year: true,
    requires: "fdi_flows",
  },
  MIL_EXERCISE_JME_TABLE,
];

/**
 * The same facts from memory. A relation the memory does not hold (a store whose relations were not
 * materialised) makes `rows` throw: the caller answers from the store instead (see `memoryAnswers`).
 */
export function memoryValueSource(memory: RelationMemory): ValueSource {
  const ingests = () =>
    memory.memo("value-source:ingests", () => {
      const out = new Map<string, IngestRow>();
      const t = memory.table("ingests_meta");
      for (let r = 0; t && r < t.rows; r++) {
        out.set(t.str("dataset", r) as string, {
          source: t.str("source", r) as string,
          path: t.str("path", r) as string,
          version: t.str("version", r),
          retrieved: t.str("retrieved", r),
          ingested_at: t.str("ingested_at", r) as string,
          publisher: t.str("publisher", r),
          citation: t.str("citation", r),
        });
      }
      return out;
    });
  return {
    has: async (dataset) => memory.has(dataset),
    async provenance(dataset, extra) {
      const row = ingests().get(dataset);
      return row ? provenanceFromIngest(row, dataset, extra) : undefined;
    },
    async rows<T>(relation: Relation, a: string, b: string, from: number, to: number) {
      return selectFromMemory(memory, [relation], [[a, b]], from, to) as T[];
    },
    async armsSpan() {
      const t = memory.table("arms_sipri_span");
      const lo = t?.rows ? t.num("lo", 0) : null;
      const hi = t?.rows ? t.num("hi", 0) : null;
      return lo === null || hi === null ? undefined : [lo, hi];
    },
    async energyListing(fuel, a, b, year) {
      const g = energyTables(memory)[FUELS.indexOf(fuel)];
      if (!g) return undefined;
      const y = g.byYear.get(year);
      return {
        a_listed: y?.exporters.get(a) ?? 0,
        b_listed: y?.importers.get(b) ?? 0,
        years: g.years,
        sheet: y?.sheet ?? null,
        cell: y?.cells.get(`${a}|${b}`)?.join(" + ") ?? null,
        edition_title: y?.edition_title ?? null,
        file: y?.file ?? null,
        converted_from: y?.converted_from ?? null,
      };
    },
    async investCoverage() {
      return memory.memo("value-source:cdis-coverage", () => {
        const c: InvestCoverage = { outward: new Map(), inward: new Map(), totals: new Map() };
        const cov = memory.table("cdis_coverage");
        for (let r = 0; cov && r < cov.rows; r++)
          addCoverage(
            c,
            cov.str("direction", r) as string,
            cov.num("year", r) as number,
            cov.str("reporter", r) as string,
          );
        const totals = memory.table("cdis_totals_years");
        for (let r = 0; totals && r < totals.rows; r++) {
          const reporter = totals.str("reporter", r) as string;
          const years = c.totals.get(reporter) ?? [];
          c.totals.set(reporter, years);
          years.push(totals.num("year", r) as number);
        }
        return c;
      });
    },
    async flowYears(host, origin) {
      const t = memory.table("fdi_years");
      const years: number[] = [];
      const originYears: number[] = [];
      const [start, end] = t ? t.range(memory.keyOf(host)) : [0, 0];
      for (let r = start; t && r < end; r++) {
        const year = t.num("year", r) as number;
        if (years[years.length - 1] !== year) years.push(year);
        if (t.str("origin", r) === origin && originYears[originYears.length - 1] !== year)
          originYears.push(year);
      }
      return { years, originYears };
    },
    async exerciseSpan() {
      return exerciseSpanFrom(memory);
    },
    async sharedExercises(a, b, from, to, dataset) {
      return sharedExercisesFrom(memory, a, b, from, to, dataset);
    },
  };
}

interface EnergyYear {
  sheet: string | null;
  edition_title: string | null;
  file: string | null;
  converted_from: string | null;
  /** Cells per exporter, per importer, and the cells of each "exporter|importer" in fuel order. */
  exporters: Map<string, number>;
  importers: Map<string, number>;
  cells: Map<string, string[]>;
}

/**
 * The energy_listing table gathered per fuel (FUELS order) and year, once per memory. `any_value(x) FILTER
 * (WHERE year = Y)` in the SQL is the year's first non-null x here: the newest edition of a fuel and year is
 * one file, one sheet, one title (each value single on the data), so the two agree.
 */
function energyTables(
  memory: RelationMemory,
): ({ years: string | null; byYear: Map<number, EnergyYear> } | undefined)[] {
  return memory.memo("value-source:energy-listing", () => {
    const t = memory.table("energy_listing");
    if (!t) return [];
    const out = FUELS.map(() => ({ years: null as string | null, byYear: new Map<number, EnergyYear>() }));
    for (let r = 0; r < t.rows; r++) {
      const g = out[t.num("g", r) as number];
      const year = t.num("year", r) as number;
      let y = g.byYear.get(year);
      if (!y) {
        y = {
          sheet: null,
          edition_title: null,
          file: null,
          converted_from: null,
          exporters: new Map(),
          importers: new Map(),
          cells: new Map(),
        };
        g.byYear.set(year, y);
      }
      y.sheet ??= t.str("sheet", r);
      y.edition_title ??= t.str("edition_title", r);
      y.file ??= t.str("file", r);
      y.converted_from ??= t.str("converted_from", r);
      const exporter = t.str("exporter", r);
      const importer = t.str("importer", r);
      if (exporter !== null) y.exporters.set(exporter, (y.exporters.get(exporter) ?? 0) + 1);
      if (importer !== null) y.importers.set(importer, (y.importers.get(importer) ?? 0) + 1);
      const cell = t.str("cell", r);
      if (exporter !== null && importer !== null && cell !== null) {
        const key = `${exporter}|${importer}`;
        const list = y.cells.get(key);
        if (list) list.push(cell);
        else y.cells.set(key, [cell]);
      }
    }
    // string_agg(DISTINCT year::VARCHAR, ', ' ORDER BY year::VARCHAR): text order.
    for (const g of out) {
      const years = [...g.byYear.keys()].map(String).sort();
      g.years = years.length ? years.join(", ") : null;
    }
    return out;
  });
}

/** Whether the memory holds what `def` reads: its relations and extra tables. */
export function answersFromMemory(
  memory: RelationMemory,
  relations: Relation[],
  tables: string[] = [],
): boolean {
  return (
    relations.every((r) => inMemory(memory, r)) &&
    memory.table("ingests_meta") !== undefined &&
    (!relations.some((r) => r.dimension === "arms") || memory.table("arms_sipri_span") !== undefined) &&
    tables.every((t) => memory.table(t) !== undefined)
  );
}
