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
