// Several DuckDB connections on the one read-only instance, so requests run side by side: a DuckDB
// connection runs one query at a time, and the library functions take a Store, so each connection is
// dressed as a Store that shares the instance.
import type { DuckDBConnection } from "@duckdb/node-api";
import type { Store } from "../store/index.ts";

export interface StorePool {
  /** Runs `fn` with a store of its own for the duration; waits while every connection is busy. */
  use<T>(fn: (store: Store) => Promise<T>): Promise<T>;
  readonly size: number;
  /** The file of the store the pool reads (":memory:" for a throwaway store). */
  readonly storePath: string;
  /** Runs `fn` when the pool closes (the claim check's workers close with it). */
  onClose(fn: () => unknown): void;
  close(): void;
}

export async function createPool(store: Store, size = 4): Promise<StorePool> {
  const connections: DuckDBConnection[] = [];
  const idle: Store[] = [store];
  for (let i = 1; i < size; i++) {
    const connection = await store.instance.connect();
    connections.push(connection);
    // A Store whose queries go through its own connection; `readonly` fields are only a compile-time
    // promise, so the copy is built with Object.create rather than the private constructor.
    idle.push(store.sharing(connection));
  }
  const waiting: ((s: Store) => void)[] = [];
  const release = (s: Store) => {
    const next = waiting.shift();
    if (next) next(s);
    else idle.push(s);
  };
  const closing: (() => unknown)[] = [];
  return {
    size,
    storePath: store.path,
    onClose(fn) {
      closing.push(fn);
    },
    async use(fn) {
      const s = idle.pop() ?? (await new Promise<Store>((resolve) => waiting.push(resolve)));
      try {
        return await fn(s);
      } finally {
        release(s);
      }
    },
    close() {
      for (const fn of closing.splice(0)) void fn();
      for (const c of connections) c.closeSync();
      store.close();
    },
  };
}
