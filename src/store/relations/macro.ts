import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * GDP (current USD) of A and of B in the year = GDP per capita × population. A monadic figure joined once
 * for each side, as peacesciencer adds a country-year variable to both members of a dyad.
 */
export const MACRO_RELATION: Relation = {
  dimension: "macro",
  tables: ["wdi_values"],
  countries: "SELECT DISTINCT country FROM wdi_values",
  years: "SELECT min(year), max(year) FROM wdi_values",
  panel: ["macro_gdp_a", "macro_gdp_b"],
  async build(scope) {
    return {
      ctes: [
        `macro_gdp AS (
           SELECT g.country, g.year, g.value * p.value AS gdp_usd, g.value AS gdp_per_capita, p.value AS population
             FROM wdi_values g
             JOIN wdi_values p ON p.country = g.country AND p.year = g.year AND p.series = 'population_total'
            WHERE g.series = 'NY.GDP.PCAP.CD' AND ${inCountries(scope, "g.country")} AND ${inYears(scope, "g.year")})`,
      ],
      joins: [
        "LEFT JOIN macro_gdp mga ON mga.country = s.a AND mga.year = s.year",
        "LEFT JOIN macro_gdp mgb ON mgb.country = s.b AND mgb.year = s.year",
      ],
      columns: [
        "mga.gdp_usd AS macro_gdp_a",
        "mgb.gdp_usd AS macro_gdp_b",
        "mga.gdp_per_capita AS macro_gdp_per_capita_a",
        "mga.population AS macro_population_a",
      ],
    };
  },
};
