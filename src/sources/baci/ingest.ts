// Ingest of a CEPII BACI release (zip or unpacked folder) into Parquet under the data home.
//
// Why this shape: a release is ~270 million rows. Node streams one year's CSV out of the zip at a time into
// a scratch file while DuckDB turns the previous year into Parquet (sorted by importer, exporter, product so
// that a dyad's rows, and an importer's, sit in a few row groups), so both cores work and at most two years'
// CSV are on disk.
// Everything goes to a staging folder; only when every year has been read and checked is the folder swapped
// in and the small tables (country mapping, products, per-year counts) replaced in the store.
import {
  closeSync,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { BACI_TABLES } from "../../store/baci-schema.ts";
import { parseDecimal } from "../../store/checks.ts";
import {
  dataHome,
  type IngestResult,
  type SqlValue,
  type Store,
  type TableDef,
  tableDdl,
} from "../../store/index.ts";
import { BACI_INFO } from "../citations.ts";
import { type IngestOptions, recordOf, SourceError, UnknownLabels, UnknownLabelsError } from "../types.ts";
import {
  type BaciCountry,
  COUNTRY_FILE,
  PRODUCT_FILE,
  parseCountryCodes,
  parseProductCodes,
  RELEASE_ZIP,
  YEAR_FILE,
} from "./files.ts";
import { openZip, type ZipArchive } from "./zip.ts";

export interface BaciIngestOptions extends IngestOptions {
  /** The data home the Parquet goes under; default: the store's folder. */
  home?: string;
  /** DuckDB's memory limit while ingesting (default 2GB), so a full release stays well under 4 GB. */
  memoryLimit?: string;
}

export interface BaciYearStat {
  year: number;
  file: string;
  rows: number;
  valueUsd: number;
  bytes: number;
}

export interface BaciIngestResult extends IngestResult {
  hs: string;
  version: string;
  dir: string;
  years: BaciYearStat[];
  flows: number;
  bytes: number;
  unknown: { code: number; label: string; where: string[] }[];
  seconds: number;
}

interface Input {
  label: string;
  names: string[];
  readText(name: string): Promise<string>;
  /** A CSV file DuckDB can read for this entry, and whether it is a scratch copy to delete afterwards. */
  csvFor(name: string, scratch: string): Promise<{ path: string; scratch: boolean }>;
  where(name: string): string;
  close(): void;
}

async function openInput(path: string): Promise<Input> {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new SourceError(
      abs,
      undefined,
      "no such file or folder",
      "Give the BACI zip or the folder it was unpacked to",
    );
  }
  let zipPath = abs;
  if (statSync(abs).isDirectory()) {
    const files = readdirSync(abs);
    const zips = files.filter((f) => RELEASE_ZIP.test(f)).sort();
    if (!files.some((f) => YEAR_FILE.test(f)) && zips.length) zipPath = join(abs, zips[zips.length - 1]);
    else {
      return {
        label: abs,
        names: files,
        readText: async (name) => readFileSync(join(abs, name), "utf8"),
        csvFor: async (name) => ({ path: join(abs, name), scratch: false }),
        where: (name) => join(abs, name),
        close() {},
      };
    }
  }
  const zip: ZipArchive = await openZip(zipPath);
  return {
    label: zipPath,
    names: [...zip.entries.keys()],
    readText: (name) => zip.readText(name),
    async csvFor(name, scratch) {
      const target = join(scratch, name);
      await zip.extractTo(name, target);
      return { path: target, scratch: true };
    },
    where: (name) => `${zipPath}!${name}`,
    close: () => zip.close(),
  };
}

interface Layout {
  hs: string;
  version: string;
  years: { year: number; name: string }[];
  countryFile: string;
  productFile: string;
}

function describeRelease(input: Input): Layout {
  const years: { year: number; name: string; hs: string; version: string }[] = [];
  for (const name of input.names) {
    const m = YEAR_FILE.exec(name);
    if (m) years.push({ year: Number(m[2]), name, hs: m[1].toUpperCase(), version: m[3] });
  }
  if (!years.length) {
    throw new SourceError(
      input.label,
      undefined,
      "no BACI year files (BACI_HS92_Y2023_V202601.csv, ...)",
      "Give a BACI release zip from CEPII or the folder it was unpacked to",
    );
  }
  const kinds = new Set(years.map((y) => `${y.hs}_${y.version}`));
  if (kinds.size > 1) {
    throw new SourceError(
      input.label,
      undefined,
      `year files of several releases (${[...kinds].join(", ")})`,
      "Ingest one release (one HS revision and version) at a time",
    );
  }
  const { hs, version } = years[0];
  const countryFile = input.names.find((n) => COUNTRY_FILE.exec(n)?.[1] === version);
  const productFile = input.names.find((n) => {
    const m = PRODUCT_FILE.exec(n);
    return m?.[1].toUpperCase() === hs && m[2] === version;
  });
  if (!countryFile || !productFile) {
    throw new SourceError(
      input.label,
      undefined,
      `missing ${!countryFile ? `country_codes_${version}.csv` : `product_codes_${hs}_${version}.csv`}`,
      "The release's code files are needed to map CEPII's numeric country codes; use the complete zip",
    );
  }
  years.sort((a, b) => a.year - b.year);
  return { hs, version, years, countryFile, productFile };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function readCsvSql(path: string): string {
  return `read_csv(${sqlString(path)}, header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
    columns = {'t': 'SMALLINT', 'i': 'SMALLINT', 'j': 'SMALLINT', 'k': 'VARCHAR', 'v': 'DOUBLE', 'q': 'VARCHAR'})`;
}

/** Finds the first line of a year file that breaks BACI's rules, for an error a person can act on. */
async function findBadLine(path: string, year: number): Promise<{ line: number; what: string } | null> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      if (n === 1) {
        if (
          raw
            .replace(/^\uFEFF/, "")
            .trim()
            .replace(/"/g, "") !== "t,i,j,k,v,q"
        )
          return { line: 1, what: `the header is "${raw}", not "t,i,j,k,v,q"` };
        continue;
      }
      if (raw.trim() === "") continue;
      const f = raw.split(",").map((x) => x.trim().replace(/^"(.*)"$/, "$1"));
      if (f.length !== 6) return { line: n, what: `"${raw}" has ${f.length} fields, not 6 (t,i,j,k,v,q)` };
      const [t, i, j, k, v] = f;
      if (t !== String(year)) return { line: n, what: `year t = "${t}" in the file for ${year}` };
      if (!/^\d+$/.test(i) || !/^\d+$/.test(j))
        return { line: n, what: `country codes i = "${i}", j = "${j}"` };
      // Five digits: the leading zero lost to a spreadsheet or R round trip, padded like product_codes.
      if (!/^\d{5,6}$/.test(k)) return { line: n, what: `product code k = "${k}" is not six digits` };
      if (parseDecimal(v) === undefined || (parseDecimal(v) as number) < 0)
        return { line: n, what: `value v = "${v}" is not a non-negative number` };
      const q = f[5];
      if (q !== "" && !/^NA$/i.test(q) && parseDecimal(q) === undefined)
        return { line: n, what: `quantity q = "${q}" is neither a number nor NA` };
    }
  } finally {
    lines.close();
  }
  return null;
}

/** The first line of a file, read from its first 4 KiB only (a file of one huge line must not be loaded). */
function firstLine(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const text = buf.subarray(0, n).toString("utf8");
    const end = text.search(/\r?\n/);
    return end < 0 ? text + (n === buf.length ? "…" : "") : text.slice(0, end);
  } finally {
    closeSync(fd);
  }
}

/**
 * Rewrites a year's Parquet without exact repeats and returns how many it dropped; a flow given twice with
 * different values stops the ingest, naming both lines of the CSV.
 */
async function dropExactRepeats(store: Store, parquet: string, where: string, csv: string): Promise<number> {
  const [conflict] = await store.query<{ i: number; j: number; k: number }>(
    `SELECT i, j, k FROM read_parquet(${sqlString(parquet)}) GROUP BY i, j, k
      HAVING count(DISTINCT (value_usd, quantity_t)) > 1 LIMIT 1`,
  );
  if (conflict) {
    const lines = await linesOfFlow(csv, conflict.i, conflict.j, conflict.k);
    throw new SourceError(
      where,
      lines[1],
      `exporter ${conflict.i}, importer ${conflict.j}, product ${String(conflict.k).padStart(6, "0")} appear twice with different values (also line ${lines[0]})`,
      "Two rows give the same flow differently; fetch the release again",
    );
  }
  const before = await store.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM read_parquet(${sqlString(parquet)})`,
  );
  const deduped = `${parquet}.dedup`;
  await store.connection.run(
    `COPY (SELECT DISTINCT * FROM read_parquet(${sqlString(parquet)}) ORDER BY j, i, k)
       TO ${sqlString(deduped)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`,
  );
  renameSync(deduped, parquet);
  const after = await store.one<{ n: bigint }>(
    `SELECT count(*) AS n FROM read_parquet(${sqlString(parquet)})`,
  );
  return Number(before?.n ?? 0) - Number(after?.n ?? 0);
}

/** The lines (1-based) of a year CSV that give the flow i → j of product k. */
async function linesOfFlow(path: string, i: number, j: number, k: number): Promise<number[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  const found: number[] = [];
  let n = 0;
  try {
    for await (const raw of lines) {
      n++;
      const f = raw.split(",").map((x) => x.trim().replace(/^"(.*)"$/, "$1"));
      if (Number(f[1]) === i && Number(f[2]) === j && Number(f[3]) === k) found.push(n);
      if (found.length === 2) break;
    }
  } finally {
    lines.close();
  }
  return found;
}

/** Where a scratch CSV may go: beside the staging folder, on the same disk as the Parquet. */
function scratchDir(staging: string): string {
  const dir = join(staging, "_csv");
  mkdirSync(dir, { recursive: true });
  return dir;
}

export async function ingestBaci(
  store: Store,
  path: string,
  options: BaciIngestOptions = {},
): Promise<BaciIngestResult> {
  const t0 = performance.now();
  const home = resolve(options.home ?? (store.path === ":memory:" ? dataHome() : dirname(store.path)));
  const input = await openInput(path);
  const root = join(home, "baci");
  let staging: string | null = null;
  // BACI needs DuckDB to read its year files, so it takes the store (and its write lock) from the start.
  const conn = (await store.ready()).connection;
  let settingsChanged = false;
  try {
    const layout = describeRelease(input);
    const countries = parseCountryCodes(
      await input.readText(layout.countryFile),
      input.where(layout.countryFile),
    );
    const products = parseProductCodes(
      await input.readText(layout.productFile),
      input.where(layout.productFile),
    );
    const unknown = new UnknownLabels();
    const unknownCodes = new Map<number, string>();
    for (const c of countries) {
      if (c.entity) continue;
      const label = `${c.code} ${c.iso3} "${c.name}"`;
      unknownCodes.set(c.code, label);
      unknown.add(label, `${input.where(layout.countryFile)}:${c.line}`);
    }
    // Unknown names in the code file stop the ingest before the heavy work starts.
    if (unknown.size && !options.skipUnknown) throw new UnknownLabelsError("baci", unknown.seen);

    const dataset = `baci-${layout.hs}-${layout.version}`.toLowerCase();
    mkdirSync(root, { recursive: true });
    staging = join(root, `.staging-${dataset}-${process.pid}-${Date.now()}`);
    const scratch = scratchDir(staging);
    const known = new Set(countries.map((c) => c.code));
    const knownList = [...known].join(", ");

    await conn.run(`SET memory_limit = ${sqlString(options.memoryLimit ?? "2GB")}`);
    await conn.run(`SET temp_directory = ${sqlString(join(staging, "_spill"))}`);
    settingsChanged = true;

    const years: BaciYearStat[] = [];
    let repeatsDropped = 0;
    const { years: files } = layout;
    const fetchCsv = (idx: number) => {
      const p = input.csvFor(files[idx].name, scratch);
      p.catch(() => {}); // awaited below; this only keeps an early failure from being reported as unhandled
      return p;
    };
    let next = fetchCsv(0);
    for (let idx = 0; idx < files.length; idx++) {
      const { year, name } = files[idx];
      const csv = await next;
      if (idx + 1 < files.length) next = fetchCsv(idx + 1);
      options.onProgress?.(idx, files.length, name);
      const partDir = join(staging, `year=${year}`);
      mkdirSync(partDir, { recursive: true });
      const parquet = join(partDir, "data.parquet");
      const fail = async (err?: Error): Promise<never> => {
        const bad = await findBadLine(csv.path, year);
        if (bad)
          throw new SourceError(
            input.where(name),
            bad.line,
            bad.what,
            "Fix the line, or fetch the release again",
          );
        const msg = err?.message ?? "rows that break BACI's rules";
        const line = /Line: (\d+)/.exec(msg)?.[1];
        throw new SourceError(
          input.where(name),
          line ? Number(line) : undefined,
          msg.split("\n")[0],
          "Check the file",
        );
      };
      // read_csv takes the columns by position, so a reordered header would be read in the wrong order.
      const head = firstLine(csv.path);
      if (
        head
          .replace(/^\uFEFF/, "")
          .trim()
          .replace(/"/g, "") !== "t,i,j,k,v,q"
      ) {
        throw new SourceError(
          input.where(name),
          1,
          head.length > 80
            ? `the first line is over ${head.length} bytes long, not the header "t,i,j,k,v,q"`
            : `the header is "${head}", not "t,i,j,k,v,q"`,
          "BACI year files start with the header t,i,j,k,v,q; fetch the release again",
        );
      }
      try {
        // A row that breaks a rule (wrong year, product code not six digits, value missing or negative) gets a
        // null product code; one count after the write finds it, and findBadLine names the line. A five-digit
        // code has lost its leading zero (as product_codes files do, parseProductCodes): the integer is the
        // same, and the view pads it back to six digits.
        await conn.run(`COPY (
            SELECT i, j,
              CASE WHEN t = ${year} AND length(k) IN (5, 6) AND isfinite(v) AND v >= 0
                        AND (TRY_CAST(q AS DOUBLE) IS NULL OR isfinite(TRY_CAST(q AS DOUBLE)))
                   THEN TRY_CAST(k AS INTEGER) END AS k,
              v * 1000 AS value_usd,
              TRY_CAST(q AS DOUBLE) AS quantity_t
            FROM ${readCsvSql(csv.path)}
            ORDER BY j, i, k
          ) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 65536)`);
      } catch (err) {
        await fail(err as Error);
      }
      const stat = await store.one<{ n: bigint; v: number | null; bad: bigint; keys: bigint }>(
        `SELECT count(*) AS n, sum(value_usd) AS v, count(*) FILTER (WHERE k IS NULL) AS bad,
                count(DISTINCT (i, j, k)) AS keys FROM read_parquet(${sqlString(parquet)})`,
      );
      if (Number(stat?.bad ?? 0) > 0) await fail();
      if (Number(stat?.n ?? 0) === 0) {
        throw new SourceError(
          input.where(name),
          undefined,
          `the year file for ${year} has no rows`,
          "A BACI year holds millions of flows; the file is cut short or not CEPII's: fetch the release again",
        );
      }
      // A flow (exporter, importer, product) given twice: exact repeats are dropped and counted; two
      // different values stop the ingest naming both lines.
      if (Number(stat?.keys) !== Number(stat?.n)) {
        repeatsDropped += await dropExactRepeats(store, parquet, input.where(name), csv.path);
        const again = await store.one<{ n: bigint; v: number | null }>(
          `SELECT count(*) AS n, sum(value_usd) AS v FROM read_parquet(${sqlString(parquet)})`,
        );
        if (stat && again) {
          stat.n = again.n;
          stat.v = again.v;
        }
      }
      const strays = await store.query<{ code: number; n: bigint }>(
        `SELECT code, count(*) AS n FROM (SELECT i AS code FROM read_parquet(${sqlString(parquet)})
           UNION ALL SELECT j FROM read_parquet(${sqlString(parquet)}))
         WHERE code NOT IN (${knownList}) GROUP BY code ORDER BY code`,
      );
      for (const s of strays) {
        const label = `${s.code} (not in ${layout.countryFile})`;
        unknownCodes.set(s.code, label);
        unknown.add(label, `${input.where(name)} (${Number(s.n)} rows)`);
      }
      if (csv.scratch) rmSync(csv.path, { force: true });
      years.push({
        year,
        file: name,
        rows: Number(stat?.n ?? 0),
        valueUsd: stat?.v ?? 0,
        bytes: statSync(parquet).size,
      });
    }
    options.onProgress?.(files.length, files.length, "");
    if (unknown.size && !options.skipUnknown) throw new UnknownLabelsError("baci", unknown.seen);
    rmSync(scratch, { recursive: true, force: true });
    rmSync(join(staging, "_spill"), { recursive: true, force: true });

    const flows = years.reduce((s, y) => s + y.rows, 0);
    const bytes = years.reduce((s, y) => s + y.bytes, 0);
    const relDir = join("baci", dataset);
    const finalDir = join(home, relDir);
    const batchTables = buildTables(dataset, layout, relDir, countries, products, years, flows, bytes);

    // The swap: the old folder steps aside, the staged one takes its name, then the store's record follows.
    const trash = join(root, `.old-${dataset}-${process.pid}-${Date.now()}`);
    const hadOld = existsSync(finalDir);
    if (hadOld) renameSync(finalDir, trash);
    renameSync(staging, finalDir);
    staging = null;
    let result: IngestResult;
    try {
      await createViews(store, dataset, finalDir);
      result = await store.replaceDataset({
        ...recordOf(BACI_INFO),
        dataset,
        path: input.label,
        files: files.length + 2,
        version: layout.version,
        report: {
          hs: layout.hs,
          flows,
          bytes,
          unknown: unknown.list(),
          identicalRepeatsDropped: repeatsDropped,
        },
        tables: batchTables,
      });
    } catch (err) {
      rmSync(finalDir, { recursive: true, force: true });
      if (hadOld) {
        renameSync(trash, finalDir);
        await createViews(store, dataset, finalDir).catch(() => {});
      } else await dropViews(store);
      throw err;
    }
    if (hadOld) rmSync(trash, { recursive: true, force: true });
    return {
      ...result,
      hs: layout.hs,
      version: layout.version,
      dir: finalDir,
      years,
      flows,
      bytes,
      unknown: [...unknownCodes].map(([code, label]) => ({
        code,
        label,
        where: unknown.seen.get(label) ?? [],
      })),
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    input.close();
    if (staging) rmSync(staging, { recursive: true, force: true });
    if (settingsChanged) {
      await conn.run("RESET memory_limit").catch(() => {});
      await conn.run("RESET temp_directory").catch(() => {});
    }
  }
}

function buildTables(
  dataset: string,
  layout: Layout,
  relDir: string,
  countries: BaciCountry[],
  products: { code: string; description: string }[],
  years: BaciYearStat[],
  flows: number,
  bytes: number,
): { def: TableDef; rows: SqlValue[][] }[] {
  return [
    {
      def: BACI_TABLES.baci_releases,
      rows: [
        [
          dataset,
          layout.hs,
          layout.version,
          relDir,
          years[0].year,
          years[years.length - 1].year,
          BigInt(flows),
          BigInt(bytes),
        ],
      ],
    },
    {
      def: BACI_TABLES.baci_countries,
      rows: countries.map((c) => [dataset, c.code, c.name, c.iso3, c.entity]),
    },
    { def: BACI_TABLES.baci_products, rows: products.map((p) => [dataset, p.code, p.description]) },
    {
      def: BACI_TABLES.baci_years,
      rows: years.map((y) => [dataset, y.year, y.file, BigInt(y.rows), y.valueUsd, BigInt(y.bytes)]),
    },
  ];
}

export function parquetGlob(dir: string): string {
  return join(dir, "year=*", "data.parquet");
}

/** `baci_flows`: the latest ingested release with registry codes and product codes as six-digit strings. */
async function createViews(store: Store, dataset: string, dir: string): Promise<void> {
  // The view needs the mapping table to exist; replaceDataset fills it in the same ingest.
  await store.connection.run(tableDdl(BACI_TABLES.baci_countries));
  await store.connection.run(`CREATE OR REPLACE VIEW baci_flows AS
    SELECT ${sqlString(dataset)} AS dataset, CAST(f.year AS SMALLINT) AS year,
      e.entity AS exporter, m.entity AS importer, lpad(CAST(f.k AS VARCHAR), 6, '0') AS product,
      f.value_usd, f.quantity_t, f.i AS exporter_code, f.j AS importer_code
    FROM read_parquet(${sqlString(parquetGlob(dir))}, hive_partitioning = true) AS f
    LEFT JOIN baci_countries AS e ON e.dataset = ${sqlString(dataset)} AND e.code = f.i
    LEFT JOIN baci_countries AS m ON m.dataset = ${sqlString(dataset)} AND m.code = f.j`);
}

async function dropViews(store: Store): Promise<void> {
  await store.connection.run("DROP VIEW IF EXISTS baci_flows").catch(() => {});
}
