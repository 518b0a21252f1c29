import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * Exercises in the year in which both A and B took part (A and B in either order: the relation is
 * symmetric). Inside the dataset's span a pair without a shared exercise has 0, outside it nothing.
 */
export const MIL_RELATION: Relation = {
  dimension: "mil",
  tables: ["mil_exercises"],
  countries: "SELECT DISTINCT country FROM mil_exercises WHERE country_kind = 'country' AND dataset = 'mme'",
  years: "SELECT min(year), max(year) FROM mil_exercises WHERE dataset = 'mme'",
  panel: ["mil_exercises"],
  async build(scope) {
    return {
      ctes: [
        `mil_part AS (SELECT dataset, line AS exercise, year, country FROM mil_exercises
                       WHERE country IS NOT NULL AND ${inYears(scope, "year")} AND ${inCountries(scope, "country")})`,
        `mil_pair AS (SELECT pa.dataset, pa.country AS a, pb.country AS b, pa.year, count(DISTINCT pa.exercise) AS n
                        FROM mil_part pa JOIN mil_part pb
                          ON pb.dataset = pa.dataset AND pb.exercise = pa.exercise AND pb.country <> pa.country
                       GROUP BY ALL)`,
        "mil_span AS (SELECT dataset, min(year) AS lo, max(year) AS hi FROM mil_exercises GROUP BY dataset)",
      ],
      joins: [
        "LEFT JOIN mil_pair mp ON mp.dataset = 'mme' AND mp.a = s.a AND mp.b = s.b AND mp.year = s.year",
        "LEFT JOIN mil_span msp ON msp.dataset = 'mme' AND s.year BETWEEN msp.lo AND msp.hi",
        "LEFT JOIN mil_pair mpj ON mpj.dataset = 'jme' AND mpj.a = s.a AND mpj.b = s.b AND mpj.year = s.year",
        "LEFT JOIN mil_span mspj ON mspj.dataset = 'jme' AND s.year BETWEEN mspj.lo AND mspj.hi",
      ],
      columns: [
        "CASE WHEN msp.lo IS NOT NULL THEN coalesce(mp.n, 0) END AS mil_exercises",
        "CASE WHEN mspj.lo IS NOT NULL THEN coalesce(mpj.n, 0) END AS mil_exercises_jme",
      ],
    };
  },
};
