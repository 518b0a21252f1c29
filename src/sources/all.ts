// Every source dyad can ingest, gathered in one place for `dyad setup` and `dyad ingest`: the trade
// sources, the dimensions beyond trade, product data (BACI) and the fetchers' snapshots. Kept apart from
// ./index.ts so that no source module imports the whole list (and no import cycle forms).
import { FETCHED_SOURCES } from "../fetch/index.ts";
import { BACI_SOURCE_ENTRY } from "./baci.ts";
import { BEYOND_TRADE_SOURCES } from "./beyond-trade.ts";
import { addSources, allSources, getSource, type IngestSummary, type SourceEntry } from "./index.ts";

const beyondTrade: SourceEntry[] = BEYOND_TRADE_SOURCES.map((s) => ({
  name: s.name,
  info: s.info,
  defaultPaths: [s.defaultPath],
  async ingest(store, path, options): Promise<IngestSummary> {
    const started = performance.now();
    const r = await s.ingest(store, path, options);
    const skipped = (r as { skipped?: IngestSummary["skipped"] }).skipped;
    return {
      rows: r.rows,
      files: 1,
      seconds: (performance.now() - started) / 1000,
      ...(skipped ? { skipped } : {}),
    };
  },
}));

addSources([...beyondTrade, BACI_SOURCE_ENTRY, ...FETCHED_SOURCES]);

export { allSources, getSource };
