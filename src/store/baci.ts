// Where the store keeps CEPII BACI's flows: year-partitioned Parquet beside the DuckDB file, the release
// recorded in baci_releases. The indicators ask for the release and its flows here, so no indicator builds a
// path or checks a folder itself.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { dataHome, type Store } from "./store.ts";

export interface BaciRelease {
  dataset: string;
  hs: string;
  version: string;
  dir: string;
  firstYear: number;
  lastYear: number;
  rows: number;
  ingestedAt: string;
}

/** Why there is no release: what the goods section and the product indicators answer. */
export const BACI_NOT_LOADED =
  "CEPII BACI (trade by product) is not loaded: download a release with `dyad baci fetch` (or from CEPII's site) and load it with `dyad ingest baci <zip>`";

const metadataCached = new WeakSet<Store>();

/** The release queries use: the one ingested last; or why there is none. */
export async function baciRelease(store: Store): Promise<BaciRelease | { absent: string }> {
  if (!(await store.hasTable("baci_releases"))) return { absent: BACI_NOT_LOADED };
  const row = await store.one<{
    dataset: string;
    hs: string;
    version: string;
    dir: string;
    first_year: number;
    last_year: number;
    rows: bigint;
    ingested_at: unknown;
  }>(
    `SELECT r.*, CAST(g.ingested_at AS VARCHAR) AS ingested_at FROM baci_releases r JOIN ingests g USING (dataset)
     ORDER BY g.ingested_at DESC LIMIT 1`,
  );
  if (!row) return { absent: BACI_NOT_LOADED };
  if (!metadataCached.has(store)) {
    // Every query opens the 25-odd year files; keeping their footers in memory saves reading them each time.
    await store.connection.run("SET parquet_metadata_cache = true");
    metadataCached.add(store);
  }
  const home = store.path === ":memory:" ? dataHome() : dirname(store.path);
  const dir = resolve(home, row.dir);
  if (!existsSync(dir)) {
    return {
      absent: `CEPII BACI ${row.version} is recorded in the store but its Parquet folder ${dir} is missing: ingest the release again`,
    };
  }
  return {
    dataset: row.dataset,
    hs: row.hs,
    version: row.version,
    dir,
    firstYear: Number(row.first_year),
    lastYear: Number(row.last_year),
    rows: Number(row.rows),
    ingestedAt: String(row.ingested_at),
  };
}

/** The release's flows as a table expression (exporter i, importer j, product k, year, values), read from its Parquet files. */
export function baciFlowsSql(rel: BaciRelease): string {
  return `read_parquet('${join(rel.dir, "year=*", "data.parquet").replace(/'/g, "''")}', hive_partitioning = true)`;
}
