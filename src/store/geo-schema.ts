// The pair geography table (CEPII GeoDist), the contract the cepii source writes and geo.* reads.
import type { TableDef } from "./schema.ts";

export const GEO_DYADS_TABLE: TableDef = {
  name: "geo_dyads",
  columns: [
    ["dataset", "VARCHAR"],
    ["a", "VARCHAR"],
    ["b", "VARCHAR"],
    ["contig", "SMALLINT"],
    ["comlang_off", "SMALLINT"],
    ["comlang_ethno", "SMALLINT"],
    ["colony", "SMALLINT"],
    ["comcol", "SMALLINT"],
    ["curcol", "SMALLINT"],
    ["col45", "SMALLINT"],
    ["smctry", "SMALLINT"],
    ["dist", "DOUBLE"],
    ["distcap", "DOUBLE"],
    ["distw", "DOUBLE"],
    ["distwces", "DOUBLE"],
    ["line", "INTEGER"],
  ],
};
