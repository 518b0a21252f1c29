// Where the two sides of one flow disagree beyond what valuation and timing explain: the exporter's report
// (FOB) and the importer's (CIF) differ by a few per cent as a rule; a factor of three or more between two
// large figures means one report is wrong or covers something else (Syria's 5.9 bn of imports "from Malta",
// which Malta reports as 0.09 m of exports). Such flows are listed and flagged wherever dyad uses them.
import type { Store } from "../store/index.ts";

export interface GapRule {
  /** Smallest ratio of the larger report to the smaller. */
  factor: number;
  /** The larger report must reach this many USD to matter. */
  minUsd: number;
}

export const GAP_RULE: GapRule = { factor: 3, minUsd: 100e6 };

/** The ratio of the larger to the smaller report when it breaks the rule, else null. */
export function mirrorGap(
  own: number | null,
  mirror: number | null,
  rule: GapRule = GAP_RULE,
): number | null {
  if (own === null || mirror === null) return null;
  const hi = Math.max(own, mirror);
  const lo = Math.min(own, mirror);
  if (hi < rule.minUsd) return null;
  if (lo <= 0) return Number.POSITIVE_INFINITY;
  const ratio = hi / lo;
  return ratio >= rule.factor ? ratio : null;
}

export interface MirrorGap {
  exporter: string;
  importer: string;
  year: number;
  /** The exporter's report of its exports (FOB) and the importer's report of the same flow (CIF). */
  exportsReported: number;
  importsReported: number;
  exportsDataset: string;
  importsDataset: string;
  /** Larger over smaller. */
  ratio: number;
}

export interface GapOptions extends Partial<GapRule> {
  /** Only flows in which this country is exporter or importer. */
  country?: string;
  /** Only flows between these two countries (both directions). */
  pair?: [string, string];
  from?: number;
  to?: number;
  limit?: number;
}

/**
 * Every flow between two countries whose exporter's and importer's best reports break the rule, largest
 * first. Aggregates (World, EU) are left out: their totals are no one's mirror.
 */
export async function mirrorGaps(store: Store, options: GapOptions = {}): Promise<MirrorGap[]> {
  if (!(await store.hasTable("trade_flows"))) return [];
  const factor = options.factor ?? GAP_RULE.factor;
  const minUsd = options.minUsd ?? GAP_RULE.minUsd;
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (options.country) {
    where.push("(x.reporter = ? OR x.partner = ?)");
    params.push(options.country, options.country);
  }
  if (options.pair) {
    where.push("((x.reporter = ? AND x.partner = ?) OR (x.reporter = ? AND x.partner = ?))");
    params.push(options.pair[0], options.pair[1], options.pair[1], options.pair[0]);
  }
  const rows = await store.query<Record<string, unknown>>(
    `WITH best AS (
        SELECT reporter, partner, year, flow, value_usd, dataset,
               row_number() OVER (PARTITION BY reporter, partner, year, flow ORDER BY priority, dataset) AS n
          FROM trade_flows
         WHERE flow IN ('exports', 'imports') AND year BETWEEN ? AND ? AND value_usd IS NOT NULL),
      x AS (SELECT * FROM best WHERE n = 1 AND flow = 'exports'),
      m AS (SELECT * FROM best WHERE n = 1 AND flow = 'imports')
     SELECT x.reporter AS exporter, x.partner AS importer, x.year, x.value_usd AS xv, m.value_usd AS mv,
            x.dataset AS xd, m.dataset AS md,
            greatest(x.value_usd, m.value_usd) / nullif(least(x.value_usd, m.value_usd), 0) AS ratio
       FROM x JOIN m ON m.reporter = x.partner AND m.partner = x.reporter AND m.year = x.year
       JOIN entities ex ON ex.code = x.reporter AND ex.kind <> 'aggregate'
       JOIN entities im ON im.code = x.partner AND im.kind <> 'aggregate'
      WHERE greatest(x.value_usd, m.value_usd) >= ?
        AND (least(x.value_usd, m.value_usd) <= 0 OR greatest(x.value_usd, m.value_usd) >= ? * least(x.value_usd, m.value_usd))
        ${where.length ? `AND ${where.join(" AND ")}` : ""}
      ORDER BY greatest(x.value_usd, m.value_usd) - least(x.value_usd, m.value_usd) DESC
      LIMIT ?`,
    [options.from ?? 0, options.to ?? 9999, minUsd, factor, ...params, options.limit ?? 1000],
  );
  return rows.map((r) => ({
    exporter: r.exporter as string,
    importer: r.importer as string,
    year: Number(r.year),
    exportsReported: Number(r.xv),
    importsReported: Number(r.mv),
    exportsDataset: r.xd as string,
    importsDataset: r.md as string,
    ratio: r.ratio === null ? Number.POSITIVE_INFINITY : Number(r.ratio),
  }));
}
