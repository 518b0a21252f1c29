// Fetching from the publishers: `fetchImts` and `fetchComtrade` run a query to a complete snapshot and
// only then ingest it, in one atomic replacement of the source's dataset. `dyad ingest imts|comtrade
// <snapshot>` ingests a snapshot offline through the source registry (src/sources/registry.ts).
import { COMTRADE_API_INFO, IMTS_INFO } from "../sources/citations.ts";
import { ingestComtradeSnapshot } from "../sources/comtrade-api.ts";
import { ingestImtsSnapshot } from "../sources/imts.ts";
import type { SnapshotIngestOptions, SnapshotIngestResult } from "../sources/trade/snapshot-ingest.ts";
import type { Store } from "../store/index.ts";
import { dataHome } from "../store/index.ts";
import { checkComtradeParams, comtradeSpec } from "./comtrade-fetch.ts";
import type { HttpOptions } from "./http.ts";
import { checkImtsParams, imtsSpec, type RawFetchOptions } from "./imts-fetch.ts";
import type { Progress } from "./progress.ts";
import { type FetchSpec, type RunResult, runFetch } from "./run.ts";

export { HttpClient, HttpError } from "./http.ts";
export { FetchParamError } from "./imts-fetch.ts";
export { FetchRunError } from "./run.ts";
export { COMTRADE_API_INFO, IMTS_INFO, ingestComtradeSnapshot, ingestImtsSnapshot };

export interface FetchOptions {
  home?: string;
  http?: Partial<HttpOptions>;
  progress?: Progress;
  /** Keep the snapshot but leave the store alone (ingest later with `dyad ingest`). */
  noIngest?: boolean;
  skipUnknown?: boolean;
  /** Opened only once the run is complete, so a failed run never even opens the store. */
  openStore?: () => Promise<Store>;
  now?: () => Date;
}

export interface FetchOutcome {
  run: RunResult;
  ingest?: SnapshotIngestResult;
}

async function fetchAndIngest(
  spec: FetchSpec,
  ingest: (store: Store, path: string, o: SnapshotIngestOptions) => Promise<SnapshotIngestResult>,
  options: FetchOptions,
): Promise<FetchOutcome> {
  const home = options.home ?? dataHome();
  const run = await runFetch(spec, {
    home,
    http: options.http,
    progress: options.progress,
    now: options.now,
  });
  if (options.noIngest || !options.openStore) return { run };
  const store = await options.openStore();
  const result = await ingest(store, run.dir, { home, skipUnknown: options.skipUnknown });
  return { run, ingest: result };
}

export function fetchImts(raw: RawFetchOptions, options: FetchOptions = {}): Promise<FetchOutcome> {
  const now = options.now?.() ?? new Date();
  return fetchAndIngest(imtsSpec(checkImtsParams(raw, now)), ingestImtsSnapshot, options);
}

export function fetchComtrade(
  raw: RawFetchOptions & { apiKey?: string },
  options: FetchOptions = {},
): Promise<FetchOutcome> {
  const now = options.now?.() ?? new Date();
  return fetchAndIngest(comtradeSpec(checkComtradeParams(raw, now)), ingestComtradeSnapshot, options);
}
