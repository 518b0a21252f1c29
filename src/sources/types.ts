// What every source module shares: its description, the rows it yields, and the error it throws.
import type { DatasetBatch, IngestResult, Store } from "../store/index.ts";

export class SourceError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | number | undefined,
    readonly what: string,
    readonly hint: string,
  ) {
    const at = where === undefined ? file : `${file}:${where}`;
    super(`${at}: ${what}. ${hint}`);
    this.name = "SourceError";
  }
}

/** Publisher names that no registry rule knew, with where they occur. */
export class UnknownLabelsError extends Error {
  constructor(
    readonly source: string,
    readonly unknown: Map<string, string[]>,
  ) {
    const lines = [...unknown].map(
      ([label, where]) =>
        `  "${label}" in ${where.slice(0, 3).join(", ")}${where.length > 3 ? ` and ${where.length - 3} more` : ""}`,
    );
    super(
      `${source}: ${unknown.size} name(s) the country registry does not know:\n${lines.join("\n")}\nAdd them to src/countries/aliases.ts or entities.ts, or pass --skip-unknown to leave them out (they are then listed in the ingest report).`,
    );
    this.name = "UnknownLabelsError";
  }
}

export interface SourceInfo {
  /** The name used on the command line: `dyad ingest <name> <path>`. */
  name: string;
  publisher: string;
  licence: string;
  citation: string;
}

export interface IngestOptions {
  /** Leave out names the registry does not know instead of stopping; they are listed in the report. */
  skipUnknown?: boolean;
  /** Called as files are read, for a progress bar. */
  onProgress?: (done: number, total: number, file: string) => void;
  /**
   * Replace a whole dataset with what this ingest holds, even when the store's copy covers more (more IMF
   * reporters than these workbooks). Without it such an ingest is refused rather than silently shrinking it.
   */
  replaceAll?: boolean;
}

/** Tracks unknown names while a source is read, so one report lists all of them at once. */
export class UnknownLabels {
  readonly seen = new Map<string, string[]>();
  add(label: string, where: string): void {
    const list = this.seen.get(label);
    if (list) list.push(where);
    else this.seen.set(label, [where]);
  }
  get size(): number {
    return this.seen.size;
  }
  list(): { label: string; where: string[] }[] {
    return [...this.seen].map(([label, where]) => ({ label, where }));
  }
}

/** The ingest record's fields a source's entry in citations.ts gives: its dataset and source are its name. */
export function recordOf(
  info: SourceInfo,
): Pick<DatasetBatch, "dataset" | "source" | "publisher" | "licence" | "citation"> {
  const { name, publisher, licence, citation } = info;
  return { dataset: name, source: name, publisher, licence, citation };
}

/** A source that reads its input into one batch and replaces its dataset with it. */
export function ingestWith<O extends IngestOptions>(
  read: (path: string, options: O) => Promise<DatasetBatch>,
): (store: Store, path: string, options?: O) => Promise<IngestResult> {
  return async (store, path, options = {} as O) => store.replaceDataset(await read(path, options));
}

/** The same for a source whose report lists the names it left out (`skippedUnknown`): the result names them. */
export function ingestListingSkipped<O extends IngestOptions>(
  read: (path: string, options: O) => Promise<DatasetBatch>,
): (store: Store, path: string, options?: O) => Promise<IngestResult & { skipped: SkippedLabel[] }> {
  return async (store, path, options = {} as O) => {
    const batch = await read(path, options);
    const result = await store.replaceDataset(batch);
    return { ...result, skipped: (batch.report as { skippedUnknown: SkippedLabel[] }).skippedUnknown };
  };
}

/** A name the registry did not know, left out with --skip-unknown, and where it stood. */
export interface SkippedLabel {
  label: string;
  where: string[];
}
