// A store built by an earlier dyad, whose tables lack columns the code now reads, is named as such (not a
// DuckDB binder error), and the real store built by this code has no stale table.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { Store, staleTables, TABLES } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { runNode } from "../helpers/run.ts";

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

test("an energy table from before the editions column is named, and dyad value and dyad check say what to do", async () => {
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
  const r = runNode(["bin/dyad.js", "value", "geo.distance", "DEU", "FRA", "2020"], {
    env: { ...process.env, DYAD_HOME: home },
  });
  assert.notEqual(r.code, 0);
  assert.match(r.err, /built by an earlier version of dyad \(energy_trade: lacks [^)]*edition/);
  assert.match(r.err, /npx dyad start/);
  assert.doesNotMatch(r.err, /Binder Error/);
  // dyad check opens the store its own way (while it finds the claims): the same message, not a binder error.
  const checked = runNode(["bin/dyad.js", "check", "-"], {
    input: "Russland lieferte 2023 Gas für 20 Milliarden Dollar nach China.",
    env: { ...process.env, DYAD_HOME: home },
  });
  assert.notEqual(checked.code, 0);
  assert.match(checked.err, /built by an earlier version of dyad \(energy_trade: lacks [^)]*edition/);
  assert.doesNotMatch(checked.err, /Binder Error/);
});

test("a store whose relations were never materialised is stale; an ingest materialises them and the store is current", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-rel-"));
  homes.push(home);
  const s = await Store.open({ home });
  try {
    // The trade table as a store from before the materialised relations has it: rows, no rel_* tables.
    await s.query(
      "INSERT INTO trade_flows VALUES ('made-up', 'made-up', 20, 'DEU', 'FRA', 2020, 'exports', 100, false, 'test', NULL, NULL, NULL, NULL)",
    );
    const before = await staleTables(s);
    assert.ok(
      before.some((t) => /^relation trade: not materialised/.test(t)),
      before.join("; "),
    );
    assert.ok(
      before.some((t) => /^country_key/.test(t)),
      before.join("; "),
    );
    // A made-up flow (not from any file): ingesting a dataset rebuilds the trade relation in its transaction.
    await s.replaceDataset({
      dataset: "made-up-2",
      source: "made-up",
      path: "made-up.csv",
      files: 1,
      publisher: "test",
      licence: "test",
      citation: "test",
      tables: [
        {
          def: TABLES.trade_flows,
          rows: [
            [
              "made-up-2",
              "made-up",
              10,
              "DEU",
              "FRA",
              2020,
              "exports",
              90,
              false,
              "test",
              null,
              null,
              null,
              null,
            ],
          ],
        },
      ],
    });
    assert.deepEqual(await staleTables(s), []);
    // Both reports are in the relation's rows; the lower priority (10) answers.
    const [row] = await s.query<{ x: number; xd: string }>(
      "SELECT x, xd FROM rel_trade_pair t JOIN country_key a ON a.key = t.a JOIN country_key b ON b.key = t.b WHERE a.code = 'DEU' AND b.code = 'FRA' AND year = 2020",
    );
    assert.deepEqual(row, { x: 90, xd: "made-up-2" });
  } finally {
    s.close();
  }
});
