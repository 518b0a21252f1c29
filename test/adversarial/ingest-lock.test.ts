// Ingest against careless use (issue 16, items 4 and 10): one IMF workbook does not silently wipe the other
// reporters; a writer killed mid-ingest leaves no staging files behind for good; an ingest parses first and
// takes the write lock last, and a reader that meets the lock waits briefly, then says an ingest is running.
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { ingestImfDots } from "../../src/sources/imf-dots.ts";
import { ingestSipri } from "../../src/sources/sipri.ts";
import { SourceError } from "../../src/sources/types.ts";
import { Store, storePath } from "../../src/store/index.ts";
import { runNode } from "../helpers/run.ts";
import { SOURCES_DIR, tempDir, writeLike } from "./mutate.ts";

async function reporters(store: Store): Promise<string[]> {
  const rows = await store.query<{ reporter: string }>(
    "SELECT DISTINCT reporter FROM trade_flows WHERE dataset = 'imf-dots' ORDER BY reporter",
  );
  return rows.map((r) => r.reporter);
}

test("IMF DOTS: ingesting one workbook into a store with more reporters is refused, store unchanged; --replace-all replaces", async () => {
  const dots = tempDir();
  // DOTS_40.xlsx is China's workbook, DOTS_162.xlsx Russia's (the reporter named in each file's title rows).
  for (const f of ["DOTS_40.xlsx", "DOTS_162.xlsx"])
    copyFileSync(join(SOURCES_DIR, "imf-dots", f), join(dots, f));
  const one = tempDir();
  copyFileSync(join(SOURCES_DIR, "imf-dots", "DOTS_162.xlsx"), join(one, "DOTS_162.xlsx"));
  const store = await Store.open({ home: tempDir("dyad-lock-home-") });
  try {
    await ingestImfDots(store, dots);
    const both = await reporters(store);
    assert.ok(both.includes("CHN") && both.includes("RUS"), both.join());
    const before = await store.fingerprint();
    await assert.rejects(ingestImfDots(store, one), (err: Error) => {
      assert.ok(err instanceof SourceError);
      assert.match(
        err.message,
        /cover 1 reporter\(s\), but the store's IMF DOTS data also hold \d+ other reporter\(s\) \(.*CHN.*\) that this ingest would delete/,
      );
      assert.match(err.message, /--replace-all/);
      return true;
    });
    assert.equal(await store.fingerprint(), before);
    await ingestImfDots(store, one, { replaceAll: true });
    assert.ok(!(await reporters(store)).includes("CHN"));
  } finally {
    store.close();
  }
});

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  return Number(runNode(["-e", "process.stdout.write(String(process.pid))"]).out);
}

test("staging files and BACI staging folders of a writer killed mid-ingest are removed when the next writer opens the store", async () => {
  const home = tempDir("dyad-lock-home-");
  const dead = deadPid();
  mkdirSync(join(home, "staging"), { recursive: true });
  mkdirSync(join(home, "baci", `.staging-baci-hs92-v202601-${dead}-1700000000000`, "year=2022"), {
    recursive: true,
  });
  const orphan = join(home, "staging", `trade_flows-${dead}-1700000000000.csv`);
  const orphanDots = join(home, "staging", `imf-dots-${dead}-1700000000000.csv`);
  const mine = join(home, "staging", `imf-dots-${process.pid}-1700000000000.csv`);
  for (const f of [orphan, orphanDots, mine]) writeFileSync(f, "CHN,RUS,2020,exports,1,0,0,0,1\n");
  const store = await Store.open({ home });
  store.close();
  assert.equal(existsSync(orphan), false);
  assert.equal(existsSync(orphanDots), false);
  assert.equal(existsSync(join(home, "baci", `.staging-baci-hs92-v202601-${dead}-1700000000000`)), false);
  assert.equal(existsSync(mine), true, "a live process's staging file stays");
});

/** Opens the store read-only in another process; returns its exit status and stderr. */
function readInChild(home: string, waitMs: number): { status: number | null; stderr: string } {
  const storeModule = resolve("src/store/index.ts");
  const script = `import { Store } from ${JSON.stringify(storeModule)};
    try { const s = await Store.open({ home: ${JSON.stringify(home)}, readOnly: true, waitMs: ${waitMs} }); s.close(); }
    catch (err) { process.stderr.write(err.message); process.exit(3); }`;
  const child = runNode(["--import", "tsx", "--input-type=module", "-e", script]);
  return { status: child.code, stderr: child.err };
}

test("an ingest takes the write lock only after its files are parsed; a reader meeting the lock says an ingest is running", async () => {
  const home = tempDir("dyad-lock-home-");
  // A store exists, as after `dyad setup`.
  (await Store.open({ home })).close();
  assert.ok(existsSync(storePath(home)));
  const store = await Store.open({ home, deferred: true });
  try {
    // While a source is parsed (here: one that fails its parse), readers are not locked out.
    const bad = writeLike("sipri/sipri-trade-register-2000-2024.csv", ["not the SIPRI register"]);
    await assert.rejects(ingestSipri(store, bad), SourceError);
    assert.equal(readInChild(home, 0).status, 0, "a reader opens the store during the parse");
    // Once the ingest writes, the lock is held; a reader waits briefly, then says so in dyad's words.
    await store.ready();
    const blocked = readInChild(home, 300);
    assert.equal(blocked.status, 3);
    assert.match(
      blocked.stderr,
      /An ingest is running on the store .* holds it until it commits\. Try again when it has finished/,
    );
    assert.doesNotMatch(blocked.stderr, /-readonly|CLI/);
  } finally {
    store.close();
  }
  assert.equal(readInChild(home, 0).status, 0, "the reader opens the store once the ingest is done");
});
