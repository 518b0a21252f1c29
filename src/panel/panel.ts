// The dyad-year panel: every ordered pair of countries × every year any source covers, with every indicator
// that applies, computed in one DuckDB query and written straight to Parquet or CSV.
import { extname, resolve } from "node:path";
import type { Store } from "../store/index.ts";

export interface PanelResult {
  path: string;
  format: "parquet" | "csv";
  rows: number;
  columns: string[];
  years: [number, number];
  countries: number;
}

interface Part {
  /** Tables it needs; the part is left out (its columns absent) when one is missing. */
  tables: string[];
  /** CTEs: name AS (...) */
  ctes: string[];
  /** LEFT JOINs onto the grid g(a, b, year). */
  joins: string[];
  columns: string[];
  /** Country codes it covers and its year span, for the grid. */
  countries: string;
  years?: string;
}

const PARTS: Part[] = [
  {
    tables: ["un_votes", "un_roll_calls"],
    // Each country's votes in a year as bitstrings over that year's roll calls (one per vote option), so a
    // pair's counts are popcounts of ANDs: a naive join of the votes on roll call makes ~60 million pair
    // rows and takes 8× as long. ROLL_CALL_BITS is replaced by the largest number of roll calls in a year.
    ctes: [
      `un_idx AS (SELECT rcid, year, (row_number() OVER (PARTITION BY year ORDER BY rcid) - 1)::INTEGER AS i
                  FROM un_roll_calls)`,
      `un_bits AS (
         SELECT v.country, x.year,
                bitstring_agg(x.i, 0, ROLL_CALL_BITS) AS voted,
                bitstring_agg(x.i, 0, ROLL_CALL_BITS) FILTER (WHERE v.vote = 1) AS yes,
                bitstring_agg(x.i, 0, ROLL_CALL_BITS) FILTER (WHERE v.vote = 2) AS abstain,
                bitstring_agg(x.i, 0, ROLL_CALL_BITS) FILTER (WHERE v.vote = 3) AS no
           FROM un_votes v JOIN un_idx x USING (rcid) GROUP BY ALL)`,
      `un_agree AS (
         SELECT ba.country AS a, bb.country AS b, ba.year, bit_count(ba.voted & bb.voted) AS both_voted,
                coalesce(bit_count(ba.yes & bb.yes), 0) + coalesce(bit_count(ba.abstain & bb.abstain), 0)
                  + coalesce(bit_count(ba.no & bb.no), 0) AS agreed
           FROM un_bits ba JOIN un_bits bb ON ba.year = bb.year AND ba.country <> bb.country)`,
    ],
    joins: ["LEFT JOIN un_agree ua ON ua.a = g.a AND ua.b = g.b AND ua.year = g.year"],
    columns: [
      "CASE WHEN ua.both_voted > 0 THEN ua.agreed / ua.both_voted END AS un_agreement",
      "ua.both_voted AS un_roll_calls_both_voted",
    ],
    countries: "SELECT DISTINCT country FROM un_votes",
    years: "SELECT min(year), max(year) FROM un_roll_calls",
  },
  {
    tables: ["un_ideal_points"],
    ctes: [],
    joins: [
      "LEFT JOIN un_ideal_points ipa ON ipa.country = g.a AND ipa.year = g.year",
      "LEFT JOIN un_ideal_points ipb ON ipb.country = g.b AND ipb.year = g.year",
    ],
    columns: ["abs(ipa.ideal_point - ipb.ideal_point) AS un_idealpoint_distance"],
    countries: "SELECT DISTINCT country FROM un_ideal_points",
    years: "SELECT min(year), max(year) FROM un_ideal_points",
  },
  {
    tables: ["arms_transfers"],
    ctes: [
      `arms_pair AS (SELECT supplier AS a, recipient AS b, year, sum(tiv) AS tiv FROM arms_transfers
                     WHERE supplier IS NOT NULL AND recipient IS NOT NULL GROUP BY ALL)`,
      `arms_in AS (SELECT recipient AS b, year, sum(tiv) AS tiv FROM arms_transfers WHERE recipient IS NOT NULL GROUP BY ALL)`,
      `arms_span AS (SELECT min(year) AS lo, max(year) AS hi FROM arms_transfers)`,
    ],
    joins: [
      "LEFT JOIN arms_pair ap ON ap.a = g.a AND ap.b = g.b AND ap.year = g.year",
      "LEFT JOIN arms_in ai ON ai.b = g.b AND ai.year = g.year",
      "LEFT JOIN arms_span asp ON g.year BETWEEN asp.lo AND asp.hi",
    ],
    // Inside SIPRI's span a missing row means no delivery identified: 0, not unknown.
    columns: [
      "CASE WHEN asp.lo IS NOT NULL THEN coalesce(ap.tiv, 0) END AS arms_tiv",
      "CASE WHEN ai.tiv > 0 THEN coalesce(ap.tiv, 0) / ai.tiv END AS arms_supplier_share",
    ],
    countries:
      "SELECT DISTINCT supplier FROM arms_transfers WHERE supplier_kind = 'country' UNION SELECT DISTINCT recipient FROM arms_transfers WHERE recipient_kind = 'country'",
    years: "SELECT min(year), max(year) FROM arms_transfers",
  },
  {
    tables: ["energy_trade"],
    ctes: [
      `energy_fuel AS (SELECT CASE WHEN fuel LIKE 'oil_%' THEN 'oil' ELSE fuel END AS fuel, exporter, importer, year, value
                       FROM energy_trade WHERE exporter IS NOT NULL AND importer IS NOT NULL)`,
      `energy_x AS (SELECT DISTINCT fuel, exporter, year FROM energy_fuel WHERE exporter <> 'WLD')`,
      `energy_m AS (SELECT fuel, importer, year, sum(value) FILTER (WHERE exporter = 'WLD') AS total
                    FROM energy_fuel WHERE importer <> 'WLD' GROUP BY ALL)`,
      `energy_cell AS (SELECT fuel, exporter, importer, year, sum(value) AS value FROM energy_fuel GROUP BY ALL)`,
      // Only pairs the sheet lists separately on both sides get a value (0 where the cell is 0).
      `energy_pairs AS (
         SELECT x.exporter AS a, m.importer AS b, x.year,
           ${["pipeline_gas", "lng", "oil", "coal"]
             .map(
               (f) => `max(CASE WHEN x.fuel = '${f}' THEN coalesce(c.value, 0) END) AS energy_${f},
           max(CASE WHEN x.fuel = '${f}' AND m.total > 0 THEN coalesce(c.value, 0) / m.total END) AS energy_${f}_share`,
             )
             .join(",\n           ")}
           FROM energy_x x JOIN energy_m m ON m.fuel = x.fuel AND m.year = x.year AND m.importer <> x.exporter
           LEFT JOIN energy_cell c ON c.fuel = x.fuel AND c.exporter = x.exporter AND c.importer = m.importer AND c.year = x.year
          GROUP BY ALL)`,
    ],
    joins: ["LEFT JOIN energy_pairs ep ON ep.a = g.a AND ep.b = g.b AND ep.year = g.year"],
    columns: ["pipeline_gas", "lng", "oil", "coal"].flatMap((f) => [
      `ep.energy_${f}`,
      `ep.energy_${f}_share`,
    ]),
    countries:
      "SELECT exporter FROM energy_trade WHERE exporter_kind = 'country' UNION SELECT importer FROM energy_trade WHERE importer_kind = 'country'",
    years: "SELECT min(year), max(year) FROM energy_trade",
  },
  {
    tables: ["wdi_values"],
    ctes: [
      `gdp AS (SELECT g.country, g.year, g.value * p.value AS gdp_usd FROM wdi_values g
               JOIN wdi_values p ON p.country = g.country AND p.year = g.year AND p.series = 'population_total'
               WHERE g.series = 'NY.GDP.PCAP.CD')`,
    ],
    joins: [
      "LEFT JOIN gdp gdpa ON gdpa.country = g.a AND gdpa.year = g.year",
      "LEFT JOIN gdp gdpb ON gdpb.country = g.b AND gdpb.year = g.year",
    ],
    columns: ["gdpa.gdp_usd AS macro_gdp_a", "gdpb.gdp_usd AS macro_gdp_b"],
    countries: "SELECT DISTINCT country FROM wdi_values",
    years: "SELECT min(year), max(year) FROM wdi_values",
  },
  {
    tables: ["trade_flows"],
    ctes: [
      // A's own report of each flow, from the dataset of lowest priority number (as the trade indicators).
      `trade_best AS (SELECT reporter AS a, partner AS b, year, flow, arg_min(value_usd, priority) AS value_usd
                      FROM trade_flows WHERE flow IN ('exports', 'imports') GROUP BY ALL)`,
      `trade_pair AS (SELECT a, b, year, max(value_usd) FILTER (WHERE flow = 'exports') AS exports_usd,
                             max(value_usd) FILTER (WHERE flow = 'imports') AS imports_usd
                      FROM trade_best GROUP BY ALL)`,
    ],
    joins: ["LEFT JOIN trade_pair tp ON tp.a = g.a AND tp.b = g.b AND tp.year = g.year"],
    columns: [
      "tp.exports_usd AS trade_exports",
      "tp.imports_usd AS trade_imports",
      "tp.exports_usd + tp.imports_usd AS trade_turnover",
    ],
    countries: "SELECT DISTINCT reporter FROM trade_flows",
    years: "SELECT min(year), max(year) FROM trade_flows",
  },
  {
    tables: ["geo_dyads"],
    ctes: [],
    joins: ["LEFT JOIN geo_dyads geo ON geo.a = g.a AND geo.b = g.b"],
    columns: ["geo.dist AS geo_distance", "geo.contig AS geo_contiguity"],
    countries: "SELECT DISTINCT a FROM geo_dyads",
  },
];

/** The panel's SELECT, for the parts whose tables are in the store. */
export async function panelQuery(
  store: Store,
): Promise<{ sql: string; columns: string[]; years: [number, number] }> {
  const parts: Part[] = [];
  for (const part of PARTS) {
    let ok = true;
    for (const t of part.tables) if (!(await store.hasTable(t))) ok = false;
    if (ok) {
      const n = await store.one<{ n: bigint }>(`SELECT count(*) AS n FROM ${part.tables[0]}`);
      if (Number(n?.n ?? 0) > 0) parts.push(part);
    }
  }
  if (!parts.length) {
    throw new Error(
      "The store holds no data for a panel. Run `dyad setup` (or `dyad ingest <source> <path>`) first.",
    );
  }
  const spans = await Promise.all(
    parts
      .filter((p) => p.years)
      .map((p) => store.one<Record<string, number>>(`SELECT * FROM (${p.years}) AS s(lo, hi)`)),
  );
  const years: [number, number] = [
    Math.min(...spans.map((s) => Number(s?.lo))),
    Math.max(...spans.map((s) => Number(s?.hi))),
  ];
  const hasTrade = parts.some((p) => p.tables.includes("trade_flows"));
  const hasGdp = parts.some((p) => p.tables.includes("wdi_values"));
  const columns = parts.flatMap((p) => p.columns);
  if (hasTrade && hasGdp)
    columns.push("(tp.exports_usd + tp.imports_usd) / gdpa.gdp_usd AS trade_gdp_dependence");
  const rollCalls = parts.some((p) => p.tables.includes("un_roll_calls"))
    ? await store.one<{ n: bigint }>(
        "SELECT max(n) AS n FROM (SELECT count(*) AS n FROM un_roll_calls GROUP BY year)",
      )
    : undefined;
  const sql = `
    WITH ${parts.flatMap((p) => p.ctes).join(",\n")}${parts.some((p) => p.ctes.length) ? "," : ""}
    countries AS (SELECT code FROM entities WHERE kind = 'country'
                  AND code IN (${parts.map((p) => p.countries).join(" UNION ")})),
    g AS (SELECT ca.code AS a, cb.code AS b, y.range::SMALLINT AS year
            FROM countries ca, countries cb, range(${years[0]}, ${years[1] + 1}) AS y
           WHERE ca.code <> cb.code)
    SELECT g.a, g.b, g.year, ${columns.join(",\n")}
      FROM g ${parts.flatMap((p) => p.joins).join("\n")}
     ORDER BY g.a, g.b, g.year`.replaceAll(
    "ROLL_CALL_BITS",
    String(Math.max(1, Number(rollCalls?.n ?? 1)) - 1),
  );
  return {
    sql,
    columns: ["a", "b", "year", ...columns.map((c) => c.split(/\s+AS\s+|\./).at(-1) ?? c)],
    years,
  };
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
