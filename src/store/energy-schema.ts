// The energy tables: bilateral trade by fuel and the regional totals, the contract the ei-energy source
// writes and the energy.* indicators read.
import type { TableDef } from "./schema.ts";

export const ENERGY_TRADE_TABLE: TableDef = {
  name: "energy_trade",
  columns: [
    ["dataset", "VARCHAR"],
    // pipeline_gas | lng | oil_crude | oil_products | coal
    ["fuel", "VARCHAR"],
    ["unit", "VARCHAR"],
    ["year", "SMALLINT"],
    // Registry code (WLD for EI's "Total" rows and columns); null for EI regions, which keep their label.
    ["exporter", "VARCHAR"],
    ["exporter_label", "VARCHAR"],
    // country | aggregate | historical | region
    ["exporter_kind", "VARCHAR"],
    ["importer", "VARCHAR"],
    ["importer_label", "VARCHAR"],
    ["importer_kind", "VARCHAR"],
    ["value", "DOUBLE"],
    ["sheet", "VARCHAR"],
    ["cell", "VARCHAR"],
    // The edition's year (2019 … 2024): where two editions give the same year, the newer answers.
    ["edition", "SMALLINT"],
    // "bp Statistical Review of World Energy 2019", as the workbook's Contents sheet names it.
    ["edition_title", "VARCHAR"],
    ["file", "VARCHAR"],
    // The unit the sheet states where the value was converted to `unit` (coal in Mtoe before 2020).
    ["converted_from", "VARCHAR"],
  ],
};

/**
 * The regional time series: a region's or country's imports and exports of gas by year (bcm, from 2000),
 * with the "of which" rows that name the origin or destination of pipeline trade.
 */
export const ENERGY_REGIONAL_TABLE: TableDef = {
  name: "energy_regional",
  columns: [
    ["dataset", "VARCHAR"],
    // gas
    ["series", "VARCHAR"],
    ["unit", "VARCHAR"],
    // Registry code where the label is a country; null for the publisher's regions.
    ["entity", "VARCHAR"],
    ["entity_label", "VARCHAR"],
    ["entity_kind", "VARCHAR"],
    // pipeline_imports | lng_imports | total_imports | pipeline_exports | lng_exports | total_exports;
    // for the World: pipeline_trade | lng_trade | total_trade
    ["flow", "VARCHAR"],
    // For an "of which" row: the origin (imports) or destination (exports) it names.
    ["partner", "VARCHAR"],
    ["partner_label", "VARCHAR"],
    ["year", "SMALLINT"],
    ["value", "DOUBLE"],
    ["edition", "SMALLINT"],
    ["edition_title", "VARCHAR"],
    ["file", "VARCHAR"],
    ["sheet", "VARCHAR"],
    ["cell", "VARCHAR"],
  ],
};
