// A store in a temporary data home with the six beyond-trade sources ingested from the real files, once
// per test process.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BEYOND_TRADE_SOURCES } from "../../src/sources/beyond-trade.ts";
import { Store } from "../../src/store/index.ts";

export const SOURCES_DIR = process.env.DYAD_SOURCES ?? resolve("../shared/data");

let opened: Promise<Store> | undefined;

export function openBeyondTradeStore(): Promise<Store> {
  opened ??= (async () => {
    const home = mkdtempSync(join(tmpdir(), "dyad-beyond-trade-"));
    const store = await Store.open({ home });
    for (const source of BEYOND_TRADE_SOURCES)
      await source.ingest(store, join(SOURCES_DIR, source.defaultPath));
    return store;
  })();
  return opened;
}

/** A fresh, empty store for bad-input tests. */
export async function openEmptyStore(): Promise<Store> {
  return Store.open({ home: mkdtempSync(join(tmpdir(), "dyad-bt-empty-")) });
}

/**
 * Everything in the store, for before/after comparisons. Store.fingerprint() hashes `t.*`, which this
 * DuckDB release does not expand inside hash(); hashing the row struct `t` does the same job.
 */
export async function storeFingerprint(store: Store): Promise<string> {
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
