// The materialised relations (`rel_*`, src/store/materialise.ts) of a read-only store held in memory as
// columnar typed arrays, so a server builds a profile's sections (and later values) for any pair with no
// DuckDB query. The tables are loaded whole, as stored: country columns are the store's SMALLINT keys
// (country_key), rows sorted by (keys…, year); `MemTable.range(k1, k2)` gives a key's rows through an index
// built at load. What a relation's SQL computes over these rows (its column expressions) is restated in JS
// where it is read from memory (src/indicators/relation-rows.ts), tested equal to the SQL.
//
// Layout of a column: numbers in a typed array of the width the column's type needs (Int16Array for SMALLINT
// keys and years, Int32Array for INTEGER, Float64Array for BIGINT/DOUBLE/DECIMAL, Uint8Array for BOOLEAN),
// strings as Int32Array indexes into one interned string table (-1 = null); a column that holds any null
// has a Uint8Array null mask (1 = null), the others none. See /work/wt/notes/PROFMEM-CONTRACT.md.
import { createRequire } from "node:module";
import type { DuckDBConnection, DuckDBDataChunk, DuckDBType } from "@duckdb/node-api";
import type * as Bindings from "@duckdb/node-bindings";
import { fixedWidth } from "../store/chunks.ts";
import type { Store } from "../store/index.ts";
import { ALL, BUILT_TABLE, KEY_TABLE, targetsOf } from "../store/materialise.ts";
import { RELATIONS } from "../store/relations/index.ts";
import { ENERGY_SERIES_TABLES } from "./energy.ts";
import { MIL_EXERCISE_TABLE } from "./military-memory.ts";
import { BACI_RELEASE_TABLE } from "./product.ts";
import { VALUE_TABLES } from "./value-source.ts";

/** How a column's values are held. */
export type ColumnKind = "i16" | "i32" | "f64" | "bool" | "str";

type Values = Int16Array | Int32Array | Float64Array | Uint8Array;

export interface MemColumn {
  readonly name: string;
  readonly kind: ColumnKind;
  /** Numbers (bool: 0/1; str: index into the memory's strings, -1 for null). Null rows hold 0. */
  readonly values: Values;
  /** 1 where the value is null; absent when the column has no null. */
  readonly nulls?: Uint8Array;
}

/**
 * A further table to hold beside the rel_* tables: `sql` yields its rows sorted by `keys` then `year` (if
 * any); key columns hold integers ≥ 0 (country keys: join country_key in the SQL).
 */
export interface ExtraTable {
  name: string;
  sql: string;
  keys: string[];
  year: boolean;
  /** Load only when this table exists in the store. */
  requires: string;
}

/**
 * Tables beyond the rel_* ones that profile sections read (appended by the sections' authors): MME's
 * participants (military), the regional gas and oil series (energySince2000), whether a BACI release is
 * loaded (goods).
 */
export const EXTRA_TABLES: ExtraTable[] = [
  MIL_EXERCISE_TABLE,
  ...ENERGY_SERIES_TABLES,
  BACI_RELEASE_TABLE,
  ...VALUE_TABLES,
];

/** The materialised tables not loaded: trade pairs are held by TradeIndex (trade-index.ts). */
const SKIPPED = new Set(["rel_trade_pair"]);

export class MemTable {
  private readonly byName: Map<string, MemColumn>;
  /** starts[index of keys] = first row; starts[index + 1] = end (for tables with 1 or 2 keys). */
  private readonly starts?: Int32Array;

  constructor(
    /** Without the `rel_` prefix: "arms_pair", "un_agree", … */
    readonly name: string,
    readonly rows: number,
    /** Key columns, in sort order ("a", "b"; "country"; none for spans). */
    readonly keys: readonly string[],
    /** Rows of one key sorted by a `year` column. */
    readonly year: boolean,
    readonly columns: readonly MemColumn[],
    private readonly strings: readonly string[],
    /** One more than the largest key value. */
    private readonly width: number,
  ) {
    this.byName = new Map(columns.map((c) => [c.name, c]));
    if (keys.length > 2) throw new Error(`${name}: at most two key columns are indexed`);
    if (keys.length) this.starts = this.index();
  }

  private index(): Int32Array {
    const k1 = this.column(this.keys[0]).values;
    const k2 = this.keys.length === 2 ? this.column(this.keys[1]).values : undefined;
    const w = this.width;
    const size = k2 ? w * w : w;
    const out = new Int32Array(size + 1);
    let previous = -1;
    for (let row = 0; row < this.rows; row++) {
      const i = k2 ? k1[row] * w + k2[row] : k1[row];
      if (i < previous || i < 0 || i >= size)
        throw new Error(`relation memory: ${this.name} is not sorted by ${this.keys.join(", ")}`);
      previous = i;
      out[i + 1]++;
    }
    for (let i = 0; i < size; i++) out[i + 1] += out[i];
    return out;
  }

  has(column: string): boolean {
    return this.byName.has(column);
  }

  column(name: string): MemColumn {
    const c = this.byName.get(name);
    if (!c) throw new Error(`relation memory: ${this.name} has no column ${name}`);
    return c;
  }

  /** Rows [start, end) of the key(s) (every row for a table without keys); sorted by year where it has one. */
  range(k1?: number, k2?: number): [number, number] {
    if (!this.starts) return [0, this.rows];
    const w = this.width;
    if (k1 === undefined || k1 < 0 || k1 >= w) return [0, 0];
    let i = k1;
    if (this.keys.length === 2) {
      if (k2 === undefined || k2 < 0 || k2 >= w) return [0, 0];
      i = k1 * w + k2;
    }
    return [this.starts[i], this.starts[i + 1]];
  }

  /** The first row of the key(s) in `year`, or -1 (binary search on the year within the key's rows). */
  row(year: number, k1?: number, k2?: number): number {
    const [start, end] = this.range(k1, k2);
    const years = this.column("year").values;
    let lo = start;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (years[mid] < year) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && years[lo] === year ? lo : -1;
  }

  isNull(column: string, row: number): boolean {
    const c = this.column(column);
    return c.kind === "str" ? c.values[row] < 0 : c.nulls !== undefined && c.nulls[row] === 1;
  }

  /** A number column's value (bool: 0/1), or null. */
  num(column: string, row: number): number | null {
    const c = this.column(column);
    if (c.kind === "str") throw new Error(`relation memory: ${this.name}.${column} holds text`);
    return c.nulls?.[row] === 1 ? null : c.values[row];
  }

  str(column: string, row: number): string | null {
    const c = this.column(column);
    if (c.kind !== "str") throw new Error(`relation memory: ${this.name}.${column} is not text`);
    const i = c.values[row];
    return i < 0 ? null : this.strings[i];
  }

  bool(column: string, row: number): boolean | null {
    const v = this.num(column, row);
    return v === null ? null : v !== 0;
  }

  /** The value as its column holds it: number, string, boolean or null. */
  value(column: string, row: number): number | string | boolean | null {
    const c = this.column(column);
    if (c.kind === "str") return this.str(column, row);
    if (c.kind === "bool") return this.bool(column, row);
    return this.num(column, row);
  }

  get bytes(): number {
    return (
      (this.starts?.byteLength ?? 0) +
      this.columns.reduce((sum, c) => sum + c.values.byteLength + (c.nulls?.byteLength ?? 0), 0)
    );
  }
}

export class RelationMemory {
  private readonly memos = new Map<string, unknown>();

  private constructor(
    private readonly tables: Map<string, MemTable>,
    private readonly keyOfCode: Map<string, number>,
    private readonly codeOfKey: (string | undefined)[],
    /** Every dataset of the store's `ingests` (what `SELECT dataset FROM ingests` gives). */
    readonly datasets: ReadonlySet<string>,
    /** The materialised relations (`relations_built.relation`: un, un_ideal, arms, energy, …). */
    readonly relations: ReadonlySet<string>,
    readonly strings: readonly string[],
  ) {}

  /** A table by name, with or without `rel_`; undefined when the store has none. */
  table(name: string): MemTable | undefined {
    return this.tables.get(name.replace(/^rel_/, ""));
  }

  /** Names of the tables held (without `rel_`). */
  get tableNames(): string[] {
    return [...this.tables.keys()];
  }

  keyOf(code: string): number | undefined {
    return this.keyOfCode.get(code);
  }

  codeOf(key: number): string | undefined {
    return this.codeOfKey[key];
  }

  /** Whether the dataset was ingested: the sections' "is it loaded" fact, with no query. */
  has(dataset: string): boolean {
    return this.datasets.has(dataset);
  }

  /** A fact derived from the tables, computed once per memory (spans, per-year totals, …). */
  memo<T>(key: string, build: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, build());
    return this.memos.get(key) as T;
  }

  /** Bytes of the typed arrays and indexes held. */
  get bytes(): number {
    let sum = 0;
    for (const t of this.tables.values()) sum += t.bytes;
    return sum;
  }

  /** Rows held per table. */
  get size(): Record<string, number> {
    return Object.fromEntries([...this.tables].map(([n, t]) => [n, t.rows]));
  }

  /**
   * The memory as a worker thread receives it: its fields without the memos (each thread computes its own),
   * posted as they are (strings and small maps copied; the arrays, once moved onto SharedArrayBuffers by
   * shared-arrays.ts, shared). `revive` makes a memory of them again on the other side.
   */
  state(): object {
    const { memos: _memos, ...fields } = this as unknown as Record<string, unknown>;
    return fields;
  }

  /** A memory over the fields `state()` posted (read-only views of the same memory). */
  static revive(state: object): RelationMemory {
    const fields = state as { tables: Map<string, object> };
    const tables = new Map<string, MemTable>();
    for (const [name, t] of fields.tables)
      tables.set(name, Object.assign(Object.create(MemTable.prototype) as MemTable, t));
    return Object.assign(Object.create(RelationMemory.prototype) as RelationMemory, state, {
      tables,
      memos: new Map<string, unknown>(),
    });
  }

  /** Reads the materialised tables of a read-only store (and EXTRA_TABLES) into memory. */
  static async load(
    store: Store,
    options: { signal?: AbortSignal; extra?: ExtraTable[] } = {},
  ): Promise<RelationMemory> {
    const { signal } = options;
    const connection = await store.instance.connect();
    const stop = () => connection.interrupt();
    signal?.addEventListener("abort", stop);
    try {
      signal?.throwIfAborted();
      return await RelationMemory.read(store, connection, options.extra ?? EXTRA_TABLES, signal);
    } finally {
      signal?.removeEventListener("abort", stop);
      connection.closeSync();
    }
  }

  private static async read(
    store: Store,
    c: DuckDBConnection,
    extra: ExtraTable[],
    signal?: AbortSignal,
  ): Promise<RelationMemory> {
    const rows = async (sql: string) => {
      signal?.throwIfAborted();
      return (await c.runAndReadAll(sql)).getRows();
    };
    const datasets = (await store.hasTable("ingests"))
      ? new Set((await rows("SELECT dataset FROM ingests")).map((r) => String(r[0])))
      : new Set<string>();
    const keyOf = new Map<string, number>();
    const codeOf: (string | undefined)[] = [];
    if (await store.hasTable(KEY_TABLE)) {
      for (const [key, code] of await rows(`SELECT key, code FROM ${KEY_TABLE}`)) {
        keyOf.set(String(code), Number(key));
        codeOf[Number(key)] = String(code);
      }
    }
    const width = codeOf.length + 1;
    const built = (await store.hasTable(BUILT_TABLE))
      ? await rows(`SELECT relation, tables FROM ${BUILT_TABLE} ORDER BY relation`)
      : [];
    const relations = new Set(built.map((r) => String(r[0])));
    // Each table's keys and order as the materialiser stored it: the relation's join targets.
    const specs: ExtraTable[] = [];
    for (const relation of RELATIONS) {
      if (!relations.has(relation.dimension)) continue;
      for (const t of targetsOf(await relation.build(ALL, store))) {
        const name = `rel_${t.table}`;
        if (SKIPPED.has(name)) continue;
        specs.push({ name, sql: name, keys: t.keyed, year: t.year, requires: name });
      }
    }
    for (const e of extra) if (await store.hasTable(e.requires)) specs.push(e);

    const strings: string[] = [];
    const interned = new Map<string, number>();
    const intern = (s: string) => {
      let i = interned.get(s);
      if (i === undefined) {
        i = strings.length;
        strings.push(s);
        interned.set(s, i);
      }
      return i;
    };
    const tables = new Map<string, MemTable>();
    for (const spec of specs) {
      const name = spec.name.replace(/^rel_/, "");
      const from = spec.sql === spec.name ? spec.name : `(${spec.sql})`;
      tables.set(name, await readTable(c, name, from, spec.keys, spec.year, width, intern, strings, signal));
    }
    return new RelationMemory(tables, keyOf, codeOf, datasets, relations, strings);
  }
}

async function describe(c: DuckDBConnection, from: string): Promise<{ name: string; type: string }[]> {
  const rows = (await c.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`)).getRows();
  return rows.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
}

function kindOf(type: string): ColumnKind {
  if (/^(TINYINT|SMALLINT|UTINYINT)$/.test(type)) return "i16";
  if (/^(INTEGER|USMALLINT)$/.test(type)) return "i32";
  if (/^(BIGINT|UBIGINT|HUGEINT|UINTEGER|DOUBLE|FLOAT|REAL)$/.test(type) || type.startsWith("DECIMAL"))
    return "f64";
  if (type === "BOOLEAN") return "bool";
  return "str";
}

const SQL_TYPE: Record<Exclude<ColumnKind, "str">, string> = {
  i16: "SMALLINT",
  i32: "INTEGER",
  f64: "DOUBLE",
  bool: "UTINYINT",
};

async function readTable(
  c: DuckDBConnection,
  name: string,
  from: string,
  keys: string[],
  year: boolean,
  width: number,
  intern: (s: string) => number,
  strings: string[],
  signal?: AbortSignal,
): Promise<MemTable> {
  const described = await describe(c, from);
  const q = (col: string) => `"${col.replace(/"/g, '""')}"`;
  // Per column: its nulls, and for whole numbers their range (a BIGINT count that fits is held in 32 bits).
  const whole = (type: string) => /^(BIGINT|UBIGINT|HUGEINT|UINTEGER)$/.test(type);
  const stats = (
    await c.runAndReadAll(
      `SELECT count(*)::DOUBLE, ${described
        .map(
          (d) =>
            `(count(*) - count(${q(d.name)}))::DOUBLE` +
            (whole(d.type) ? `, min(${q(d.name)})::DOUBLE, max(${q(d.name)})::DOUBLE` : ""),
        )
        .join(", ")} FROM ${from} t`,
    )
  ).getRows()[0];
  const n = Number(stats[0]);
  let at0 = 1;
  const spec = described.map((d) => {
    const hasNull = Number(stats[at0++]) > 0;
    let kind = kindOf(d.type);
    if (whole(d.type)) {
      const lo = Number(stats[at0++]);
      const hi = Number(stats[at0++]);
      if (lo >= -(2 ** 31) && hi < 2 ** 31) kind = "i32";
    }
    return { ...d, kind, hasNull };
  });
  // One select: each number column cast to its array's type (nulls as 0) and, for a column with nulls, its
  // null flag; text as is. Sorted by the keys and year, as stored (the scan would keep it; the sort checks).
  const select: string[] = [];
  for (const d of spec) {
    if (d.kind === "str") select.push(`${q(d.name)}::VARCHAR`);
    else select.push(`coalesce(${q(d.name)}::${SQL_TYPE[d.kind]}, 0)`);
    if (d.hasNull && d.kind !== "str") select.push(`(${q(d.name)} IS NULL)::UTINYINT`);
  }
  const order = [...keys, ...(year ? ["year"] : [])];
  const sql = `SELECT ${select.join(", ")} FROM ${from} t${order.length ? ` ORDER BY ${order.map(q).join(", ")}` : ""}`;
  const arrays = spec.map((d) => {
    const values: Values =
      d.kind === "i16"
        ? new Int16Array(n)
        : d.kind === "i32" || d.kind === "str"
          ? new Int32Array(n)
          : d.kind === "f64"
            ? new Float64Array(n)
            : new Uint8Array(n);
    return { values, nulls: d.hasNull && d.kind !== "str" ? new Uint8Array(n) : undefined };
  });
  const result = await c.stream(sql);
  const types = result.columnTypes();
  let at = 0;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const size = chunk.rowCount;
    if (at + size > n) throw new Error(`relation memory: ${name} grew while it was read`);
    let v = 0;
    for (let i = 0; i < spec.length; i++) {
      const { values, nulls } = arrays[i];
      if (spec[i].kind === "str") {
        const vector = chunk.getColumnVector(v++);
        for (let j = 0; j < size; j++) {
          const s = vector.getItem(j);
          values[at + j] = s === null || s === undefined ? -1 : intern(String(s));
        }
      } else {
        copyNumbers(chunk, v, types[v], values, at, size);
        v++;
      }
      if (nulls) {
        copyNumbers(chunk, v, types[v], nulls, at, size);
        v++;
      }
    }
    at += size;
  }
  if (at !== n) throw new Error(`relation memory: ${name} has fewer rows than counted`);
  const columns: MemColumn[] = spec.map((d, i) => ({
    name: d.name,
    kind: d.kind,
    values: arrays[i].values,
    ...(arrays[i].nulls ? { nulls: arrays[i].nulls } : {}),
  }));
  return new MemTable(name, n, keys, year, columns, strings, width);
}

// The bindings that DuckDB's Node API itself loads (resolved from its package, as src/store/chunks.ts does), so
// its chunks can be read with the bindings' public functions.
const bindings = createRequire(createRequire(import.meta.url).resolve("@duckdb/node-api"))(
  "@duckdb/node-bindings",
) as typeof Bindings;

type Target = Values | Uint16Array;

/** The DuckDB type ids whose values are stored exactly as each typed array holds its elements, by the array's constructor. */
const LAYOUT = new Map<object, number[]>([
  [Int16Array, [3]], // SMALLINT
  [Uint16Array, [7]], // USMALLINT
  [Int32Array, [4]], // INTEGER
  [Uint8Array, [1, 6]], // BOOLEAN, UTINYINT
  [Float64Array, [11]], // DOUBLE
]);

/**
 * A numeric column of a chunk into the typed array at `at`: when DuckDB holds its values in the array's own
 * layout (`type`, from the result's column types), one copy of their bytes through the bindings' public
 * data_chunk_get_vector and vector_get_data (~20× faster than getItem per value); otherwise value by value.
 * The columns read here are coalesced, so no value is NULL (a NULL's bytes are undefined).
 */
export function copyNumbers(
  chunk: DuckDBDataChunk,
  column: number,
  type: DuckDBType,
  target: Target,
  at: number,
  size: number,
): void {
  const width = target.BYTES_PER_ELEMENT;
  if (LAYOUT.get(target.constructor)?.includes(type.typeId) && fixedWidth(type) === width) {
    const vector = bindings.data_chunk_get_vector(chunk.chunk, column);
    const bytes = bindings.vector_get_data(vector, size * width);
    new Uint8Array(target.buffer, target.byteOffset + at * width, size * width).set(bytes);
    return;
  }
  const vector = chunk.getColumnVector(column);
  for (let j = 0; j < size; j++) target[at + j] = Number(vector.getItem(j));
}
