// Columns crossing between DuckDB and JavaScript as memory copies: a query's fixed-width columns read as
// their bytes and null masks, and a table function that hands DuckDB chunks filled from typed arrays. Millions
// of values then cost a copy per chunk instead of a call per value. @duckdb/node-api builds its own vectors on
// the same functions of @duckdb/node-bindings (vector_get_data, copy_data_to_vector); this module uses them
// directly because the API's typed arrays are not in its typings.
import { createRequire } from "node:module";
import type { DuckDBConnection, DuckDBDataChunk, DuckDBType } from "@duckdb/node-api";
import type * as Bindings from "@duckdb/node-bindings";
import { duckdbApi } from "./store.ts";

// The bindings that DuckDB's Node API itself loads (resolved from its package), so chunks and vectors pass
// between the two.
const require = createRequire(import.meta.url);
const bindings = createRequire(require.resolve("@duckdb/node-api"))(
  "@duckdb/node-bindings",
) as typeof Bindings;

/** DuckDB's rows per chunk: a table function may hand over at most this many at a time. */
export const CHUNK_ROWS = 2048;

/** Bytes per value of the fixed-width types (DuckDBTypeId → width); other types are not read as bytes. */
const WIDTH = new Map<number, number>([
  [1, 1], // BOOLEAN
  [2, 1], // TINYINT
  [3, 2], // SMALLINT
  [4, 4], // INTEGER
  [5, 8], // BIGINT
  [6, 1], // UTINYINT
  [7, 2], // USMALLINT
  [8, 4], // UINTEGER
  [9, 8], // UBIGINT
  [10, 4], // FLOAT
  [11, 8], // DOUBLE
  [13, 4], // DATE
]);

/** The width of a type's values in bytes, or undefined when it is not fixed (VARCHAR, DECIMAL, lists…). */
export function fixedWidth(type: DuckDBType): number | undefined {
  // An ENUM is held as the index of its value, in the narrowest unsigned integer that fits.
  if (type.typeId === 23) return WIDTH.get((type as DuckDBType & { internalTypeId: number }).internalTypeId);
  return WIDTH.get(type.typeId);
}

/** A column as DuckDB holds it: `rows × width` bytes of values, and one validity bit per row (1 = not null). */
export interface RawColumn {
  name: string;
  type: DuckDBType;
  width: number;
  data: Uint8Array;
  valid: Uint8Array;
}

export function bit(bits: Uint8Array, i: number): boolean {
  return (bits[i >> 3] & (1 << (i & 7))) !== 0;
}

export function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3] |= 1 << (i & 7);
}

/**
 * The rows of `sql` as raw columns, in the order DuckDB returns them; undefined when a column is not of a
 * fixed-width type (the caller then asks DuckDB another way).
 */
export async function readRawColumns(
  connection: DuckDBConnection,
  sql: string,
): Promise<{ rows: number; columns: RawColumn[] } | undefined> {
  const result = await connection.run(sql);
  const types = result.columnTypes();
  const widths = types.map(fixedWidth);
  if (widths.some((w) => w === undefined)) return undefined;
  const rows = result.rowCount;
  const columns: RawColumn[] = types.map((type, i) => ({
    name: result.columnName(i),
    type,
    width: widths[i] as number,
    data: new Uint8Array(rows * (widths[i] as number)),
    valid: new Uint8Array((rows + 7) >> 3),
  }));
  let at = 0;
  for (let c = 0; c < result.chunkCount; c++) {
    const chunk = result.getChunk(c);
    const size = chunk.rowCount;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i];
      const vector = bindings.data_chunk_get_vector(chunk.chunk, i);
      column.data.set(bindings.vector_get_data(vector, size * column.width), at * column.width);
      const validity = bindings.vector_get_validity(vector, ((size + 63) >> 6) * 8);
      if (!validity || validity.byteLength === 0) {
        // No mask: every row valid.
        let r = 0;
        for (; r < size && (at + r) % 8; r++) setBit(column.valid, at + r);
        const whole = (size - r) >> 3;
        column.valid.fill(255, (at + r) >> 3, ((at + r) >> 3) + whole);
        for (r += whole * 8; r < size; r++) setBit(column.valid, at + r);
      } else if (at % 8 === 0) {
        column.valid.set(validity.subarray(0, (size + 7) >> 3), at >> 3);
        // The last byte may carry bits past the chunk's rows: the next chunk's rows start clear.
        if (size % 8) column.valid[(at + size) >> 3] &= (1 << ((at + size) & 7)) - 1;
      } else {
        for (let r = 0; r < size; r++) if (bit(validity, r)) setBit(column.valid, at + r);
      }
    }
    at += size;
  }
  return { rows, columns };
}

/** Buffers of one chunk that a producer fills: per column `CHUNK_ROWS × width` bytes and the validity bits. */
export interface ChunkBuffers {
  data: Uint8Array<ArrayBuffer>[];
  valid: Uint8Array<ArrayBuffer>[];
}

export interface ChunkProducer {
  names: string[];
  types: DuckDBType[];
  /**
   * Writes the next rows into the buffers and returns how many, at most CHUNK_ROWS; 0 when there are no more.
   * The validity bits start cleared; the values of rows left null are whatever the buffer held.
   */
  next(buffers: ChunkBuffers): number;
}

let functions = 0;

/**
 * Registers on `connection` a table function that yields the producer's rows in the order it produces them
 * (one scanning thread, so DuckDB keeps that order through projections and COPY); returns its name and a
 * function that lets go of the producer's arrays (the registration outlives the statement).
 */
function registerChunks(
  connection: DuckDBConnection,
  producer: ChunkProducer,
): { name: string; release: () => void } {
  const { DuckDBTableFunction } = duckdbApi;
  const name = `dyad_chunks_${process.pid}_${++functions}`;
  const widths = producer.types.map((t) => {
    const w = fixedWidth(t);
    if (w === undefined) throw new Error(`runOverChunks: a column of type ${t} has no fixed width`);
    return w;
  });
  let source: ChunkProducer | undefined = producer;
  const newBuffers = (): ChunkBuffers => ({
    data: widths.map((w) => new Uint8Array(CHUNK_ROWS * w)),
    valid: widths.map(() => new Uint8Array(CHUNK_ROWS >> 3)),
  });
  // Two sets of buffers: while DuckDB's thread works on one chunk, the JavaScript thread (idle meanwhile,
  // awaiting the statement) fills the next, so the two cores share the work instead of taking turns.
  const spare = [newBuffers(), newBuffers()];
  let ready: { buffers: ChunkBuffers; rows: number } | undefined;
  let failure: Error | undefined;
  const produce = (buffers: ChunkBuffers): number => {
    for (const valid of buffers.valid) valid.fill(0);
    return source ? source.next(buffers) : 0;
  };
  const prefetch = (): void => {
    const buffers = spare.pop();
    if (!buffers || ready || failure) return;
    try {
      ready = { buffers, rows: produce(buffers) };
    } catch (err) {
      failure = err as Error;
    }
  };
  const fill = (output: DuckDBDataChunk): void => {
    if (failure) throw failure;
    let chunk = ready;
    ready = undefined;
    if (!chunk) {
      const buffers = spare.pop() ?? newBuffers();
      chunk = { buffers, rows: produce(buffers) };
    }
    const { buffers, rows } = chunk;
    output.rowCount = rows;
    for (let i = 0; rows > 0 && i < widths.length; i++) {
      const vector = bindings.data_chunk_get_vector(output.chunk, i);
      const valid = buffers.valid[i];
      const bytes = (rows + 7) >> 3;
      const data = buffers.data[i];
      bindings.copy_data_to_vector(vector, 0, data.buffer, data.byteOffset, rows * widths[i]);
      bindings.vector_ensure_validity_writable(vector);
      bindings.copy_data_to_vector_validity(vector, 0, valid.buffer, valid.byteOffset, bytes);
    }
    spare.push(buffers);
    if (rows > 0) setImmediate(prefetch);
  };
  connection.registerTableFunction(
    DuckDBTableFunction.create({
      name,
      bindFunction: (info) => {
        for (let i = 0; i < producer.names.length; i++)
          info.addResultColumn(producer.names[i], producer.types[i]);
      },
      initFunction: (info) => info.setMaxThreads(1),
      mainFunction: (info, output) => {
        try {
          fill(output);
        } catch (err) {
          info.setError((err as Error).message);
        }
      },
    }),
  );
  return {
    name,
    release: () => {
      source = undefined;
    },
  };
}

/**
 * Registers on `connection` a table function that yields the producer's rows in the order it produces them,
 * and runs `statement(name)`, the SQL that reads it as `name()`. The function serves this one statement,
 * which runs on one DuckDB thread: with more, the thread that runs the statement spins on the task queue
 * while another waits for JavaScript to fill a chunk (a second core busy for nothing: 5–7 s CPU for the panel
 * against 3 s, and a longer wall time).
 */
export async function runOverChunks<T>(
  connection: DuckDBConnection,
  producer: ChunkProducer,
  statement: (functionName: string) => string,
  run: (sql: string) => Promise<T>,
): Promise<T> {
  const [result] = await runOverChunksSideBySide([{ connection, producer, statement }], (_, sql) => run(sql));
  return result;
}

/**
 * Like runOverChunks, for several producers at once: each statement runs on its own connection, all of them
 * at the same time. With DuckDB's threads set to 1 a statement runs on the thread that asked for it, so
 * statements on separate connections each take a core of their own, none spinning while another waits for
 * JavaScript (whose work per chunk is a copy; the JavaScript thread fills the chunks of all of them). The
 * connections must belong to one database: DuckDB's `threads` is set for all of it while they run.
 */
export async function runOverChunksSideBySide<T>(
  jobs: {
    connection: DuckDBConnection;
    producer: ChunkProducer;
    statement: (functionName: string) => string;
  }[],
  run: (connection: DuckDBConnection, sql: string) => Promise<T>,
): Promise<T[]> {
  const [{ connection }] = jobs;
  const registered = jobs.map((job) => registerChunks(job.connection, job.producer));
  const threads = (await connection.runAndReadAll("SELECT current_setting('threads') AS n")).getRows()[0][0];
  await connection.run("SET threads = 1");
  try {
    // Every statement settles before the setting is restored (a failed one does not stop the others).
    const settled = await Promise.allSettled(
      jobs.map((job, i) => run(job.connection, job.statement(registered[i].name))),
    );
    const failed = settled.find((s) => s.status === "rejected");
    if (failed) throw failed.reason;
    return settled.map((s) => (s as PromiseFulfilledResult<T>).value);
  } finally {
    await connection.run(`SET threads = ${Number(threads)}`);
    for (const r of registered) r.release();
  }
}
