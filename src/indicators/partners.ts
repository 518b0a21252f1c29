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

/** A year the reporter has flows by partner for, but from no dataset that covers (nearly) all partners. */
export interface IncompleteYear {
  year: number;
  /** The widest dataset of that year and how many partner countries it holds. */
  dataset: string;
  partners: number;
}

export interface PartnerRanking {
  partners: PartnerShare[];
  /** Years left out of the ranking because no dataset covers enough partners (e.g. only the BRICS table). */
  incomplete: IncompleteYear[];
  /** The partner countries a year must have in one dataset to be ranked (half the reporter's widest year). */
  threshold: number;
}

/**
 * A ranking ("largest partner", "top five") is only as good as its coverage: a year whose figures by partner
 * come from a customs release on one partner or UNCTAD's BRICS table would crown whoever is listed. So each
 * year is ranked within the one dataset that holds most of the reporter's partner countries that year, and
 * only if that dataset holds at least half as many as the reporter's widest year; other years are listed
 * as incomplete with what they have.
 */
export async function partnerRanking(
  store: Store,
  reporter: string,
  options: PartnerOptions,
): Promise<PartnerRanking> {
  const top = options.top ?? 5;
  const groups = options.groups ?? ["EUU"];
  const from = options.from ?? 1900;
  const to = options.to ?? 2100;
  const cover = await store.query<Record<string, unknown>>(
    `WITH cover AS (
        SELECT t.year, t.dataset, count(DISTINCT t.partner) AS n
          FROM trade_flows t JOIN entities e ON e.code = t.partner
         WHERE t.reporter = ? AND t.flow = ? AND e.kind = 'country'
         GROUP BY t.year, t.dataset)
     SELECT year, arg_max(dataset, n) AS dataset, max(n) AS n FROM cover GROUP BY year ORDER BY year`,
    [reporter, options.flow],
  );
  const widest = Math.max(0, ...cover.map((c) => Number(c.n)));
  const threshold = Math.max(2, Math.ceil(widest / 2));
  const complete = cover.filter((c) => Number(c.n) >= threshold);
  const incomplete = cover
    .filter((c) => Number(c.n) < threshold && Number(c.year) >= from && Number(c.year) <= to)
    .map((c) => ({ year: Number(c.year), dataset: c.dataset as string, partners: Number(c.n) }));
  const picks = complete.filter((c) => Number(c.year) >= from && Number(c.year) <= to);
  if (!picks.length) return { partners: [], incomplete, threshold };
  const pairs = picks.map(() => "(?::SMALLINT, ?)").join(", ");
  const rows = await store.query<Record<string, unknown>>(
    `WITH pick(year, dataset) AS (VALUES ${pairs}),
      flows AS (
        SELECT t.partner, t.year, t.value_usd, t.dataset, e.kind,
               row_number() OVER (PARTITION BY t.partner, t.year ORDER BY t.priority) AS n
          FROM trade_flows t JOIN entities e ON e.code = t.partner
          JOIN pick p ON p.year = t.year AND p.dataset = t.dataset
         WHERE t.reporter = ? AND t.flow = ?),
      best AS (SELECT * FROM flows WHERE n = 1),
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
    [...picks.flatMap((p) => [Number(p.year), p.dataset as string]), reporter, options.flow, top, ...groups],
  );
  return {
    partners: rows.map((r) => ({
      year: Number(r.year),
      partner: r.partner as string,
      kind: r.kind as string,
      value: Number(r.value_usd),
      share: r.share === null || r.share === undefined ? null : Number(r.share),
      rank: r.rank === null || r.rank === undefined ? 0 : Number(r.rank),
      dataset: r.dataset as string,
    })),
    incomplete,
    threshold,
  };
}

/** The ranked partners of the years with full coverage (see partnerRanking). */
export async function topPartners(
  store: Store,
  reporter: string,
  options: PartnerOptions,
): Promise<PartnerShare[]> {
  return (await partnerRanking(store, reporter, options)).partners;
}
