// The BACI tables in DuckDB (the release, its countries and products, its years); the flows themselves are
// Parquet beside the store (src/store/baci.ts).
import type { TableDef } from "./schema.ts";

export const BACI_TABLES: Record<string, TableDef> = {
  baci_releases: {
    name: "baci_releases",
    columns: [
      ["dataset", "VARCHAR"],
      ["hs", "VARCHAR"],
      ["version", "VARCHAR"],
      // Relative to the data home, so a moved data home keeps working.
      ["dir", "VARCHAR"],
      ["first_year", "SMALLINT"],
      ["last_year", "SMALLINT"],
      ["rows", "BIGINT"],
      ["bytes", "BIGINT"],
    ],
  },
  baci_countries: {
    name: "baci_countries",
    columns: [
      ["dataset", "VARCHAR"],
      ["code", "INTEGER"],
      ["name", "VARCHAR"],
      ["iso3", "VARCHAR"],
      // The registry's code; null for an economy no rule knows (ingested only with --skip-unknown).
      ["entity", "VARCHAR"],
    ],
  },
  baci_products: {
    name: "baci_products",
    columns: [
      ["dataset", "VARCHAR"],
      ["product", "VARCHAR"],
      ["description", "VARCHAR"],
    ],
  },
  baci_years: {
    name: "baci_years",
    columns: [
      ["dataset", "VARCHAR"],
      ["year", "SMALLINT"],
      ["file", "VARCHAR"],
      ["rows", "BIGINT"],
      ["value_usd", "DOUBLE"],
      ["bytes", "BIGINT"],
    ],
  },
};
