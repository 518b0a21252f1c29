// Joint military exercises against the real Multinational Military Exercises v7 file in
// ../shared/data/military. The expected counts are the rows of mme_v7.csv whose participant columns
// (StateA … StateAM) hold both "China" and "Russia", by s.year (lines named below).
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { openStoreWith } from "../helpers/sources-store.ts";

const store = () => openStoreWith(["mme"]);

test("China and Russia exercised together 10 times in 1980–2010, Peace Mission 2005 first among the named ones", async () => {
  // mme_v7.csv lines 1826 (mme1825, 1999, unnamed: Ex_Name -9), 2838 (Peace Mission 2005), 3101 (mme2938,
  // 2007, unnamed), 3201 (Peace Mission 2007), 3225 (Cooperation 2007), 3460 (Norak-Antiterror-2009),
  // 3495 (Peace Mission 2009), 3633 (Angkor Sentinel 2010), 3652 (mme3363, 2010, unnamed), 3665 (Peace
  // Mission 2010).
  const v = await computeIndicator(await store(), "mil.exercises", "CHN", "RUS", 2010, { window: 31 });
  assert.equal(v.value, 10);
  const names = ((v.detail?.exercises ?? []) as { name: string }[]).map((e) => e.name);
  assert.deepEqual(names.slice(0, 3), [
    "unnamed exercise mme1825",
    "Peace Mission 2005",
    "unnamed exercise mme2938",
  ]);
  assert.ok(names.includes("Peace Mission 2010"));
  assert.equal(v.provenance.length, 10);
  assert.equal(v.provenance.find((p) => /Peace Mission 2005/.test(p.note ?? ""))?.line, 2838);
});

test("per year: 3 joint exercises in 2007, 2 in 2009, 0 in 2008, and the pair is symmetric", async () => {
  const s = await store();
  const count = async (a: string, b: string, year: number) =>
    (await computeIndicator(s, "mil.exercises", a, b, year)).value;
  assert.equal(await count("CHN", "RUS", 2007), 3);
  assert.equal(await count("RUS", "CHN", 2007), 3);
  assert.equal(await count("CHN", "RUS", 2009), 2);
  assert.equal(await count("CHN", "RUS", 2008), 0);
});

test("after 2010 the answer is no number but the plain statement that the data end there", async () => {
  const v = await computeIndicator(await store(), "mil.exercises", "CHN", "RUS", 2015);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /data end in 2010; nothing is known here about exercises in 2015/);
});

test("Joint Military Exercises v3 (an Excel 97 workbook) counts 11 China–Russia exercises 1974–2010 beside MME's 10, never added to them", async () => {
  // jme_v3.xls, sheet "Sheet1_2": the rows with both "CHN" and "RUS" among "State A" … "State AD" — rows
  // 627 (Final Settlement, 1996), 1138 (Cooperation 2003), 1164 (Shanghai Cooperation Organization 2003),
  // 1331 (Peace Mission 2005), 1385 and 1396 (2007), 1433, 1434 and 1447 (2009), 1696 (Peace mission 2010,
  // year from its Start Date 09/09/2010), 1766 (Peace Mission 2007, Start Date 08/xx/2007).
  const s = await openStoreWith(["mme", "jme"]);
  const v = await computeIndicator(s, "mil.exercises", "CHN", "RUS", 2010, { window: 31 });
  assert.equal(v.value, 10);
  const jme = v.detail?.jme as { count: number; exercises: { name: string; row: number }[] };
  // All 11 JME rows fall inside 1980–2010; MME's count stays the value.
  assert.equal(jme.count, 11);
  const since1974 = await s.one<{ n: bigint }>(
    `SELECT count(DISTINCT a.line) AS n FROM mil_exercises a JOIN mil_exercises b ON b.dataset = a.dataset AND b.line = a.line
      WHERE a.dataset = 'jme' AND a.country = 'CHN' AND b.country = 'RUS'`,
  );
  assert.equal(Number(since1974?.n), 11);
  assert.ok(jme.exercises.some((e) => e.name === "Peace Mission 2005" && e.row === 1331));
});
