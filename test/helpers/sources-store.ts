// A store in a temporary data home with only the named sources ingested from the real files, once per
// test process and list: tests of one dimension need not wait for every source.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BEYOND_TRADE_SOURCES, getSource } from "../../src/sources/registry.ts";
import { Store } from "../../src/store/index.ts";

export const SOURCES_DIR = resolve(process.env.DYAD_SOURCES ?? "../shared/data");

const opened = new Map<string, Promise<Store>>();

export function openStoreWith(names: string[]): Promise<Store> {
  const key = [...names].sort().join(",");
  let hit = opened.get(key);
  if (!hit) {
    hit = (async () => {
      const store = await Store.open({ home: mkdtempSync(join(tmpdir(), "dyad-sources-")) });
      for (const name of names) {
        const source = getSource(name);
        await source.ingest(store, join(SOURCES_DIR, source.defaultPaths[0]), {});
      }
      return store;
    })();
    opened.set(key, hit);
  }
  return hit;
}

/** A store with every source beyond trade (votes, ideal points, arms, energy, GDP, geography, investment). */
export function openBeyondTradeStore(): Promise<Store> {
  return openStoreWith(BEYOND_TRADE_SOURCES.map((s) => s.info.name));
}

/** A fresh, empty store for bad-input tests. */
export function openEmptyStore(): Promise<Store> {
  return Store.open({ home: mkdtempSync(join(tmpdir(), "dyad-empty-")) });
}
