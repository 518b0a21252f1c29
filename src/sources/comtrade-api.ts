// UN Comtrade's data API (v1) as it answers in JSON: the envelope {elapsedTime, count, data[], error}
// with one record per reporter, partner, flow and period. Countries come as Comtrade's numeric codes
// (842 USA, 251 France, 699 India, 0 World), mapped through src/countries/m49.ts; the ISO fields in the
// record are only a fallback. primaryValue is FOB for exports and CIF for imports, in US dollars.
import { readFileSync } from "node:fs";
import { registry } from "../countries/index.ts";
import { fromComtradeCode } from "../countries/m49.ts";
import type { Store } from "../store/index.ts";
import { dataHome } from "../store/index.ts";
import { COMTRADE_API_INFO } from "./citations.ts";
import { oneLine } from "./quote.ts";
import { openSnapshot } from "./snapshot.ts";
import type { Flow, PeriodRecord } from "./trade/periods.ts";
import {
  ingestParsedSnapshot,
  type SnapshotIngestOptions,
  type SnapshotIngestResult,
} from "./trade/snapshot-ingest.ts";
import { SourceError, UnknownLabels } from "./types.ts";

export const COMTRADE_API_PRIORITY = 30;
export const COMTRADE_API_DATASET = "comtrade-api";

export interface ComtradeRecord {
  freqCode?: string;
  period?: string | number;
  refYear?: number;
  refMonth?: number;
  reporterCode?: number;
  reporterISO?: string;
  reporterDesc?: string;
  partnerCode?: number;
  partnerISO?: string;
  partnerDesc?: string;
  partner2Code?: number;
  flowCode?: string;
  cmdCode?: string;
  customsCode?: string;
  motCode?: number;
  primaryValue?: number | null;
  cifvalue?: number | null;
  fobvalue?: number | null;
  isReported?: boolean;
  isAggregate?: boolean;
  legacyEstimationFlag?: number;
}

export interface ComtradeEnvelope {
  count: number;
  data: ComtradeRecord[];
  error: string;
}

/** Parses and checks the envelope; an APIM error body ({statusCode, message}) becomes a SourceError. */
export function parseComtradeEnvelope(text: string, file: string): ComtradeEnvelope {
  if (!text.trim()) {
    throw new SourceError(
      file,
      undefined,
      "the answer is empty",
      'Comtrade answers an empty query with {"count":0,"data":[]}; an empty body means the transfer failed. Fetch again.',
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new SourceError(
      file,
      undefined,
      `not valid JSON (${(err as Error).message})`,
      "The answer looks truncated or is not Comtrade's; fetch again (the run resumes).",
    );
  }
  const o = doc as Record<string, unknown>;
  if (o && typeof o === "object" && "statusCode" in o && !("data" in o)) {
    throw new SourceError(
      file,
      undefined,
      `Comtrade error ${o.statusCode}: ${oneLine(String(o.message))}`,
      "See the message; a 401 means the API key is missing or wrong (COMTRADE_API_KEY).",
    );
  }
  if (!o || typeof o !== "object" || !Array.isArray(o.data)) {
    throw new SourceError(
      file,
      undefined,
      'no "data" array in the answer',
      "This is not a Comtrade API v1 answer; check --endpoint.",
    );
  }
  if (typeof o.error === "string" && o.error.trim()) {
    throw new SourceError(
      file,
      undefined,
      `Comtrade reported an error: ${oneLine(o.error)}`,
      "Check the query parameters.",
    );
  }
  const count = typeof o.count === "number" ? o.count : o.data.length;
  if (count !== o.data.length) {
    throw new SourceError(
      file,
      undefined,
      `count says ${count} records but data holds ${o.data.length}`,
      "The answer is inconsistent; fetch again.",
    );
  }
  return { count, data: o.data as ComtradeRecord[], error: "" };
}

const FLOWS: Record<string, Flow> = { X: "exports", M: "imports" };

function comtradeCountry(
  code: number | undefined,
  iso: string | undefined,
  desc: string | undefined,
): string | undefined {
  if (code !== undefined && code !== null) {
    const mapped = fromComtradeCode(code);
    if (mapped) return mapped;
  }
  // Fallbacks for codes the table lacks: Comtrade's ISO field (trimmed: group codes come padded, "R4 "),
  // then its name through the registry's aliases.
  const trimmed = iso?.trim().toUpperCase();
  if (trimmed === "W00") return "WLD";
  if (trimmed && /^[A-Z]{3}$/.test(trimmed) && registry.get(trimmed)) return trimmed;
  return desc ? registry.tryResolve(desc)?.code : undefined;
}

/** Comtrade period to dyad's: "2023" or "202305" -> "2023-05". */
export function comtradePeriod(r: ComtradeRecord): string | undefined {
  const p = String(r.period ?? "").trim();
  if (/^\d{4}$/.test(p)) return p;
  if (/^\d{6}$/.test(p)) return `${p.slice(0, 4)}-${p.slice(4)}`;
  return undefined;
}

export interface ComtradeRecordsResult {
  records: PeriodRecord[];
  skippedFlows: number;
  skippedNonTotal: number;
}

export function comtradeRecords(
  env: ComtradeEnvelope,
  file: string,
  retrieved: string,
  unknown: UnknownLabels,
): ComtradeRecordsResult {
  const records: PeriodRecord[] = [];
  let skippedFlows = 0;
  let skippedNonTotal = 0;
  env.data.forEach((r, i) => {
    const where = `${file}#data[${i}]`;
    const flow = FLOWS[String(r.flowCode ?? "").trim()];
    if (!flow) {
      skippedFlows++; // re-exports, re-imports and the like are not dyad's flows
      return;
    }
    // Only the total over goods, customs procedures, transport modes and second partners is one flow.
    if (
      (r.cmdCode && r.cmdCode !== "TOTAL") ||
      (r.partner2Code ?? 0) !== 0 ||
      (r.motCode ?? 0) !== 0 ||
      (r.customsCode ?? "C00") !== "C00"
    ) {
      skippedNonTotal++;
      return;
    }
    const period = comtradePeriod(r);
    if (!period)
      throw new SourceError(
        file,
        `data[${i}]`,
        `period "${r.period}" is neither YYYY nor YYYYMM`,
        "This is not a Comtrade API v1 record.",
      );
    const value = r.primaryValue ?? (flow === "exports" ? r.fobvalue : r.cifvalue);
    if (value === null || value === undefined) return;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new SourceError(
        file,
        `data[${i}]`,
        `primaryValue ${JSON.stringify(value)} is not a number`,
        "Report this answer.",
      );
    }
    const reporter = comtradeCountry(r.reporterCode, r.reporterISO, r.reporterDesc);
    const partner = comtradeCountry(r.partnerCode, r.partnerISO, r.partnerDesc);
    if (!reporter) {
      unknown.add(`${r.reporterCode} ${r.reporterDesc ?? ""}`.trim(), where);
      return;
    }
    if (!partner) {
      unknown.add(`${r.partnerCode} ${r.partnerDesc ?? ""}`.trim(), where);
      return;
    }
    if (reporter === partner) return;
    records.push({
      reporter,
      partner,
      flow,
      period,
      value,
      estimate: (r.legacyEstimationFlag ?? 0) !== 0 || r.isReported === false,
      file,
      line: i + 1,
      series: `reporterCode=${r.reporterCode} partnerCode=${r.partnerCode} flowCode=${r.flowCode} period=${r.period}`,
      retrieved,
    });
  });
  return { records, skippedFlows, skippedNonTotal };
}

/** `dyad ingest comtrade <snapshot>`: a fetch run's directory, its manifest, or one JSON answer. */
export async function ingestComtradeSnapshot(
  store: Store,
  path: string,
  options: SnapshotIngestOptions = {},
): Promise<SnapshotIngestResult> {
  const home = options.home ?? dataHome();
  const set = openSnapshot(path, home, "comtrade");
  const unknown = new UnknownLabels();
  const records: PeriodRecord[] = [];
  const covered = new Set<string>();
  let skippedFlows = 0;
  let skippedNonTotal = 0;
  for (const f of set.files) {
    const env = parseComtradeEnvelope(readFileSync(f.path, "utf8"), f.label);
    const result = comtradeRecords(env, f.label, f.retrieved, unknown);
    records.push(...result.records);
    skippedFlows += result.skippedFlows;
    skippedNonTotal += result.skippedNonTotal;
    for (const c of f.part?.covers ?? []) covered.add(c);
  }
  return ingestParsedSnapshot(
    store,
    {
      name: "comtrade",
      info: COMTRADE_API_INFO,
      dataset: COMTRADE_API_DATASET,
      source: "comtrade-api",
      priority: COMTRADE_API_PRIORITY,
      set,
      records,
      covered,
      unknown,
      describe: (r) => `UN Comtrade ${r.series}${r.estimate ? ", estimated" : ""}`,
      version: set.manifest ? `Comtrade API v1, fetch run ${set.manifest.runId}` : "Comtrade API v1",
      notes: unknown.size
        ? [`codes the registry does not know, skipped: ${[...unknown.seen.keys()].join(", ")}`]
        : [],
      reportTail: { otherFlowsLeftOut: skippedFlows, breakdownRecordsLeftOut: skippedNonTotal },
    },
    options,
  );
}
