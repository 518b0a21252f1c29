// The military-exercise table: one row per exercise and participant, the contract the exercise sources
// write and mil.exercises reads.
import type { TableDef } from "./schema.ts";

export const MIL_EXERCISES_TABLE: TableDef = {
  name: "mil_exercises",
  sortBy: ["country", "year"],
  columns: [
    ["dataset", "VARCHAR"],
    // The publisher's id (MME: "mme2726"). MME v7 gives three ids to two exercises each: (file, line) is
    // the exercise's key.
    ["exercise_id", "VARCHAR"],
    // The exercise's name; null where the dataset has none ("-9").
    ["name", "VARCHAR"],
    ["series", "VARCHAR"],
    // The year the exercise started (MME s.year); end_year where it ran into another year.
    ["year", "SMALLINT"],
    ["end_year", "SMALLINT"],
    ["location", "VARCHAR"],
    // Registry code; null for groups (NATO, "Baltic States"), which keep their label.
    ["country", "VARCHAR"],
    ["country_label", "VARCHAR"],
    // country | historical | group
    ["country_kind", "VARCHAR"],
    ["file", "VARCHAR"],
    ["line", "INTEGER"],
  ],
};
