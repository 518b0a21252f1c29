// The "since 2000" view of energy: the Statistical Review's regional series — gas from 2000, where a country
// has a block of its own (and names the other side in an "of which" row under its pipeline imports), and
// oil imports and exports from 1980 for the few countries the oil series shows by itself. Newest edition per
// year (ENERGY_REGIONAL_LATEST), so the view runs from 2000 to the latest edition's year.
import { ENERGY_REGIONAL_LATEST } from "../indicators/energy.ts";
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

export async function energySeriesSection(
  store: Store,
  a: string,
  b: string,
  has: (dataset: string) => Promise<boolean>,
): Promise<EnergySeriesSection> {
  if (!(await has("ei-energy")) || !(await store.hasTable("energy_regional")))
    return { absent: "the Statistical Review workbooks (energy/) are not in the store" };
  // Every pair's "of which" rows at once, kept for the life of a read-only store (memoQuery): the newest
  // edition is a window over the whole table, which cost more than the rest of a profile's energy part
  // when it ran for each pair; the few thousand rows are then filtered here.
  const all = await store.memoQuery<PipelineSeriesYear & { importer: string; exporter: string }>(
    `WITH r AS (${ENERGY_REGIONAL_LATEST})
     SELECT o.entity AS importer, o.partner AS exporter, o.year, o.value AS "fromPartner", t.value AS total,
            o.edition, o.sheet, o.cell
       FROM r o LEFT JOIN r t ON t.entity = o.entity AND t.year = o.year AND t.flow = o.flow AND t.partner_label IS NULL
      WHERE o.flow = 'pipeline_imports' AND o.entity IS NOT NULL AND o.partner IS NOT NULL
      ORDER BY importer, year`,
  );
  const rows = all.filter(
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
  const own = await store.memoQuery<{
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
  }>(
    `WITH r AS (${ENERGY_REGIONAL_LATEST})
     SELECT series, entity, entity_label, flow, year, value, edition, sheet, cell,
            edition = max(edition) OVER () AS newest
       FROM r WHERE partner_label IS NULL AND flow NOT IN ('pipeline_trade', 'lng_trade', 'total_trade')
      ORDER BY series, entity, flow, year`,
  );
  const pick = (code: string, series: string) => {
    const mine = own.filter((r) => r.entity === code && r.series === series);
    if (!mine.length) return null;
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
  const labels = (series: string, flow?: string) => [
    ...new Set(
      own
        .filter((r) => r.newest && r.series === series && (!flow || r.flow === flow) && r.entity !== "WLD")
        .map((r) => r.entity_label),
    ),
  ];
  const sides = [a, b].map((code) => ({ code, gas: pick(code, "gas"), oil: pick(code, "oil") }));
  if (!series.length && sides.every((x) => !x.gas && !x.oil))
    return {
      absent: `the Statistical Review's regional series show neither ${a} nor ${b} by itself (both are inside the publisher's regions)`,
    };
  return {
    source: "ei-energy",
    series,
    sides,
    shown: { gas: labels("gas"), oilImports: labels("oil", "imports"), oilExports: labels("oil", "exports") },
  };
}
