// A country's main partners over time: the data behind "who replaced whom" (Russia's imports: the EU
// against China) and the country page. One SQL query: the best dataset per flow, then a rank per year.
import type { Store } from "../store/index.ts";

export interface PartnerShare {
  year: number;
  partner: string;
  kind: string;
  value: number;
  /** Share of the reporter's World total for that flow and year, from the same dataset where it has one. */
  share: number | null;
  rank: number;
  dataset: string;
}

export interface PartnerOptions {
  flow: "exports" | "imports";
  /** How many partners per year (countries); the groups in `groups` are always included. */
  top?: number;
  from?: number;
  to?: number;
  /** Aggregates to show beside the countries, e.g. the European Union. */
  groups?: string[];
}

export async function topPartners(
  store: Store,
  reporter: string,
  options: PartnerOptions,
): Promise<PartnerShare[]> {
  const top = options.top ?? 5;
  const groups = options.groups ?? ["EUU"];
  const rows = await store.query<Record<string, unknown>>(
    `WITH flows AS (
        SELECT t.partner, t.year, t.value_usd, t.dataset, e.kind,
               row_number() OVER (PARTITION BY t.partner, t.year ORDER BY t.priority, t.dataset) AS pick
          FROM trade_flows t JOIN entities e ON e.code = t.partner
         WHERE t.reporter = ? AND t.flow = ? AND t.year BETWEEN ? AND ?),
      best AS (SELECT * FROM flows WHERE pick = 1),
      world AS (SELECT year, value_usd AS total FROM best WHERE partner = 'WLD'),
      ranked AS (
        SELECT b.*, rank() OVER (PARTITION BY b.year ORDER BY b.value_usd DESC) AS rank
          FROM best b WHERE b.kind = 'country')
     SELECT r.partner, r.year, r.value_usd, r.dataset, r.kind, r.rank, r.value_usd / w.total AS share
       FROM ranked r LEFT JOIN world w USING (year) WHERE r.rank <= ?
     UNION ALL
     SELECT b.partner, b.year, b.value_usd, b.dataset, b.kind, NULL AS rank, b.value_usd / w.total AS share
       FROM best b LEFT JOIN world w USING (year)
      WHERE b.partner IN (${groups.length ? groups.map(() => "?").join(", ") : "NULL"})
     ORDER BY year, rank NULLS LAST`,
    [reporter, options.flow, options.from ?? 1900, options.to ?? 2100, top, ...groups],
  );
  return rows.map((r) => ({
    year: Number(r.year),
    partner: r.partner as string,
    kind: r.kind as string,
    value: Number(r.value_usd),
    share: r.share === null || r.share === undefined ? null : Number(r.share),
    rank: r.rank === null || r.rank === undefined ? 0 : Number(r.rank),
    dataset: r.dataset as string,
  }));
}
