// The panel by position, as a careful analyst builds it with numpy: every country of the grid has an integer
// position (its rank among the grid's countries, in the order of their keys, which is the order of the codes)
// and every year an offset, so a dyad-year is one number, ((a · n) + b) · years + (year − first year). Each
// table the panel's columns read is scanned once and its rows placed by that number; the grid's rows are then
// produced in order by a table function that DuckDB's COPY reads. No join onto 4–5 M grid rows, no sort of
// them. The columns' values are still the relations' SQL expressions (their one definition), which DuckDB
// evaluates on each produced row from the placed values, renamed `alias.column` → `alias__column`.
import { rmSync } from "node:fs";
import type { DuckDBConnection, DuckDBType } from "@duckdb/node-api";
import {
  bit,
  CHUNK_ROWS,
  type ChunkBuffers,
  type ChunkProducer,
  fixedWidth,
  type RawColumn,
  readRawColumns,
  runOverChunksSideBySide,
  setBit,
} from "../store/chunks.ts";
import type { Store } from "../store/index.ts";
import { duckdbApi } from "../store/store.ts";
import { concatCsv, concatParquet } from "./concat.ts";
import type { PanelJoin, PanelPlan } from "./panel.ts";

type Dim = "a" | "b" | "year";
const DIMS: Dim[] = ["a", "b", "year"];
/** The name of a dimension's key column in a source's SQL (not a name a relation's column has). */
const KEY_COLUMN: Record<Dim, string> = { a: "dyad_key_a", b: "dyad_key_b", year: "dyad_key_year" };
const GRID_KEY = new Map<string, Dim>([
  ["ak", "a"],
  ["bk", "b"],
  ["year", "year"],
]);

/** One joined table as the panel reads it: the dimensions of the grid its rows are keyed on, the columns read. */
export interface PositionalSource {
  alias: string;
  /** The table's column bound to each dimension (a: s.ak, b: s.bk, year: s.year). */
  dims: Partial<Record<Dim, string>>;
  /** Columns the panel's expressions read. */
  columns: string[];
  /** SELECT of the dimension columns (INTEGER, named by KEY_COLUMN, in the order a, b, year) and then the columns read. */
  sql: string;
}

/**
 * The joins as sources placed by position, or undefined when one joins on anything but the grid's integer
 * keys and year with equalities (conditions on the table alone are kept as its filter) — DuckDB then joins.
 */
export function positionalSources(joins: PanelJoin[], expressions: string[]): PositionalSource[] | undefined {
  const read = expressions.join("\n");
  if (/\bs\.(?!year\b)\w+/.test(read)) return undefined;
  const sources: PositionalSource[] = [];
  for (const join of joins) {
    const dims: Partial<Record<Dim, string>> = {};
    const filters: string[] = [];
    for (const condition of join.on.split(/\s+AND\s+/i)) {
      const m = /^\s*(\w+)\.(\w+)\s*=\s*s\.(\w+)\s*$/.exec(condition);
      const dim = m ? GRID_KEY.get(m[3]) : undefined;
      if (m && m[1] === join.alias && dim && !dims[dim]) dims[dim] = m[2];
      else if (/\bs\./.test(condition)) return undefined;
      // A condition on the table alone filters its rows; one naming another table is a join of its own.
      else if ([...condition.matchAll(/\b([A-Za-z_]\w*)\./g)].some((q) => q[1] !== join.alias))
        return undefined;
      else filters.push(condition.trim());
    }
    const columns = [
      ...new Set([...read.matchAll(new RegExp(`\\b${join.alias}\\.(\\w+)\\b`, "g"))].map((m) => m[1])),
    ];
    if (!columns.length) continue;
    const keys = DIMS.filter((d) => dims[d]).map(
      (d) => `${join.alias}.${dims[d]}::INTEGER AS ${KEY_COLUMN[d]}`,
    );
    sources.push({
      alias: join.alias,
      dims,
      columns,
      sql: `SELECT ${[...keys, ...columns.map((c) => `${join.alias}.${c}`)].join(", ")}
              FROM ${join.from} ${join.alias} WHERE ${filters.join(" AND ") || "TRUE"}`,
    });
  }
  return sources;
}

/** A column placed by position: its values (`width` bytes each) and validity bits. */
interface Placed {
  name: string;
  type: DuckDBType;
  width: number;
  words: Uint8Array | Uint16Array | Uint32Array;
  /** Words per value: 2 for 8-byte values (copied as two 32-bit words, bits untouched), else 1. */
  per: number;
  valid: Uint8Array;
}

interface PlacedSource {
  /** Sparse (keyed on a, b and year): the position of each row in the full cube n · n · years, ascending. */
  positions?: Int32Array;
  /** Dense (fewer dimensions): strides of a, b and year into the values. */
  strides: [number, number, number];
  columns: Placed[];
}

function words(data: Uint8Array, width: number): Placed["words"] {
  if (width === 1) return data;
  if (width === 2) return new Uint16Array(data.buffer, data.byteOffset, data.byteLength / 2);
  return new Uint32Array(data.buffer, data.byteOffset, data.byteLength / 4);
}

function placed(column: RawColumn, name: string, size: number): Placed {
  const data = new Uint8Array(size * column.width);
  return {
    name,
    type: column.type,
    width: column.width,
    words: words(data, column.width),
    per: column.width === 8 ? 2 : 1,
    valid: new Uint8Array((size + 7) >> 3),
  };
}

/** Reads a source and places its rows; a row outside the grid (a country or year not in it) is left out. */
async function place(
  store: Store,
  source: PositionalSource,
  indexOfKey: Int32Array,
  n: number,
  first: number,
  years: number,
): Promise<PlacedSource | undefined> {
  const dims = DIMS.filter((d) => source.dims[d]);
  const sizes: Record<Dim, number> = { a: n, b: n, year: years };
  const strides: [number, number, number] = [0, 0, 0];
  let size = 1;
  for (let d = 2; d >= 0; d--) {
    if (!source.dims[DIMS[d]]) continue;
    strides[d] = size;
    size *= sizes[DIMS[d]];
  }
  // A row's index into its dimensions (a, b, year order, row-major), computed by DuckDB on its own thread as
  // it reads the rows (a projection and a filter, which keep the scan's order): a country's key is looked up
  // in the list of grid positions by key, a year is its offset from the first; a row with a key or a year
  // outside the grid has none and is left out. (In JavaScript, this loop over 1.7 M rows of UN votes was the
  // costliest part of placing them.)
  const positionOf = `([${Array.from(indexOfKey, (i) => (i < 0 ? "NULL" : String(i))).join(", ")}]::INTEGER[])`;
  const terms = dims.map((d) => {
    const key = `q.${KEY_COLUMN[d]}`;
    return d === "year"
      ? `CASE WHEN ${key} BETWEEN ${first} AND ${first + years - 1} THEN (${key} - ${first}) * ${strides[2]} END`
      : `CASE WHEN ${key} BETWEEN 0 AND ${indexOfKey.length - 1} THEN ${positionOf}[${key} + 1] * ${strides[DIMS.indexOf(d)]} END`;
  });
  const keys = dims.map((d) => KEY_COLUMN[d]).join(", ");
  const raw = await readRawColumns(
    store.connection,
    `SELECT dyad_at::INTEGER AS dyad_at, * EXCLUDE (dyad_at) FROM (
       SELECT ${terms.join(" + ") || "0"} AS dyad_at, q.*${keys ? ` EXCLUDE (${keys})` : ""} FROM (${source.sql}) q)
      WHERE dyad_at IS NOT NULL`,
  );
  if (!raw) return undefined;
  const index = new Int32Array(raw.columns[0].data.buffer, raw.columns[0].data.byteOffset, raw.rows);
  const values = raw.columns.slice(1);
  const name = (c: string) => `${source.alias}__${c}`;
  if (dims.length === 3) {
    // Keyed on the whole dyad-year: kept sparse, in the cube's order (the materialised tables are stored
    // sorted by their keys and year, which is that order; sorted here should a scan give them otherwise).
    let kept = 0;
    let sorted = true;
    for (let r = 0, last = -1; r < raw.rows; r++) {
      if (index[r] < 0) continue;
      if (index[r] <= last) sorted = false;
      last = index[r];
      kept++;
    }
    const rows = new Int32Array(kept);
    for (let r = 0, j = 0; r < raw.rows; r++) if (index[r] >= 0) rows[j++] = r;
    if (!sorted) rows.sort((x, y) => index[x] - index[y]);
    const positions = new Int32Array(kept);
    for (let j = 0; j < kept; j++) {
      positions[j] = index[rows[j]];
      if (j > 0 && positions[j] === positions[j - 1]) throw duplicate(source);
    }
    // Every row kept in the order read (the usual case): the values are placed as DuckDB gave them.
    const asRead = sorted && kept === raw.rows;
    const columns = values.map((c, i) => {
      if (asRead)
        return {
          name: name(source.columns[i]),
          type: c.type,
          width: c.width,
          words: words(c.data, c.width),
          per: c.width === 8 ? 2 : 1,
          valid: c.valid,
        };
      const out = placed(c, name(source.columns[i]), kept);
      const src = words(c.data, c.width);
      for (let j = 0; j < kept; j++) copyValue(c.valid, src, rows[j], out, j);
      return out;
    });
    return { positions, strides, columns };
  }
  const seen = new Uint8Array(size);
  for (let r = 0; r < raw.rows; r++) {
    if (index[r] < 0) continue;
    if (seen[index[r]]) throw duplicate(source);
    seen[index[r]] = 1;
  }
  const columns = values.map((c, i) => {
    const out = placed(c, name(source.columns[i]), size);
    const src = words(c.data, c.width);
    for (let r = 0; r < raw.rows; r++) if (index[r] >= 0) copyValue(c.valid, src, r, out, index[r]);
    return out;
  });
  return { strides, columns };
}

/** Copies `count` bits from `src` at bit `from` into `dst` (whose bits there are clear) at bit `to`. */
export function copyBits(src: Uint8Array, from: number, dst: Uint8Array, to: number, count: number): void {
  for (let done = 0; done < count; done += 8) {
    const at = from + done;
    const take = Math.min(8, count - done);
    // Eight bits of src from `at`, whatever its alignment; bytes past the end read as 0.
    const byte = ((src[at >> 3] | ((src[(at >> 3) + 1] ?? 0) << 8)) >> (at & 7)) & ((1 << take) - 1);
    const d = to + done;
    dst[d >> 3] |= byte << (d & 7);
    if ((d & 7) + take > 8) dst[(d >> 3) + 1] |= byte >> (8 - (d & 7));
  }
}

/** Sets `count` bits of `dst` from bit `to`. */
function setBits(dst: Uint8Array, to: number, count: number): void {
  for (let i = to; i < to + count; i++) dst[i >> 3] |= 1 << (i & 7);
}

/** Value `from` of a column (its validity bits, its words) into `to` of the placed column, if not null. */
function copyValue(
  valid: Uint8Array,
  src: Placed["words"],
  from: number,
  out: { valid: Uint8Array; words: Placed["words"]; per: number },
  to: number,
): void {
  if (!bit(valid, from)) return;
  setBit(out.valid, to);
  if (out.per === 2) {
    out.words[2 * to] = src[2 * from];
    out.words[2 * to + 1] = src[2 * from + 1];
  } else out.words[to] = src[from];
}

function duplicate(source: PositionalSource): Error {
  const keys = DIMS.filter((d) => source.dims[d]).map((d) => source.dims[d]);
  return new Error(
    `The panel joins ${source.alias} on (${keys.join(", ")}), but it holds two rows for the same ${keys.join(", ")}: ` +
      `each dyad-year would appear twice. Rebuild the store's relations (\`dyad setup\`) and report the relation.`,
  );
}

/** DuckDB's rows per Parquet row group: a part of the panel is worth writing on its own from this many rows. */
const ROW_GROUP_ROWS = 122_880;

/** The first index in the ascending `positions` that is at least `value`. */
function lowerBound(positions: Int32Array, value: number): number {
  let lo = 0;
  let hi = positions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (positions[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Writes the panel by position (see the top of this file) with `COPY … TO path (options(part))`; undefined,
 * with nothing written, when a join or a column cannot be placed by position (then DuckDB joins and sorts).
 * With more than one DuckDB thread and enough rows, consecutive ranges of pairs are written side by side to
 * part files, one statement and one core each, and joined in order (src/panel/concat.ts): DuckDB writes a
 * file on one thread when the rows come from JavaScript. `options(part)` gives a part's COPY options (a CSV
 * part after the first goes without the header).
 */
export async function copyPanelByPosition(
  store: Store,
  plan: PanelPlan,
  path: string,
  format: "parquet" | "csv",
  options: (part: number) => string,
): Promise<{ rows: number; countries: number } | undefined> {
  if (plan.byCode || plan.ctes.length) return undefined;
  const sources = positionalSources(
    plan.joins,
    plan.columns.map((c) => c.expression),
  );
  if (!sources) return undefined;
  const [first, last] = plan.years;
  const years = last - first + 1;
  // A chunk holds whole pairs (every year of a pair), so each pair's years are placed in one go.
  const pairsPerChunk = Math.floor(CHUNK_ROWS / years);
  if (pairsPerChunk < 1) return undefined;
  const grid = await store.query<{ code: string; k: number }>(
    `SELECT code, k FROM (${plan.countries}) ORDER BY k`,
  );
  const n = grid.length;
  const indexOfKey = new Int32Array(Math.max(0, ...grid.map((g) => Number(g.k))) + 1).fill(-1);
  grid.forEach((g, i) => {
    indexOfKey[Number(g.k)] = i;
  });
  const placedSources: PlacedSource[] = [];
  for (const source of sources) {
    const p = await place(store, source, indexOfKey, n, first, years);
    if (!p) return undefined;
    placedSources.push(p);
  }
  const { SMALLINT, ENUM } = duckdbApi;
  const codes = ENUM(grid.map((g) => g.code));
  const codeWidth = fixedWidth(codes) ?? 0;
  const columns = placedSources.flatMap((p) => p.columns);
  const names = ["a", "b", "year", ...columns.map((c) => c.name)];
  const types = [codes, codes, SMALLINT, ...columns.map((c) => c.type)];

  /** The grid's rows of pairs `from` to `to` (pair p: a = p ÷ (n − 1), b the (p mod (n − 1))-th other country). */
  const producer = (from: number, to: number): ChunkProducer => {
    let left = to - from;
    let ia = n > 1 ? Math.floor(from / (n - 1)) : 0;
    let ib = n > 1 ? from % (n - 1) : 0;
    if (ib >= ia) ib++;
    const start = (ia * n + ib) * years;
    const cursors = placedSources.map((p) => (p.positions ? lowerBound(p.positions, start) : 0));
    return {
      names,
      types,
      next(buffers: ChunkBuffers): number {
        const ias = words(buffers.data[0], codeWidth);
        const ibs = words(buffers.data[1], codeWidth);
        const ys = new Int16Array(buffers.data[2].buffer, 0, CHUNK_ROWS);
        const outs = columns.map((c, i) => words(buffers.data[3 + i], c.width));
        for (let v = 0; v < 3; v++) buffers.valid[v].fill(255);
        let rows = 0;
        for (let pair = 0; pair < pairsPerChunk && left > 0; pair++, left--) {
          for (let y = 0; y < years; y++) {
            ias[rows + y] = ia;
            ibs[rows + y] = ib;
            ys[rows + y] = first + y;
          }
          let column = 0;
          for (let s = 0; s < placedSources.length; s++) {
            const source = placedSources[s];
            const positions = source.positions;
            if (positions) {
              const lo = (ia * n + ib) * years;
              let c = cursors[s];
              while (c < positions.length && positions[c] < lo) c++;
              const start = c;
              while (c < positions.length && positions[c] < lo + years) c++;
              cursors[s] = c;
              const offset = rows - lo;
              for (const placedColumn of source.columns) {
                const out = outs[column];
                const valid = buffers.valid[3 + column];
                column++;
                const { words: src, valid: from } = placedColumn;
                for (let j = start; j < c; j++) {
                  if (!(from[j >> 3] & (1 << (j & 7)))) continue;
                  const at = offset + positions[j];
                  valid[at >> 3] |= 1 << (at & 7);
                  if (placedColumn.per === 2) {
                    out[2 * at] = src[2 * j];
                    out[2 * at + 1] = src[2 * j + 1];
                  } else out[at] = src[j];
                }
              }
            } else {
              // A run of the pair's years: contiguous in the placed values (or one value, for a table not
              // keyed on the year), copied as a block with its validity bits.
              const [sa, sb, sy] = source.strides;
              const base = ia * sa + ib * sb;
              for (const placedColumn of source.columns) {
                const out = outs[column];
                const valid = buffers.valid[3 + column];
                column++;
                const { words: src, per } = placedColumn;
                if (sy === 1) {
                  out.set(src.subarray(base * per, (base + years) * per), rows * per);
                  copyBits(placedColumn.valid, base, valid, rows, years);
                } else if (bit(placedColumn.valid, base)) {
                  for (let w = 0; w < per; w++) {
                    const word = src[base * per + w];
                    for (let y = 0; y < years; y++) out[(rows + y) * per + w] = word;
                  }
                  setBits(valid, rows, years);
                }
              }
            }
          }
          rows += years;
          ib++;
          if (ib === ia) ib++;
          if (ib >= n) {
            ia++;
            ib = ia === 0 ? 1 : 0;
          }
        }
        return rows;
      },
    };
  };

  const renamed = new RegExp(`\\b(${sources.map((s) => s.alias).join("|") || "$^"})\\.(\\w+)\\b`, "g");
  const select = plan.columns.map(
    (c) => `${c.expression.replace(renamed, (_, alias, column) => `${alias}__${column}`)} AS ${c.name}`,
  );
  const pairs = n > 1 ? n * (n - 1) : 0;
  const threads = Number(
    (await store.connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0][0],
  );
  // At most 4 parts: each statement holds one of the 4 threads of libuv's pool while it runs.
  const count = Math.max(1, Math.min(threads, 4, Math.floor((pairs * years) / ROW_GROUP_ROWS)));
  const files =
    count === 1 ? [path] : Array.from({ length: count }, (_, i) => `${path}.dyad-${process.pid}-${i}`);
  const connections: DuckDBConnection[] = [store.connection];
  try {
    while (connections.length < count) connections.push(await store.instance.connect());
    const copied = await runOverChunksSideBySide(
      files.map((file, i) => ({
        connection: connections[i],
        producer: producer(Math.round((pairs * i) / count), Math.round((pairs * (i + 1)) / count)),
        statement: (fn: string) =>
          `COPY (SELECT s.a::VARCHAR AS a, s.b::VARCHAR AS b, s.year${select.length ? `, ${select.join(",\n")}` : ""}
                   FROM ${fn}() s)
             TO '${file.replace(/'/g, "''")}' (${options(i)})`,
      })),
      async (connection, sql) => Number((await (await connection.run(sql)).getRows())[0]?.[0] ?? 0),
    );
    if (count > 1) (format === "parquet" ? concatParquet : concatCsv)(files, path);
    const rows = copied.reduce((sum, r) => sum + r, 0);
    return { rows, countries: rows > 0 ? n : 0 };
  } finally {
    for (const connection of connections.slice(1)) connection.closeSync();
    if (count > 1) for (const file of files) rmSync(file, { force: true });
  }
}
