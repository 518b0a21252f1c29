// The dyad-year panel on the real store: its shape, and every column of a few hundred random dyad-years
// against the scalar indicator of the same name (both select from the dimension's relation, so they must
// agree; the trade columns come from the trade relation and are checked against the in-memory trade context).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { computeIndicator, RELATIONS } from "../../src/indicators/catalogue.ts";
import { dyadYearList, relationQuery, selectRelations } from "../../src/indicators/relation.ts";
import { type PanelResult, panelPlan, panelQuery, writePanel } from "../../src/panel/panel.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
let panel: PanelResult;
before(async () => {
  store = await openRealStore();
  panel = await writePanel(store, join(mkdtempSync(join(tmpdir(), "dyad-panel-")), "panel.parquet"));
});
after(() => store.close());

const FUELS = ["pipeline_gas", "lng", "oil", "coal"];

/** Each panel column and the indicator that answers it for (a, b, year). */
const COLUMNS: Record<string, { indicator: string; pair?: "b-a"; detail?: string; withheld?: true }> = {
  un_agreement: { indicator: "un.agreement" },
  un_roll_calls_both_voted: { indicator: "un.agreement", detail: "bothVoted" },
  un_idealpoint_distance: { indicator: "un.idealpoint_distance" },
  arms_tiv: { indicator: "arms.tiv" },
  arms_supplier_share: { indicator: "arms.supplier_share" },
  ...Object.fromEntries(
    FUELS.flatMap((f) => [
      [`energy_${f}`, { indicator: `energy.${f}` }],
      [`energy_${f}_share`, { indicator: `energy.${f}_share` }],
    ]),
  ),
  macro_gdp_a: { indicator: "macro.gdp" },
  macro_gdp_b: { indicator: "macro.gdp", pair: "b-a" },
  trade_exports: { indicator: "trade.exports" },
  trade_imports: { indicator: "trade.imports" },
  trade_turnover: { indicator: "trade.turnover" },
  geo_distance: { indicator: "geo.distance" },
  geo_contiguity: { indicator: "geo.contiguity" },
  invest_position: { indicator: "invest.position" },
  // true where the reporter withheld the cell ("C"), false where it gave a figure, empty where neither.
  invest_position_withheld: { indicator: "invest.position", withheld: true },
  invest_position_mirror: { indicator: "invest.position.mirror" },
  invest_outward_share: { indicator: "invest.outward_share" },
  invest_inward_share: { indicator: "invest.inward_share" },
  invest_flow: { indicator: "invest.flow" },
  mil_exercises: { indicator: "mil.exercises" },
  trade_gdp_dependence: { indicator: "trade.gdp_dependence" },
};

const parquet = () => `read_parquet('${panel.path.replace(/'/g, "''")}')`;

test("the panel holds every ordered pair of its countries in every year, with one column per indicator", async () => {
  const [years] = [panel.years[1] - panel.years[0] + 1];
  assert.equal(panel.rows, panel.countries * (panel.countries - 1) * years);
  assert.deepEqual(panel.columns, ["a", "b", "year", ...Object.keys(COLUMNS)]);
  const dup = await store.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM (SELECT a, b, year FROM ${parquet()} GROUP BY ALL HAVING count(*) > 1)`,
  );
  assert.equal(Number(dup?.n), 0);
});

test("the panel placed by position is, row for row and cell for cell, the panel DuckDB joins onto the grid and sorts", async () => {
  // writePanel places the materialised tables' rows by position; panelQuery is the same panel as one SQL
  // query (the joins and the ORDER BY), which writePanel falls back to when a join is not on the keys.
  const joined = join(mkdtempSync(join(tmpdir(), "dyad-panel-")), "joined.parquet");
  await store.query(
    `COPY (${panelQuery(await panelPlan(store))}) TO '${joined.replace(/'/g, "''")}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  const read = (path: string) => `read_parquet('${path.replace(/'/g, "''")}', file_row_number = true)`;
  const schema = async (path: string) =>
    (await store.query<{ column_name: string; column_type: string }>(`DESCRIBE SELECT * FROM ${read(path)}`))
      .map((c) => `${c.column_name} ${c.column_type}`)
      .join(", ");
  assert.equal(await schema(panel.path), await schema(joined));
  const compare = (path: string) =>
    store.one<{ n: bigint; joined: bigint; differ: bigint }>(
      `SELECT (SELECT count(*) FROM ${read(joined)}) AS n, count(*) AS joined,
              count(*) FILTER (WHERE ${panel.columns.map((c) => `p.${c} IS DISTINCT FROM q.${c}`).join(" OR ")}) AS differ
         FROM ${read(path)} p JOIN ${read(joined)} q USING (file_row_number)`,
    );
  const cmp = await compare(panel.path);
  assert.equal(Number(cmp?.n), panel.rows);
  assert.equal(Number(cmp?.joined), panel.rows);
  assert.equal(Number(cmp?.differ), 0);
  // Written in as many parts as DuckDB has threads (two on the machines this runs on; three here), the
  // parts' ranges of pairs meeting anywhere, and joined: the same rows.
  const threads = (await store.one<{ n: bigint }>("SELECT current_setting('threads') AS n"))?.n;
  await store.connection.run("SET threads = 3");
  try {
    const parts = await writePanel(store, join(mkdtempSync(join(tmpdir(), "dyad-panel-")), "parts.parquet"));
    const again = await compare(parts.path);
    assert.equal(Number(again?.joined), panel.rows);
    assert.equal(Number(again?.differ), 0);
  } finally {
    await store.connection.run(`SET threads = ${Number(threads)}`);
  }
});

test("the panel's China–Russia turnover for 2021 and 2022 is the turnover China's customs reported, as dyad value gives it", async () => {
  // reference/china-customs-russia-2021-2024.csv reports China's turnover with Russia directly; the panel used to
  // sum exports and imports from another dataset instead (issue 13).
  for (const year of [2021, 2022]) {
    const row = await store.one<{ t: number | null }>(
      `SELECT trade_turnover AS t FROM ${parquet()} WHERE a = 'CHN' AND b = 'RUS' AND year = ${year}`,
    );
    const value = await computeIndicator(store, "trade.turnover", "CHN", "RUS", year);
    assert.equal(value.provenance[0]?.flow, "turnover", `${year}: trade.turnover is a reported turnover`);
    assert.equal(row?.t, value.value, `${year}`);
  }
});

test("every column of 440 random dyad-years equals the scalar indicator of the same dyad-year", async () => {
  // Eleven strata of 40 rows, so that each dimension is drawn where it has data, not only where it is empty,
  // China–Russia among them; the last stratum is drawn from every row, most of them empty.
  const strata = [
    "un_agreement IS NOT NULL",
    "un_idealpoint_distance IS NOT NULL",
    "arms_tiv > 0",
    FUELS.map((f) => `energy_${f} IS NOT NULL`).join(" OR "),
    "trade_exports IS NOT NULL OR trade_turnover IS NOT NULL",
    "macro_gdp_a IS NOT NULL AND geo_distance IS NOT NULL",
    "invest_position IS NOT NULL OR invest_position_withheld",
    "invest_flow IS NOT NULL",
    "mil_exercises > 0",
    "(a = 'CHN' AND b = 'RUS') OR (a = 'RUS' AND b = 'CHN')",
    "TRUE",
  ];
  const rows = (
    await Promise.all(
      strata.map((where, i) =>
        store.query<Record<string, unknown>>(
          `SELECT * FROM (SELECT * FROM ${parquet()} WHERE ${where}) USING SAMPLE reservoir(40 ROWS) REPEATABLE (${13 + i})`,
        ),
      ),
    )
  ).flat();
  assert.equal(rows.length, 440);
  let compared = 0;
  let nonNull = 0;
  const mismatches: string[] = [];
  const compare = async (row: Record<string, unknown>) => {
    const a = row.a as string;
    const b = row.b as string;
    const year = Number(row.year);
    const values = new Map<string, Awaited<ReturnType<typeof computeIndicator>>>();
    const scalar = async (indicator: string, x: string, y: string) => {
      const key = `${indicator}|${x}|${y}`;
      let v = values.get(key);
      if (!v) {
        v = await computeIndicator(store, indicator, x, y, year);
        values.set(key, v);
      }
      return v;
    };
    for (const [column, spec] of Object.entries(COLUMNS)) {
      const [x, y] = spec.pair === "b-a" ? [b, a] : [a, b];
      const v = await scalar(spec.indicator, x, y);
      const expected = spec.withheld
        ? v.detail?.withheld === true
          ? 1
          : v.value === null
            ? null
            : 0
        : spec.detail
          ? v.value === null
            ? null
            : Number(v.detail?.[spec.detail])
          : v.value;
      const actual = row[column] === null || row[column] === undefined ? null : Number(row[column]);
      compared++;
      if (actual !== null) nonNull++;
      // Both voted that year but on no roll call in common: the panel counts 0 roll calls, the value has none.
      const noneInCommon = column === "un_roll_calls_both_voted" && actual === 0 && v.value === null;
      const same =
        noneInCommon ||
        actual === expected ||
        (actual !== null &&
          expected !== null &&
          Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)));
      if (!same)
        mismatches.push(`${a}–${b} ${year} ${column}: panel ${actual}, ${spec.indicator} ${expected}`);
    }
  };
  // Four rows at a time: the read-only store answers on four connections.
  for (let i = 0; i < rows.length; i += 4) await Promise.all(rows.slice(i, i + 4).map(compare));
  assert.deepEqual(mismatches, []);
  assert.equal(compared, 440 * Object.keys(COLUMNS).length);
  // The strata make sure most comparisons are of numbers, not of two empty cells.
  assert.ok(nonNull > 1000, `only ${nonNull} non-empty cells compared`);
});

test("the materialised relations give, for 300 random dyad-years, every column the relations' SQL gives computed fresh", async () => {
  // Seeded draws of countries and years (pairs without data among them), and China–Russia's last years.
  const codes = (
    await store.query<{ code: string }>("SELECT code FROM entities WHERE kind = 'country' ORDER BY code")
  ).map((r) => r.code);
  let seed = 20261201;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const draws: [string, string, number][] = [
    ["CHN", "RUS", 2021],
    ["RUS", "CHN", 2022],
    ["CHN", "RUS", 2024],
  ];
  while (draws.length < 300) {
    const a = codes[Math.floor(random() * codes.length)];
    const b = codes[Math.floor(random() * codes.length)];
    if (a !== b) draws.push([a, b, 1946 + Math.floor(random() * 80)]);
  }
  const mismatches: string[] = [];
  let nonNull = 0;
  for (const relation of RELATIONS) {
    // Twenty dyad-years a query: the fresh SQL narrows its CTEs to the scope's countries and years.
    for (let i = 0; i < draws.length; i += 20) {
      const scope = dyadYearList(draws.slice(i, i + 20));
      const fresh = await relation.build(scope, store);
      const [materialised, computed] = await Promise.all([
        selectRelations<Record<string, unknown>>(store, [relation], scope),
        store.query<Record<string, unknown>>(relationQuery(scope, [fresh], fresh.columns)),
      ]);
      assert.equal(materialised.length, computed.length);
      for (let r = 0; r < computed.length; r++) {
        for (const [column, expected] of Object.entries(computed[r])) {
          const actual = materialised[r][column];
          if (actual !== null && actual !== undefined) nonNull++;
          // A few countries' UN votes joined on roll call leave out a pair with none in common, where the
          // whole relation's bitstrings count 0 (see UN_AGREEMENT_RELATION).
          const noneInCommon =
            column === "un_roll_calls_both_voted" || column === "un_roll_calls_agreed"
              ? expected === null && Number(actual) === 0
              : false;
          const same =
            noneInCommon ||
            String(actual ?? null) === String(expected ?? null) ||
            (typeof expected === "number" &&
              typeof actual === "number" &&
              Math.abs(actual - expected) <= 1e-12 * Math.max(1, Math.abs(expected)));
          if (!same)
            mismatches.push(
              `${computed[r].a}–${computed[r].b} ${computed[r].year} ${column}: materialised ${actual}, fresh ${expected}`,
            );
        }
      }
    }
  }
  assert.deepEqual(mismatches.slice(0, 20), []);
  assert.ok(nonNull > 1000, `only ${nonNull} non-empty cells compared`);
});
