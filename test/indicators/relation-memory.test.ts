// The materialised relations held in memory (src/indicators/relation-memory.ts) are the store's rel_* tables,
// row for row: every table of every materialised relation but trade's, each key's rows found by the index
// in the order DuckDB stores them, every value (numbers, text, booleans and nulls) as DuckDB returns it.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { EXTRA_TABLES, RelationMemory } from "../../src/indicators/relation-memory.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let memory: RelationMemory;

before(async () => {
  store = await openRealStore();
  memory = await RelationMemory.load(store);
});

const plain = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);

describe("relation memory", () => {
  test("holds every materialised table but trade's, with the store's row counts and datasets", async () => {
    const built = await store.query<{ relation: string; tables: string }>(
      "SELECT relation, tables FROM relations_built",
    );
    assert.deepEqual([...memory.relations].sort(), built.map((r) => r.relation).sort());
    const tables = built.flatMap((r) => r.tables.split(",")).filter((t) => t !== "rel_trade_pair");
    const extra = new Set(EXTRA_TABLES.map((t) => t.name));
    assert.deepEqual(
      memory.tableNames
        .filter((t) => !extra.has(t))
        .map((t) => `rel_${t}`)
        .sort(),
      tables.sort(),
    );
    for (const t of tables) {
      const [{ n }] = await store.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${t}`);
      assert.equal(memory.table(t)?.rows, Number(n), t);
    }
    const ingests = await store.query<{ dataset: string }>("SELECT dataset FROM ingests");
    assert.deepEqual([...memory.datasets].sort(), ingests.map((r) => r.dataset).sort());
    const [{ code }] = await store.query<{ code: string }>("SELECT code FROM country_key WHERE code = 'RUS'");
    const [{ key }] = await store.query<{ key: number }>("SELECT key FROM country_key WHERE code = 'RUS'");
    assert.equal(memory.keyOf(code), Number(key));
    assert.equal(memory.codeOf(Number(key)), "RUS");
  });

  test("a key's rows are the table's rows for it, value for value (random keys of every table)", async () => {
    const next = seededRandom(41);
    // The extra tables (EXTRA_TABLES) are held from their SQL, the others from their rel_ table.
    const source = (name: string) => {
      const extra = EXTRA_TABLES.find((t) => t.name === name);
      return extra ? `(${extra.sql})` : `rel_${name}`;
    };
    for (const name of memory.tableNames) {
      const t = memory.table(name);
      assert.ok(t);
      if (!t.rows) continue;
      const names = t.columns.map((c) => c.name);
      // Keys drawn from rows that exist, and a few that may not.
      for (let i = 0; i < 6; i++) {
        const row = Math.floor(next() * t.rows);
        const keys: number[] = t.keys.map((k) =>
          i < 4 ? (t.num(k, row) as number) : 1 + Math.floor(next() * 300),
        );
        const where: string = t.keys.map((k, j) => `${k} = ${keys[j]}`).join(" AND ") || "TRUE";
        const order = [...t.keys, ...(t.year ? ["year"] : [])].join(", ");
        const expected: unknown[][] = (
          await store.query<Record<string, unknown>>(
            `SELECT ${names.map((n) => `"${n}"`).join(", ")} FROM ${source(name)} WHERE ${where}${order ? ` ORDER BY ${order}` : ""}`,
          )
        ).map((r) => names.map((n) => plain(r[n])));
        const [start, end] = t.range(keys[0], keys[1]);
        const held: unknown[][] = [];
        for (let r = start; r < end; r++) held.push(names.map((n) => t.value(n, r)));
        // Rows tied on (keys, year) — two datasets in mil_pair — may come in either order.
        const sort = (rows: unknown[][]) => rows.map((r) => JSON.stringify(r)).sort();
        assert.deepEqual(sort(held), sort(expected), `${name} ${keys.join(",")}`);
        if (t.year && expected.length) {
          const year = expected[0][names.indexOf("year")] as number;
          assert.equal(t.num("year", t.row(year, keys[0], keys[1])), year);
          assert.equal(t.row(-1, keys[0], keys[1]), -1);
        }
      }
    }
  });

  test("holds the tables in typed arrays (bytes counted) and derives a fact once", () => {
    assert.ok(memory.bytes > (memory.table("un_agree")?.rows ?? 0) * 10);
    let calls = 0;
    const span = () => memory.memo("test-span", () => ++calls);
    assert.equal(span(), 1);
    assert.equal(span(), 1);
  });
});
