// The UN General Assembly tables: roll calls, votes, their issues and the ideal points, the contract the
// unvotes and voeten sources write and the un.* indicators read.
import type { TableDef } from "./schema.ts";

export const UN_VOTES_TABLE: TableDef = {
  name: "un_votes",
  // Sorted by country, so a dyad's votes are read from a few row groups, not all 880,000 rows.
  sortBy: ["country", "rcid"],
  columns: [
    ["dataset", "VARCHAR"],
    ["rcid", "INTEGER"],
    ["country", "VARCHAR"],
    // 1 yes, 2 abstain, 3 no: small integers keep the all-pairs agreement join cheap.
    ["vote", "SMALLINT"],
  ],
};

export const UN_ROLL_CALLS_TABLE: TableDef = {
  name: "un_roll_calls",
  columns: [
    ["dataset", "VARCHAR"],
    ["rcid", "INTEGER"],
    ["session", "SMALLINT"],
    ["year", "SMALLINT"],
    ["date", "VARCHAR"],
    ["important", "BOOLEAN"],
    ["unres", "VARCHAR"],
    ["amend", "BOOLEAN"],
    ["para", "BOOLEAN"],
    ["short", "VARCHAR"],
    ["descr", "VARCHAR"],
  ],
};

export const UN_ISSUES_TABLE: TableDef = {
  name: "un_roll_call_issues",
  columns: [
    ["dataset", "VARCHAR"],
    ["rcid", "INTEGER"],
    ["short_name", "VARCHAR"],
    ["issue", "VARCHAR"],
  ],
};

export const UN_IDEAL_POINTS_TABLE: TableDef = {
  name: "un_ideal_points",
  columns: [
    ["dataset", "VARCHAR"],
    ["country", "VARCHAR"],
    ["ccode", "SMALLINT"],
    ["session", "SMALLINT"],
    // The calendar year in whose September the session opens: 1945 + session.
    ["year", "SMALLINT"],
    ["votes", "INTEGER"],
    ["ideal_point", "DOUBLE"],
    ["us_agree", "DOUBLE"],
    ["russia_agree", "DOUBLE"],
    ["brazil_agree", "DOUBLE"],
    ["china_agree", "DOUBLE"],
    ["india_agree", "DOUBLE"],
    ["israel_agree", "DOUBLE"],
    ["line", "INTEGER"],
  ],
};
