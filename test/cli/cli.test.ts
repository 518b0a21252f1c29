import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, test } from "node:test";
import { openRealStore, testHome } from "../helpers/real-store.ts";
import { runNode } from "../helpers/run.ts";

// The CLI runs as a user runs it, against the shared test store (opened read-only by the commands).
function dyad(args: string[], home = testHome()) {
  return runNode(["bin/dyad.js", ...args], { env: { ...process.env, DYAD_HOME: home, DYAD_DEBUG: "" } });
}

before(async () => {
  (await openRealStore()).close();
});

test("dyad value --json prints one object with ISO3 codes, unit and provenance", () => {
  const r = dyad(["value", "trade.export_share", "Russland", "China", "2020", "--json"]);
  assert.equal(r.code, 0, r.err);
  const v = JSON.parse(r.out);
  assert.deepEqual(
    [v.indicator, v.a, v.b, v.year, v.unit],
    ["trade.export_share", "RUS", "CHN", 2020, "fraction"],
  );
  assert.ok(v.value > 0.14 && v.value < 0.15);
  assert.equal(v.provenance[0].file, "DOTS_162.xlsx");
});

test("dyad value explains a missing figure and exits non-zero", () => {
  const r = dyad(["value", "trade.exports", "RUS", "CHN", "2023"]);
  assert.equal(r.code, 2);
  assert.match(r.out, /no value/);
  // Russia stopped publishing trade by partner in 2022 (data README: reference/russia-customs-totals-2022-2023.csv).
  assert.match(r.out, /Russia published no exports by partner for 2023/);
});

test("dyad value names each joint exercise it counted, not only its row in the file", () => {
  // mme_v7.csv: China and Russia take part in Peace Mission 2007 (mme3028) and Cooperation 2007 (mme3045),
  // and in one unnamed exercise (mme2938, Ex_Name -9), all in 2007.
  const r = dyad(["value", "mil.exercises", "CHN", "RUS", "2007"]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /: 3 exercises/);
  assert.match(r.out, /Peace Mission 2007 \(mme3028, 2007\)/);
  assert.match(r.out, /Cooperation 2007 \(mme3045, 2007\)/);
});

test("dyad profile CHN RUS prints the table within 100 columns with both sides' flows", () => {
  const r = dyad(["profile", "CHN", "RUS"]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.split("\n");
  const wide = lines.filter((l) => [...l].length > 100);
  assert.deepEqual(wide, []);
  assert.match(r.out, /CHN→RUS CHN→RUS RUS→CHN RUS→CHN/);
  const y2024 = lines.find((l) => l.startsWith("2024"));
  assert.match(y2024 ?? "", /245\*/, "the 2024 record turnover, 244.81 bn USD");
  assert.match(r.out, /Arms transfers/);
});

test("dyad profile --json is one document with the trade table and the further sections", () => {
  const r = dyad(["profile", "China", "Russland", "--from", "2019", "--to", "2020", "--json"]);
  assert.equal(r.code, 0, r.err);
  const p = JSON.parse(r.out);
  assert.deepEqual(p.years, [2019, 2020]);
  assert.equal(p.a.code, "CHN");
  assert.ok(p.trade.series.length > 30);
  assert.ok("un" in p.sections && "arms" in p.sections && "goods" in p.sections);
  // Provenance by reference, as the API answers by default; --provenance inline writes it on every value.
  const cell = p.provenance.cells[p.trade.series[0].values[0].provenance[0]];
  assert.equal(typeof p.provenance.datasets[cell.dataset].publisher, "string");
  const inline = dyad([
    "profile",
    "CHN",
    "RUS",
    "--from",
    "2019",
    "--to",
    "2020",
    "--json",
    "--provenance",
    "inline",
  ]);
  assert.equal(inline.code, 0, inline.err);
  const q = JSON.parse(inline.out);
  assert.equal(q.provenance, undefined);
  assert.deepEqual(q.trade.series[0].values[0].provenance[0], {
    ...p.provenance.datasets[cell.dataset],
    ...cell,
    dataset: p.provenance.datasets[cell.dataset].dataset,
  });
});

test("bad input gets a clear error on stderr and a non-zero exit, no stack trace", () => {
  const cases: [string[], RegExp][] = [
    [["value", "trade.exports", "Narnia", "CHN", "2020"], /Unknown country "Narnia"/],
    [["value", "trade.exports", "CHN", "RUS", "20x0"], /"20x0" is not a year/],
    [["value", "trade.nonsense", "CHN", "RUS", "2020"], /Unknown indicator "trade.nonsense"/],
    [["profile", "CHN", "CHN"], /two different countries/],
    [["profile", "CHN", "RUS", "--from", "2020", "--to", "2010"], /--from 2020 is after --to 2010/],
    [
      ["profile", "CHN", "RUS", "--json", "--provenance", "full"],
      /--provenance full: use reference or inline/,
    ],
    // The provenance form is JSON's alone: without --json the flag is refused, not ignored (the default too).
    [
      ["profile", "CHN", "RUS", "--provenance", "inline"],
      /--provenance inline only applies to JSON output.*Add --json, or leave --provenance out/,
    ],
    [["profile", "CHN", "RUS", "--provenance", "reference"], /--provenance reference only applies to JSON/],
    [["ingest", "nosuch", "x"], /Unknown source "nosuch"/],
  ];
  for (const [args, message] of cases) {
    const r = dyad(args);
    assert.notEqual(r.code, 0, args.join(" "));
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  }
});

test("a command on an empty data home says to run setup", () => {
  const r = dyad(["profile", "CHN", "RUS"], mkdtempSync(join(tmpdir(), "dyad-empty-")));
  assert.notEqual(r.code, 0);
  assert.match(r.err, /dyad setup/);
});

test("dyad setup with a missing folder says how to get the data", () => {
  const r = dyad(["setup", "--sources", "/nonexistent/data"], mkdtempSync(join(tmpdir(), "dyad-setup-")));
  assert.notEqual(r.code, 0);
  assert.match(r.err, /does not exist/);
  assert.match(r.err, /imf-dots\/DOTS_\*\.xlsx/);
});

test("dyad profile's header gives each key figure's year and whose report it is; sources gaps lists Syria–Malta", () => {
  const r = dyad(["profile", "RUS", "CHN"]);
  assert.equal(r.code, 0, r.err);
  const head = r.out.split("\n\n")[0];
  assert.match(head, /latest figures/);
  // Russia publishes no trade by partner after 2021: its export share to China is China's mirror.
  assert.match(
    head,
    /RUS's exports going to CHN +\d+\.\d % +\d{4}, from CHN's report \(own figures until \d{4}\)/,
  );
  assert.match(r.out, /Turnover and growth: RUS's report \d{4}–\d{4}, CHN's report \d{4}–\d{4}/);
  // DOTS_191.xlsx (Syria) imports from Malta 2008 vs DOTS_123.xlsx (Malta) exports to Syria: see mirror-gaps.test.ts.
  const g = dyad(["sources", "gaps", "--country", "Syria", "--from", "2008", "--to", "2008", "--json"]);
  assert.equal(g.code, 0, g.err);
  assert.ok(JSON.parse(g.out).some((x: { exporter: string }) => x.exporter === "MLT"));
  const bad = dyad(["sources", "gaps", "--factor", "zero"]);
  assert.notEqual(bad.code, 0);
  assert.match(bad.err, /--factor/);
});
