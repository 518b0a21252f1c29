// Every source `dyad setup` and `dyad ingest` know: its name, where it lives in the data folder, and how to ingest it.
import type { Store } from "../store/index.ts";
import { IMF_DOTS, ingestImfDots } from "./imf-dots.ts";
import { ingestTidyTrade, TIDY_TRADE } from "./tidy-trade.ts";
import type { IngestOptions, SourceInfo } from "./types.ts";

export interface IngestSummary {
  rows: number;
  files: number;
  countries?: number;
  years?: [number, number] | null;
  seconds: number;
  skipped?: { label: string; where: string[] }[];
}

export interface SourceEntry {
  name: string;
  info: SourceInfo;
  /** Paths relative to the data folder that `dyad setup` ingests with this source. */
  defaultPaths: string[];
  ingest(store: Store, path: string, options: IngestOptions): Promise<IngestSummary>;
}

/** The trade sources' reports share their shape: rows, files, reporters, years, time, names skipped. */
function tradeSummary(r: {
  rows: number;
  files: number;
  reporters: number;
  years: [number, number] | null;
  seconds: number;
  skipped: { label: string; where: string[] }[];
}): IngestSummary {
  const { rows, files, reporters, years, seconds, skipped } = r;
  return { rows, files, countries: reporters, years, seconds, skipped };
}

export const TRADE_SOURCES: SourceEntry[] = [
  {
    name: "imf-dots",
    info: IMF_DOTS,
    defaultPaths: ["imf-dots"],
    ingest: async (store, path, options) => tradeSummary(await ingestImfDots(store, path, options)),
  },
  {
    name: "tidy-trade",
    info: TIDY_TRADE,
    defaultPaths: ["reference", "comtrade"],
    ingest: async (store, path, options) => tradeSummary(await ingestTidyTrade(store, path, options)),
  },
];

const extra: SourceEntry[] = [];

/** Other modules (votes, arms, energy, product data, fetched snapshots) add their sources here. */
export function addSources(entries: SourceEntry[]): void {
  for (const e of entries) if (!extra.some((x) => x.name === e.name)) extra.push(e);
}

export function allSources(): SourceEntry[] {
  return [...TRADE_SOURCES, ...extra];
}

export function getSource(name: string): SourceEntry {
  const found = allSources().find((s) => s.name === name);
  if (!found) {
    throw new Error(
      `Unknown source "${name}". Known sources: ${allSources()
        .map((s) => s.name)
        .join(", ")}.`,
    );
  }
  return found;
}
