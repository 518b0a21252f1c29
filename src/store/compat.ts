// A store built by an earlier dyad may hold tables whose columns the code no longer matches (a column added
// to the energy table, say): queries would then fail with DuckDB's binder errors. This compares every known
// table that exists in the store with its declaration, so commands can say so in dyad's words and
// `dyad start` can rebuild.
import { ARMS_TRANSFERS_TABLE } from "./arms-schema.ts";
import { BACI_TABLES } from "./baci-schema.ts";
import { ENERGY_REGIONAL_TABLE, ENERGY_TRADE_TABLE } from "./energy-schema.ts";
import { GEO_DYADS_TABLE } from "./geo-schema.ts";
import { CDIS_POSITIONS_TABLE, CDIS_TOTALS_TABLE, FDI_FLOWS_TABLE } from "./invest-schema.ts";
import { WDI_VALUES_TABLE } from "./macro-schema.ts";
import { staleRelations } from "./materialise.ts";
import { MIL_EXERCISES_TABLE } from "./military-schema.ts";
import { RELATIONS } from "./relations/index.ts";
import { TABLES, type TableDef } from "./schema.ts";
import type { Store } from "./store.ts";
import { UN_IDEAL_POINTS_TABLE, UN_ISSUES_TABLE, UN_ROLL_CALLS_TABLE, UN_VOTES_TABLE } from "./un-schema.ts";

const KNOWN: TableDef[] = [
  ...Object.values(TABLES),
  ...Object.values(BACI_TABLES),
  ARMS_TRANSFERS_TABLE,
  ENERGY_TRADE_TABLE,
  ENERGY_REGIONAL_TABLE,
  GEO_DYADS_TABLE,
  CDIS_POSITIONS_TABLE,
  CDIS_TOTALS_TABLE,
  FDI_FLOWS_TABLE,
  WDI_VALUES_TABLE,
  MIL_EXERCISES_TABLE,
  UN_VOTES_TABLE,
  UN_ROLL_CALLS_TABLE,
  UN_ISSUES_TABLE,
  UN_IDEAL_POINTS_TABLE,
];

/**
 * Every known table's columns and every relation's code in one string: a store found current once stays so
 * while this and the file are unchanged (a changed relation must be found stale: its tables were built by
 * the old SQL).
 */
export const KNOWN_SCHEMA = [
  ...KNOWN.map((def) => `${def.name}(${def.columns.map(([n]) => n).join(",")})`),
  ...RELATIONS.map((r) => `${r.dimension}:${r.tables.join(",")}:${r.build.toString()}`),
].join(";");

/** Each known table whose columns in the store differ from its declaration, as "table: what differs". */
export async function staleTables(store: Store): Promise<string[]> {
  const rows = await store.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main' ORDER BY table_name, column_index",
  );
  const inStore = new Map<string, string[]>();
  for (const r of rows) {
    const list = inStore.get(r.table_name) ?? [];
    list.push(r.column_name);
    inStore.set(r.table_name, list);
  }
  const out: string[] = [];
  for (const def of KNOWN) {
    const have = inStore.get(def.name);
    if (!have) continue;
    const want = def.columns.map(([name]) => name);
    const missing = want.filter((c) => !have.includes(c));
    const extra = have.filter((c) => !want.includes(c));
    if (missing.length || extra.length)
      out.push(
        `${def.name}: ${[missing.length ? `lacks ${missing.join(", ")}` : "", extra.length ? `has ${extra.join(", ")} no longer used` : ""].filter(Boolean).join("; ")}`,
      );
  }
  // The materialised relations: a store from before them, or built by another definition, is stale too.
  out.push(...(await staleRelations(store)));
  return out;
}

/** What a person does about a stale store. */
export function staleStoreMessage(path: string, stale: string[]): string {
  return `The store at ${path} was built by an earlier version of dyad (${stale.slice(0, 3).join("; ")}${stale.length > 3 ? "; …" : ""}). Run \`npx dyad start\`, which rebuilds it, or delete that file and run \`npx dyad setup\`.`;
}
