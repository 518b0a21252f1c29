import type { Relation } from "../relation.ts";

/** Distance and contiguity of the pair, the same in every year (time-invariant: joined on the pair alone). */
export const GEO_RELATION: Relation = {
  dimension: "geo",
  tables: ["geo_dyads"],
  countries: "SELECT DISTINCT a FROM geo_dyads",
  panel: ["geo_distance", "geo_contiguity"],
  async build() {
    return {
      ctes: [],
      joins: ["LEFT JOIN geo_dyads geo ON geo.a = s.a AND geo.b = s.b"],
      columns: [
        "geo.dist AS geo_distance",
        "geo.contig AS geo_contiguity",
        "geo.distcap AS geo_distcap",
        "geo.distw AS geo_distw",
        "geo.distwces AS geo_distwces",
        "geo.line AS geo_line",
      ],
    };
  },
};
