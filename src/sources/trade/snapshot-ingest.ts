// What the fetched trade sources (IMF IMTS, UN Comtrade) do once a snapshot's answers are parsed into
// records: months to years, the merge with what an earlier retrieval left in the store, the report, and one
// atomic replacement of the dataset with its derived tables. Each source only parses its answers.
import type { DatasetBatch, IngestResult, Store } from "../../store/index.ts";
import { TABLES } from "../../store/index.ts";
import type { SnapshotSet } from "../snapshot.ts";
import { type SourceInfo, type UnknownLabels, UnknownLabelsError } from "../types.ts";
import {
  describeIncomplete,
  mergeWithStored,
  type PeriodRecord,
  retrievedLabel,
  toYearly,
  tradeRow,
  yearRange,
} from "./periods.ts";
import { tradeDerive } from "./rows.ts";

export interface SnapshotIngestOptions {
  skipUnknown?: boolean;
  /** The data home the snapshot paths are recorded relative to. */
  home?: string;
}

export interface SnapshotIngestResult extends IngestResult {
  retrieved?: string;
  replaced: number;
  kept: number;
  messages: string[];
  report: Record<string, unknown>;
}

/** A snapshot's parsed records and how its source names, describes and reports them. */
export interface ParsedSnapshot {
  /** The source as the unknown-codes error names it ("imts", "comtrade"). */
  name: string;
  info: SourceInfo;
  dataset: string;
  source: string;
  priority: number;
  set: SnapshotSet;
  records: PeriodRecord[];
  /** Reporter-years ("RUS|2023") the snapshot covers completely: their stored rows are replaced. */
  covered: Set<string>;
  unknown: UnknownLabels;
  /** The series line a year's row carries ("IMF IMTS <series>, IMF estimate"). */
  describe: (r: PeriodRecord) => string;
  /** The dataset's version, with the fetch run's id when the snapshot has a manifest. */
  version: string;
  /** Messages after the years' gaps and conflicts: what the source left out. */
  notes: string[];
  /** The report's own fields before the shared ones and after them (before the unknown codes). */
  reportHead?: Record<string, unknown>;
  reportTail: Record<string, unknown>;
}

export async function ingestParsedSnapshot(
  store: Store,
  p: ParsedSnapshot,
  options: SnapshotIngestOptions,
): Promise<SnapshotIngestResult> {
  if (p.unknown.size && !options.skipUnknown) throw new UnknownLabelsError(p.name, p.unknown.seen);
  const yearly = toYearly(p.records, p.describe);
  const ctx = { dataset: p.dataset, source: p.source, priority: p.priority, publisher: p.info.publisher };
  const fresh = yearly.rows.map((r) => tradeRow(ctx, r));
  const merged = await mergeWithStored(store, p.dataset, fresh, p.covered);
  const messages = [...describeIncomplete(yearly.incomplete), ...yearly.conflicts, ...p.notes];
  const report = {
    snapshot: p.set.dir,
    ...p.reportHead,
    files: p.set.files.map((f) => ({ file: f.label, retrieved: f.retrieved, from: f.retrievedFrom })),
    yearRows: fresh.length,
    yearRange: yearRange(yearly.rows.map((r) => r.year)),
    keptFromEarlierRetrievals: merged.kept,
    replacedFromEarlierRetrievals: merged.replaced,
    retrievals: merged.retrievals,
    incompleteYears: yearly.incomplete,
    conflicts: yearly.conflicts,
    ...p.reportTail,
    unknown: p.unknown.list(),
  };
  const retrieved = retrievedLabel(merged.retrievals);
  const batch: DatasetBatch = {
    dataset: p.dataset,
    source: p.source,
    path: p.set.dir,
    files: p.set.files.length,
    version: p.version,
    retrieved,
    publisher: p.info.publisher,
    licence: p.info.licence,
    citation: `${p.info.citation}. Accessed on ${retrieved ?? "an unknown date"}.`,
    report,
    tables: [{ def: TABLES.trade_flows, rows: merged.rows }],
    // Partner ranks and coverage are derived from trade_flows; rebuilt in the same transaction.
    derive: tradeDerive(merged.reporters),
  };
  const result = await store.replaceDataset(batch);
  return { ...result, retrieved, replaced: merged.replaced, kept: merged.kept, messages, report };
}
