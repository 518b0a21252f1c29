import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * Deliveries from A to B in the year (TIV), and all of B's imports that year. Inside SIPRI's span a missing
 * register row means no delivery identified, so the volume is 0 there and unknown outside it.
 */
export const ARMS_RELATION: Relation = {
  dimension: "arms",
  tables: ["arms_transfers"],
  countries:
    "SELECT DISTINCT supplier FROM arms_transfers WHERE supplier_kind = 'country' UNION SELECT DISTINCT recipient FROM arms_transfers WHERE recipient_kind = 'country'",
  years: "SELECT min(year), max(year) FROM arms_transfers",
  panel: ["arms_tiv", "arms_supplier_share"],
  async build(scope) {
    const years = inYears(scope, "year");
    return {
      ctes: [
        `arms_pair AS (SELECT supplier AS a, recipient AS b, year, sum(tiv) AS tiv, count(DISTINCT deal_id) AS deals,
                              count(*) FILTER (WHERE uncertain) AS uncertain
                         FROM arms_transfers
                        WHERE supplier IS NOT NULL AND recipient IS NOT NULL AND ${years}
                          AND ${inCountries(scope, "supplier")} AND ${inCountries(scope, "recipient")}
                        GROUP BY ALL)`,
        `arms_in AS (SELECT recipient AS b, year, sum(tiv) AS tiv FROM arms_transfers
                      WHERE recipient IS NOT NULL AND ${years} AND ${inCountries(scope, "recipient")} GROUP BY ALL)`,
        "arms_span AS (SELECT min(year) AS lo, max(year) AS hi FROM arms_transfers)",
      ],
      joins: [
        "LEFT JOIN arms_pair ap ON ap.a = s.a AND ap.b = s.b AND ap.year = s.year",
        "LEFT JOIN arms_in ai ON ai.b = s.b AND ai.year = s.year",
        "LEFT JOIN arms_span asp ON s.year BETWEEN asp.lo AND asp.hi",
      ],
      columns: [
        "CASE WHEN asp.lo IS NOT NULL THEN coalesce(ap.tiv, 0) END AS arms_tiv",
        "CASE WHEN ai.tiv > 0 THEN coalesce(ap.tiv, 0) / ai.tiv END AS arms_supplier_share",
        "ai.tiv AS arms_imports_of_b",
        "coalesce(ap.deals, 0) AS arms_deals",
        "coalesce(ap.uncertain, 0) AS arms_uncertain_rows",
      ],
    };
  },
};
