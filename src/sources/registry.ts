// Every source dyad can ingest, in one literal list: its description, where `dyad setup` finds it in the data
// folder, and how `dyad ingest <name> <path>` reads it into one summary. Importing this module only builds
// the list; nothing is registered as a side effect, so every importer sees the same sources.
import { readdirSync, statSync } from "node:fs";
import type { Store } from "../store/index.ts";
import { ingestBaci } from "./baci/ingest.ts";
import { ingestCepii } from "./cepii.ts";
import {
  BACI_INFO,
  CDIS_INFO,
  CEPII_INFO,
  COMTRADE_API_INFO,
  EI_INFO,
  IMF_DOTS,
  IMTS_INFO,
  JME_INFO,
  MME_INFO,
  SIPRI_INFO,
  TIDY_TRADE,
  UNCTAD_FDI_INFO,
  UNVOTES_INFO,
  VOETEN_INFO,
  WDI_INFO,
} from "./citations.ts";
import { ingestComtradeSnapshot } from "./comtrade-api.ts";
import { ingestEiEnergy } from "./ei-energy.ts";
import { ingestImfCdis } from "./imf-cdis.ts";
import { ingestImfDots } from "./imf-dots.ts";
import { ingestImtsSnapshot } from "./imts.ts";
import { ingestJme } from "./jme.ts";
import { ingestMme } from "./mme.ts";
import { ingestSipri } from "./sipri.ts";
import { ingestTidyTrade, type TidyIngestReport } from "./tidy-trade.ts";
import type { SnapshotIngestResult } from "./trade/snapshot-ingest.ts";
import type { IngestOptions, SourceInfo } from "./types.ts";
import { ingestUnctadFdi } from "./unctad-fdi.ts";
import { ingestUnVotes } from "./unvotes.ts";
import { ingestVoeten } from "./voeten.ts";
import { ingestWdi } from "./wdi.ts";

/** What an ingest reports, whatever the source: the line `dyad setup` and `dyad ingest` print. */
export interface IngestSummary {
  rows: number;
  files: number;
  countries?: number;
  years?: [number, number] | null;
  seconds: number;
  skipped?: { label: string; where: string[] }[];
}

export interface SourceModule {
  info: SourceInfo;
  /** Paths relative to the data folder that `dyad setup` ingests with this source (none: fetched or user-supplied). */
  defaultPaths: string[];
  ingest(store: Store, path: string, options: IngestOptions): Promise<IngestSummary>;
}

type Skipped = IngestSummary["skipped"];

/** The trade sources' reports share their shape: rows, files, reporters, years, time, names skipped. */
function tradeSummary(
  r: Pick<TidyIngestReport, "rows" | "files" | "reporters" | "years" | "seconds" | "skipped">,
): IngestSummary {
  const { rows, files, reporters, years, seconds, skipped } = r;
  return { rows, files, countries: reporters, years, seconds, skipped };
}

function filesIn(path: string): number {
  try {
    return statSync(path).isDirectory() ? readdirSync(path).filter((f) => !f.startsWith(".")).length : 1;
  } catch {
    return 1;
  }
}

/** A source that ingests one file or folder into one dataset, timed here. */
function oneDataset(
  info: SourceInfo,
  defaultPath: string,
  ingest: (
    store: Store,
    path: string,
    options: IngestOptions,
  ) => Promise<{ rows: number; skipped?: Skipped; files?: number }>,
): SourceModule {
  return {
    info,
    defaultPaths: [defaultPath],
    async ingest(store, path, options) {
      const started = performance.now();
      const r = await ingest(store, path, options);
      return {
        rows: r.rows,
        // A folder source (CDIS, UNCTAD, the energy editions) reads the files in it, not one.
        files: r.files ?? filesIn(path),
        seconds: (performance.now() - started) / 1000,
        ...(r.skipped ? { skipped: r.skipped } : {}),
      };
    },
  };
}

/** A fetch run's snapshot (`dyad ingest imts <snapshot>`); snapshots live in the data home, so no default path. */
function snapshot(
  info: SourceInfo,
  ingest: (store: Store, path: string, o: { skipUnknown?: boolean }) => Promise<SnapshotIngestResult>,
): SourceModule {
  return {
    info,
    defaultPaths: [],
    async ingest(store, path, options) {
      const started = performance.now();
      const r = await ingest(store, path, { skipUnknown: options.skipUnknown });
      return {
        rows: r.rows,
        files: (r.report.files as unknown[]).length,
        seconds: (performance.now() - started) / 1000,
        years: (r.report.yearRange as [number, number] | null | undefined) ?? null,
        skipped: r.report.unknown as Skipped,
      };
    },
  };
}

export const SOURCES: readonly SourceModule[] = [
  {
    info: IMF_DOTS,
    defaultPaths: ["imf-dots"],
    ingest: async (store, path, options) => tradeSummary(await ingestImfDots(store, path, options)),
  },
  {
    info: TIDY_TRADE,
    defaultPaths: ["reference", "comtrade"],
    ingest: async (store, path, options) => tradeSummary(await ingestTidyTrade(store, path, options)),
  },
  oneDataset(UNVOTES_INFO, "unvotes", ingestUnVotes),
  oneDataset(VOETEN_INFO, "voeten/IdealpointestimatesAll_Jun2024.csv", ingestVoeten),
  oneDataset(SIPRI_INFO, "sipri/sipri-trade-register-2000-2024.csv", ingestSipri),
  oneDataset(EI_INFO, "energy", ingestEiEnergy),
  oneDataset(WDI_INFO, "worldbank", ingestWdi),
  oneDataset(CEPII_INFO, "cepii/dist_cepii.csv.gz", ingestCepii),
  oneDataset(CDIS_INFO, "imf-cdis", ingestImfCdis),
  oneDataset(UNCTAD_FDI_INFO, "unctad-fdi-2014", ingestUnctadFdi),
  oneDataset(MME_INFO, "military/mme_v7.csv", ingestMme),
  oneDataset(JME_INFO, "military/jme_v3.xls", ingestJme),
  {
    // Not in the shared data folder: a user fetches a release (`dyad fetch baci`).
    info: BACI_INFO,
    defaultPaths: [],
    async ingest(store, path, options) {
      const r = await ingestBaci(store, path, options);
      return {
        rows: r.flows,
        files: r.years.length + 2,
        years: [r.years[0].year, r.years[r.years.length - 1].year],
        seconds: r.seconds,
        skipped: r.unknown.map((u) => ({ label: u.label, where: u.where })),
      };
    },
  },
  snapshot(IMTS_INFO, ingestImtsSnapshot),
  snapshot(COMTRADE_API_INFO, ingestComtradeSnapshot),
];

/** The sources of the dimensions beyond trade (votes, arms, energy, GDP, geography, investment, exercises). */
export const BEYOND_TRADE_SOURCES: readonly SourceModule[] = SOURCES.filter((s) =>
  [
    "unvotes",
    "voeten",
    "sipri",
    "ei-energy",
    "wdi",
    "cepii",
    "imf-cdis",
    "unctad-fdi",
    "mme",
    "jme",
  ].includes(s.info.name),
);

export function getSource(name: string): SourceModule {
  const found = SOURCES.find((s) => s.info.name === name);
  if (!found) {
    throw new Error(
      `Unknown source "${name}". Known sources: ${SOURCES.map((s) => s.info.name).join(", ")}.`,
    );
  }
  return found;
}
