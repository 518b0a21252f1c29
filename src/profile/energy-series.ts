// The "since 2000" view of energy: the Statistical Review's regional gas series, where a country has a block
// of its own and names the other side in an "of which" row under its pipeline imports. Newest edition per
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

export type EnergySeriesSection =
  | { source: string; series: { importer: string; exporter: string; years: PipelineSeriesYear[] }[] }
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
  return series.length
    ? { source: "ei-energy", series }
    : { absent: "the regional gas series name neither side in the other's pipeline imports" };
}
