// `dyad start` and `dyad serve` as a person runs them: an empty data home is ingested with progress, then
// the URL is printed and the API answers; bad flags are refused with a message.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import { runNode } from "../helpers/run.ts";

const BIN = resolve("bin/dyad.js");
const FIXTURE = resolve("test/fixtures/server/sources");

test("dyad start on an empty data home ingests the sources with progress, then serves and prints the URL", async () => {
  await startAndAsk(mkdtempSync(join(tmpdir(), "dyad-start-")));
});

test("dyad start on a store an earlier dyad built keeps it aside and builds it anew", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-start-stale-"));
  // An energy table without the `edition` column, as an earlier dyad created it (made up for this test).
  const db = await DuckDBInstance.create(join(home, "dyad.duckdb"));
  const c = await db.connect();
  await c.run(
    "CREATE TABLE energy_trade (dataset VARCHAR, exporter VARCHAR, importer VARCHAR, year SMALLINT)",
  );
  c.closeSync();
  db.closeSync();
  const stderr = await startAndAsk(home, () => readdirSync(home));
  assert.match(stderr, /built by an earlier version of dyad \(energy_trade: lacks/);
});

/** Runs `dyad start` on the home, checks the API's answer; returns what it printed on stderr. */
async function startAndAsk(home: string, whileRunning?: () => string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, "start", "--port", "0", "--sources", FIXTURE], {
    env: { ...process.env, DYAD_HOME: home },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      let out = "";
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /serving at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) resolveUrl(m[1]);
      });
      child.once("exit", (code) => reject(new Error(`exited with ${code}: ${stderr}`)));
    });
    assert.match(stderr, /store is empty: ingesting/);
    assert.match(stderr, /tidy-trade/);
    // Germany's exports to France over its exports to the World in the fixture: 100 / 1,600 bn.
    const res = await fetch(`${url}api/v1/value?indicator=trade.export_share&a=DEU&b=FRA&year=2022`);
    const body = (await res.json()) as { value: number };
    assert.equal(body.value, 100 / 1600);
    const page = await fetch(`${url}dyad/DEU/FRA`);
    assert.match(await page.text(), /<div id=|<main id="main"/);
    if (whileRunning)
      assert.ok(
        whileRunning().some((f) => /^dyad\.duckdb\.earlier-/.test(f)),
        "the old store is kept",
      );
    return stderr;
  } finally {
    // A server that does not stop on SIGTERM within 20 s is killed, so that it cannot hold the run.
    const exited =
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
    await exited;
    clearTimeout(kill);
    rmSync(home, { recursive: true, force: true });
  }
}

test("dyad serve refuses a port that is not a port, and says where the store is missing", () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-serve-"));
  try {
    const bad = runNode([BIN, "serve", "--port", "99999"], { env: { ...process.env, DYAD_HOME: home } });
    assert.notEqual(bad.code, 0);
    assert.match(bad.err, /--port 99999 is not a port/);
    const empty = runNode([BIN, "serve", "--port", "0"], { env: { ...process.env, DYAD_HOME: home } });
    assert.notEqual(empty.code, 0);
    assert.match(empty.err, /No dyad store at .*dyad setup/);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
