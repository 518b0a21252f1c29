// `dyad setup`: find the data folder and ingest every implemented source found in it.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { SharedTransactionAborted, type Store } from "../store/index.ts";
import { type IngestSummary, SOURCES, type SourceModule } from "./registry.ts";
import type { IngestOptions } from "./types.ts";

export const HOW_TO_GET_DATA = `dyad reads the publishers' own files. Put them in one folder, laid out as
  imf-dots/DOTS_*.xlsx          IMF Direction of Trade Statistics workbooks
  reference/*.csv, comtrade/*   tidy trade CSVs (reporter,partner,year,flow,value_usd,source,note)
  unvotes/, voeten/, sipri/, energy/, worldbank/, cepii/   further sources (see docs/SOURCES.md)
and run \`dyad setup --sources FOLDER\` (or set DYAD_SOURCES). docs/SOURCES.md says where each publisher offers its files;
\`dyad fetch\` downloads the newest trade data from the IMF and UN Comtrade where you have a network.`;

export function findSourcesDir(explicit?: string): { dir: string; how: string } {
  const candidates: [string | undefined, string][] = [
    [explicit, "--sources"],
    [process.env.DYAD_SOURCES, "DYAD_SOURCES"],
    ["../shared/data", "the default ../shared/data"],
  ];
  for (const [dir, how] of candidates) {
    if (dir === undefined || dir === "") continue;
    const abs = resolve(dir);
    if (existsSync(abs)) return { dir: abs, how };
    if (how !== "the default ../shared/data") {
      throw new Error(`The data folder ${abs} (from ${how}) does not exist.\n${HOW_TO_GET_DATA}`);
    }
  }
  throw new Error(
    `No data folder found (looked at --sources, DYAD_SOURCES and ../shared/data).\n${HOW_TO_GET_DATA}`,
  );
}

export interface SetupStep {
  source: string;
  path: string;
  summary?: IngestSummary;
  error?: string;
}

export interface SetupOptions extends IngestOptions {
  onStart?: (source: SourceModule, path: string) => void;
  onDone?: (step: SetupStep) => void;
  /**
   * A source failed while writing, so the one transaction all of them shared was rolled back (`message`
   * says which and why): every source is ingested again, each in its own transaction, and reported again.
   */
  onRestart?: (message: string) => void;
  /** Stop at the first failing source instead of going on with the others. */
  failFast?: boolean;
}

/**
 * Ingests every source found in `dir`; a failing source does not stop the rest and leaves the store as it
 * was for itself. The sources share one transaction (`Store.together`), so each relation is materialised
 * once, after the last of them, rather than once per ingest that touches its tables (the trade relation
 * after each of the three trade sources). A source that fails before it writes (a bad file) is left out of
 * it; one that fails while writing rolls the whole transaction back, and then each source is ingested on
 * its own transaction, as `dyad ingest` would.
 */
export async function setupAll(store: Store, dir: string, options: SetupOptions = {}): Promise<SetupStep[]> {
  const found = SOURCES.flatMap((source) =>
    source.defaultPaths.map((rel) => ({ source, path: join(dir, rel) })),
  ).filter(({ path }) => existsSync(path));
  if (!found.length) throw new Error(`No source files found in ${dir}.\n${HOW_TO_GET_DATA}`);
  try {
    return await store.together(() => ingestEach(store, found, options));
  } catch (err) {
    if (!(err instanceof SharedTransactionAborted)) throw err;
    options.onRestart?.(err.message);
    return ingestEach(store, found, options);
  }
}

async function ingestEach(
  store: Store,
  found: { source: SourceModule; path: string }[],
  options: SetupOptions,
): Promise<SetupStep[]> {
  const steps: SetupStep[] = [];
  for (const { source, path } of found) {
    options.onStart?.(source, path);
    const step: SetupStep = { source: source.info.name, path };
    try {
      step.summary = await source.ingest(store, path, options);
    } catch (err) {
      // The shared transaction is gone: nothing more can be written in it.
      if (err instanceof SharedTransactionAborted) throw err;
      step.error = (err as Error).message;
      if (options.failFast) throw err;
    }
    steps.push(step);
    options.onDone?.(step);
  }
  return steps;
}
