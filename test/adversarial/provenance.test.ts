// No answer shows the server's absolute file paths (issue 16, item 7): every indicator's provenance names
// its file relative to the data folder, as the trade figures name their workbook.
import assert from "node:assert/strict";
import { test } from "node:test";
import { computeIndicator } from "../../src/indicators/catalogue.ts";
import { provenancePath } from "../../src/store/store.ts";
import { openRealStore, SOURCES_DIR } from "../helpers/real-store.ts";

// One indicator of every dimension the issue found leaking a path, each for a pair and year the real files
// hold: energy, arms, geography, UN votes, ideal points, WDI.
const CASES: [string, string, string, number][] = [
  ["energy.pipeline_gas", "RUS", "CHN", 2022],
  ["arms.tiv", "RUS", "CHN", 2019],
  ["geo.distance", "ABW", "AFG", 2020],
  ["un.agreement", "CHN", "RUS", 2019],
  ["un.idealpoint_distance", "CHN", "RUS", 2023],
  ["macro.gdp", "CHN", "RUS", 2022],
  ["trade.exports", "RUS", "CHN", 2020],
];

test("energy, arms, geography, UN votes, ideal points and WDI name their files relative to the data folder", async () => {
  const store = await openRealStore();
  for (const [name, a, b, year] of CASES) {
    const v = await computeIndicator(store, name, a, b, year);
    assert.ok(v.provenance.length > 0, `${name} has provenance`);
    for (const p of v.provenance) {
      const file = String(p.file ?? "");
      assert.ok(file.length > 0, `${name}: provenance names a file`);
      assert.ok(!file.startsWith("/") && !file.includes(".."), `${name}: "${file}" is not an absolute path`);
      assert.ok(!file.includes(SOURCES_DIR), `${name}: "${file}" does not show the data folder`);
    }
  }
});

test("an ingest path is recorded relative to the data folder, or as the file's name when outside it", () => {
  assert.equal(
    provenancePath(`${SOURCES_DIR}/sipri/sipri-trade-register-2000-2024.csv`),
    "sipri/sipri-trade-register-2000-2024.csv",
  );
  assert.equal(provenancePath("/tmp/elsewhere/dist_cepii.csv.gz"), "dist_cepii.csv.gz");
  assert.equal(provenancePath("../../somewhere/wdi"), "wdi");
});
