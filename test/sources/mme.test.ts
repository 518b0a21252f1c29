// The Multinational Military Exercises reader on small files in MME v7's layout: what it reads, and how bad
// input fails naming file and line without touching the store.
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { ingestMme } from "../../src/sources/mme.ts";
import { SourceError } from "../../src/sources/types.ts";
import { openEmptyStore } from "../helpers/sources-store.ts";

const HEADER = "MMEID,Ex_Name,Series_Name,Location,s.year,e.year,StateA,StateB,StateC";

function file(lines: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "dyad-mme-")), "mme_v7.csv");
  writeFileSync(path, `${[HEADER, ...lines].join("\n")}\n`);
  return path;
}

test("MME: -9 is unknown, groups keep their label, a repeated id on another line is another exercise", async () => {
  const store = await openEmptyStore();
  try {
    await ingestMme(
      store,
      file([
        "mme1,Peace Mission 2005,Peace Mission,China,2005,2005,China,Russia,-9",
        "mme2,-9,,Baltic Sea,2005,2005,Russia,China,NATO",
        "mme2,Other,,Somewhere,2006,2006,China,Russia,",
      ]),
    );
    const v = await computeIndicator(store, "mil.exercises", "CHN", "RUS", 2005);
    assert.equal(v.value, 2);
    assert.deepEqual(
      ((v.detail?.exercises ?? []) as { name: string }[]).map((e) => e.name),
      ["Peace Mission 2005", "unnamed exercise mme2"],
    );
    assert.equal((await computeIndicator(store, "mil.exercises", "CHN", "RUS", 2006)).value, 1);
  } finally {
    store.close();
  }
});

test("MME: a start year that is not a year, or a missing participant column, fails naming the line; the store is unchanged", async () => {
  const store = await openEmptyStore();
  try {
    await ingestMme(store, file(["mme1,A,,X,2005,2005,China,Russia,"]));
    const before = await store.fingerprint();
    await assert.rejects(ingestMme(store, file(["mme1,A,,X,20O5,2005,China,Russia,"])), (err: Error) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /mme_v7\.csv:2: s\.year "20O5" is not a year/);
      return true;
    });
    const noStates = join(mkdtempSync(join(tmpdir(), "dyad-mme-")), "mme_v7.csv");
    writeFileSync(noStates, "MMEID,Ex_Name,Series_Name,Location,s.year,e.year\nmme1,A,,X,2005,2005\n");
    await assert.rejects(ingestMme(store, noStates), /the header lacks "StateA"/);
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
});

test("JME: a truncated Excel 97 workbook fails as such, naming the file; the store is unchanged", async () => {
  const { readFileSync } = await import("node:fs");
  const { ingestJme } = await import("../../src/sources/jme.ts");
  const bytes = readFileSync(join(process.env.DYAD_SOURCES ?? "../shared/data", "military/jme_v3.xls"));
  const cut = join(mkdtempSync(join(tmpdir(), "dyad-jme-")), "jme_v3.xls");
  writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 3)));
  const store = await openEmptyStore();
  try {
    await ingestMme(store, file(["mme1,A,,X,2005,2005,China,Russia,"]));
    const before = await store.fingerprint();
    await assert.rejects(ingestJme(store, cut), (err: Error) => {
      assert.ok(err instanceof SourceError);
      assert.match(err.message, /jme_v3\.xls: not a readable Excel 97–2003 workbook/);
      return true;
    });
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
});

test("JME: an unknown participant code fails naming file, sheet and cell; the store is unchanged", async () => {
  const { readFileSync } = await import("node:fs");
  const { ingestJme } = await import("../../src/sources/jme.ts");
  const { readXls } = await import("../../src/sources/xls.ts");
  const real = join(process.env.DYAD_SOURCES ?? "../shared/data", "military/jme_v3.xls");
  // The real workbook with its one shared string "MNG" (Mongolia) overwritten as "QQQ", same length, so
  // every record stays where it was: sheet "Sheet1_2", cell AB876 (column "State F", row 876) reads "MNG".
  const sheet = readXls(real).find((s) => s.name === "Sheet1_2");
  assert.equal(sheet?.rows[876]?.[28], "MNG");
  const bytes = Buffer.from(readFileSync(real));
  const at = bytes.indexOf("MNG");
  assert.ok(at > 0 && bytes.indexOf("MNG", at + 1) < 0, "MNG is one shared string");
  bytes.write("QQQ", at, "latin1");
  const bad = join(mkdtempSync(join(tmpdir(), "dyad-jme-")), "jme_v3.xls");
  writeFileSync(bad, bytes);
  const store = await openEmptyStore();
  try {
    await ingestMme(store, file(["mme1,A,,X,2005,2005,China,Russia,"]));
    const before = await store.fingerprint();
    await assert.rejects(ingestJme(store, bad), (err: Error) => {
      assert.ok(err instanceof SourceError, err.message);
      assert.match(
        err.message,
        /jme_v3\.xls: participant codes the registry does not know: "QQQ" in jme_v3\.xls Sheet1_2!AB876/,
      );
      return true;
    });
    assert.equal(await store.fingerprint(), before);
  } finally {
    store.close();
  }
});
