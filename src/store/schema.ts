// The store's tables. Every data table has `dataset`, the unit that an ingest replaces as a whole.

export type ColumnType = "VARCHAR" | "INTEGER" | "SMALLINT" | "DOUBLE" | "BOOLEAN" | "TIMESTAMP" | "BIGINT";

export interface TableDef {
  name: string;
  columns: [string, ColumnType][];
  /** Bulk inserts are written in this order, so DuckDB's min/max zone maps skip most row groups on lookup. */
  sortBy?: string[];
  /** Columns of an ART index for point lookups (a dyad's rows among millions). */
  index?: string[];
}

/** A row of trade_flows is one of these, always as reported by `reporter`. */
export type TradeFlow = "exports" | "imports" | "turnover";

export const TABLES: Record<string, TableDef> = {
  trade_flows: {
    name: "trade_flows",
    sortBy: ["reporter", "partner", "year"],
    columns: [
      ["dataset", "VARCHAR"],
      ["source", "VARCHAR"],
      // Lower wins when two datasets give the same flow: the reporter's own customs series (10), the
      // IMF (20), UN Comtrade (30), estimates compiled by others (40).
      ["priority", "SMALLINT"],
      ["reporter", "VARCHAR"],
      ["partner", "VARCHAR"],
      ["year", "SMALLINT"],
      // exports (FOB) | imports (CIF) | turnover, always as reported by `reporter`
      ["flow", "VARCHAR"],
      ["value_usd", "DOUBLE"],
      ["estimate", "BOOLEAN"],
      ["publisher", "VARCHAR"],
      ["file", "VARCHAR"],
      ["sheet", "VARCHAR"],
      ["line", "INTEGER"],
      ["note", "VARCHAR"],
    ],
  },
};

export const META_DDL = [
  `CREATE TABLE IF NOT EXISTS ingests (
     dataset VARCHAR PRIMARY KEY,
     source VARCHAR NOT NULL,
     path VARCHAR NOT NULL,
     files INTEGER,
     rows BIGINT,
     version VARCHAR,
     retrieved VARCHAR,
     ingested_at TIMESTAMP NOT NULL,
     publisher VARCHAR,
     licence VARCHAR,
     citation VARCHAR,
     report VARCHAR
   )`,
  `CREATE TABLE IF NOT EXISTS entities (
     code VARCHAR PRIMARY KEY,
     iso2 VARCHAR,
     kind VARCHAR NOT NULL,
     name_en VARCHAR NOT NULL,
     name_de VARCHAR NOT NULL
   )`,
];

export function tableDdl(def: TableDef): string {
  const cols = def.columns.map(([n, t]) => `${n} ${t}`).join(", ");
  return `CREATE TABLE IF NOT EXISTS ${def.name} (${cols})`;
}

export function indexDdl(def: TableDef): string | undefined {
  return def.index
    ? `CREATE INDEX IF NOT EXISTS ${def.name}_lookup ON ${def.name} (${def.index.join(", ")})`
    : undefined;
}
