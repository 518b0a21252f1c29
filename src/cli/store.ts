// Opening the store from a command: read-only for queries (so several can run side by side), read-write to ingest.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
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
  // Asking DuckDB's catalogue (tables, materialised relations) costs tens of milliseconds of each command's
  // start, so a store found current is remembered beside it (its file's size and time, the code's table
  // declarations, the newest file of the running code): asked again when any of them changed.
  const { KNOWN_SCHEMA } = await storeModule();
  const marker = join(dirname(path), "schema-checked");
  const stamp = storeStamp(path, KNOWN_SCHEMA);
  if (readMarker(marker) === stamp) return store;
  const stale = await staleTables(store);
  if (stale.length) {
    store.close();
    throw new Error(staleStoreMessage(path, stale));
  }
  try {
    writeFileSync(marker, stamp);
  } catch {
    // A data home this user cannot write: the check is then made at each start, as before.
  }
  return store;
}

/** The store file (and its write-ahead log) by size and time, and the code's table declarations. */
function storeStamp(path: string, schema: string): string {
  const fileStamp = (p: string) => {
    try {
      const s = statSync(p);
      return `${s.size}:${s.mtimeMs}`;
    } catch {
      return "-";
    }
  };
  const code = createHash("sha256").update(schema).digest("hex").slice(0, 16);
  return `${fileStamp(path)} ${fileStamp(`${path}.wal`)} ${code} ${newestCode()}\n`;
}

/**
 * The newest file of the code that runs (dist/ when built, else src/): the relations' definitions live in
 * code, so a change of them (any rebuild or edit) asks the store again. 165 files: 2-3 ms.
 */
function newestCode(): number {
  const root = fileURLToPath(new URL("../", import.meta.url));
  let newest = 0;
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    // A code cache (bin/dyad.js) is written by a run, not a change of the code.
    if (!entry.isFile() || entry.name.endsWith(".v8cache")) continue;
    const t = statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

function readMarker(marker: string): string | undefined {
  try {
    return readFileSync(marker, "utf8");
  } catch {
    return undefined;
  }
}

/** Deferred: the write lock is taken when the ingest first touches the store, after its files are parsed. */
export async function openForWrite(): Promise<Store> {
  const { Store } = await storeModule();
  return Store.open({ deferred: true });
}

/**
 * Opens the store while the command prepares (loads its modules, reads its arguments or its input): DuckDB
 * opens the file on its own threads, so the two overlap. The preparation's errors come first, as they would
 * without the overlap; the store is closed either way.
 */
export async function withStoreWhile<P, T>(
  open: () => Promise<Store>,
  prepare: () => Promise<P>,
  fn: (store: Store, prepared: P) => Promise<T>,
): Promise<T> {
  const opening = open();
  let prepared: P;
  try {
    prepared = await prepare();
  } catch (err) {
    opening.then(
      (store) => store.close(),
      () => {},
    );
    throw err;
  }
  return withStore(
    () => opening,
    (store) => fn(store, prepared),
  );
}

export async function withStore<T>(open: () => Promise<Store>, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await open();
  try {
    return await fn(store);
  } finally {
    store.close();
  }
}
