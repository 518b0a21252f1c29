// The direct-investment relations' columns the profile reads, computed in JS from their materialised tables
// held in memory (RelationMemory: rel_invest_out, rel_invest_in, rel_invest_out_total, rel_invest_in_total,
// rel_investflow_pair; layout in docs/ARCHITECTURE.md), exactly as INVEST_POSITION_RELATION's and
// INVEST_FLOW_RELATION's SQL computes them over the same rows (src/store/relations/invest.ts). The SQL stays
// the one definition: the scalar indicators and the panel select from it, and
// test/profile/sections-memory.test.ts checks the two agree on the real data.
import type { RelationMemory } from "./relation-memory.ts";

/** The position relation's columns the profile reads, for one dyad-year. */
export interface PositionColumns {
  a: string;
  b: string;
  year: number;
  invest_position: number | null;
  invest_position_withheld: boolean | null;
  invest_outward_share: number | null;
  invest_inward_share: number | null;
}

export interface FlowColumns {
  a: string;
  b: string;
  year: number;
  invest_flow: number | null;
}

/** The order DuckDB sorts VARCHAR codes in (byte order; the codes are ASCII). */
const byCodes = ([a1, b1]: readonly [string, string], [a2, b2]: readonly [string, string]) =>
  a1 < a2 ? -1 : a1 > a2 ? 1 : b1 < b2 ? -1 : b1 > b2 ? 1 : 0;

/**
 * INVEST_POSITION_RELATION's columns for the dyad-years (x, y, from…to) of each ordered pair where x's
 * outward table has a row (rel_invest_out) — on every other dyad-year the relation's columns the profile
 * reads are null — ordered by (a, b, year) as the SQL orders. Empty when the relation is not materialised.
 */
export function investPositionRows(
  memory: RelationMemory,
  pairs: ReadonlyArray<readonly [string, string]>,
  from: number,
  to: number,
): PositionColumns[] {
  const out = memory.table("invest_out");
  const inward = memory.table("invest_in");
  const outTotal = memory.table("invest_out_total");
  const inTotal = memory.table("invest_in_total");
  if (!out) return [];
  const rows: PositionColumns[] = [];
  for (const [a, b] of [...pairs].sort(byCodes)) {
    const ka = memory.keyOf(a);
    const kb = memory.keyOf(b);
    if (ka === undefined || kb === undefined) continue;
    const [start, end] = out.range(ka, kb);
    for (let i = start; i < end; i++) {
      const year = out.num("year", i) as number;
      if (year < from || year > to) continue;
      const position = out.num("value_usd", i);
      // CASE WHEN iot.value_usd <> 0 THEN io.value_usd / iot.value_usd END
      const t = outTotal ? outTotal.row(year, ka) : -1;
      const total = t < 0 || !outTotal ? null : outTotal.num("value_usd", t);
      // CASE WHEN iit.value_usd <> 0 THEN coalesce(ii.value_usd, io.value_usd) / iit.value_usd END
      const ti = inTotal ? inTotal.row(year, kb) : -1;
      const totalIn = ti < 0 || !inTotal ? null : inTotal.num("value_usd", ti);
      const m = inward ? inward.row(year, ka, kb) : -1;
      const numerator = (m < 0 || !inward ? null : inward.num("value_usd", m)) ?? position;
      rows.push({
        a,
        b,
        year,
        invest_position: position,
        invest_position_withheld: out.bool("confidential", i),
        invest_outward_share: total !== null && total !== 0 && position !== null ? position / total : null,
        invest_inward_share:
          totalIn !== null && totalIn !== 0 && numerator !== null ? numerator / totalIn : null,
      });
    }
  }
  return rows;
}

/** INVEST_FLOW_RELATION's invest_flow where it is not null, for each ordered pair, ordered by (a, b, year). */
export function investFlowRows(
  memory: RelationMemory,
  pairs: ReadonlyArray<readonly [string, string]>,
  from: number,
  to: number,
): FlowColumns[] {
  const flows = memory.table("investflow_pair");
  if (!flows) return [];
  const rows: FlowColumns[] = [];
  for (const [a, b] of [...pairs].sort(byCodes)) {
    const ka = memory.keyOf(a);
    const kb = memory.keyOf(b);
    if (ka === undefined || kb === undefined) continue;
    const [start, end] = flows.range(ka, kb);
    for (let i = start; i < end; i++) {
      const year = flows.num("year", i) as number;
      const value = flows.num("value_usd", i);
      if (value === null || year < from || year > to) continue;
      rows.push({ a, b, year, invest_flow: value });
    }
  }
  return rows;
}
