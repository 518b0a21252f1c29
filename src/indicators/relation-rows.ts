// The dimensions' relations evaluated in JS over their materialised tables held in memory (relation-memory.ts):
// for a few pairs and a span of years, the rows `selectRelations` gives from DuckDB — the same joins onto the
// dyad-years and the same column expressions — with no query. The SQL in src/store/relations/*.ts stays the
// one definition; each relation here restates its joins and columns line for line, and
// test/indicators/relation-rows.test.ts holds the two equal on the real data. Change both together.
import type { Relation } from "../store/relation.ts";
import type { MemTable, RelationMemory } from "./relation-memory.ts";

export type MemRow = Record<string, number | string | boolean | null>;

/** One `LEFT JOIN rel_<table> alias ON …` of a relation onto s(a, b, year). */
interface MemJoin {
  alias: string;
  table: string;
  /** The keys the join matches, in the table's key order, from the dyad's sides. */
  keys: (a: number | undefined, b: number | undefined) => (number | undefined)[];
  /** "year": `alias.year = s.year`; "span": `s.year BETWEEN alias.lo AND alias.hi`; "none": no year. */
  year: "year" | "span" | "none";
  /** A further constant condition of the ON clause (e.g. `mp.dataset = 'mme'`). */
  where?: (t: MemTable, row: number) => boolean;
}

/** The joined rows of one dyad-year: each alias's row, or -1 where the LEFT JOIN found none. */
class Joined {
  constructor(
    private readonly tables: Map<string, MemTable>,
    readonly rows: Map<string, number>,
  ) {}

  /** alias.column, null where the join found no row or the value is null. */
  num(alias: string, column: string): number | null {
    const row = this.rows.get(alias) ?? -1;
    return row < 0 ? null : (this.tables.get(alias) as MemTable).num(column, row);
  }

  value(alias: string, column: string): number | string | boolean | null {
    const row = this.rows.get(alias) ?? -1;
    return row < 0 ? null : (this.tables.get(alias) as MemTable).value(column, row);
  }
}

interface MemRelation {
  joins: MemJoin[];
  /** Column name → its expression, as in the relation's SQL `columns`. */
  columns: Record<string, (j: Joined) => number | string | boolean | null>;
}

const sideA = (a: number | undefined) => [a];
const sideB = (_a: number | undefined, b: number | undefined) => [b];
const pair = (a: number | undefined, b: number | undefined) => [a, b];
const none = () => [];
const coalesce0 = (v: number | null) => v ?? 0;
/** SQL `x / y` on doubles where the relation guards y (> 0 or <> 0); null in, null out. */
const div = (x: number | null, y: number | null) => (x === null || y === null ? null : x / y);

/** src/store/relations/un.ts, UN_AGREEMENT_RELATION (materialised: un_agree, un_calls). */
const UN: MemRelation = {
  joins: [
    { alias: "ua", table: "un_agree", keys: pair, year: "year" },
    { alias: "uc", table: "un_calls", keys: none, year: "year" },
  ],
  columns: {
    un_agreement: (j) => {
      const both = j.num("ua", "both_voted");
      return both !== null && both > 0 ? div(j.num("ua", "agreed"), both) : null;
    },
    un_roll_calls_both_voted: (j) => j.num("ua", "both_voted"),
    un_roll_calls_agreed: (j) => j.num("ua", "agreed"),
    un_roll_calls: (j) => coalesce0(j.num("uc", "n")),
  },
};

/** UN_IDEAL_POINT_RELATION (un_ideal_points joined for each side). */
const UN_IDEAL: MemRelation = {
  joins: [
    { alias: "un_ideal_a", table: "un_ideal_points", keys: sideA, year: "year" },
    { alias: "un_ideal_b", table: "un_ideal_points", keys: sideB, year: "year" },
  ],
  columns: {
    un_idealpoint_distance: (j) => {
      const x = j.num("un_ideal_a", "ideal_point");
      const y = j.num("un_ideal_b", "ideal_point");
      return x === null || y === null ? null : Math.abs(x - y);
    },
    un_ideal_point_a: (j) => j.num("un_ideal_a", "ideal_point"),
    un_ideal_point_b: (j) => j.num("un_ideal_b", "ideal_point"),
    un_ideal_line_a: (j) => j.num("un_ideal_a", "line"),
    un_ideal_line_b: (j) => j.num("un_ideal_b", "line"),
  },
};

/** src/store/relations/arms.ts, ARMS_RELATION (arms_pair, arms_in, arms_span). */
const ARMS: MemRelation = {
  joins: [
    { alias: "ap", table: "arms_pair", keys: pair, year: "year" },
    { alias: "ai", table: "arms_in", keys: sideB, year: "year" },
    { alias: "asp", table: "arms_span", keys: none, year: "span" },
  ],
  columns: {
    arms_tiv: (j) => (j.num("asp", "lo") !== null ? coalesce0(j.num("ap", "tiv")) : null),
    arms_supplier_share: (j) => {
      const total = j.num("ai", "tiv");
      return total !== null && total > 0 ? coalesce0(j.num("ap", "tiv")) / total : null;
    },
    arms_imports_of_b: (j) => j.num("ai", "tiv"),
    arms_deals: (j) => coalesce0(j.num("ap", "deals")),
    arms_uncertain_rows: (j) => coalesce0(j.num("ap", "uncertain")),
  },
};

const FUEL_KEYS = ["pipeline_gas", "lng", "oil", "coal"];

/** src/store/relations/energy.ts, ENERGY_RELATION (energy_pairs): each fuel's three columns as stored. */
const ENERGY: MemRelation = {
  joins: [{ alias: "ep", table: "energy_pairs", keys: pair, year: "year" }],
  columns: Object.fromEntries(
    FUEL_KEYS.flatMap((f) => [
      [`energy_${f}`, (j: Joined) => j.num("ep", f)],
      [`energy_${f}_share`, (j: Joined) => j.num("ep", `${f}_share`)],
      [`energy_${f}_imports_of_b`, (j: Joined) => j.num("ep", `${f}_imports_of_b`)],
    ]),
  ),
};

/** src/store/relations/macro.ts, MACRO_RELATION (macro_gdp joined for each side). */
const MACRO: MemRelation = {
  joins: [
    { alias: "mga", table: "macro_gdp", keys: sideA, year: "year" },
    { alias: "mgb", table: "macro_gdp", keys: sideB, year: "year" },
  ],
  columns: {
    macro_gdp_a: (j) => j.num("mga", "gdp_usd"),
    macro_gdp_b: (j) => j.num("mgb", "gdp_usd"),
    macro_gdp_per_capita_a: (j) => j.num("mga", "gdp_per_capita"),
    macro_population_a: (j) => j.num("mga", "population"),
  },
};

/** src/store/relations/geo.ts, GEO_RELATION (geo_dyads, time-invariant). */
const GEO: MemRelation = {
  joins: [{ alias: "geo", table: "geo_dyads", keys: pair, year: "none" }],
  columns: {
    geo_distance: (j) => j.num("geo", "dist"),
    geo_contiguity: (j) => j.num("geo", "contig"),
    geo_distcap: (j) => j.num("geo", "distcap"),
    geo_distw: (j) => j.num("geo", "distw"),
    geo_distwces: (j) => j.num("geo", "distwces"),
    geo_line: (j) => j.num("geo", "line"),
  },
};

/** src/store/relations/invest.ts, INVEST_POSITION_RELATION (invest_out, invest_in and the two totals). */
const INVEST: MemRelation = {
  joins: [
    { alias: "io", table: "invest_out", keys: pair, year: "year" },
    { alias: "ii", table: "invest_in", keys: pair, year: "year" },
    { alias: "iot", table: "invest_out_total", keys: sideA, year: "year" },
    { alias: "iit", table: "invest_in_total", keys: sideB, year: "year" },
  ],
  columns: {
    invest_position: (j) => j.num("io", "value_usd"),
    invest_position_withheld: (j) => j.value("io", "confidential"),
    invest_position_file: (j) => j.value("io", "file"),
    invest_position_cell: (j) => j.value("io", "cell"),
    invest_position_mirror: (j) => j.num("ii", "value_usd"),
    invest_mirror_withheld: (j) => j.value("ii", "confidential"),
    invest_mirror_file: (j) => j.value("ii", "file"),
    invest_mirror_cell: (j) => j.value("ii", "cell"),
    invest_a_outward_total: (j) => j.num("iot", "value_usd"),
    invest_a_outward_total_withheld: (j) => j.value("iot", "confidential"),
    invest_a_outward_total_cell: (j) => j.value("iot", "cell"),
    invest_b_inward_total: (j) => j.num("iit", "value_usd"),
    invest_b_inward_total_cell: (j) => j.value("iit", "cell"),
    // CASE WHEN iot.value_usd <> 0 THEN io.value_usd / iot.value_usd END
    invest_outward_share: (j) => {
      const total = j.num("iot", "value_usd");
      return total !== null && total !== 0 ? div(j.num("io", "value_usd"), total) : null;
    },
    // CASE WHEN iit.value_usd <> 0 THEN coalesce(ii.value_usd, io.value_usd) / iit.value_usd END
    invest_inward_share: (j) => {
      const total = j.num("iit", "value_usd");
      return total !== null && total !== 0
        ? div(j.num("ii", "value_usd") ?? j.num("io", "value_usd"), total)
        : null;
    },
  },
};

/** INVEST_FLOW_RELATION (investflow_pair). */
const INVEST_FLOW: MemRelation = {
  joins: [{ alias: "ifp", table: "investflow_pair", keys: pair, year: "year" }],
  columns: {
    invest_flow: (j) => j.num("ifp", "value_usd"),
    invest_flow_raw: (j) => j.value("ifp", "raw"),
    invest_flow_file: (j) => j.value("ifp", "file"),
    invest_flow_line: (j) => j.num("ifp", "line"),
  },
};

const dataset = (name: string) => (t: MemTable, row: number) => t.str("dataset", row) === name;

/** src/store/relations/military.ts, MIL_RELATION (mil_pair, mil_span; MME's and JME's rows by `dataset`). */
const MIL: MemRelation = {
  joins: [
    { alias: "mp", table: "mil_pair", keys: pair, year: "year", where: dataset("mme") },
    { alias: "msp", table: "mil_span", keys: none, year: "span", where: dataset("mme") },
    { alias: "mpj", table: "mil_pair", keys: pair, year: "year", where: dataset("jme") },
    { alias: "mspj", table: "mil_span", keys: none, year: "span", where: dataset("jme") },
  ],
  columns: {
    mil_exercises: (j) => (j.num("msp", "lo") !== null ? coalesce0(j.num("mp", "n")) : null),
    mil_exercises_jme: (j) => (j.num("mspj", "lo") !== null ? coalesce0(j.num("mpj", "n")) : null),
  },
};

/** The relations restated here, by dimension. */
export const MEMORY_RELATIONS: Record<string, MemRelation> = {
  un: UN,
  un_ideal: UN_IDEAL,
  arms: ARMS,
  energy: ENERGY,
  macro: MACRO,
  geo: GEO,
  invest: INVEST,
  investflow: INVEST_FLOW,
  mil: MIL,
};

/** Whether `selectFromMemory` can give this relation's rows from this memory. */
export function inMemory(memory: RelationMemory, relation: Relation): boolean {
  return relation.dimension in MEMORY_RELATIONS && memory.relations.has(relation.dimension);
}

/**
 * A join's rows for one pair, per year of [from, to]: for each year the rows that match (undefined: none).
 * A year join walks the key's rows once (sorted by year); a span or a time-invariant join is decided per year
 * over its few rows.
 */
function matchesByYear(
  t: MemTable,
  join: MemJoin,
  keys: (number | undefined)[],
  from: number,
  to: number,
): (number[] | undefined)[] {
  const out: (number[] | undefined)[] = new Array(to - from + 1);
  if (keys.some((k) => k === undefined)) return out;
  const [k1, k2] = keys as number[];
  let [start, end] = t.range(k1, k2);
  if (join.year === "year") {
    const years = t.column("year").values;
    // Skip to the span's first year.
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (years[mid] < from) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
    for (let row = start; row < end; row++) {
      const year = years[row];
      if (year > to) break;
      if (join.where && !join.where(t, row)) continue;
      const i = year - from;
      const list = out[i];
      if (list) list.push(row);
      else out[i] = [row];
    }
    return out;
  }
  for (let row = start; row < end; row++) {
    if (join.where && !join.where(t, row)) continue;
    let first = from;
    let last = to;
    if (join.year === "span") {
      const lo = t.num("lo", row);
      const hi = t.num("hi", row);
      if (lo === null || hi === null) continue;
      first = Math.max(from, lo);
      last = Math.min(to, hi);
    }
    for (let year = first; year <= last; year++) {
      const list = out[year - from];
      if (list) list.push(row);
      else out[year - from] = [row];
    }
  }
  return out;
}

/**
 * The rows `selectRelations(store, relations, pairYears(pairs, from, to), where)` gives, from memory: one per
 * dyad-year (more where a join matches several rows, as in SQL), a, b, year and every column of the
 * relations, sorted by a, b, year; `where` filters as the SQL WHERE does. Numbers for every number column
 * (DuckDB gives BIGINT columns as bigint).
 */
export function selectFromMemory(
  memory: RelationMemory,
  relations: Relation[],
  pairs: ReadonlyArray<readonly [string, string]>,
  from: number,
  to: number,
  where: (row: MemRow) => boolean = () => true,
): MemRow[] {
  const defs = relations.map((r) => {
    const def = MEMORY_RELATIONS[r.dimension];
    if (!def || !memory.relations.has(r.dimension))
      throw new Error(`relation ${r.dimension} is not held in memory`);
    return def;
  });
  const joins = defs.flatMap((d) => d.joins);
  const tables = new Map<string, MemTable>();
  for (const j of joins) {
    const t = memory.table(j.table);
    if (!t) throw new Error(`relation memory: no table rel_${j.table}`);
    tables.set(j.alias, t);
  }
  const columns = defs.flatMap((d) => Object.entries(d.columns));
  const out: MemRow[] = [];
  const sorted = [...pairs].sort(([a1, b1], [a2, b2]) =>
    a1 < a2 ? -1 : a1 > a2 ? 1 : b1 < b2 ? -1 : b1 > b2 ? 1 : 0,
  );
  const scratch: MemRow = { a: "", b: "", year: 0 };
  // One map of the joined rows, reused for every dyad-year whose joins match at most one row each.
  const single = new Map<string, number>();
  const joined = new Joined(tables, single);
  for (const [a, b] of sorted) {
    const ak = memory.keyOf(a);
    const bk = memory.keyOf(b);
    const byJoin = joins.map((j) =>
      matchesByYear(tables.get(j.alias) as MemTable, j, j.keys(ak, bk), from, to),
    );
    for (let year = from; year <= to; year++) {
      const i = year - from;
      let several = false;
      for (let n = 0; n < joins.length; n++) {
        const rows = byJoin[n][i];
        single.set(joins[n].alias, rows ? rows[0] : -1);
        if (rows && rows.length > 1) several = true;
      }
      // Several rows of one join multiply the dyad-year's rows, as in SQL.
      let combos: Map<string, number>[] = [single];
      if (several) {
        combos = [new Map()];
        for (let n = 0; n < joins.length; n++) {
          const rows = byJoin[n][i] ?? [-1];
          combos = combos.flatMap((c) => rows.map((row) => new Map(c).set(joins[n].alias, row)));
        }
      }
      for (const combo of combos) {
        const j = combo === single ? joined : new Joined(tables, combo);
        // Evaluated into one scratch row; only a row the filter keeps is copied out (same field order).
        scratch.a = a;
        scratch.b = b;
        scratch.year = year;
        for (const [name, expr] of columns) scratch[name] = expr(j);
        if (where(scratch)) out.push({ ...scratch });
      }
    }
  }
  return out;
}
