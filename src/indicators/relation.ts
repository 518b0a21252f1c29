// Reading the dimensions' relations. Their SQL lives in the store (src/store/relations/), which materialises
// them at ingest (src/store/materialise.ts); a value, a profile section and the panel select from the
// materialised tables through these helpers, joined on integer country keys.
import { ALL, BUILT_TABLE, builtRelations, KEY_TABLE, parseJoin, targetsOf } from "../store/materialise.ts";
import { type DyadYears, quote, type Relation, type RelationSql, relationQuery } from "../store/relation.ts";
import type { Store } from "../store/store.ts";

export * from "../store/relation.ts";

/** Rows in one of DuckDB's row groups: a table no larger is read whole by any lookup anyway. */
const ROW_GROUP = 122_880;

/**
 * Memoised per read-only store (whose tables cannot change while it is open); asked every time on a writable
 * store, where an ingest may have rebuilt them.
 */
function memo<T>(
  cache: WeakMap<Store, Map<string, Promise<T>>>,
  store: Store,
  key: string,
  ask: () => Promise<T>,
): Promise<T> {
  if (!store.readOnly) return ask();
  let m = cache.get(store);
  if (!m) {
    m = new Map();
    cache.set(store, m);
  }
  let hit = m.get(key);
  if (!hit) {
    hit = ask();
    m.set(key, hit);
    hit.catch(() => m.delete(key));
  }
  return hit;
}

const builtCache = new WeakMap<Store, Map<string, Promise<Map<string, string>>>>();
const keyCache = new WeakMap<Store, Map<string, Promise<Map<string, number>>>>();
const sizeCache = new WeakMap<Store, Map<string, Promise<Map<string, number>>>>();
const partsCache = new WeakMap<Store, Map<string, Promise<RelationSql>>>();

/** Registry code → integer key, from country_key (empty before the first ingest). */
export function countryKeys(store: Store): Promise<Map<string, number>> {
  return memo(keyCache, store, "", async () => {
    if (!(await store.hasTable(KEY_TABLE))) return new Map<string, number>();
    const rows = await store.query<{ code: string; key: number }>(`SELECT code, key FROM ${KEY_TABLE}`);
    return new Map(rows.map((r) => [r.code, Number(r.key)]));
  });
}

function built(store: Store): Promise<Map<string, string>> {
  return memo(builtCache, store, "", () => builtRelations(store));
}

/** Rows of each materialised table. */
function tableSizes(store: Store): Promise<Map<string, number>> {
  return memo(sizeCache, store, "", async () => {
    if (!(await store.hasTable(BUILT_TABLE))) return new Map<string, number>();
    const rows = await store.query<{ table_name: string; n: bigint }>(
      "SELECT table_name, estimated_size AS n FROM duckdb_tables() WHERE table_name LIKE 'rel\\_%' ESCAPE '\\'",
    );
    return new Map(rows.map((r) => [r.table_name, Number(r.n)]));
  });
}

/** The relation's SQL over the whole store (its joins name the tables that were materialised). */
function wholeRelation(store: Store, relation: Relation): Promise<RelationSql> {
  return memo(partsCache, store, relation.dimension, () => relation.build(ALL, store));
}

/**
 * The relation's part of a SELECT over a keyed scope `s(a, b, year, ak, bk)`: its materialised tables joined
 * on the integer keys (a large table narrowed to the scope's countries and years first), or — on a store where
 * it was never materialised — its SQL computed fresh, joined on the codes.
 */
export async function relationParts(
  store: Store,
  relation: Relation,
  scope: DyadYears,
  keys?: Map<string, number>,
): Promise<RelationSql> {
  if (!(await built(store)).has(relation.dimension)) return relation.build(scope, store);
  const [whole, sizes] = await Promise.all([wholeRelation(store, relation), tableSizes(store)]);
  const codes = scope.countries?.map((c) => keys?.get(c)).filter((k) => k !== undefined);
  const joins = whole.joins.map((text) => {
    const j = parseJoin(text);
    const from = narrowed(
      j.table,
      targetsOf({ ctes: [], joins: [text], columns: [] })[0],
      codes,
      scope,
      sizes,
    );
    return `LEFT JOIN ${from} ${j.alias} ON ${j.on.replace(/\bs\.a\b/g, "s.ak").replace(/\bs\.b\b/g, "s.bk")}`;
  });
  return { ctes: [], joins, columns: whole.columns };
}

/**
 * A materialised table, or the part of it a few countries and years need. The tables are sorted by their
 * keys, and DuckDB skips a row group by its min/max for an equality but reads every row for an IN list
 * (10-15 ms against ~1 ms on the trade table): one equality on the first key per country. A table of one
 * row group is joined whole.
 */
function narrowed(
  table: string,
  target: { keyed: string[]; year: boolean },
  codes: number[] | undefined,
  scope: DyadYears,
  sizes: Map<string, number>,
): string {
  const name = `rel_${table}`;
  if ((sizes.get(name) ?? Number.POSITIVE_INFINITY) <= ROW_GROUP) return name;
  const years = scope.years && target.year ? ` AND year BETWEEN ${scope.years[0]} AND ${scope.years[1]}` : "";
  if (!codes || !target.keyed.length) return years ? `(SELECT * FROM ${name} WHERE TRUE${years})` : name;
  const rest = target.keyed
    .slice(1)
    .map((c) => ` AND ${c} IN (${codes.join(", ") || "NULL"})`)
    .join("");
  return `(${(codes.length ? codes : ["NULL"])
    .map((k) => `SELECT * FROM ${name} WHERE ${target.keyed[0]} = ${k}${rest}${years}`)
    .join(" UNION ALL ")})`;
}

/**
 * The rows of a relation that joins one table on (a, b, year) — trade — for every pair of `as` × `bs` that
 * has one, read from its materialised table without a grid of dyad-years: a lookup, where the grid's joins
 * cost several milliseconds more. Undefined where the relation is not of that shape or not materialised.
 */
export async function pairRows<T = Record<string, unknown>>(
  store: Store,
  relation: Relation,
  as: string[],
  /** Every partner when absent. */
  bs: string[] | undefined,
  years: [number, number] | undefined,
  where = "TRUE",
): Promise<T[] | undefined> {
  if (!(await built(store)).has(relation.dimension)) return undefined;
  const [whole, keys] = await Promise.all([wholeRelation(store, relation), countryKeys(store)]);
  if (whole.joins.length !== 1) return undefined;
  const j = parseJoin(whole.joins[0]);
  const t = targetsOf(whole)[0];
  if (t.keyed.length !== 2 || t.sides.join() !== "a,b" || !t.year) return undefined;
  const ka = as.map((c) => keys.get(c)).filter((k) => k !== undefined);
  const kb = bs?.map((c) => keys.get(c)).filter((k) => k !== undefined);
  if (!ka.length || kb?.length === 0) return [];
  const span = years ? ` AND year BETWEEN ${Math.trunc(years[0])} AND ${Math.trunc(years[1])}` : "";
  const from = ka
    .map(
      (k) =>
        `SELECT * FROM rel_${t.table} WHERE ${t.keyed[0]} = ${k}${kb ? ` AND ${t.keyed[1]} IN (${kb.join(", ")})` : ""}${span}`,
    )
    .join(" UNION ALL ");
  const rows = await store.query<Record<string, unknown>>(
    `SELECT ${j.alias}.${t.keyed[0]} AS ak, ${j.alias}.${t.keyed[1]} AS bk, ${j.alias}.year AS year, ${whole.columns.join(", ")}
       FROM (${from}) ${j.alias} WHERE ${where}`,
  );
  const codes = new Map([...keys].map(([code, key]) => [key, code]));
  return rows.map(
    ({ ak, bk, ...rest }) => ({ a: codes.get(Number(ak)), b: codes.get(Number(bk)), ...rest }) as T,
  );
}

/** The scope with each side's integer key (ak, bk) beside its code. */
export function keyedScope(scope: DyadYears, keys: Map<string, number>): DyadYears {
  if (!keys.size)
    return {
      ...scope,
      sql: `SELECT s0.*, NULL::SMALLINT AS ak, NULL::SMALLINT AS bk FROM (${scope.sql}) s0`,
    };
  // The keys of a few countries written into the query: a join with country_key costs more than the lookup.
  const table = scope.countries
    ? `(VALUES ${scope.countries.map((c) => `(${quote(c)}, ${keys.get(c) ?? "NULL"}::SMALLINT)`).join(", ") || "(NULL, NULL)"}) AS`
    : `(SELECT code, key FROM ${KEY_TABLE}) AS`;
  return {
    ...scope,
    sql: `SELECT s0.a, s0.b, s0.year, ka.key AS ak, kb.key AS bk FROM (${scope.sql}) s0
            LEFT JOIN ${table} ka(code, key) ON ka.code = s0.a LEFT JOIN ${table} kb(code, key) ON kb.code = s0.b`,
  };
}

/** The relations' rows for the dyad-years, as objects keyed by column name (a, b, year first). */
export async function selectRelations<T = Record<string, unknown>>(
  store: Store,
  relations: Relation[],
  scope: DyadYears,
  where = "TRUE",
): Promise<T[]> {
  const keys = await countryKeys(store);
  const parts = await Promise.all(relations.map((r) => relationParts(store, r, scope, keys)));
  return store.query<T>(
    relationQuery(
      keyedScope(scope, keys),
      parts,
      parts.flatMap((p) => p.columns),
      where,
    ),
  );
}
