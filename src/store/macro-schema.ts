// The World Development Indicators table, the contract the wdi source writes and macro.gdp reads.
import type { TableDef } from "./schema.ts";

export const WDI_VALUES_TABLE: TableDef = {
  name: "wdi_values",
  columns: [
    ["dataset", "VARCHAR"],
    ["country", "VARCHAR"],
    ["year", "SMALLINT"],
    // The publisher's identifier: a WDI series code, or the panel's column name.
    ["series", "VARCHAR"],
    ["value", "DOUBLE"],
    ["file", "VARCHAR"],
    ["line", "INTEGER"],
  ],
};
