// The DuckDB store in the data home. Ingest is atomic: a source is parsed and validated completely before
// the store is touched, then its dataset is deleted and re-inserted in one transaction, so a failure at any
// point leaves the store exactly as it was and a re-ingest replaces, never duplicates.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import type * as DuckDB from "@duckdb/node-api";
import type { DuckDBAppender, DuckDBConnection } from "@duckdb/node-api";
import { registry } from "../countries/index.ts";
import { checkRowObject, checkRows, firstBadRowSql } from "./checks.ts";
import { duckdbApi } from "./duckdb.ts";
import { materialiseRelations } from "./materialise.ts";
import { type ColumnType, indexDdl, META_DDL, TABLES, type TableDef, tableDdl } from "./schema.ts";

export { duckdbApi };

const { DuckDBInstance } = duckdbApi;

type DuckDBInstance = DuckDB.DuckDBInstance;

export type SqlValue = string | number | boolean | null | bigint;
export type Row = Record<string, unknown>;

export interface DatasetBatch {
  /** The unit of replacement: re-ingesting the same dataset replaces its rows in every table. */
  dataset: string;
  source: string;
  path: string;
  files: number;
  version?: string;
  /** When the raw data were retrieved from the publisher (ISO date), where known. */
  retrieved?: string;
  publisher: string;
  licence: string;
  citation: string;
  /** Free-form report (unknown names skipped, warnings), kept with the ingest record. */
  report?: unknown;
  tables: (TableRows | TableLoader)[];
  /** SQL run inside the same transaction after the rows are in: derived tables that must never go stale. */
  derive?: string[];
}

export interface TableRows {
  def: TableDef;
  rows: SqlValue[][];
}

/** SQL access inside the ingest's transaction, for a source that loads its own staged file. */
export interface TransactionSql {
  run(sql: string, params?: SqlValue[]): Promise<void>;
  query<T = Row>(sql: string, params?: SqlValue[]): Promise<T[]>;
}

/**
 * A table a source fills itself inside the transaction (from a staging file, with checks in SQL). It may
 * throw: the whole ingest is then rolled back. Returns the number of rows it inserted.
 */
export interface TableLoader {
  def: TableDef;
  load(sql: TransactionSql): Promise<number>;
}

export interface IngestResult {
  dataset: string;
  rows: number;
  tables: Record<string, number>;
}

export function dataHome(): string {
  return resolve(process.env.DYAD_HOME ?? ".dyad");
}

export function storePath(home = dataHome()): string {
  return resolve(home, "dyad.duckdb");
}

export interface OpenOptions {
  home?: string;
  readOnly?: boolean;
  /** ":memory:" for a throwaway store in tests. */
  path?: string;
  /**
   * Open the file only when the store is first used. An ingest parses its files first and takes the write
   * lock last, so readers are shut out for the commit, not for the whole parse.
   */
  deferred?: boolean;
  /** How long to wait for a lock another process holds before giving up (default 5 s). */
  waitMs?: number;
}

/** Another dyad process holds the store (an ingest, when this one only reads). */
/**
 * A write inside `Store.together` failed: the shared transaction was rolled back, so nothing written inside
 * it is kept (the store is as it was before `together`). `cause` is the write's own error; running each
 * ingest on its own gets it again, for that ingest alone.
 */
export class SharedTransactionAborted extends Error {
  constructor(override readonly cause: unknown) {
    super(
      `an ingest sharing the transaction failed, so none of them was kept: ${(cause as Error)?.message ?? cause}`,
    );
    this.name = "SharedTransactionAborted";
  }
}

/** The transaction that the ingests inside `Store.together` share. */
interface SharedTransaction {
  begun: boolean;
  /** The tables written: the relations that read them are materialised once, before the commit. */
  touched: Set<string>;
  aborted?: SharedTransactionAborted;
}

export class StoreBusyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StoreBusyError";
  }
}

export class Store {
  private openedInstance?: DuckDBInstance;
  private openedConnection?: DuckDBConnection;
  private opening?: Promise<void>;

  private constructor(
    readonly path: string,
    readonly readOnly: boolean,
    private readonly waitMs: number,
  ) {}

  static async open(options: OpenOptions = {}): Promise<Store> {
    const home = options.home ?? dataHome();
    const path = options.path ?? storePath(home);
    if (path !== ":memory:" && !options.readOnly) mkdirSync(home, { recursive: true });
    const store = new Store(path, Boolean(options.readOnly), options.waitMs ?? 5000);
    if (!options.deferred || options.readOnly) await store.ready();
    return store;
  }

  get instance(): DuckDBInstance {
    if (!this.openedInstance) throw new Error("The store is not open yet: await store.ready() first.");
    return this.openedInstance;
  }

  get connection(): DuckDBConnection {
    if (!this.openedConnection) throw new Error("The store is not open yet: await store.ready() first.");
    return this.openedConnection;
  }

  /** A Store on the same database whose own queries go through `connection` (the server's pool). */
  sharing(connection: DuckDBConnection): Store {
    return Object.assign(Object.create(Store.prototype) as Store, this, { openedConnection: connection });
  }

  /** Opens the database file (once); a deferred store does it here, at its first use. */
  async ready(): Promise<this> {
    this.opening ??= (async () => {
      const instance = await openInstance(this.path, this.readOnly, this.waitMs);
      this.openedInstance = instance;
      this.openedConnection = await instance.connect();
      if (!this.readOnly) {
        // Holding the write lock, this process is the only writer: staging files of writers that died
        // (kill -9 during an ingest) are removed here, or they would stay forever.
        if (this.path !== ":memory:") removeOrphans(dirname(this.path));
        await this.migrate();
      }
    })();
    await this.opening;
    return this;
  }

  private async migrate(): Promise<void> {
    for (const ddl of META_DDL) await this.connection.run(ddl);
    for (const def of Object.values(TABLES)) {
      await this.connection.run(tableDdl(def));
      const index = indexDdl(def);
      if (index) await this.connection.run(index);
    }
    const known = Number((await this.one<{ n: bigint }>("SELECT count(*) AS n FROM entities"))?.n ?? 0);
    const all = registry.all();
    if (known !== all.length) {
      await this.connection.run("BEGIN TRANSACTION");
      await this.connection.run("DELETE FROM entities");
      const app = await this.connection.createAppender("entities");
      for (const e of all) {
        app.appendVarchar(e.code);
        if (e.iso2) app.appendVarchar(e.iso2);
        else app.appendNull();
        app.appendVarchar(e.kind);
        app.appendVarchar(e.en);
        app.appendVarchar(e.de);
        app.endRow();
      }
      app.flushSync();
      app.closeSync();
      await this.connection.run("COMMIT");
    }
  }

  // A read-only store answers queries on a few connections of its own, so the independent queries of one
  // answer (a profile's trade flows, ranks, votes, arms, energy) run side by side on both cores. A writable
  // store keeps to its one connection: an ingest's transaction lives there.
  private readers: DuckDBConnection[] = [];
  private idleReaders: DuckDBConnection[] = [];
  private waitingForReader: ((c: DuckDBConnection) => void)[] = [];

  private async acquireReader(): Promise<DuckDBConnection> {
    const idle = this.idleReaders.pop();
    if (idle) return idle;
    if (this.readers.length < MAX_READERS) {
      const connection = await this.instance.connect();
      this.readers.push(connection);
      return connection;
    }
    return new Promise((resolveReader) => this.waitingForReader.push(resolveReader));
  }

  private releaseReader(connection: DuckDBConnection): void {
    const next = this.waitingForReader.shift();
    if (next) next(connection);
    else this.idleReaders.push(connection);
  }

  private readonly memos = new Map<string, Promise<unknown>>();

  /**
   * The answer to a query that cannot change while this store is open read-only (DuckDB admits no writer
   * then), computed once; on a writable store it is asked every time.
   */
  memoQuery<T = Row>(sql: string): Promise<T[]> {
    if (!this.readOnly) return this.query<T>(sql);
    let hit = this.memos.get(sql) as Promise<T[]> | undefined;
    if (!hit) {
      hit = this.query<T>(sql);
      this.memos.set(sql, hit);
      hit.catch(() => this.memos.delete(sql));
    }
    return hit;
  }

  async query<T = Row>(sql: string, params: SqlValue[] = []): Promise<T[]> {
    if (!this.readOnly) {
      // (migrate() queries while ready() is still running, with the connection already set)
      if (!this.openedConnection) await this.ready();
      return queryOn<T>(this.connection, sql, params);
    }
    const connection = await this.acquireReader();
    try {
      return await queryOn<T>(connection, sql, params);
    } finally {
      this.releaseReader(connection);
    }
  }

  async one<T = Row>(sql: string, params: SqlValue[] = []): Promise<T | undefined> {
    return (await this.query<T>(sql, params))[0];
  }

  private readonly tablesSeen = new Map<string, Promise<boolean>>();

  /**
   * Whether the store has the table. DuckDB's information schema costs a few milliseconds of CPU (and tens
   * under load) per question, and a profile asks several: on a read-only store, whose tables cannot
   * change, each name is asked once.
   */
  async hasTable(name: string): Promise<boolean> {
    const ask = async () => {
      const row = await this.one<{ n: bigint }>(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_name = ?",
        [name],
      );
      return Number(row?.n ?? 0) > 0;
    };
    if (!this.readOnly) return ask();
    let hit = this.tablesSeen.get(name);
    if (!hit) {
      hit = ask();
      this.tablesSeen.set(name, hit);
      hit.catch(() => this.tablesSeen.delete(name));
    }
    return hit;
  }

  /** Replaces a dataset atomically. Rows must already be validated: nothing here can fail half-way. */
  async replaceDataset(batch: DatasetBatch): Promise<IngestResult> {
    return (await this.replaceDatasets([batch]))[0];
  }

  private shared?: SharedTransaction;

  /**
   * Runs `f` (several ingests, as `dyad setup` runs them) with every `replaceDatasets` inside it writing in one
   * transaction, and the relations of every table they wrote materialised once, just before its commit,
   * instead of once per ingest (the trade relation costs seconds each time). The store still never disagrees
   * with its rows: nothing is visible before the commit, which holds the rows and the relations together.
   * When `f` returns or throws, what the writes inside it did is committed, as if each had committed on its
   * own. When a write inside fails, the transaction is rolled back at once — nothing written inside `f` is
   * kept — and that write, every later one, and `together` itself throw `SharedTransactionAborted`; the
   * caller may then run the ingests again on their own.
   */
  async together<T>(f: () => Promise<T>): Promise<T> {
    if (this.shared) throw new Error("Store.together: already inside a shared transaction");
    const shared: SharedTransaction = { begun: false, touched: new Set() };
    this.shared = shared;
    let result: T | undefined;
    let failure: { error: unknown } | undefined;
    try {
      result = await f();
    } catch (error) {
      failure = { error };
    } finally {
      this.shared = undefined;
    }
    if (shared.aborted) throw shared.aborted;
    if (shared.begun) {
      try {
        await this.finishTransaction(shared.touched);
      } catch (err) {
        await this.connection.run("ROLLBACK");
        throw new SharedTransactionAborted(err);
      }
    }
    if (failure) throw failure.error;
    return result as T;
  }

  /** The end of an ingest's transaction: the relations of the tables it wrote rebuilt, then the commit. */
  private async finishTransaction(touched: Set<string>): Promise<void> {
    // The relations that read a table this ingest wrote are rebuilt here, so they commit with the rows.
    const materialiseStarted = performance.now();
    await materialiseRelations(this, touched);
    trace("materialise relations", materialiseStarted);
    const commitStarted = performance.now();
    await this.connection.run("COMMIT");
    trace("COMMIT", commitStarted);
  }

  /** Replaces several datasets in one transaction: all of them land, or none does. */
  async replaceDatasets(batches: DatasetBatch[]): Promise<IngestResult[]> {
    if (this.readOnly) throw new Error("The store is open read-only; ingest needs write access.");
    const shared = this.shared;
    if (shared?.aborted) throw shared.aborted;
    // Every value is checked before the store is touched, so a bad cell leaves it exactly as it was.
    for (const batch of batches) {
      for (const table of batch.tables) if ("rows" in table) checkRows(table.def, table.rows, batch.path);
    }
    // The write lock is taken only now, after the source has been read and checked.
    await this.ready();
    const known = new Map(Object.values(TABLES).map((d) => [d.name, d]));
    for (const batch of batches) for (const { def } of batch.tables) known.set(def.name, def);
    const results: IngestResult[] = [];
    if (!shared?.begun) await this.connection.run("BEGIN TRANSACTION");
    if (shared) shared.begun = true;
    try {
      // A new table is created inside the transaction, so a failed first ingest leaves no empty table behind.
      for (const batch of batches) {
        for (const { def } of batch.tables) {
          await this.connection.run(tableDdl(def));
          const index = indexDdl(def);
          if (index) await this.connection.run(index);
        }
      }
      for (const batch of batches) {
        const counts: Record<string, number> = {};
        for (const def of known.values()) {
          if (await this.hasTable(def.name)) {
            await this.connection.run(`DELETE FROM ${def.name} WHERE dataset = ?`, [batch.dataset]);
          }
        }
        for (const table of batch.tables) {
          const def = table.def;
          if (def.columns[0]?.[0] !== "dataset")
            throw new Error(`table ${def.name}: the first column must be "dataset"`);
          let inserted: number;
          if ("load" in table) {
            inserted = await table.load(this.transactionSql());
            // A loader fills its table in SQL; the same rules are checked there before the commit.
            const check = firstBadRowSql(def);
            const [bad] = check ? await this.query<Row>(check.sql, [batch.dataset]) : [];
            if (bad) checkRowObject(def, bad, batch.path);
          } else {
            const rows = table.rows;
            if (rows.length >= BULK_ROWS && this.path !== ":memory:") await this.bulkInsert(def, rows);
            else {
              const app = await this.connection.createAppender(def.name);
              const types = def.columns.map(([, t]) => t);
              for (const row of rows) appendRow(app, types, row, def.name);
              app.flushSync();
              app.closeSync();
            }
            inserted = rows.length;
          }
          counts[def.name] = (counts[def.name] ?? 0) + inserted;
        }
        const total = Object.values(counts).reduce((a, b) => a + b, 0);
        await this.connection.run("DELETE FROM ingests WHERE dataset = ?", [batch.dataset]);
        await this.connection.run("INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, now(), ?, ?, ?, ?)", [
          batch.dataset,
          batch.source,
          provenancePath(batch.path),
          batch.files,
          total,
          batch.version ?? null,
          batch.retrieved ?? null,
          batch.publisher,
          batch.licence,
          batch.citation,
          batch.report === undefined ? null : JSON.stringify(batch.report),
        ]);
        results.push({ dataset: batch.dataset, rows: total, tables: counts });
      }
      const derive = [...new Set(batches.flatMap((b) => b.derive ?? []))];
      for (const sql of derive) {
        const t = performance.now();
        await this.connection.run(sql);
        trace(sql, t);
      }
      const touched = batches.flatMap((b) => b.tables.map((t) => t.def.name));
      // Inside `together`, the relations are rebuilt and the rows committed once, when it ends.
      if (shared) for (const t of touched) shared.touched.add(t);
      else await this.finishTransaction(new Set(touched));
      return results;
    } catch (err) {
      await this.connection.run("ROLLBACK");
      if (shared) {
        shared.aborted = new SharedTransactionAborted(err);
        throw shared.aborted;
      }
      throw err;
    }
  }

  private transactionSql(): TransactionSql {
    return {
      run: async (sql, params = []) => {
        const t = performance.now();
        await this.connection.run(sql, params as never);
        trace(sql, t);
      },
      query: (sql, params) => this.query(sql, params),
    };
  }

  /** A folder in the data home for staging files; they are removed by whoever wrote them. */
  stagingDir(): string {
    const dir = join(this.path === ":memory:" ? dataHome() : dirname(this.path), "staging");
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  /**
   * Large batches go through a staging CSV that DuckDB's parallel reader loads: one append call per value
   * from JavaScript is the slow part of ingesting millions of rows.
   */
  private async bulkInsert(def: TableDef, rows: SqlValue[][]): Promise<void> {
    const file = join(this.stagingDir(), `${def.name}-${process.pid}-${Date.now()}.csv`);
    try {
      const chunks: string[] = [];
      for (const row of rows) {
        if (row.length !== def.columns.length) {
          throw new Error(
            `table ${def.name}: a row has ${row.length} values for ${def.columns.length} columns`,
          );
        }
        chunks.push(row.map(csvField).join(","));
      }
      writeFileSync(file, `${chunks.join("\n")}\n`);
      const columns = def.columns.map(([n, t]) => `'${n}': '${t}'`).join(", ");
      await this.connection.run(
        `INSERT INTO ${def.name} SELECT * FROM read_csv(?, header = false, nullstr = '\\N', quote = '"', escape = '"', columns = {${columns}})${def.sortBy ? ` ORDER BY ${def.sortBy.join(", ")}` : ""}`,
        [file],
      );
    } finally {
      rmSync(file, { force: true });
    }
  }

  async ingests(): Promise<Row[]> {
    return this.query(
      "SELECT dataset, source, path, files, rows, version, retrieved, ingested_at, publisher, licence, citation FROM ingests ORDER BY dataset",
    );
  }

  /** A fingerprint of everything in the store, for tests that check a failed ingest changed nothing. */
  async fingerprint(): Promise<string> {
    const parts: string[] = [];
    const tables = await this.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name",
    );
    for (const { table_name } of tables) {
      const row = await this.one<{ n: bigint; h: bigint | null }>(
        `SELECT count(*) AS n, sum(hash(fingerprint_row)) AS h FROM ${table_name} AS fingerprint_row`,
      );
      parts.push(`${table_name}:${row?.n}:${row?.h}`);
    }
    return parts.join("|");
  }

  close(): void {
    for (const reader of this.readers) reader.closeSync();
    this.readers = [];
    this.idleReaders = [];
    this.openedConnection?.closeSync();
    this.openedInstance?.closeSync();
  }
}

const BULK_ROWS = 50_000;

/**
 * Opens the DuckDB file. While another process holds it (an ingest's write lock), waits up to `waitMs`
 * and then says so in dyad's words rather than DuckDB's (which suggests a CLI flag dyad has no use for).
 */
async function openInstance(path: string, readOnly: boolean, waitMs: number): Promise<DuckDBInstance> {
  const config: Record<string, string> = readOnly ? { access_mode: "READ_ONLY" } : {};
  const started = Date.now();
  for (;;) {
    try {
      return await DuckDBInstance.create(path, config);
    } catch (err) {
      const msg = (err as Error).message;
      if (readOnly && /does not exist|No such file|Cannot open/i.test(msg) && !/lock/i.test(msg)) {
        throw new Error(`No dyad store at ${path}. Run \`npx dyad setup\` first to ingest the sources.`);
      }
      if (!/lock/i.test(msg)) throw err;
      if (Date.now() - started < waitMs) {
        await new Promise((r) => setTimeout(r, 200));
        continue;
      }
      const pid = /PID (\d+)/.exec(msg)?.[1];
      const holder = pid ? `process ${pid}` : "another process";
      throw new StoreBusyError(
        readOnly
          ? `An ingest is running on the store ${path} (${holder}) and holds it until it commits. Try again when it has finished (\`dyad ingest\` and \`dyad setup\` print a summary), or set DYAD_HOME to another store.`
          : `The store ${path} is in use by ${holder} (an ingest, or a server or command reading it). Wait for it to finish or stop it, then try again; or set DYAD_HOME to another folder.`,
      );
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes what writers that died left in the data home: staging CSVs (`staging/<name>-<pid>-<time>.csv`),
 * BACI staging folders (`baci/.staging-<dataset>-<pid>-<time>`), and a BACI folder set aside for a swap
 * (`baci/.old-…`), which goes back in place when the swap never finished. A live process's files stay.
 */
export function removeOrphans(home: string): string[] {
  const removed: string[] = [];
  const dead = (name: string) => {
    const pid = Number(/-(\d+)-\d+(?:\.\w+)?$/.exec(name)?.[1]);
    return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
  };
  const staging = join(home, "staging");
  if (existsSync(staging)) {
    for (const name of readdirSync(staging)) {
      if (!dead(name)) continue;
      rmSync(join(staging, name), { recursive: true, force: true });
      removed.push(join("staging", name));
    }
  }
  const baci = join(home, "baci");
  if (existsSync(baci)) {
    for (const name of readdirSync(baci)) {
      if (!dead(name)) continue;
      const old = /^\.old-(.+)-\d+-\d+$/.exec(name);
      if (old && !existsSync(join(baci, old[1]))) renameSync(join(baci, name), join(baci, old[1]));
      else if (old || name.startsWith(".staging-"))
        rmSync(join(baci, name), { recursive: true, force: true });
      else continue;
      removed.push(join("baci", name));
    }
  }
  return removed;
}

/**
 * The path an ingest is recorded under, as provenance shows it: relative to the data folder when the file is
 * in it ("sipri/sipri-trade-register-2000-2024.csv"), else the file's name. Never the server's absolute path.
 */
export function provenancePath(path: string): string {
  if (!isAbsolute(path) && !path.startsWith("..")) return path;
  const abs = resolve(path);
  for (const dir of [process.env.DYAD_SOURCES, "../shared/data"]) {
    if (!dir) continue;
    const rel = relative(resolve(dir), abs);
    if (rel && !rel.startsWith("..") && !isAbsolute(rel)) return rel;
  }
  return basename(abs);
}
const MAX_READERS = 4;

async function queryOn<T>(connection: DuckDBConnection, sql: string, params: SqlValue[]): Promise<T[]> {
  const started = performance.now();
  const reader = await connection.runAndReadAll(sql, params as never);
  const rows = reader.getRowObjectsJS() as T[];
  if (process.env.DYAD_TRACE === "queries") trace(sql, started);
  return rows;
}

/** DYAD_TRACE=1 prints each ingest statement's time to stderr, for finding the slow step. */
function trace(sql: string, started: number): void {
  if (process.env.DYAD_TRACE) {
    process.stderr.write(
      `[${(performance.now() - started).toFixed(0)} ms] ${sql.replace(/\s+/g, " ").slice(0, 90)}\n`,
    );
  }
}

function csvField(v: SqlValue | undefined): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === "" || /[",\n\r\\]/.test(v)) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

function appendRow(app: DuckDBAppender, types: ColumnType[], row: SqlValue[], table: string): void {
  if (row.length !== types.length) {
    throw new Error(`table ${table}: a row has ${row.length} values for ${types.length} columns`);
  }
  for (let i = 0; i < types.length; i++) {
    const v = row[i];
    if (v === null || v === undefined) {
      app.appendNull();
      continue;
    }
    switch (types[i]) {
      case "VARCHAR":
        app.appendVarchar(String(v));
        break;
      case "INTEGER":
        app.appendInteger(Number(v));
        break;
      case "SMALLINT":
        app.appendSmallInt(Number(v));
        break;
      case "BIGINT":
        app.appendBigInt(BigInt(v));
        break;
      case "DOUBLE":
        app.appendDouble(Number(v));
        break;
      case "BOOLEAN":
        app.appendBoolean(Boolean(v));
        break;
      case "TIMESTAMP":
        app.appendVarchar(String(v));
        break;
    }
  }
  app.endRow();
}
