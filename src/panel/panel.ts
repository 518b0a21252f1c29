// The dyad-year panel: every ordered pair of countries × every year any source covers, with every indicator
// that applies, written straight to Parquet or CSV by DuckDB. Its columns are the dimensions' relations
// (src/indicators/relation.ts), the same SQL the scalar indicators and the profile read; their materialised
// tables are placed by position onto the grid (src/panel/positions.ts), or joined onto it by DuckDB.
import { extname, resolve } from "node:path";
import {
  columnName,
  countryKeys,
  type DyadYears,
  type Relation,
  relationParts,
} from "../indicators/relation.ts";
import type { Store } from "../store/index.ts";
import { KEY_TABLE, parseJoin } from "../store/materialise.ts";
import { RELATIONS } from "../store/relations/index.ts";
import { copyPanelByPosition } from "./positions.ts";

export interface PanelResult {
  path: string;
  format: "parquet" | "csv";
  rows: number;
  columns: string[];
  years: [number, number];
  countries: number;
}

/** What the panel is made of: its grid (countries, years), the tables joined onto it and its columns. */
export interface PanelPlan {
  /** SQL of the grid's countries: (code, k) with k the integer key (country_key), in the order of the codes. */
  countries: string;
  years: [number, number];
  /** CTEs of relations computed fresh (a store where one was never materialised). */
  ctes: string[];
  /** LEFT JOINs onto the grid `s(ak, bk, year)` (or `s(a, b, …)` when `byCode`), each one the columns read. */
  joins: PanelJoin[];
  /** The panel's columns after a, b, year: each the relations' SQL expression over the joins' aliases. */
  columns: { name: string; expression: string }[];
  /** A relation that was never materialised joins on the codes themselves. */
  byCode: boolean;
}

export interface PanelJoin {
  /** A table, or a subquery in parentheses. */
  from: string;
  alias: string;
  on: string;
}

/** The panel's grid and columns: every relation with data, the joins its columns read. */
export async function panelPlan(store: Store): Promise<PanelPlan> {
  // The store's tables asked once (a question per table costs a few milliseconds each), the relations'
  // row counts side by side.
  const tables = new Set(
    (await store.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables")).map(
      (t) => t.name,
    ),
  );
  const present = RELATIONS.filter((r) => r.tables.every((t) => tables.has(t)));
  const counts = await Promise.all(
    present.map((r) => store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${r.tables[0]}`)),
  );
  const relations: Relation[] = present.filter((_, i) => Number(counts[i]?.n ?? 0) > 0);
  if (!relations.length) {
    throw new Error(
      "The store holds no data for a panel. Run `dyad setup` (or `dyad ingest <source> <path>`) first.",
    );
  }
  const spans = await Promise.all(
    relations
      .filter((r) => r.years)
      .map((r) => store.one<Record<string, number>>(`SELECT * FROM (${r.years}) AS span(lo, hi)`)),
  );
  const years: [number, number] = [
    Math.min(...spans.map((span) => Number(span?.lo))),
    Math.max(...spans.map((span) => Number(span?.hi))),
  ];
  // Each country's integer key (country_key, in the order of the codes) is what the materialised relations
  // are keyed and sorted by, so the joins and the order of millions of rows rest on small integers instead
  // of strings, yet give the same order (a, b, year).
  const keyed = (await countryKeys(store)).size > 0;
  const countries = keyed
    ? `SELECT code, key AS k FROM ${KEY_TABLE}
        WHERE kind = 'country' AND code IN (${relations.map((r) => r.countries).join(" UNION ")})`
    : `SELECT code, (row_number() OVER (ORDER BY code))::SMALLINT AS k FROM entities
        WHERE kind = 'country' AND code IN (${relations.map((r) => r.countries).join(" UNION ")})`;
  const grid: DyadYears = {
    sql: `SELECT ca.code AS a, cb.code AS b, y.range::SMALLINT AS year, ca.k AS ak, cb.k AS bk
            FROM (${countries}) AS ca, (${countries}) AS cb, range(${years[0]}, ${years[1] + 1}) AS y
           WHERE ca.k <> cb.k`,
  };
  const parts = await Promise.all(relations.map((r) => relationParts(store, r, grid)));
  const expressions = new Map(
    parts.flatMap((p) => p.columns).map((c) => [columnName(c), c.replace(/\s+AS\s+\w+$/, "")]),
  );
  const columns = relations.flatMap((r) =>
    r.panel.map((name) => ({ name, expression: expressions.get(name) ?? "NULL" })),
  );
  // Trade over GDP joins two relations: the turnover as trade.turnover chooses it, over A's GDP.
  if (expressions.has("trade_turnover") && expressions.has("macro_gdp_a"))
    columns.push({
      name: "trade_gdp_dependence",
      expression: `(${expressions.get("trade_turnover")}) / ${expressions.get("macro_gdp_a")}`,
    });
  const joins = panelJoins(
    parts.flatMap((p) => p.joins),
    columns.map((c) => c.expression),
  );
  return {
    countries,
    years,
    ctes: parts.flatMap((p) => p.ctes),
    joins,
    columns,
    byCode: joins.some((j) => /\bs\.(a|b)\b/.test(j.on)),
  };
}

/**
 * The panel's SELECT: the grid of every ordered pair × year, each relation's panel columns joined onto it,
 * sorted on the integer keys. What DuckDB writes when the panel cannot be placed by position.
 */
export function panelQuery(plan: PanelPlan): string {
  const { years } = plan;
  // The codes are labels, joined last: the grid and every join carry only the integer keys, unless a
  // relation that was never materialised joins on the codes themselves.
  return `WITH c AS (${plan.countries}),
    s AS (SELECT ${plan.byCode ? "ca.code AS a, cb.code AS b, " : ""}ca.k AS ak, cb.k AS bk, y.range::SMALLINT AS year
            FROM c AS ca, c AS cb, range(${years[0]}, ${years[1] + 1}) AS y WHERE ca.k <> cb.k)${plan.ctes
              .map((cte) => `,\n    ${cte}`)
              .join("")}
    SELECT la.code AS a, lb.code AS b, s.year, ${plan.columns.map((c) => `${c.expression} AS ${c.name}`).join(",\n")}
      FROM s ${plan.joins.map((j) => `LEFT JOIN ${j.from} ${j.alias} ON ${j.on}`).join("\n")}
      JOIN c la ON la.k = s.ak JOIN c lb ON lb.k = s.bk
     ORDER BY s.ak, s.bk, s.year`;
}

/**
 * The joins the panel's columns read, for the grid of millions of rows: a join no column reads is left out
 * (DuckDB keeps a LEFT JOIN it cannot prove unused), and a span joined by `s.year BETWEEN x.lo AND x.hi` is
 * joined on the year instead, one row per year of the span (a hash join, where the range condition makes a
 * nested loop over every row of the grid).
 */
function panelJoins(joins: string[], columns: string[]): PanelJoin[] {
  const read = columns.join("\n");
  return joins.flatMap((text) => {
    const { table, alias, on } = parseJoin(text);
    if (!new RegExp(`\\b${alias}\\.`).test(read)) return [];
    const span = new RegExp(`^([\\s\\S]*?)s\\.year BETWEEN ${alias}\\.lo AND ${alias}\\.hi\\s*$`).exec(on);
    if (!span) return [{ from: table, alias, on }];
    return [
      {
        from: `(SELECT *, unnest(range(lo, hi + 1))::SMALLINT AS span_year FROM ${table})`,
        alias,
        on: `${span[1]}${alias}.span_year = s.year`,
      },
    ];
  });
}

/**
 * DuckDB's Parquet options for the panel. A column chunk (one column of a row group) is dictionary-encoded
 * when it holds at most DICTIONARY_SIZE_LIMIT distinct values (unset: a fifth of the row group's rows, 24,576).
 * The writer allocates and clears a hash table per column chunk whose size follows the limit, however few
 * values the column has: writing the six-source panel from a table took ~50,000 page faults unset, ~21,000 at
 * 24,576 and ~12,000 at 8,192, and `dyad panel` ~10 % less CPU at 8,192 (bench/RESULTS.md, issue 17, session
 * 6). Same cells. On the six sources of bench/panel.ts the file is byte for byte the same (no column chunk
 * there has 8,192–24,576 distinct values); on the full store the trade columns' chunks with more distinct
 * values are written plain, which zstd compresses better (48.8 → 41.7 MiB). a and b keep their dictionaries
 * (at most 250 codes) and their statistics per row group, by which a reader skips the row groups without the
 * country it asks for.
 */
const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION zstd, DICTIONARY_SIZE_LIMIT 8192";

/**
 * Writes the panel to `outPath` (.parquet or .csv) inside DuckDB: placed by position when every join is on the
 * grid's keys (src/panel/positions.ts), else joined and sorted by DuckDB (`panelQuery`).
 */
export async function writePanel(store: Store, outPath: string): Promise<PanelResult> {
  const ext = extname(outPath).toLowerCase();
  if (ext !== ".parquet" && ext !== ".csv") {
    throw new Error(`The panel is written as .parquet or .csv; "${outPath}" has neither extension.`);
  }
  const format = ext === ".parquet" ? "parquet" : "csv";
  const path = resolve(outPath);
  const plan = await panelPlan(store);
  // A CSV written in parts has its header in the first part only.
  const options = (part = 0) => (format === "parquet" ? PARQUET_OPTIONS : `FORMAT csv, HEADER ${part === 0}`);
  let written = await copyPanelByPosition(store, plan, path, format, options);
  if (!written) {
    const copied = await store.query<{ Count: bigint }>(
      `COPY (${panelQuery(plan)}) TO '${path.replace(/'/g, "''")}' (${options()})`,
    );
    const rows = Number(copied[0]?.Count ?? 0);
    const countries = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM (${plan.countries})`);
    // Every country of the grid stands in a (and b) as soon as there are two of them.
    written = { rows, countries: rows > 0 ? Number(countries?.n ?? 0) : 0 };
  }
  return {
    path,
    format,
    rows: written.rows,
    columns: ["a", "b", "year", ...plan.columns.map((c) => c.name)],
    years: plan.years,
    countries: written.countries,
  };
}
