// The investment indicators against the real IMF CDIS and UNCTAD files in ../shared/data. Every expected
// figure is a cell of those files, named in a comment (file, sheet, cell); cells are in millions of US
// dollars, the indicators in dollars.
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { openStoreWith } from "../helpers/sources-store.ts";

const store = () => openStoreWith(["imf-cdis", "unctad-fdi"]);

const close = (actual: number | null, expected: number, tolerance = 1e-6) =>
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);

test("China's direct-investment position in Russia: 6,577.6 m USD (2018), 12,070.9 (2020), 9,901.6 (2022) — the seed's stagnation", async () => {
  // CDIS_Table_6_Direct_Investment_Position_{2018,2020,2022}.xlsx, sheet "Table 6", row 188 ("Russian
  // Federation"), column AD ("China, P.R.: Mainland"): 6577.61622726, 12070.89393567, 9901.55177289.
  const s = await store();
  for (const [year, cell] of [
    [2018, 6577.61622726],
    [2020, 12070.89393567],
    [2022, 9901.55177289],
  ]) {
    const v = await computeIndicator(s, "invest.position", "CHN", "RUS", year);
    close(v.value, cell * 1e6, 1e-3);
    assert.equal(v.unit, "USD");
    assert.equal(v.provenance[0]?.sheet, "Table 6!AD188");
    assert.match(v.provenance[0]?.file ?? "", new RegExp(`Position_${year}\\.xlsx$`));
  }
});

test("Russia's position in China at end-2021 is 341.2 m USD, and Russia did not report for end-2022", async () => {
  // CDIS_Table_6_Direct_Investment_Position_2021.xlsx, "Table 6", row 51 ("China, P.R.: Mainland"), column
  // CT ("Russian Federation"): 341.20965749276104. The 2022 table has no column for Russia.
  const s = await store();
  const v = await computeIndicator(s, "invest.position", "RUS", "CHN", 2021);
  close(v.value, 341.20965749276104 * 1e6, 1e-3);
  const gone = await computeIndicator(s, "invest.position", "RUS", "CHN", 2022);
  assert.equal(gone.value, null);
  assert.match(
    gone.reason ?? "",
    /RUS did not report outward positions .* end-2022 \(it reported for 2009–2021\)/,
  );
});

test('a "C" cell is withheld by the reporter: no value, and the reason says so (Austria in Afghanistan, end-2018)', async () => {
  // CDIS_Table_6_Direct_Investment_Position_2018.xlsx, "Table 6", cell H5 (row "Afghanistan, Islamic Rep.
  // of", column "Austria") reads "C".
  const v = await computeIndicator(await store(), "invest.position", "AUT", "AFG", 2018);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /withheld by the reporter/);
  assert.deepEqual(v.detail, { withheld: true });
});

test("negative positions are kept as reported: Germany in Cyprus at end-2022 is −9,238.9 m USD", async () => {
  // CDIS_Table_6_Direct_Investment_Position_2022.xlsx, "Table 6", cell AR64 (row "Cyprus", column
  // "Germany"): -9238.8892.
  const v = await computeIndicator(await store(), "invest.position", "DEU", "CYP", 2022);
  close(v.value, -9238.8892e6, 1e-2);
  assert.match(String(v.detail?.negative), /claims on their investors/);
});

test("Russia's share in China's outward position at end-2020 is 12,070.9 / 2,580,658.4 (China's World row)", async () => {
  // 2020 workbook, "Table 6", column AD: row 188 (Russian Federation) 12070.89393567, row 252 (World)
  // 2580658.4405839604.
  const v = await computeIndicator(await store(), "invest.outward_share", "CHN", "RUS", 2020);
  close(v.value, 12070.89393567 / 2580658.44058396, 1e-12);
  assert.match(String(v.detail?.basis), /CHN's own report/);
});

test("China's share in Russia's inward position at end-2020 uses Russia's total from CDIS_Reporters.xlsx, and names both reporters", async () => {
  // Numerator as above; CDIS_Reporters.xlsx, sheet "Inward Direct Investment Posit", row 98 ("Russian
  // Federation"), column N (2020): 449047263147.775 US dollars.
  const s = await store();
  const v = await computeIndicator(s, "invest.inward_share", "CHN", "RUS", 2020);
  close(v.value, 12070.89393567e6 / 449047263147.775, 1e-12);
  assert.match(String(v.detail?.basis), /two reporters' figures/);
  // Row 98 has no 2022 value.
  const none = await computeIndicator(s, "invest.inward_share", "CHN", "RUS", 2022);
  assert.equal(none.value, null);
  assert.match(none.reason ?? "", /no total inward position of RUS for end-2022 \(it has 2009–2021\)/);
});

test("the mirror needs the host's inward table, which is not among the files: it says so instead of guessing", async () => {
  const v = await computeIndicator(await store(), "invest.position.mirror", "CHN", "RUS", 2020);
  assert.equal(v.value, null);
  assert.match(v.reason ?? "", /Table 6-i/);
});

test("FDI flows into Russia from China: 450 m USD in 2012 and −49 in 2008 (written '- -49')", async () => {
  // unctad-fdi-2014/RUS.csv line 72 ("China"): 2008 "- -49", 2012 "450".
  const s = await store();
  close((await computeIndicator(s, "invest.flow", "CHN", "RUS", 2012)).value, 450e6);
  const neg = await computeIndicator(s, "invest.flow", "CHN", "RUS", 2008);
  close(neg.value, -49e6);
  assert.match(neg.provenance[0]?.note ?? "", /- -49/);
  assert.equal(neg.provenance[0]?.line, 72);
});

test("a flow UNCTAD marks '..' is not available, and years outside 2001–2012 say where the tables end", async () => {
  // RUS.csv line 72: 2001–2006 are "..".
  const s = await store();
  const na = await computeIndicator(s, "invest.flow", "CHN", "RUS", 2003);
  assert.equal(na.value, null);
  assert.match(na.reason ?? "", /"\.\."/);
  const late = await computeIndicator(s, "invest.flow", "CHN", "RUS", 2015);
  assert.equal(late.value, null);
  assert.match(late.reason ?? "", /2001–2012/);
});

test("thousands written with a space are read whole: into Russia from the World 15,444 m USD in 2004", async () => {
  // RUS.csv line 5 ("World"), 2004: "15 444". The World row is not a country, so it is read from the table.
  const s = await store();
  const row = await s.one<{ v: number }>(
    "SELECT value_usd AS v FROM fdi_flows WHERE host = 'RUS' AND origin = 'WLD' AND year = 2004",
  );
  close(row?.v ?? null, 15444e6);
});
