// The pieces of the panel placed by position: columns read from DuckDB as bytes and handed back through a
// table function unchanged (every fixed-width type, nulls, chunk boundaries), and which joins can be placed.
// The whole panel placed by position is compared with the panel DuckDB joins in test/panel/panel.test.ts.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { positionalSources } from "../../src/panel/positions.ts";
import { CHUNK_ROWS, type ChunkBuffers, readRawColumns, runOverChunks } from "../../src/store/chunks.ts";
import { Store } from "../../src/store/index.ts";

let store: Store;
before(async () => {
  store = await Store.open({ path: ":memory:" });
});
after(() => store.close());

// 5,000 rows: two full chunks and a part, each type with its own pattern of nulls, and values at the edges
// of each type (negative 64-bit integers share their bits with NaN doubles, so a copy through doubles would
// change them).
const TABLE = `SELECT i::INTEGER AS i,
    CASE WHEN i % 3 <> 0 THEN i % 2 = 0 END AS flag,
    CASE WHEN i % 5 <> 1 THEN (i % 256 - 128)::TINYINT END AS tiny,
    CASE WHEN i % 7 <> 2 THEN (i * 13 % 65536 - 32768)::SMALLINT END AS small,
    CASE WHEN i % 11 <> 3 THEN (i * 7919 - 2000000000)::INTEGER END AS int,
    CASE WHEN i % 13 <> 4 THEN (CASE WHEN i % 2 = 0 THEN -i - 1 ELSE i * 1000000007 END)::BIGINT END AS big,
    CASE WHEN i % 17 <> 5 THEN i / 7.0 - 300 END AS dbl,
    CASE WHEN i % 19 <> 6 THEN (i / 3.0)::FLOAT END AS flt,
    CASE WHEN i % 23 <> 7 THEN DATE '1946-01-01' + i::INTEGER END AS day
  FROM range(5000) t(i)`;

const COLUMNS = ["i", "flag", "tiny", "small", "int", "big", "dbl", "flt", "day"];

test("columns read as bytes and handed back through the table function are the rows DuckDB gave, nulls and all", async () => {
  const raw = await readRawColumns(store.connection, TABLE);
  assert.ok(raw);
  assert.equal(raw.rows, 5000);
  assert.deepEqual(
    raw.columns.map((c) => c.name),
    COLUMNS,
  );
  let next = 0;
  const rows = await runOverChunks(
    store.connection,
    {
      names: raw.columns.map((c) => c.name),
      types: raw.columns.map((c) => c.type),
      next(buffers: ChunkBuffers) {
        const n = Math.min(CHUNK_ROWS, raw.rows - next);
        raw.columns.forEach((c, i) => {
          buffers.data[i].set(c.data.subarray(next * c.width, (next + n) * c.width));
          for (let r = 0; r < n; r++)
            if (c.valid[(next + r) >> 3] & (1 << ((next + r) & 7))) buffers.valid[i][r >> 3] |= 1 << (r & 7);
        });
        next += n;
        return n;
      },
    },
    (fn) => `SELECT count(*) AS n,
                    count(*) FILTER (WHERE ${COLUMNS.map((c) => `t.${c} IS DISTINCT FROM x.${c}`).join(" OR ")}) AS differ,
                    count(*) FILTER (WHERE x.big IS NULL) AS null_big
               FROM (SELECT row_number() OVER () AS rn, * FROM ${fn}()) x
               JOIN (SELECT row_number() OVER (ORDER BY i) AS rn, * FROM (${TABLE})) t USING (rn)`,
    (sql) => store.query<{ n: bigint; differ: bigint; null_big: bigint }>(sql),
  );
  assert.equal(Number(rows[0].n), 5000);
  assert.equal(Number(rows[0].differ), 0);
  // i % 13 = 4 for 385 of 0…4999: the nulls came through as nulls.
  assert.equal(Number(rows[0].null_big), 385);
});

test("a column that is not of a fixed width is not read as bytes", async () => {
  assert.equal(await readRawColumns(store.connection, "SELECT 'CHN' AS code"), undefined);
});

test("joins on the grid's keys and year are placed by position; a join on anything else leaves the panel to DuckDB", () => {
  const sources = positionalSources(
    [
      { from: "rel_un_agree", alias: "ua", on: "ua.a = s.ak AND ua.b = s.bk AND ua.year = s.year" },
      { from: "rel_macro_gdp", alias: "mgb", on: "mgb.country = s.bk AND mgb.year = s.year" },
      { from: "rel_mil_pair", alias: "mp", on: "mp.dataset = 'mme' AND mp.a = s.ak AND mp.b = s.bk" },
      { from: "rel_geo_dyads", alias: "geo", on: "geo.a = s.ak AND geo.b = s.bk" },
    ],
    ["ua.agreed / ua.both_voted", "mgb.gdp_usd", "coalesce(mp.n, 0)"],
  );
  assert.ok(sources);
  // geo: no column reads it.
  assert.deepEqual(
    sources.map((s) => [s.alias, s.dims, s.columns]),
    [
      ["ua", { a: "a", b: "b", year: "year" }, ["agreed", "both_voted"]],
      ["mgb", { b: "country", year: "year" }, ["gdp_usd"]],
      ["mp", { a: "a", b: "b" }, ["n"]],
    ],
  );
  assert.match(sources[2].sql, /WHERE mp\.dataset = 'mme'$/);
  const fallback = (on: string, expression = "x.v") =>
    positionalSources([{ from: "t", alias: "x", on }], [expression]);
  assert.equal(fallback("x.a = s.a AND x.year = s.year"), undefined, "joined on the codes");
  assert.equal(fallback("s.year BETWEEN x.lo AND x.hi"), undefined, "a range");
  assert.equal(fallback("x.a = s.ak AND x.k = s.ak"), undefined, "one side twice");
  assert.equal(fallback("x.a = s.ak", "x.v + s.ak"), undefined, "a column reading the grid's key");
  assert.equal(fallback("x.a = s.ak AND x.b = y.b"), undefined, "a condition naming another table");
  assert.ok(fallback("x.a = s.ak AND x.share > 0.5"), "a condition on the table alone is its filter");
});
