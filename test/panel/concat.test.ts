// Files written in parts and joined into one (src/panel/concat.ts): a Parquet footer read and written back
// byte for byte, Parquet parts joined into the file DuckDB reads as the whole table (cells, order, row
// groups, bloom filters), CSV parts joined into the bytes of one CSV, and parts that do not fit refused.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { concatCsv, concatParquet, decodeThrift, encodeThrift } from "../../src/panel/concat.ts";
import { Store } from "../../src/store/index.ts";

let store: Store;
const dir = mkdtempSync(join(tmpdir(), "dyad-concat-"));
before(async () => {
  store = await Store.open({ path: ":memory:" });
  // 300,000 rows: strings (dictionary-encoded, with bloom filters), integers, doubles with nulls, a boolean.
  await store.query(`CREATE TABLE t AS
    SELECT i, 'c' || (i // 1000)::VARCHAR AS code, (i % 97)::SMALLINT AS year,
           CASE WHEN i % 7 <> 0 THEN i / 3.0 END AS value, i % 2 = 0 AS even
      FROM range(300000) r(i)`);
});
after(() => store.close());

const quote = (path: string) => `'${path.replace(/'/g, "''")}'`;

/** Writes rows [from, to) of t, in order, as one file. */
async function write(path: string, from: number, to: number, options: string): Promise<string> {
  await store.query(
    `COPY (SELECT * FROM t WHERE i >= ${from} AND i < ${to} ORDER BY i) TO ${quote(path)} (${options})`,
  );
  return path;
}

test("a Parquet footer DuckDB wrote reads and writes back byte for byte", async () => {
  const path = await write(join(dir, "whole.parquet"), 0, 300000, "FORMAT parquet, COMPRESSION zstd");
  const bytes = readFileSync(path);
  const length = bytes.readUInt32LE(bytes.length - 8);
  const footer = bytes.subarray(bytes.length - 8 - length, bytes.length - 8);
  assert.ok(Buffer.compare(Buffer.from(encodeThrift(decodeThrift(footer))), footer) === 0);
});

test("Parquet parts joined are the whole table: every cell in order, every row group, lookups by bloom filter", async () => {
  // Uneven parts, one of them empty, one of a single row: the cuts fall inside DuckDB's row groups.
  const cuts = [0, 130000, 130000, 130001, 300000];
  const parts: string[] = [];
  for (let i = 0; i + 1 < cuts.length; i++)
    parts.push(
      await write(join(dir, `part${i}.parquet`), cuts[i], cuts[i + 1], "FORMAT parquet, COMPRESSION zstd"),
    );
  const groups = async (path: string) =>
    Number(
      (
        await store.one<{ n: bigint }>(
          `SELECT count(DISTINCT row_group_id) AS n FROM parquet_metadata(${quote(path)})`,
        )
      )?.n,
    );
  let expectedGroups = 0;
  for (const part of parts) expectedGroups += await groups(part);
  const out = join(dir, "joined.parquet");
  concatParquet(parts, out);
  assert.equal(existsSync(parts[0]), false, "the first part became the joined file");
  const cmp = await store.one<{ n: bigint; differ: bigint; rows: bigint }>(
    `SELECT count(*) AS n,
            count(*) FILTER (WHERE (j.i, j.code, j.year, j.value, j.even) IS DISTINCT FROM (t.i, t.code, t.year, t.value, t.even)) AS differ,
            (SELECT num_rows FROM parquet_file_metadata(${quote(out)})) AS rows
       FROM (SELECT *, file_row_number AS rn FROM read_parquet(${quote(out)}, file_row_number = true)) j
       FULL JOIN t ON t.i = j.rn`,
  );
  assert.equal(Number(cmp?.n), 300000);
  assert.equal(Number(cmp?.differ), 0);
  assert.equal(Number(cmp?.rows), 300000);
  assert.equal(await groups(out), expectedGroups);
  // A string looked up in the last part (its row groups' bloom filters moved with them) is found there.
  const found = await store.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM read_parquet(${quote(out)}) WHERE code = 'c250'`,
  );
  assert.equal(Number(found?.n), 1000);
});

test("CSV parts joined, the header in the first only, are the bytes of the whole CSV", async () => {
  const whole = await write(join(dir, "whole.csv"), 0, 300000, "FORMAT csv, HEADER true");
  const parts = [
    await write(join(dir, "p0.csv"), 0, 100000, "FORMAT csv, HEADER true"),
    await write(join(dir, "p1.csv"), 100000, 100000, "FORMAT csv, HEADER false"),
    await write(join(dir, "p2.csv"), 100000, 300000, "FORMAT csv, HEADER false"),
  ];
  const out = join(dir, "joined.csv");
  concatCsv(parts, out);
  assert.ok(Buffer.compare(readFileSync(out), readFileSync(whole)) === 0);
});

test("Parquet parts of another schema, or a file that is not Parquet, are refused with the file named", async () => {
  const a = await write(join(dir, "a.parquet"), 0, 10, "FORMAT parquet");
  await store.query(`COPY (SELECT i FROM t LIMIT 10) TO ${quote(join(dir, "b.parquet"))} (FORMAT parquet)`);
  assert.throws(
    () => concatParquet([a, join(dir, "b.parquet")], join(dir, "ab.parquet")),
    /b\.parquet has another schema/,
  );
  const csv = await write(join(dir, "c.csv"), 0, 10, "FORMAT csv");
  assert.throws(() => concatParquet([a, csv], join(dir, "ac.parquet")), /c\.csv is not a Parquet file/);
});
