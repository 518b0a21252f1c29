// A dimension's relation: the one SQL definition of its figures for a set of dyad-years (peacesciencer's
// add_*() idea). The scalar indicator, the profile section and the panel all select from it, so a figure
// has one definition however it is asked for: one pair and year, one pair over its years, or every pair.
import type { Store } from "./store.ts";

/**
 * The dyad-years asked for: a SQL table `s(a, b, year)` and, when known, the countries and years inside
 * it, so a relation reads only their rows instead of the whole table.
 */
export interface DyadYears {
  /** SQL of the rows (a VARCHAR, b VARCHAR, year SMALLINT), one per dyad-year. */
  sql: string;
  /** Every code that stands in a or b (absent: any country). */
  countries?: readonly string[];
  /** The inclusive span of the years (absent: any year). */
  years?: readonly [number, number];
}

/** The pieces of one SELECT over `s`: CTEs, LEFT JOINs onto `s`, and the columns (`expression AS name`). */
export interface RelationSql {
  ctes: string[];
  joins: string[];
  columns: string[];
}

export interface Relation {
  /** The dimension, also the prefix of its CTE and column names (un, arms, energy, macro, geo, trade). */
  dimension: string;
  /** Tables it reads; a store lacking one, or whose first is empty, has no such relation. */
  tables: string[];
  /** Further tables it reads where they exist: an ingest into one of them rebuilds it too. */
  reads?: string[];
  /** SQL of the country codes the relation covers (the panel's grid is their union). */
  countries: string;
  /** SQL of (lo, hi), the years it covers; absent for time-invariant relations. */
  years?: string;
  /** The columns the panel shows, in order: names the relation yields. */
  panel: string[];
  /**
   * The SQL yielding exactly one row per row of `s`, with every column of the relation (null where the
   * data have nothing). Each CTE and join alias starts with the dimension, so relations compose.
   */
  build(scope: DyadYears, store: Store): Promise<RelationSql>;
}

/** One pair's rows, in both directions if asked, over a span of years. */
export function pairYears(
  pairs: ReadonlyArray<readonly [string, string]>,
  from: number,
  to: number,
): DyadYears {
  const values = pairs.map(([a, b]) => `(${quote(a)}, ${quote(b)})`).join(", ");
  return {
    sql: `SELECT p.a, p.b, y.range::SMALLINT AS year FROM (VALUES ${values}) AS p(a, b), range(${int(from)}, ${int(to) + 1}) AS y`,
    countries: [...new Set(pairs.flat())],
    years: [from, to],
  };
}

/** A list of dyad-years, each asked for once. */
export function dyadYearList(rows: ReadonlyArray<readonly [string, string, number]>): DyadYears {
  const values = rows.map(([a, b, y]) => `(${quote(a)}, ${quote(b)}, ${int(y)}::SMALLINT)`).join(", ");
  const years = rows.map((r) => r[2]);
  return {
    sql: `SELECT * FROM (VALUES ${values}) AS d(a, b, year)`,
    countries: [...new Set(rows.flatMap(([a, b]) => [a, b]))],
    years: [Math.min(...years), Math.max(...years)],
  };
}

/** `column IN (…the scope's countries…)`, or TRUE when the scope is every country. */
export function inCountries(scope: DyadYears, column: string): string {
  return scope.countries ? `${column} IN (${scope.countries.map(quote).join(", ") || "NULL"})` : "TRUE";
}

/** `column BETWEEN lo AND hi` for the scope's years, or TRUE. */
export function inYears(scope: DyadYears, column: string, lookback = 0): string {
  return scope.years
    ? `${column} BETWEEN ${int(scope.years[0]) - lookback} AND ${int(scope.years[1])}`
    : "TRUE";
}

/** The SELECT over `s` joining every part; `columns` chooses what it yields beyond (a, b, year). */
export function relationQuery(
  scope: DyadYears,
  parts: RelationSql[],
  columns: string[],
  where = "TRUE",
  /** The sort: by default the codes; a scope with integer keys for its countries can sort on those. */
  orderBy = "s.a, s.b, s.year",
): string {
  const ctes = [`s AS (${scope.sql})`, ...parts.flatMap((p) => p.ctes)];
  return `WITH ${ctes.join(",\n")}
    SELECT s.a, s.b, s.year${columns.length ? `, ${columns.join(",\n")}` : ""}
      FROM s ${parts.flatMap((p) => p.joins).join("\n")}
     WHERE ${where}
     ORDER BY ${orderBy}`;
}

/** The name a column expression yields: `x.y AS name` → name. */
export function columnName(expression: string): string {
  return expression.split(/\s+AS\s+|\./).at(-1) ?? expression;
}

/** A SQL string literal; codes come validated from the registry, the quoting is a second guard. */
export function quote(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function int(value: number): number {
  if (!Number.isInteger(value)) throw new Error(`a year must be an integer, not ${value}`);
  return value;
}
