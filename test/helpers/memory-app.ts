// The server's app on the shared real store with its memory layer (src/server/values.ts), for the tests of
// what the routes answer from memory: a pool of its own on the shared instance that counts how often a
// route used the store, no answer cache, no log.
import type { Hono } from "hono";
import { createApp } from "../../src/server/app.ts";
import { createPool, type StorePool } from "../../src/server/pool.ts";
import { type MemoryOptions, type MemoryValues, memoryValues } from "../../src/server/values.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "./real-store.ts";

export interface MemoryApp {
  store: Store;
  /** Counts its uses; closing it leaves the shared store open. */
  pool: StorePool;
  values: MemoryValues;
  app: Hono;
  /** How many times a route has used the store so far. */
  storeUses(): number;
}

export async function memoryApp(options: MemoryOptions = {}): Promise<MemoryApp> {
  const store = await openRealStore();
  const inner = await createPool(store, 2);
  let uses = 0;
  const pool: StorePool = {
    ...inner,
    use(fn) {
      uses++;
      return inner.use(fn);
    },
  };
  const values = memoryValues(store, () => {}, options);
  const app = createApp({ pool, values, cacheBytes: 0, log: () => {} });
  return { store, pool, values, app, storeUses: () => uses };
}
