// The arms-transfer table: one row per SIPRI register entry and delivery year, the contract the sipri
// source writes and the arms.* indicators read.
import type { TableDef } from "./schema.ts";

export const ARMS_TRANSFERS_TABLE: TableDef = {
  name: "arms_transfers",
  columns: [
    ["dataset", "VARCHAR"],
    ["deal_id", "INTEGER"],
    // Registry code; null for non-state actors and organisations, which keep their SIPRI label.
    ["supplier", "VARCHAR"],
    ["supplier_label", "VARCHAR"],
    // country | aggregate | historical | non-state | organisation
    ["supplier_kind", "VARCHAR"],
    ["recipient", "VARCHAR"],
    ["recipient_label", "VARCHAR"],
    ["recipient_kind", "VARCHAR"],
    ["designation", "VARCHAR"],
    ["description", "VARCHAR"],
    ["category", "VARCHAR"],
    ["order_year", "SMALLINT"],
    ["order_year_estimate", "BOOLEAN"],
    ["delivered", "INTEGER"],
    ["delivered_estimate", "BOOLEAN"],
    ["year", "SMALLINT"],
    ["year_estimate", "BOOLEAN"],
    ["status", "VARCHAR"],
    ["tiv_unit_estimate", "DOUBLE"],
    ["tiv_deal_unit", "DOUBLE"],
    // TIV (millions) delivered in `year`; null where SIPRI identified no delivery.
    ["tiv", "DOUBLE"],
    ["local_production", "BOOLEAN"],
    // Any field of the row carried SIPRI's `?`.
    ["uncertain", "BOOLEAN"],
    ["line", "INTEGER"],
  ],
};
