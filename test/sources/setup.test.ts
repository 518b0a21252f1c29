// `dyad setup` (setupAll) writes every source in one shared transaction and materialises each relation once,
// before its commit; the store it builds equals the one built source by source. A source that fails before
// it writes is left out of the transaction; one that fails while writing rolls it back, and then every source
// is ingested on its own transaction, so the failing one leaves the store as it was and the others land.
// Fixtures: a data folder of links to the real files in ../shared/data (two IMF workbooks, the reference
// series, Voeten's ideal points) plus made-up files for the failures.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { SOURCES } from "../../src/sources/registry.ts";
import { type SetupStep, setupAll } from "../../src/sources/setup.ts";
import { Store } from "../../src/store/index.ts";
import { SOURCES_DIR } from "../helpers/real-store.ts";
import { writeDotsWorkbook } from "../helpers/xlsx-writer.ts";

const root = mkdtempSync(join(tmpdir(), "dyad-setup-"));
after(() => rmSync(root, { recursive: true, force: true }));

/** A data folder: two real IMF workbooks, the real reference series and Voeten's file, linked. */
function dataFolder(name: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, "imf-dots"), { recursive: true });
  mkdirSync(join(dir, "voeten"));
  for (const f of ["DOTS_40.xlsx", "DOTS_162.xlsx"])
    symlinkSync(resolve(SOURCES_DIR, "imf-dots", f), join(dir, "imf-dots", f));
  symlinkSync(resolve(SOURCES_DIR, "reference"), join(dir, "reference"));
  const voeten = "IdealpointestimatesAll_Jun2024.csv";
  symlinkSync(resolve(SOURCES_DIR, "voeten", voeten), join(dir, "voeten", voeten));
  return dir;
}

let homes = 0;
const newStore = () => Store.open({ home: join(root, `home-${++homes}`) });

/** How often the trade relation's table is built while `run` runs (the materialiser asks store.query). */
async function tradeBuilds(store: Store, run: () => Promise<unknown>): Promise<number> {
  const query = store.query.bind(store);
  let n = 0;
  store.query = ((sql: string, params?: never[]) => {
    if (/CREATE OR REPLACE TABLE rel_trade_pair\b/.test(sql)) n++;
    return query(sql, params);
  }) as Store["query"];
  try {
    await run();
  } finally {
    store.query = query;
  }
  return n;
}

/** Each source found in `dir` ingested on its own, as `dyad ingest` would, in setup's order. */
async function oneByOne(store: Store, dir: string, only?: string[]): Promise<void> {
  for (const source of SOURCES)
    for (const rel of source.defaultPaths) {
      const path = join(dir, rel);
      if (existsSync(path) && (!only || only.includes(rel))) await source.ingest(store, path, {});
    }
}

/**
 * Everything in the store but the ingest times: the sources of one transaction share its start time
 * (DuckDB's now()), the ones ingested on their own each have theirs.
 */
async function contents(store: Store): Promise<string> {
  const tables = (await store.fingerprint()).split("|").filter((t) => !t.startsWith("ingests:"));
  const ingests = await store.query("SELECT * EXCLUDE (ingested_at) FROM ingests ORDER BY dataset");
  return JSON.stringify({ tables, ingests }, (_k, v) => (typeof v === "bigint" ? String(v) : v));
}

const summaries = (steps: SetupStep[]) => steps.map((s) => [s.source, s.path.split("/").at(-1), !s.error]);

test("setup materialises the trade relation once for both trade sources, and builds the store source by source would", async () => {
  const dir = dataFolder("together");
  const together = await newStore();
  const apart = await newStore();
  try {
    let restarts = 0;
    let steps: SetupStep[] = [];
    const once = await tradeBuilds(together, async () => {
      steps = await setupAll(together, dir, { onRestart: () => restarts++ });
    });
    assert.deepEqual(summaries(steps), [
      ["imf-dots", "imf-dots", true],
      ["tidy-trade", "reference", true],
      ["voeten", "IdealpointestimatesAll_Jun2024.csv", true],
    ]);
    assert.equal(restarts, 0);
    assert.equal(once, 1, "setup built rel_trade_pair more than once");
    // Source by source, each trade ingest builds it in its own transaction: twice here.
    assert.equal(await tradeBuilds(apart, () => oneByOne(apart, dir)), 2);
    assert.equal(await contents(together), await contents(apart));
    const [row] = await together.query<{ n: bigint }>("SELECT count(*) AS n FROM rel_trade_pair");
    assert.ok(Number(row.n) > 1000, "the trade relation holds the two workbooks' pairs");
  } finally {
    together.close();
    apart.close();
  }
});

test("a source that fails before it writes is left out of the shared transaction; the others land", async () => {
  const dir = dataFolder("bad-file");
  mkdirSync(join(dir, "comtrade"));
  // A tidy-trade file with a wrong header: refused while it is read, before the store is touched.
  writeFileSync(join(dir, "comtrade", "odd.csv"), "reporter;partner;value\nCHN;RUS;1\n");
  const store = await newStore();
  const expected = await newStore();
  try {
    let restarts = 0;
    let steps: SetupStep[] = [];
    const builds = await tradeBuilds(store, async () => {
      steps = await setupAll(store, dir, { onRestart: () => restarts++ });
    });
    assert.deepEqual(summaries(steps), [
      ["imf-dots", "imf-dots", true],
      ["tidy-trade", "reference", true],
      ["tidy-trade", "comtrade", false],
      ["voeten", "IdealpointestimatesAll_Jun2024.csv", true],
    ]);
    assert.match(steps[2].error ?? "", /odd\.csv/);
    assert.equal(restarts, 0);
    assert.equal(builds, 1);
    await oneByOne(expected, dir, ["imf-dots", "reference", "voeten/IdealpointestimatesAll_Jun2024.csv"]);
    assert.equal(await contents(store), await contents(expected));
  } finally {
    store.close();
    expected.close();
  }
});

test("a source that fails while writing rolls the shared transaction back; each source is then ingested on its own and the failing one leaves the store as it was", async () => {
  const dir = dataFolder("conflict");
  // Two workbooks of one reporter giving its 2019 exports to Germany differently: the IMF ingest finds it
  // inside its transaction, after it has begun to write.
  writeDotsWorkbook(
    join(dir, "imf-dots", "DOTS_X1.xlsx"),
    "France",
    [2019],
    [["Germany", 10]],
    [["Germany", 5]],
  );
  writeDotsWorkbook(
    join(dir, "imf-dots", "DOTS_X2.xlsx"),
    "France",
    [2019],
    [["Germany", 11]],
    [["Germany", 5]],
  );
  const store = await newStore();
  const expected = await newStore();
  try {
    // The store holds the reference series already: the failed IMF ingest must leave them as they were.
    await oneByOne(store, dir, ["reference"]);
    const restarts: string[] = [];
    const steps = await setupAll(store, dir, { onRestart: (m) => restarts.push(m) });
    assert.equal(restarts.length, 1);
    assert.match(restarts[0], /none of them was kept.*appear twice with different values/);
    // Reported once each, from the second round (each source on its own).
    assert.deepEqual(summaries(steps), [
      ["imf-dots", "imf-dots", false],
      ["tidy-trade", "reference", true],
      ["voeten", "IdealpointestimatesAll_Jun2024.csv", true],
    ]);
    // Both workbooks' France–Germany rows sit on the same line: the error names each file once.
    assert.match(
      steps[0].error ?? "",
      /DOTS_X2\.xlsx.*appear twice with different values \(also DOTS_X1\.xlsx row \d+\)/,
    );
    const [dots] = await store.query<{ n: bigint }>(
      "SELECT count(*) AS n FROM trade_flows WHERE dataset = 'imf-dots'",
    );
    assert.equal(Number(dots.n), 0);
    await oneByOne(expected, dir, ["reference", "voeten/IdealpointestimatesAll_Jun2024.csv"]);
    assert.equal(await contents(store), await contents(expected));
  } finally {
    store.close();
    expected.close();
  }
});
