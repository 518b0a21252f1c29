// The dyad-year panel: every ordered pair of countries × every year any source covers, with every indicator
// that applies, computed in one DuckDB query and written straight to Parquet or CSV. Its columns are the
// dimensions' relations (src/indicators/relation.ts), the same SQL the scalar indicators and the profile read.
import { extname, resolve } from "node:path";
import {
  columnName,
  countryKeys,
  type DyadYears,
  type Relation,
  relationParts,
} from "../indicators/relation.ts";
import type { Store } from "../store/index.ts";
import { KEY_TABLE } from "../store/materialise.ts";
import { RELATIONS } from "../store/relations/index.ts";

export interface PanelResult {
  path: string;
  format: "parquet" | "csv";
  rows: number;
  columns: string[];
  years: [number, number];
  countries: number;
}

/** The panel's SELECT: the grid of every ordered pair × year, and each relation's panel columns joined onto it. */
export async function panelQuery(
  store: Store,
): Promise<{ sql: string; columns: string[]; years: [number, number] }> {
  const relations: Relation[] = [];
  for (const relation of RELATIONS) {
    let ok = true;
    for (const t of relation.tables) if (!(await store.hasTable(t))) ok = false;
    if (ok) {
      const n = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${relation.tables[0]}`);
      if (Number(n?.n ?? 0) > 0) relations.push(relation);
    }
  }
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
  // are keyed and sorted by, so the joins and the final sort of millions of rows compare small integers
  // instead of strings, yet yield the same order (a, b, year).
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
  const columns = relations.flatMap((r) => r.panel.map((name) => `${expressions.get(name)} AS ${name}`));
  // Trade over GDP joins two relations: the turnover as trade.turnover chooses it, over A's GDP.
  if (expressions.has("trade_turnover") && expressions.has("macro_gdp_a"))
    columns.push(
      `(${expressions.get("trade_turnover")}) / ${expressions.get("macro_gdp_a")} AS trade_gdp_dependence`,
    );
  const joins = panelJoins(
    parts.flatMap((p) => p.joins),
    columns,
  );
  // The codes are labels, joined last: the grid and every join carry only the integer keys, unless a
  // relation that was never materialised joins on the codes themselves.
  const byCode = joins.some((j) => /\bs\.(a|b)\b/.test(j));
  const sql = `WITH c AS (${countries}),
    s AS (SELECT ${byCode ? "ca.code AS a, cb.code AS b, " : ""}ca.k AS ak, cb.k AS bk, y.range::SMALLINT AS year
            FROM c AS ca, c AS cb, range(${years[0]}, ${years[1] + 1}) AS y WHERE ca.k <> cb.k)${parts
              .flatMap((p) => p.ctes)
              .map((cte) => `,\n    ${cte}`)
              .join("")}
    SELECT la.code AS a, lb.code AS b, s.year, ${columns.join(",\n")}
      FROM s ${joins.join("\n")}
      JOIN c la ON la.k = s.ak JOIN c lb ON lb.k = s.bk
     ORDER BY s.ak, s.bk, s.year`;
  return { sql, columns: ["a", "b", "year", ...columns.map(columnName)], years };
}

/**
 * The joins the panel's columns read, for the grid of millions of rows: a join no column reads is left out
 * (DuckDB keeps a LEFT JOIN it cannot prove unused), and a span joined by `s.year BETWEEN x.lo AND x.hi` is
 * joined on the year instead, one row per year of the span (a hash join, where the range condition makes a
 * nested loop over every row of the grid).
 */
function panelJoins(joins: string[], columns: string[]): string[] {
  const read = columns.join("\n");
  return joins.flatMap((text) => {
    const m = /^\s*LEFT JOIN (\S+) (\w+) ON ([\s\S]+)$/.exec(text);
    if (!m) return [text];
    const [, table, alias, on] = m;
    if (!new RegExp(`\\b${alias}\\.`).test(read)) return [];
    const span = new RegExp(`^([\\s\\S]*?)s\\.year BETWEEN ${alias}\\.lo AND ${alias}\\.hi\\s*$`).exec(on);
    if (!span) return [text];
    return [
      `LEFT JOIN (SELECT *, unnest(range(lo, hi + 1))::SMALLINT AS span_year FROM ${table}) ${alias} ON ${span[1]}${alias}.span_year = s.year`,
    ];
  });
}

/** Writes the panel to `outPath` (.parquet or .csv) inside DuckDB; nothing passes through JavaScript rows. */
export async function writePanel(store: Store, outPath: string): Promise<PanelResult> {
  const ext = extname(outPath).toLowerCase();
  if (ext !== ".parquet" && ext !== ".csv") {
    throw new Error(`The panel is written as .parquet or .csv; "${outPath}" has neither extension.`);
  }
  const format = ext === ".parquet" ? "parquet" : "csv";
  const path = resolve(outPath);
  const { sql, columns, years } = await panelQuery(store);
  const options = format === "parquet" ? "FORMAT parquet, COMPRESSION zstd" : "FORMAT csv, HEADER true";
  const rows = await store.query<{ Count: bigint }>(
    `COPY (${sql}) TO '${path.replace(/'/g, "''")}' (${options})`,
  );
  const countries = await store.one<{ n: bigint }>(
    format === "parquet"
      ? `SELECT count(DISTINCT a) AS n FROM read_parquet('${path.replace(/'/g, "''")}')`
      : `SELECT count(DISTINCT a) AS n FROM read_csv('${path.replace(/'/g, "''")}', header = true)`,
  );
  return {
    path,
    format,
    rows: Number(rows[0]?.Count ?? 0),
    columns,
    years,
    countries: Number(countries?.n ?? 0),
  };
}
