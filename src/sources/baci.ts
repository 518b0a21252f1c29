// CEPII BACI, trade by product (HS6, every pair): the source's public face. The work is in ./baci/.
import type { Store } from "../store/index.ts";
import { BACI_INFO as INFO } from "./baci/files.ts";
import { ingestBaci as ingest } from "./baci/ingest.ts";
import type { IngestOptions } from "./types.ts";

export {
  BACI_DEFAULT_ENDPOINT,
  BACI_DEFAULT_VERSION,
  type BaciFetchOptions,
  type BaciFetchResult,
  baciUrl,
  checkBaciParams,
  fetchBaci,
} from "./baci/fetch.ts";
export { BACI_INFO, parseCountryCodes, parseProductCodes } from "./baci/files.ts";
export { BACI_TABLES, type BaciIngestOptions, type BaciIngestResult, ingestBaci } from "./baci/ingest.ts";

/**
 * BACI as an entry of the source list behind `dyad ingest <source> <path>` (shape of SourceEntry in
 * ./index.ts). No default path: BACI is not in the shared data folder; a user fetches it.
 */
export const BACI_SOURCE_ENTRY = {
  name: "baci",
  info: INFO,
  defaultPaths: [] as string[],
  async ingest(store: Store, path: string, options: IngestOptions) {
    const r = await ingest(store, path, options);
    return {
      rows: r.flows,
      files: r.years.length + 2,
      countries: undefined,
      years: [r.years[0].year, r.years[r.years.length - 1].year] as [number, number],
      seconds: r.seconds,
      skipped: r.unknown.map((u) => ({ label: u.label, where: u.where })),
    };
  },
};
