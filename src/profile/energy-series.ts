// The "since 2000" view of energy: the Statistical Review's regional series — gas from 2000, where a country
// has a block of its own (and names the other side in an "of which" row under its pipeline imports), and
// oil imports and exports from 1980 for the few countries the oil series shows by itself. Newest edition per
// year (ENERGY_REGIONAL_LATEST), so the view runs from 2000 to the latest edition's year.
import {
  ENERGY_SERIES_TABLES,
  REGIONAL_OF_WHICH_ORDER,
  REGIONAL_OF_WHICH_SQL,
  REGIONAL_OWN_ORDER,
  REGIONAL_OWN_SQL,
} from "../indicators/energy.ts";
import type { MemTable, RelationMemory } from "../indicators/relation-memory.ts";
import type { Absent } from "../indicators/types.ts";
import type { Store } from "../store/index.ts";

export interface PipelineSeriesYear {
  year: number;
  /** Pipeline imports of `importer` from `exporter` (bcm): the "of which" row. */
  fromPartner: number;
  /** All pipeline imports of `importer` that year (bcm). */
  total: number | null;
  edition: number;
  sheet: string;
  cell: string;
}

/** One figure of a side's own row in a regional series (bcm for gas, thousand barrels daily for oil). */
export interface SideSeriesYear {
  year: number;
  value: number;
  edition: number;
  sheet: string;
  cell: string;
}

/**
 * One side of the pair in the regional series: its own rows where the publisher shows it by itself, and
 * otherwise null with the labels the series does show, so the reader learns it is inside a region.
 */
export interface SeriesSide {
  code: string;
  /** Gas (bcm, from 2000): pipeline_imports, lng_imports, total_imports, pipeline_exports, lng_exports, total_exports. */
  gas: Record<string, SideSeriesYear[]> | null;
  /** Oil (thousand barrels daily, from 1980): imports and exports between regions. */
  oil: Record<string, SideSeriesYear[]> | null;
}

export type EnergySeriesSection =
  | {
      source: string;
      series: { importer: string; exporter: string; years: PipelineSeriesYear[] }[];
      sides: SeriesSide[];
      /** The labels each series shows by itself (countries and the publisher's regions), newest edition. */
      shown: { gas: string[]; oilImports: string[]; oilExports: string[] };
    }
  | Absent;

/** An "of which" row: `importer`'s pipeline imports from `exporter` in a year, newest edition. */
type OfWhichRow = PipelineSeriesYear & { importer: string; exporter: string };

/** A side's own row (no "of which" partner) of a series, newest edition; `newest`: of the newest edition. */
interface OwnRow {
  series: string;
  entity: string | null;
  entity_label: string;
  flow: string;
  year: number;
  value: number;
  edition: number;
  sheet: string;
  cell: string;
  newest: boolean;
}

/**
 * The regional series' rows every pair's section is computed from — a few thousand, read once per read-only
 * store (memoQuery) or once by a server at start (loadEnergySeries) — indexed by side.
 */
export interface EnergySeriesData {
  ofWhich: OfWhichRow[];
  /** Own rows by `${entity}|${series}`, in the query's order. */
  own: Map<string, OwnRow[]>;
  shown: { gas: string[]; oilImports: string[]; oilExports: string[] };
}

const dataMemo = new WeakMap<object, EnergySeriesData>();

/**
 * The rows of the regional series (undefined when the table is absent). The newest edition is a window over
 * the whole table, which cost more than the rest of a profile's energy part when it ran for each pair: every
 * pair's rows are read at once, kept for the life of a read-only store, and filtered in JS.
 */
export async function loadEnergySeries(store: Store): Promise<EnergySeriesData | undefined> {
  if (!(await store.hasTable("energy_regional"))) return undefined;
  const [all, own] = await Promise.all([
    store.memoQuery<OfWhichRow>(`${REGIONAL_OF_WHICH_SQL} ORDER BY ${REGIONAL_OF_WHICH_ORDER}`),
    store.memoQuery<OwnRow>(`${REGIONAL_OWN_SQL} ORDER BY ${REGIONAL_OWN_ORDER}`),
  ]);
  // The same result arrays (memoQuery on a read-only store) are indexed once.
  let data = dataMemo.get(own);
  if (!data || data.ofWhich !== all) {
    data = indexSeries(all, own);
    dataMemo.set(own, data);
  }
  return data;
}

/** The section's data from a server's memory (undefined when the store has no regional table). */
function memoryData(memory: RelationMemory): EnergySeriesData | undefined {
  return memory.memo("energy-series", () => {
    const [ofWhich, own] = ENERGY_SERIES_TABLES.map((t) => memory.table(t.name));
    if (!ofWhich || !own) return undefined;
    const rows = (t: MemTable) => {
      const [start, end] = t.range();
      const out: Record<string, unknown>[] = [];
      for (let i = start; i < end; i++)
        out.push(Object.fromEntries(t.columns.map((c) => [c.name, t.value(c.name, i)])));
      return out.sort((x, y) => Number(x.ord) - Number(y.ord));
    };
    return indexSeries(rows(ofWhich) as unknown as OfWhichRow[], rows(own) as unknown as OwnRow[]);
  });
}

function indexSeries(all: OfWhichRow[], own: OwnRow[]): EnergySeriesData {
  const bySide = new Map<string, OwnRow[]>();
  for (const r of own) {
    if (r.entity === null) continue;
    const key = `${r.entity}|${r.series}`;
    const rows = bySide.get(key) ?? [];
    rows.push(r);
    bySide.set(key, rows);
  }
  const labels = (series: string, flow?: string) => [
    ...new Set(
      own
        .filter((r) => r.newest && r.series === series && (!flow || r.flow === flow) && r.entity !== "WLD")
        .map((r) => r.entity_label),
    ),
  ];
  return {
    ofWhich: all,
    own: bySide,
    shown: { gas: labels("gas"), oilImports: labels("oil", "imports"), oilExports: labels("oil", "exports") },
  };
}

/** The section from a server's memory: no query, the same answer. */
export function energySeriesFromMemory(memory: RelationMemory, a: string, b: string): EnergySeriesSection {
  return energySeriesFrom(memory.has("ei-energy") ? memoryData(memory) : undefined, a, b);
}

/** The regional series of A and B; with `memory`, from memory with no query (`store` untouched). */
export async function energySeriesSection(
  store: Store,
  a: string,
  b: string,
  has: (dataset: string) => boolean | Promise<boolean>,
  memory?: RelationMemory,
): Promise<EnergySeriesSection> {
  if (memory) return energySeriesFromMemory(memory, a, b);
  const data = (await has("ei-energy")) ? await loadEnergySeries(store) : undefined;
  return energySeriesFrom(data, a, b);
}

/** The section from the series' rows (undefined: ei-energy or its regional table is not in the store). */
export function energySeriesFrom(
  data: EnergySeriesData | undefined,
  a: string,
  b: string,
): EnergySeriesSection {
  if (!data) return { absent: "the Statistical Review workbooks (energy/) are not in the store" };
  const rows = data.ofWhich.filter(
    (r) => (r.importer === a && r.exporter === b) || (r.importer === b && r.exporter === a),
  );
  const series = [...new Set(rows.map((r) => `${r.importer}|${r.exporter}`))].map((key) => {
    const [importer, exporter] = key.split("|");
    return {
      importer,
      exporter,
      years: rows
        .filter((r) => r.importer === importer && r.exporter === exporter)
        .map(({ year, fromPartner, total, edition, sheet, cell }) => ({
          year: Number(year),
          fromPartner: Number(fromPartner),
          total: total === null ? null : Number(total),
          edition: Number(edition),
          sheet,
          cell,
        })),
    };
  });
  // Each side's own rows (no "of which" partner), and the labels each series shows in its newest edition.
  const pick = (code: string, series: string) => {
    const mine = data.own.get(`${code}|${series}`);
    if (!mine?.length) return null;
    const out: Record<string, SideSeriesYear[]> = {};
    for (const r of mine) {
      out[r.flow] ??= [];
      out[r.flow].push({
        year: Number(r.year),
        value: Number(r.value),
        edition: Number(r.edition),
        sheet: r.sheet,
        cell: r.cell,
      });
    }
    return out;
  };
  const sides = [a, b].map((code) => ({ code, gas: pick(code, "gas"), oil: pick(code, "oil") }));
  if (!series.length && sides.every((x) => !x.gas && !x.oil))
    return {
      absent: `the Statistical Review's regional series show neither ${a} nor ${b} by itself (both are inside the publisher's regions)`,
    };
  return {
    source: "ei-energy",
    series,
    sides,
    shown: {
      gas: [...data.shown.gas],
      oilImports: [...data.shown.oilImports],
      oilExports: [...data.shown.oilExports],
    },
  };
}
