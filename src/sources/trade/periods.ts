// What the fetched sources share once a response is parsed: one record per flow and period, the step from
// months to years (only when all twelve months exist), and the merge of a new retrieval into the dataset
// already in the store, so a re-fetch replaces the flows it covers and keeps the rest.
import type { SqlValue, Store, TradeFlow } from "../../store/index.ts";
import { TABLES } from "../../store/index.ts";
import { tradeRowValues } from "./rows.ts";

/** The flows a publisher's API reports by partner (turnover is never fetched, only reported in files). */
export type Flow = Exclude<TradeFlow, "turnover">;

/** One observation as the publisher gave it, already mapped to registry codes. */
export interface PeriodRecord {
  reporter: string;
  partner: string;
  flow: Flow;
  /** "2023" for a year, "2023-04" for a month. */
  period: string;
  value: number;
  estimate: boolean;
  /** The snapshot file, relative to the data home, and its line (CSV) or record number (JSON). */
  file: string;
  line: number;
  /** The publisher's own key for the series, e.g. "RUS.XG_FOB_USD.CHN.A". */
  series: string;
  /** ISO date of retrieval. */
  retrieved: string;
}

export interface YearRecord extends Omit<PeriodRecord, "period"> {
  year: number;
  note: string;
}

export interface IncompleteYear {
  reporter: string;
  partner: string;
  flow: Flow;
  year: number;
  months: string[];
}

export interface YearlyResult {
  rows: YearRecord[];
  /** Monthly series with fewer than twelve months in a year: not aggregated, and said so. */
  incomplete: IncompleteYear[];
  /** The same flow and period given twice with different values; the later retrieval won. */
  conflicts: string[];
}

const MONTH = /^(\d{4})-(\d{2})$/;

export function toYearly(records: PeriodRecord[], describe: (r: PeriodRecord) => string): YearlyResult {
  const latest = new Map<string, PeriodRecord>();
  const conflicts: string[] = [];
  for (const r of records) {
    const key = `${r.reporter}|${r.partner}|${r.flow}|${r.period}`;
    const prior = latest.get(key);
    if (prior && prior.value !== r.value) {
      conflicts.push(
        `${r.reporter}->${r.partner} ${r.flow} ${r.period}: ${prior.value} (${prior.file}:${prior.line}) and ${r.value} (${r.file}:${r.line}); kept the later`,
      );
    }
    if (!prior || r.retrieved >= prior.retrieved) latest.set(key, r);
  }
  const annual = new Map<string, YearRecord>();
  const months = new Map<string, PeriodRecord[]>();
  for (const r of latest.values()) {
    const m = MONTH.exec(r.period);
    const year = m ? Number(m[1]) : Number(r.period);
    const key = `${r.reporter}|${r.partner}|${r.flow}|${year}`;
    if (m) {
      const list = months.get(key);
      if (list) list.push(r);
      else months.set(key, [r]);
    } else {
      annual.set(key, { ...r, year, note: `${describe(r)}, retrieved ${r.retrieved}` });
    }
  }
  const incomplete: IncompleteYear[] = [];
  for (const [key, list] of months) {
    // An annual figure from the publisher beats our own sum of its months.
    if (annual.has(key)) continue;
    list.sort((a, b) => a.period.localeCompare(b.period));
    const first = list[0];
    const year = Number(first.period.slice(0, 4));
    if (list.length !== 12) {
      incomplete.push({
        reporter: first.reporter,
        partner: first.partner,
        flow: first.flow,
        year,
        months: list.map((r) => r.period),
      });
      continue;
    }
    const value = list.reduce((sum, r) => sum + r.value, 0);
    const estimates = list.filter((r) => r.estimate).length;
    annual.set(key, {
      ...first,
      year,
      value,
      estimate: estimates > 0,
      series: first.series,
      retrieved: list.map((r) => r.retrieved).sort()[list.length - 1],
      note: `${describe(first)}, sum of the 12 months ${year}-01..${year}-12${estimates ? ` (${estimates} estimated)` : ""}, retrieved ${first.retrieved}`,
    });
  }
  incomplete.sort((a, b) =>
    `${a.reporter}${a.partner}${a.flow}${a.year}`.localeCompare(
      `${b.reporter}${b.partner}${b.flow}${b.year}`,
    ),
  );
  return { rows: [...annual.values()], incomplete, conflicts };
}

export function describeIncomplete(list: IncompleteYear[]): string[] {
  return list.map(
    (i) =>
      `${i.reporter}->${i.partner} ${i.flow} ${i.year}: ${i.months.length} of 12 months (${i.months[0]}..${i.months[i.months.length - 1]}), not aggregated to the year`,
  );
}

export interface RowContext {
  dataset: string;
  source: string;
  priority: number;
  publisher: string;
}

/** A trade_flows row built by the one row builder of the trade sources (./rows.ts). */
export function tradeRow(ctx: RowContext, r: YearRecord): SqlValue[] {
  return tradeRowValues({
    ...ctx,
    reporter: r.reporter,
    partner: r.partner,
    year: r.year,
    flow: r.flow,
    valueUsd: r.value,
    estimate: r.estimate,
    file: r.file,
    sheet: r.series,
    line: r.line,
    note: r.note,
  });
}

const RETRIEVED = /retrieved (\d{4}-\d{2}-\d{2})/;

export interface MergeResult {
  rows: SqlValue[][];
  kept: number;
  replaced: number;
  /** Every retrieval date among the merged rows, oldest first. */
  retrievals: string[];
  /** Reporters in the new rows or in the stored dataset: those whose derived tables change. */
  reporters: string[];
}

/**
 * The dataset's rows after this retrieval: the new rows, plus the stored rows that neither lie in a
 * reporter-year this retrieval covers completely (`covered`, "RUS|2023") nor repeat one of its flows. Read-only on the store; the caller replaces the dataset in one step.
 */
export async function mergeWithStored(
  store: Store,
  dataset: string,
  fresh: SqlValue[][],
  covered: Set<string>,
): Promise<MergeResult> {
  const cols = TABLES.trade_flows.columns.map(([name]) => name);
  const rep = cols.indexOf("reporter");
  const yr = cols.indexOf("year");
  const note = cols.indexOf("note");
  const partner = cols.indexOf("partner");
  const flow = cols.indexOf("flow");
  const flowKey = (v: SqlValue[]) => `${v[rep]}|${v[partner]}|${v[yr]}|${v[flow]}`;
  const freshKeys = new Set(fresh.map(flowKey));
  const dates = new Set<string>();
  const reporters = new Set<string>(fresh.map((v) => String(v[rep])));
  for (const row of fresh) {
    const m = RETRIEVED.exec(String(row[note] ?? ""));
    if (m) dates.add(m[1]);
  }
  let kept = 0;
  let replaced = 0;
  const rows = [...fresh];
  if (await store.hasTable("trade_flows")) {
    const stored = await store.query(`SELECT ${cols.join(", ")} FROM trade_flows WHERE dataset = ?`, [
      dataset,
    ]);
    for (const s of stored) {
      const values = cols.map((c) => normalise(s[c]));
      reporters.add(String(values[rep]));
      if (covered.has(`${values[rep]}|${values[yr]}`) || freshKeys.has(flowKey(values))) {
        replaced++;
        continue;
      }
      kept++;
      rows.push(values);
      const m = RETRIEVED.exec(String(values[note] ?? ""));
      if (m) dates.add(m[1]);
    }
  }
  return { rows, kept, replaced, retrievals: [...dates].sort(), reporters: [...reporters].sort() };
}

function normalise(v: unknown): SqlValue {
  if (v === undefined || v === null) return null;
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  return String(v);
}

/** "2025-06-01", or "2025-05-30..2025-06-01" when the dataset mixes retrievals. */
export function retrievedLabel(dates: string[]): string | undefined {
  if (dates.length === 0) return undefined;
  return dates.length === 1 ? dates[0] : `${dates[0]}..${dates[dates.length - 1]}`;
}

export function yearRange(years: number[]): [number, number] | null {
  if (!years.length) return null;
  // A loop, not Math.min(...years): a spread of a few hundred thousand arguments overflows the stack.
  let min = years[0];
  let max = years[0];
  for (const y of years) {
    if (y < min) min = y;
    if (y > max) max = y;
  }
  return [min, max];
}
