// BACI against hostile files (issue 16, items 1, 5 and 8): non-finite values, a reordered header, a year
// file of one enormous line, a zip bomb, two entries with one name, an empty year, repeated flows. The
// fixture release (test/fixtures/baci/unpacked, made by make-fixtures.ts) is copied to a temp folder and
// one file changed.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { ingestBaci } from "../../src/sources/baci/ingest.ts";
import { ZipWriter } from "../../src/sources/baci/zip-writer.ts";
import { SourceError } from "../../src/sources/types.ts";
import { Store } from "../../src/store/index.ts";
import { tempDir } from "./mutate.ts";

const UNPACKED = resolve("test/fixtures/baci/unpacked");
const Y2022 = "BACI_HS92_Y2022_V202601.csv";

/** A copy of the fixture release with the 2022 year file's lines passed through `edit`. */
function release(edit: (lines: string[]) => string[]): string {
  const dir = tempDir("dyad-baci-release-");
  cpSync(UNPACKED, dir, { recursive: true });
  const lines = readFileSync(join(dir, Y2022), "utf8").split("\n").filter(Boolean);
  writeFileSync(join(dir, Y2022), `${edit(lines).join("\n")}\n`);
  return dir;
}

async function refused(path: string, expected: RegExp, where?: number): Promise<void> {
  const store = await Store.open({ home: tempDir("dyad-baci-home-") });
  try {
    const before = await store.fingerprint();
    await assert.rejects(ingestBaci(store, path), (err: Error) => {
      assert.ok(err instanceof SourceError, `${err.name}: ${err.message}`);
      assert.match(err.message, expected);
      if (where !== undefined) assert.equal(err.where, where);
      return true;
    });
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
}

test("BACI: a value nan, inf or 1e400 is refused naming the year file and line (DuckDB's v >= 0 is true for NaN)", async () => {
  for (const bad of ["nan", "inf", "1e400", "-1"]) {
    // Line 3 of the 2022 file: Germany's cars to Russia.
    const dir = release((l) => {
      const f = l[2].split(",");
      f[4] = bad;
      l[2] = f.join(",");
      return l;
    });
    await refused(dir, new RegExp(`${Y2022}:3: value v = "${bad}"`), 3);
  }
});

test("BACI: a quantity nan is refused rather than stored", async () => {
  const dir = release((l) => {
    const f = l[1].split(",");
    f[5] = "nan";
    l[1] = f.join(",");
    return l;
  });
  await refused(dir, /quantity q = "nan"/, 2);
});

test("BACI: a reordered header (t,j,i,k,v,q) is refused instead of read in the wrong order", async () => {
  const dir = release((l) => ["t,j,i,k,v,q", ...l.slice(1)]);
  await refused(dir, new RegExp(`${Y2022}:1: the header is "t,j,i,k,v,q"`), 1);
});

test("BACI: a year file of one enormous line is refused from its first 4 KiB, not accepted as a year with no rows", async () => {
  const dir = release(() => [`t,i,j,k,v,q${"9".repeat(8 * 2 ** 20)}`]);
  await refused(dir, /the first line is over \d+ bytes long/, 1);
});

test("BACI: a year file with a header and no rows is refused", async () => {
  const dir = release((l) => [l[0]]);
  await refused(dir, /the year file for 2022 has no rows/);
});

test("BACI: an exact repeated flow is dropped and counted; the same flow with another value is refused naming both lines", async () => {
  const store = await Store.open({ home: tempDir("dyad-baci-home-") });
  try {
    const r = await ingestBaci(
      store,
      release((l) => [...l, l[2]]),
    );
    assert.equal(r.years.find((y) => y.year === 2022)?.rows, 11);
    const report = await store.one<{ report: string }>(
      "SELECT report FROM ingests WHERE dataset = 'baci-hs92-v202601'",
    );
    assert.equal(JSON.parse(report?.report ?? "{}").identicalRepeatsDropped, 1);
  } finally {
    store.close();
  }
  const conflicting = release((l) => {
    const f = l[2].split(",");
    f[4] = "12345";
    return [...l, f.join(",")];
  });
  await refused(conflicting, /appear twice with different values \(also line 3\)/, 13);
});

/** A release zip holding the fixture files plus `extra` entries. */
async function zipWith(extra: [string, Iterable<Buffer | string>][]): Promise<string> {
  const path = join(tempDir("dyad-baci-zip-"), "BACI_HS92_V202601.zip");
  const zip = new ZipWriter(path);
  for (const name of [
    "country_codes_V202601.csv",
    "product_codes_HS92_V202601.csv",
    "BACI_HS92_Y2021_V202601.csv",
    Y2022,
  ])
    await zip.addEntry(name, [readFileSync(join(UNPACKED, name))]);
  for (const [name, chunks] of extra) await zip.addEntry(name, chunks);
  await zip.close();
  return path;
}

test("BACI: a zip with other/BACI_…csv beside the top-level file is refused as ambiguous", async () => {
  const path = await zipWith([[`other/${Y2022}`, ["t,i,j,k,v,q\n2022,156,643,870323,1,1\n"]]]);
  await refused(path, new RegExp(`two entries are named ${Y2022.replace(/\./g, "\\.")}`));
});

test("BACI: a zip entry that unpacks a thousandfold (a zip bomb) is refused before it is unpacked", async () => {
  const mib = Buffer.alloc(2 ** 20, "9");
  const path = await zipWith([
    [
      "BACI_HS92_Y2023_V202601.csv",
      (function* () {
        yield "t,i,j,k,v,q\n";
        for (let i = 0; i < 64; i++) yield mib;
      })(),
    ],
  ]);
  await refused(path, /unpacks to \d+ bytes from \d+ \(at most .* and 100:1 are accepted\)/);
});
