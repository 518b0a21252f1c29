// A store built by an earlier dyad, whose tables lack columns the code now reads, is named as such (not a
// DuckDB binder error), and the real store built by this code has no stale table.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { type Store, staleTables } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
const homes: string[] = [];
before(async () => {
  store = await openRealStore();
});
after(() => {
  store.close();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

test("the store this code builds has no stale table", async () => {
  assert.deepEqual(await staleTables(store), []);
});

test("an energy table from before the editions column is named, and dyad value says what to do", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-stale-"));
  homes.push(home);
  // The energy table as an earlier dyad created it: no `edition` column (made up for this test).
  const db = await DuckDBInstance.create(join(home, "dyad.duckdb"));
  const c = await db.connect();
  await c.run(
    "CREATE TABLE energy_trade (dataset VARCHAR, exporter VARCHAR, importer VARCHAR, year SMALLINT)",
  );
  c.closeSync();
  db.closeSync();
  const r = spawnSync(process.execPath, ["bin/dyad.js", "value", "geo.distance", "DEU", "FRA", "2020"], {
    env: { ...process.env, DYAD_HOME: home },
    encoding: "utf8",
  });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /built by an earlier version of dyad \(energy_trade: lacks [^)]*edition/);
  assert.match(r.stderr, /npx dyad start/);
  assert.doesNotMatch(r.stderr, /Binder Error/);
});
