// `dyad setup`: find the data folder and ingest every implemented source found in it.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { SharedTransactionAborted, type Store } from "../store/index.ts";
import { BEYOND_TRADE_SOURCES, type IngestSummary, SOURCES, type SourceModule } from "./registry.ts";
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
   * A trade source failed while writing, so the transaction the trade sources shared was rolled back
   * (`message` says which and why): each of them is ingested again on its own transaction, and reported again.
   */
  onRestart?: (message: string) => void;
  /** Stop at the first failing source instead of going on with the others. */
  failFast?: boolean;
}

/**
 * Ingests every source found in `dir`; a failing source does not stop the rest and leaves the store as it
 * was for itself. The trade sources share one transaction (`Store.together`), so the trade relation is
 * materialised once, after the last of them, rather than after each (it costs seconds each time); the
 * sources beyond trade, each the only writer of its dimension's tables, keep a transaction each, which
 * bounds the memory an uncommitted transaction holds. A trade source that fails before it writes (a bad
 * file) is left out of the shared transaction; one that fails while writing rolls it back, and then each
 * trade source is ingested on its own transaction, as `dyad ingest` would.
 */
export async function setupAll(store: Store, dir: string, options: SetupOptions = {}): Promise<SetupStep[]> {
  const found = SOURCES.flatMap((source) =>
    source.defaultPaths.map((rel) => ({ source, path: join(dir, rel) })),
  ).filter(({ path }) => existsSync(path));
  if (!found.length) throw new Error(`No source files found in ${dir}.\n${HOW_TO_GET_DATA}`);
  const beyond = found.filter(({ source }) => BEYOND_TRADE_SOURCES.includes(source));
  const trade = found.filter(({ source }) => !BEYOND_TRADE_SOURCES.includes(source));
  return [...(await ingestTogether(store, trade, options)), ...(await ingestEach(store, beyond, options))];
}

/** The sources in one shared transaction; if a write fails in it, each of them again on its own. */
async function ingestTogether(
  store: Store,
  found: { source: SourceModule; path: string }[],
  options: SetupOptions,
): Promise<SetupStep[]> {
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
