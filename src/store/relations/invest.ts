import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * A's outward position in B at the end of the year as A reports it (Table 6-o), the same stock as B reports
 * it (its inward position from A, Table 6-i, where loaded), A's total outward position (the World row of
 * 6-o) and B's total inward position (CDIS_Reporters.xlsx), and the two shares. A withheld cell ("C") has
 * `*_withheld` true and no value. Countries only: IMF groupings and "not specified" have no code.
 */
export const INVEST_POSITION_RELATION: Relation = {
  dimension: "invest",
  tables: ["cdis_positions"],
  reads: ["cdis_totals"],
  countries: `SELECT reporter FROM cdis_positions
              UNION SELECT counterpart FROM cdis_positions WHERE counterpart_kind = 'country'`,
  years: "SELECT min(year), max(year) FROM cdis_positions",
  panel: [
    "invest_position",
    "invest_position_withheld",
    "invest_position_mirror",
    "invest_outward_share",
    "invest_inward_share",
  ],
  async build(scope, store) {
    const years = inYears(scope, "year");
    const totals = (await store.hasTable("cdis_totals"))
      ? `SELECT reporter AS b, year, value_usd, cell FROM cdis_totals
          WHERE direction = 'inward' AND reporter IS NOT NULL AND ${years} AND ${inCountries(scope, "reporter")}`
      : "SELECT NULL::VARCHAR AS b, NULL::SMALLINT AS year, NULL::DOUBLE AS value_usd, NULL::VARCHAR AS cell WHERE false";
    const cells = (direction: string, a: string, b: string) => `
      SELECT ${a} AS a, ${b} AS b, year, value_usd, confidential, file, cell FROM cdis_positions
       WHERE direction = '${direction}' AND counterpart_kind = 'country' AND counterpart <> reporter
         AND ${years} AND ${inCountries(scope, "reporter")} AND ${inCountries(scope, "counterpart")}`;
    return {
      ctes: [
        `invest_out AS (${cells("outward", "reporter", "counterpart")})`,
        `invest_in AS (${cells("inward", "counterpart", "reporter")})`,
        `invest_out_total AS (SELECT reporter AS a, year, value_usd, confidential, cell FROM cdis_positions
                               WHERE direction = 'outward' AND counterpart = 'WLD' AND ${years}
                                 AND ${inCountries(scope, "reporter")})`,
        `invest_in_total AS (${totals})`,
      ],
      joins: [
        "LEFT JOIN invest_out io ON io.a = s.a AND io.b = s.b AND io.year = s.year",
        "LEFT JOIN invest_in ii ON ii.a = s.a AND ii.b = s.b AND ii.year = s.year",
        "LEFT JOIN invest_out_total iot ON iot.a = s.a AND iot.year = s.year",
        "LEFT JOIN invest_in_total iit ON iit.b = s.b AND iit.year = s.year",
      ],
      columns: [
        "io.value_usd AS invest_position",
        "io.confidential AS invest_position_withheld",
        "io.file AS invest_position_file",
        "io.cell AS invest_position_cell",
        "ii.value_usd AS invest_position_mirror",
        "ii.confidential AS invest_mirror_withheld",
        "ii.file AS invest_mirror_file",
        "ii.cell AS invest_mirror_cell",
        "iot.value_usd AS invest_a_outward_total",
        "iot.confidential AS invest_a_outward_total_withheld",
        "iot.cell AS invest_a_outward_total_cell",
        "iit.value_usd AS invest_b_inward_total",
        "iit.cell AS invest_b_inward_total_cell",
        "CASE WHEN iot.value_usd <> 0 THEN io.value_usd / iot.value_usd END AS invest_outward_share",
        "CASE WHEN iit.value_usd <> 0 THEN coalesce(ii.value_usd, io.value_usd) / iit.value_usd END AS invest_inward_share",
      ],
    };
  },
};

/** FDI flows into B from A in a year as UNCTAD's table for B gives them, economies only. */
export const INVEST_FLOW_RELATION: Relation = {
  dimension: "investflow",
  tables: ["fdi_flows"],
  countries: "SELECT host FROM fdi_flows UNION SELECT origin FROM fdi_flows WHERE origin_kind = 'country'",
  years: "SELECT min(year), max(year) FROM fdi_flows",
  panel: ["invest_flow"],
  async build(scope) {
    return {
      ctes: [
        // An economy stands once in a host's tree; max() only collapses the type, never two figures.
        `investflow_pair AS (SELECT origin AS a, host AS b, year, max(value_usd) AS value_usd, any_value(raw) AS raw,
                                    any_value(file) AS file, any_value(line) AS line
                               FROM fdi_flows
                              WHERE origin_kind = 'country' AND origin <> host AND ${inYears(scope, "year")}
                                AND ${inCountries(scope, "origin")} AND ${inCountries(scope, "host")}
                              GROUP BY ALL)`,
      ],
      joins: ["LEFT JOIN investflow_pair ifp ON ifp.a = s.a AND ifp.b = s.b AND ifp.year = s.year"],
      columns: [
        "ifp.value_usd AS invest_flow",
        "ifp.raw AS invest_flow_raw",
        "ifp.file AS invest_flow_file",
        "ifp.line AS invest_flow_line",
      ],
    };
  },
};
