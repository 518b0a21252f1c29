// The one row type and builder of the trade_flows table, shared by every trade source (files and fetched
// answers alike), and the tables derived from it.
import type { SqlValue, TradeFlow } from "../../store/index.ts";
import { type Store, TABLES } from "../../store/index.ts";

export const TRADE_TABLE = TABLES.trade_flows;

const RANKS_SELECT = (filter: string) => `
   WITH country_flows AS (
       SELECT t.dataset, t.priority, t.reporter, t.year, t.flow, t.partner, t.value_usd
         FROM trade_flows t JOIN entities e ON e.code = t.partner AND e.kind = 'country'
        WHERE t.flow IN ('exports', 'imports') AND t.value_usd > 0 ${filter}),
     best AS (
       SELECT reporter, year, flow, arg_min(dataset, priority) AS dataset
         FROM (SELECT dataset, priority, reporter, year, flow FROM country_flows
                GROUP BY ALL HAVING count(*) >= 10)
        GROUP BY ALL)
   SELECT c.reporter, c.partner, c.year, c.flow, c.dataset,
          rank() OVER (PARTITION BY c.reporter, c.year, c.flow ORDER BY c.value_usd DESC) AS rank,
          count(*) OVER (PARTITION BY c.reporter, c.year, c.flow) AS n
     FROM country_flows c JOIN best b USING (reporter, year, flow, dataset)`;

// Coverage counts what a reporter published itself: rows that a third party estimated for it (priority 40,
// e.g. UNCTAD's figures for Russia after 2021) do not make a year "reported by partner".
const COVERAGE_SELECT = (filter: string) => `
   SELECT t.reporter, t.flow, t.year,
          count(*) FILTER (WHERE e.kind = 'country' AND t.priority < 40) AS partner_rows,
          count(*) FILTER (WHERE t.partner = 'WLD') AS world_rows
     FROM trade_flows t JOIN entities e ON e.code = t.partner
    WHERE true ${filter}
    GROUP BY ALL`;

/**
 * Tables derived from trade_flows, rebuilt in the ingest's own transaction so they never go stale: B's rank
 * among A's partners (within the best dataset that reports A's flow by at least ten country partners that
 * year), and which years each reporter reports by partner and as World totals. Both would otherwise cost a
 * window or aggregate over a reporter's whole history on every lookup. Only the reporters an ingest
 * touches are recomputed; "all" rebuilds the tables.
 */
export function tradeDerive(reporters: string[] | "all"): string[] {
  if (reporters === "all") {
    return [
      "DROP INDEX IF EXISTS trade_ranks_lookup",
      "DROP INDEX IF EXISTS trade_coverage_lookup",
      `CREATE OR REPLACE TABLE trade_ranks AS ${RANKS_SELECT("")} ORDER BY c.reporter, c.partner`,
      `CREATE OR REPLACE TABLE trade_coverage AS ${COVERAGE_SELECT("")} ORDER BY t.reporter`,
    ];
  }
  for (const r of reporters) if (!/^[A-Z0-9_]{2,8}$/.test(r)) throw new Error(`not a registry code: ${r}`);
  const list = reporters.length ? reporters.map((r) => `'${r}'`).join(", ") : "NULL";
  return [
    `CREATE TABLE IF NOT EXISTS trade_ranks AS ${RANKS_SELECT("AND false")}`,
    `CREATE TABLE IF NOT EXISTS trade_coverage AS ${COVERAGE_SELECT("AND false")}`,
    `DELETE FROM trade_ranks WHERE reporter IN (${list})`,
    `INSERT INTO trade_ranks ${RANKS_SELECT(`AND t.reporter IN (${list})`)} ORDER BY c.reporter, c.partner`,
    `DELETE FROM trade_coverage WHERE reporter IN (${list})`,
    `INSERT INTO trade_coverage ${COVERAGE_SELECT(`AND t.reporter IN (${list})`)} ORDER BY t.reporter`,
  ];
}

/** A full rebuild of the derived tables; correct for any ingest, slower than `tradeDerive(affected)`. */
export const TRADE_DERIVE = tradeDerive("all");

/** The reporters whose derived rows an ingest changes: those in the new rows and those in the datasets it replaces. */
export async function affectedReporters(
  store: Store,
  datasets: string[],
  reporters: Iterable<string>,
): Promise<string[]> {
  const out = new Set(reporters);
  if (datasets.length && (await store.hasTable("trade_flows"))) {
    const rows = await store.query<{ reporter: string }>(
      `SELECT DISTINCT reporter FROM trade_flows WHERE dataset IN (${datasets.map(() => "?").join(", ")})`,
      datasets,
    );
    for (const r of rows) out.add(r.reporter);
  }
  return [...out].sort();
}

export type { TradeFlow };

export interface TradeRow {
  dataset: string;
  source: string;
  priority: number;
  reporter: string;
  partner: string;
  year: number;
  flow: TradeFlow;
  valueUsd: number;
  estimate: boolean;
  publisher: string;
  file: string | null;
  sheet: string | null;
  line: number | null;
  note: string | null;
}

/** A row in the table's column order (src/store/schema.ts). */
export function tradeRowValues(r: TradeRow): SqlValue[] {
  return [
    r.dataset,
    r.source,
    r.priority,
    r.reporter,
    r.partner,
    r.year,
    r.flow,
    r.valueUsd,
    r.estimate,
    r.publisher,
    r.file,
    r.sheet,
    r.line,
    r.note,
  ];
}

/**
 * The same flow twice in one dataset would make every indicator ambiguous. Exact repeats (the IMF workbooks
 * repeat a partner row above "World" in some files) are dropped and counted; a repeat with another value
 * is returned as a conflict naming both places.
 */
export function dedupe(rows: TradeRow[]): {
  rows: TradeRow[];
  repeats: number;
  conflict?: [TradeRow, TradeRow];
} {
  const seen = new Map<string, TradeRow>();
  const out: TradeRow[] = [];
  let repeats = 0;
  for (const r of rows) {
    const key = `${r.reporter}|${r.partner}|${r.year}|${r.flow}`;
    const prev = seen.get(key);
    if (!prev) {
      seen.set(key, r);
      out.push(r);
    } else if (prev.valueUsd === r.valueUsd) repeats++;
    else return { rows, repeats, conflict: [prev, r] };
  }
  return { rows: out, repeats };
}
