// The investment tables: direct-investment positions (IMF CDIS) and flows (UNCTAD), the contract the
// investment sources write and the investment indicators read.
import type { TableDef } from "./schema.ts";

/** One cell of a CDIS Table 6: a reporter's position with one counterpart economy at the end of a year. */
export const CDIS_POSITIONS_TABLE: TableDef = {
  name: "cdis_positions",
  sortBy: ["reporter", "counterpart", "year"],
  columns: [
    ["dataset", "VARCHAR"],
    // outward (Table 6-o: the reporter's investment in the counterpart) | inward (Table 6-i: the
    // counterpart's investment in the reporter, as the reporter records it)
    ["direction", "VARCHAR"],
    ["year", "SMALLINT"],
    ["reporter", "VARCHAR"],
    ["reporter_label", "VARCHAR"],
    // Registry code; WLD for the "World" row (the reporter's total); null for IMF groupings and
    // "Not Specified (including Confidential)", which keep their label.
    ["counterpart", "VARCHAR"],
    ["counterpart_label", "VARCHAR"],
    // country | aggregate | historical | unallocated | region
    ["counterpart_kind", "VARCHAR"],
    // US dollars (the table is in millions); null where the reporter withheld the figure.
    ["value_usd", "DOUBLE"],
    // The cell reads "C": suppressed by the reporter to preserve confidentiality (not zero, not missing).
    ["confidential", "BOOLEAN"],
    ["file", "VARCHAR"],
    ["sheet", "VARCHAR"],
    ["cell", "VARCHAR"],
  ],
};

/** A reporter's total direct-investment position (all counterparts), from CDIS_Reporters.xlsx. */
export const CDIS_TOTALS_TABLE: TableDef = {
  name: "cdis_totals",
  columns: [
    ["dataset", "VARCHAR"],
    ["direction", "VARCHAR"],
    ["year", "SMALLINT"],
    // Registry code; null for the IMF's regional groupings, which keep their label.
    ["reporter", "VARCHAR"],
    ["reporter_label", "VARCHAR"],
    ["reporter_kind", "VARCHAR"],
    ["value_usd", "DOUBLE"],
    ["file", "VARCHAR"],
    ["sheet", "VARCHAR"],
    ["cell", "VARCHAR"],
  ],
};

/** UNCTAD bilateral FDI statistics: a flow into a host economy from one origin in a year. */
export const FDI_FLOWS_TABLE: TableDef = {
  name: "fdi_flows",
  sortBy: ["origin", "host", "year"],
  columns: [
    ["dataset", "VARCHAR"],
    ["host", "VARCHAR"],
    // Registry code; WLD for "World"; null for UNCTAD's regions and groups, which keep their label.
    ["origin", "VARCHAR"],
    ["origin_label", "VARCHAR"],
    ["origin_kind", "VARCHAR"],
    // The level of the origin in UNCTAD's region tree (0 = World, the deepest = economies).
    ["level", "SMALLINT"],
    ["year", "SMALLINT"],
    // US dollars (the table is in millions); negative = disinvestment (repayments or reverse flows
    // exceeded new investment).
    ["value_usd", "DOUBLE"],
    // host: the host's own statistics; origins: UNCTAD built the table from the origin economies' reports
    ["reported_by", "VARCHAR"],
    ["file", "VARCHAR"],
    ["line", "INTEGER"],
    ["raw", "VARCHAR"],
  ],
};
