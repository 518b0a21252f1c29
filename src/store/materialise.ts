// The dimensions' relations materialised at ingest. Every ingest rebuilds, inside its own transaction, the
// tables of each relation that reads a table it wrote, so they never disagree with the rows and a failed
// ingest leaves them as they were. A relation's SQL (src/store/relations/) joins intermediate tables onto the
// dyad-years asked (`LEFT JOIN name alias ON …`); each such join target is stored as `rel_<name>` with its
// country columns as integer keys (country_key) and its rows sorted by (keys, year), so that a value, a
// profile section or the panel joins small integer-keyed tables instead of recomputing the SQL. Only rows
// with data are stored: the grid of every pair × year is never materialised. The layout is described in
// docs/ARCHITECTURE.md ("Materialised relations").
import { createHash } from "node:crypto";
import type { DyadYears, Relation, RelationSql } from "./relation.ts";
import { RELATIONS } from "./relations/index.ts";
import type { Store } from "./store.ts";

/** Integer key ↔ registry code, for every entity (countries, groups, the World), in the order of the codes. */
export const KEY_TABLE = "country_key";
/** One row per materialised relation: the hash of the SQL that built its tables (for the compat check). */
export const BUILT_TABLE = "relations_built";

/** The whole relation: no scope narrows its CTEs. */
export const ALL: DyadYears = {
  sql: "SELECT NULL::VARCHAR AS a, NULL::VARCHAR AS b, NULL::SMALLINT AS year WHERE false",
};

const KEY_SQL = `SELECT (row_number() OVER (ORDER BY code))::SMALLINT AS key, code, kind FROM entities`;

export interface Target {
  /** The CTE or table the relation joins. */
  table: string;
  /** Its columns that hold a country code, joined to s.a or s.b: stored as keys. */
  keyed: string[];
  /** The side of the dyad (s.a or s.b) each keyed column is joined to. */
  sides: ("a" | "b")[];
  /** Joined on year as well. */
  year: boolean;
}

export interface Join {
  table: string;
  alias: string;
  on: string;
}

export function parseJoin(join: string): Join {
  const m = /^\s*LEFT JOIN (\w+) (\w+) ON ([\s\S]+)$/.exec(join);
  if (!m) throw new Error(`a relation's join must read "LEFT JOIN name alias ON …": ${join}`);
  return { table: m[1], alias: m[2], on: m[3] };
}

export function targetsOf(parts: RelationSql): Target[] {
  const out = new Map<string, Target>();
  for (const j of parts.joins.map(parseJoin)) {
    const t = out.get(j.table) ?? { table: j.table, keyed: [], sides: [], year: false };
    for (const m of j.on.matchAll(new RegExp(`\\b${j.alias}\\.(\\w+) = s\\.(a|b)\\b`, "g")))
      if (!t.keyed.includes(m[1])) {
        t.keyed.push(m[1]);
        t.sides.push(m[2] as "a" | "b");
      }
    if (new RegExp(`\\b${j.alias}\\.year = s\\.year\\b`).test(j.on)) t.year = true;
    out.set(j.table, t);
  }
  return [...out.values()];
}

/** The tables a relation reads: a change to any of them rebuilds it. */
export function relationReads(relation: Relation): string[] {
  return [...relation.tables, ...(relation.reads ?? [])];
}

/** The statements that build a relation's tables from the store's rows. */
export async function materialiseStatements(store: Store, relation: Relation): Promise<string[]> {
  const parts = await relation.build(ALL, store);
  const withClause = parts.ctes.length ? `WITH ${parts.ctes.join(",\n")}` : "";
  return targetsOf(parts).map((t) => {
    const keyJoins = t.keyed.map((c, i) => `JOIN ${KEY_TABLE} k${i} ON k${i}.code = t.${c}`).join(" ");
    const replace = t.keyed.length
      ? ` REPLACE (${t.keyed.map((c, i) => `k${i}.key AS ${c}`).join(", ")})`
      : "";
    const order = [...t.keyed, ...(t.year ? ["year"] : [])];
    return `CREATE OR REPLACE TABLE rel_${t.table} AS
      SELECT * FROM (${withClause} SELECT t.*${replace} FROM ${t.table} t ${keyJoins}) AS m
      ${order.length ? `ORDER BY ${order.join(", ")}` : ""}`;
  });
}

function hashOf(statements: string[]): string {
  return createHash("sha256").update(statements.join(";\n")).digest("hex").slice(0, 16);
}

async function hasAll(store: Store, tables: string[]): Promise<boolean> {
  for (const t of tables) if (!(await store.hasTable(t))) return false;
  return true;
}

/** Whether country_key holds every entity under the key its code's order gives. */
async function keysCurrent(store: Store): Promise<boolean> {
  if (!(await store.hasTable(KEY_TABLE))) return false;
  const row = await store.one<{ n: bigint; k: bigint; same: bigint }>(
    `SELECT (SELECT count(*) FROM entities) AS n, (SELECT count(*) FROM ${KEY_TABLE}) AS k,
            (SELECT count(*) FROM (${KEY_SQL}) e JOIN ${KEY_TABLE} c ON c.code = e.code AND c.key = e.key) AS same`,
  );
  return Number(row?.n) === Number(row?.k) && Number(row?.n) === Number(row?.same);
}

/**
 * Rebuilds, on the store's connection (inside the ingest's transaction), the key table when the entities
 * changed and the tables of every relation that reads one of `touched` (all of them when the keys changed).
 */
export async function materialiseRelations(store: Store, touched: Set<string> | "all"): Promise<string[]> {
  let scope = touched;
  if (!(await keysCurrent(store))) {
    await store.query(`CREATE OR REPLACE TABLE ${KEY_TABLE} AS ${KEY_SQL} ORDER BY code`);
    scope = "all";
  }
  await store.query(
    `CREATE TABLE IF NOT EXISTS ${BUILT_TABLE} (relation VARCHAR PRIMARY KEY, definition VARCHAR NOT NULL, tables VARCHAR NOT NULL)`,
  );
  const built: string[] = [];
  for (const relation of RELATIONS) {
    const reads = relationReads(relation);
    if (scope !== "all" && !reads.some((t) => scope.has(t))) continue;
    if (!(await hasAll(store, relation.tables))) continue;
    const statements = await materialiseStatements(store, relation);
    for (const sql of statements) await store.query(sql);
    await store.query(`DELETE FROM ${BUILT_TABLE} WHERE relation = ?`, [relation.dimension]);
    await store.query(`INSERT INTO ${BUILT_TABLE} VALUES (?, ?, ?)`, [
      relation.dimension,
      hashOf(statements),
      targetsOf(await relation.build(ALL, store))
        .map((t) => `rel_${t.table}`)
        .join(","),
    ]);
    built.push(relation.dimension);
  }
  return built;
}

/**
 * What a store built by an earlier dyad lacks: relations whose tables exist but were never materialised, or
 * were by another definition; a key table out of step with the entities.
 */
export async function staleRelations(store: Store): Promise<string[]> {
  const present: Relation[] = [];
  for (const r of RELATIONS) if (await hasAll(store, r.tables)) present.push(r);
  if (!present.length) return [];
  const out: string[] = [];
  if (!(await keysCurrent(store))) out.push(`${KEY_TABLE}: missing or out of step with the entities`);
  const built = await builtRelations(store);
  for (const r of present) {
    const have = built.get(r.dimension);
    if (!have) out.push(`relation ${r.dimension}: not materialised`);
    else if (have !== hashOf(await materialiseStatements(store, r)))
      out.push(`relation ${r.dimension}: materialised by another definition`);
  }
  return out;
}

/** The materialised relations and their definitions' hashes. */
export async function builtRelations(store: Store): Promise<Map<string, string>> {
  if (!(await store.hasTable(BUILT_TABLE))) return new Map<string, string>();
  const rows = await store.query<{ relation: string; definition: string }>(
    `SELECT relation, definition FROM ${BUILT_TABLE}`,
  );
  return new Map(rows.map((r) => [r.relation, r.definition]));
}
