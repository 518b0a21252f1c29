// Everything in a store, hashed, for "a failed ingest leaves the store unchanged". The store's own
// fingerprint() is used when it works; with DuckDB 1.5 its `hash(t.*)` does not bind, so this hashes each row
// as a struct instead (views included, so the Parquet behind baci_flows counts too).
import type { Store } from "../../src/store/index.ts";

export async function fingerprint(store: Store): Promise<string> {
  try {
    return await store.fingerprint();
  } catch {
    const parts: string[] = [];
    const tables = await store.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name",
    );
    for (const { table_name } of tables) {
      const row = await store.one<{ n: bigint; h: bigint | null }>(
        `SELECT count(*) AS n, sum(hash(t)) AS h FROM ${table_name} AS t`,
      );
      parts.push(`${table_name}:${row?.n}:${row?.h}`);
    }
    return parts.join("|");
  }
}
