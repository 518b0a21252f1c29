// Opening the store from a command: read-only for queries (so several can run side by side), read-write to ingest.
import { existsSync } from "node:fs";
import type { Store } from "../store/index.ts";

// The store module loads DuckDB's native library: imported when a command opens the store, so commands
// and `--help` that need none start without it.
const storeModule = () => import("../store/index.ts");

export async function openForRead(): Promise<Store> {
  const { Store, storePath, staleTables, staleStoreMessage } = await storeModule();
  const path = storePath();
  if (!existsSync(path)) {
    throw new Error(
      `No dyad store at ${path}. Run \`npx dyad setup\` first (it ingests ../shared/data or --sources DIR).`,
    );
  }
  const store = await Store.open({ readOnly: true });
  // A store from an earlier dyad would fail later with DuckDB's binder errors: say so now, in our words.
  const stale = await staleTables(store);
  if (stale.length) {
    store.close();
    throw new Error(staleStoreMessage(path, stale));
  }
  return store;
}

/** Deferred: the write lock is taken when the ingest first touches the store, after its files are parsed. */
export async function openForWrite(): Promise<Store> {
  const { Store } = await storeModule();
  return Store.open({ deferred: true });
}

export async function withStore<T>(open: () => Promise<Store>, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
