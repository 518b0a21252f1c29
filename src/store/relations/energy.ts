import { inCountries, inYears, type Relation } from "../relation.ts";

export interface Fuel {
  key: string;
  label: string;
  unit: string;
  /** The fuel codes of energy_trade that make it up. */
  parts: string[];
  /** The sheet's name in the 2023 edition (names change between editions; each value names its own). */
  sheet: string;
}

/** energy_trade with, for each fuel and year, only the newest edition's cells. */
export const ENERGY_TRADE_LATEST = `
  SELECT * FROM energy_trade QUALIFY edition = max(edition) OVER (PARTITION BY fuel, year)`;

export const FUELS: Fuel[] = [
  {
    key: "pipeline_gas",
    label: "natural gas by pipeline",
    unit: "bcm",
    parts: ["pipeline_gas"],
    sheet: "Gas - Trade movts - pipeline",
  },
  { key: "lng", label: "liquefied natural gas", unit: "bcm", parts: ["lng"], sheet: "Gas - Trade movts LNG" },
  {
    key: "oil",
    label: "oil (crude and products)",
    unit: "Mt",
    parts: ["oil_crude", "oil_products"],
    sheet: "Oil - Inter-area movements",
  },
  { key: "coal", label: "coal", unit: "EJ", parts: ["coal"], sheet: "Coal - Inter area movts" },
];

export const FUEL_OF = `CASE ${FUELS.flatMap((f) => f.parts.map((p) => `WHEN fuel = '${p}' THEN '${f.key}'`)).join(" ")} END`;

/**
 * A's exports of each fuel to B and their share of B's imports. Only pairs the sheet lists separately on
 * both sides (A as an exporter, B as an importer of that fuel and year) get a value, 0 where the cell is 0.
 */
export const ENERGY_RELATION: Relation = {
  dimension: "energy",
  tables: ["energy_trade"],
  countries:
    "SELECT exporter FROM energy_trade WHERE exporter_kind = 'country' UNION SELECT importer FROM energy_trade WHERE importer_kind = 'country'",
  years: "SELECT min(year), max(year) FROM energy_trade",
  panel: FUELS.flatMap((f) => [`energy_${f.key}`, `energy_${f.key}_share`]),
  async build(scope) {
    // Each side is narrowed to the scope's countries where it is read: exporters listed, importers' totals, cells.
    return {
      ctes: [
        `energy_fuel AS (SELECT ${FUEL_OF} AS fuel, exporter, importer, year, value FROM (${ENERGY_TRADE_LATEST})
                          WHERE exporter IS NOT NULL AND importer IS NOT NULL AND ${inYears(scope, "year")}
                            AND ${FUEL_OF} IS NOT NULL)`,
        `energy_x AS (SELECT DISTINCT fuel, exporter, year FROM energy_fuel
                       WHERE exporter <> 'WLD' AND ${inCountries(scope, "exporter")})`,
        `energy_m AS (SELECT fuel, importer, year, sum(value) FILTER (WHERE exporter = 'WLD') AS total
                        FROM energy_fuel WHERE importer <> 'WLD' AND ${inCountries(scope, "importer")} GROUP BY ALL)`,
        `energy_cell AS (SELECT fuel, exporter, importer, year, sum(value) AS value FROM energy_fuel
                          WHERE ${inCountries(scope, "exporter")} AND ${inCountries(scope, "importer")} GROUP BY ALL)`,
        `energy_pairs AS (
           SELECT x.exporter AS a, m.importer AS b, x.year,
             ${FUELS.map(
               (f) => `max(CASE WHEN x.fuel = '${f.key}' THEN coalesce(c.value, 0) END) AS ${f.key},
             max(CASE WHEN x.fuel = '${f.key}' AND m.total > 0 THEN coalesce(c.value, 0) / m.total END) AS ${f.key}_share,
             max(CASE WHEN x.fuel = '${f.key}' THEN m.total END) AS ${f.key}_imports_of_b`,
             ).join(",\n             ")}
             FROM energy_x x JOIN energy_m m ON m.fuel = x.fuel AND m.year = x.year AND m.importer <> x.exporter
             LEFT JOIN energy_cell c ON c.fuel = x.fuel AND c.exporter = x.exporter AND c.importer = m.importer AND c.year = x.year
            GROUP BY ALL)`,
      ],
      joins: ["LEFT JOIN energy_pairs ep ON ep.a = s.a AND ep.b = s.b AND ep.year = s.year"],
      columns: FUELS.flatMap((f) => [
        `ep.${f.key} AS energy_${f.key}`,
        `ep.${f.key}_share AS energy_${f.key}_share`,
        `ep.${f.key}_imports_of_b AS energy_${f.key}_imports_of_b`,
      ]),
    };
  },
};
