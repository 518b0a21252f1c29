import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * Agreement on UNGA roll calls for the dyad-years asked: roll calls both voted on, and on how many they voted
 * alike. Each country's votes in a year are bitstrings over that year's roll calls (one per vote option), so a
 * pair's counts are popcounts of ANDs: a join of the votes on roll call makes ~60 million pair rows for the
 * panel and takes 8× as long.
 */
export const UN_AGREEMENT_RELATION: Relation = {
  dimension: "un",
  tables: ["un_votes", "un_roll_calls"],
  countries: "SELECT DISTINCT country FROM un_votes",
  years: "SELECT min(year), max(year) FROM un_roll_calls",
  panel: ["un_agreement", "un_roll_calls_both_voted"],
  async build(scope, store) {
    const joins = [
      "LEFT JOIN un_agree ua ON ua.a = s.a AND ua.b = s.b AND ua.year = s.year",
      "LEFT JOIN un_calls uc ON uc.year = s.year",
    ];
    const columns = [
      "CASE WHEN ua.both_voted > 0 THEN ua.agreed / ua.both_voted END AS un_agreement",
      "ua.both_voted AS un_roll_calls_both_voted",
      "ua.agreed AS un_roll_calls_agreed",
      "coalesce(uc.n, 0) AS un_roll_calls",
    ];
    if (scope.countries && scope.countries.length <= 16) {
      // A few countries (a value, a profile): joining their votes on roll call is cheaper than building
      // bitstrings. The same counts, except that a pair with no roll call in common has no row (so no
      // agreement either) where the bitstrings give 0.
      return {
        ctes: [
          `un_calls AS (SELECT year, count(*) AS n FROM un_roll_calls WHERE ${inYears(scope, "year")} GROUP BY year)`,
          `un_agree AS (
             SELECT va.country AS a, vb.country AS b, rc.year, count(*) AS both_voted,
                    count(*) FILTER (WHERE va.vote = vb.vote) AS agreed
               FROM un_roll_calls rc
               JOIN un_votes va ON va.rcid = rc.rcid AND ${inCountries(scope, "va.country")}
               JOIN un_votes vb ON vb.rcid = rc.rcid AND vb.country <> va.country AND ${inCountries(scope, "vb.country")}
              WHERE ${inYears(scope, "rc.year")}
              GROUP BY ALL)`,
        ],
        joins,
        columns,
      };
    }
    // bitstring_agg needs its range as constants: the largest number of roll calls in a year.
    const [max] = await store.memoQuery<{ n: bigint | null }>(
      "SELECT max(n) AS n FROM (SELECT count(*) AS n FROM un_roll_calls GROUP BY year)",
    );
    const bits = Math.max(1, Number(max?.n ?? 1)) - 1;
    return {
      ctes: [
        `un_idx AS (SELECT rcid, year, (row_number() OVER (PARTITION BY year ORDER BY rcid) - 1)::INTEGER AS i
                      FROM un_roll_calls WHERE ${inYears(scope, "year")})`,
        "un_calls AS (SELECT year, count(*) AS n FROM un_idx GROUP BY year)",
        `un_bits AS (
           SELECT v.country, x.year,
                  bitstring_agg(x.i, 0, ${bits}) AS voted,
                  bitstring_agg(x.i, 0, ${bits}) FILTER (WHERE v.vote = 1) AS yes,
                  bitstring_agg(x.i, 0, ${bits}) FILTER (WHERE v.vote = 2) AS abstain,
                  bitstring_agg(x.i, 0, ${bits}) FILTER (WHERE v.vote = 3) AS no
             FROM un_votes v JOIN un_idx x USING (rcid) WHERE ${inCountries(scope, "v.country")} GROUP BY ALL)`,
        `un_agree AS (
           SELECT ba.country AS a, bb.country AS b, ba.year, bit_count(ba.voted & bb.voted) AS both_voted,
                  coalesce(bit_count(ba.yes & bb.yes), 0) + coalesce(bit_count(ba.abstain & bb.abstain), 0)
                    + coalesce(bit_count(ba.no & bb.no), 0) AS agreed
             FROM un_bits ba JOIN un_bits bb ON ba.year = bb.year AND ba.country <> bb.country)`,
      ],
      joins,
      columns,
    };
  },
};

/** Ideal points of A and B in the session that opens in September of the year, and their distance. */
export const UN_IDEAL_POINT_RELATION: Relation = {
  dimension: "un_ideal",
  tables: ["un_ideal_points"],
  countries: "SELECT DISTINCT country FROM un_ideal_points",
  years: "SELECT min(year), max(year) FROM un_ideal_points",
  panel: ["un_idealpoint_distance"],
  async build() {
    return {
      ctes: [],
      joins: [
        "LEFT JOIN un_ideal_points un_ideal_a ON un_ideal_a.country = s.a AND un_ideal_a.year = s.year",
        "LEFT JOIN un_ideal_points un_ideal_b ON un_ideal_b.country = s.b AND un_ideal_b.year = s.year",
      ],
      columns: [
        "abs(un_ideal_a.ideal_point - un_ideal_b.ideal_point) AS un_idealpoint_distance",
        "un_ideal_a.ideal_point AS un_ideal_point_a",
        "un_ideal_b.ideal_point AS un_ideal_point_b",
        "un_ideal_a.line AS un_ideal_line_a",
        "un_ideal_b.line AS un_ideal_line_b",
      ],
    };
  },
};
