// IMF International Trade in Goods (IMTS, the successor of DOTS), as its SDMX API answers: SDMX-CSV
// version 1.0 (leading DATAFLOW column) and 2.0 (STRUCTURE, STRUCTURE_ID, ACTION), with or without the
// leading metadata row whose key fields are empty, and with whatever extra columns the Accept options add;
// or SDMX-ML 2.1 and 3.0 (structure-specific), which the API answers when it ignores the request for CSV
// (src/sources/sdmx-ml.ts). Columns and attributes are read by concept name. OBS_VALUE is in plain US dollars: SCALE is a display hint and never applied.
// Counterparts are kept one by one; the aggregates among them (World, Euro Area) are kept as themselves,
// the rest of the IMF's groupings are left out and listed, and nothing is ever summed across counterparts.

import { readFileSync } from "node:fs";
import { registry } from "../countries/index.ts";
import { parseDecimal } from "../store/checks.ts";
import type { Store } from "../store/index.ts";
import { dataHome } from "../store/index.ts";
import { IMTS_INFO } from "./citations.ts";
import { parseCsv } from "./csv.ts";
import { oneLine } from "./quote.ts";
import { readSdmxMl } from "./sdmx-ml.ts";
import { openSnapshot } from "./snapshot.ts";
import type { Flow, PeriodRecord } from "./trade/periods.ts";
import {
  ingestParsedSnapshot,
  type SnapshotIngestOptions,
  type SnapshotIngestResult,
} from "./trade/snapshot-ingest.ts";
import { SourceError, UnknownLabels } from "./types.ts";

/** The IMF's current series: preferred to the DOTS workbooks (20), after a reporter's own customs (10). */
export const IMTS_PRIORITY = 15;
export const IMTS_DATASET = "imts";

/** The indicators kept: exports FOB and imports CIF, the two sides the DOTS workbooks had. */
export const IMTS_FLOWS: Record<string, Flow> = { XG_FOB_USD: "exports", MG_CIF_USD: "imports" };
/** Indicators a response may carry that dyad does not store (imports FOB, the balance). */
const IMTS_OTHER_INDICATORS = new Set(["MG_FOB_USD", "TBG_USD"]);

/**
 * IMF counterpart and reporter codes that are not ISO 3166 alpha-3. G998 is the European Union: in the
 * IMF's recorded answer (USA exports 2023) its value, 369,756,760,426 USD, is DOT's "European Union" (B0)
 * figure to the dollar.
 */
export const IMF_CODES: Record<string, string> = {
  G001: "WLD",
  G163: "EMU",
  G998: "EUU",
  KOS: "XKX",
  WBG: "PSE",
};
const TO_IMF = new Map(Object.entries(IMF_CODES).map(([imf, code]) => [code, imf]));

/** Registry code to the IMF's code in a query key. */
export function toImfCode(code: string): string {
  return TO_IMF.get(code) ?? code;
}

/**
 * IMF groupings seen in IMTS answers (e.g. Laos 2019: G080 ... TX910). They overlap each other and the
 * countries, so they are left out. Codes shaped like these (G/GX/TX + digits) but not listed are left out
 * too, and named in the report.
 */
const IMF_GROUPINGS = new Set(
  "G080 G092 G110 G200 G205 G400 G505 G603 G903 GX170 GX405 GX440 GX605 GX901 TX898 TX910".split(" "),
);
const GROUPING_SHAPE = /^(G|GX|TX)\d{3}$/;

export type ImfCode = { code: string } | { grouping: true; listed: boolean } | { unknown: true };

export function fromImfCode(raw: string): ImfCode {
  const c = raw.trim().toUpperCase();
  const mapped = IMF_CODES[c];
  if (mapped) return { code: mapped };
  if (IMF_GROUPINGS.has(c)) return { grouping: true, listed: true };
  if (GROUPING_SHAPE.test(c)) return { grouping: true, listed: false };
  if (/^[A-Z]{3}$/.test(c) && registry.get(c)) return { code: c };
  return { unknown: true };
}

export interface ImtsObservation {
  country: string;
  indicator: string;
  counterpart: string;
  frequency: string;
  /** As the IMF writes it: "2023", "2023-M04", "2023-Q1". */
  period: string;
  value: number | null;
  status: string;
  line: number;
}

export interface ImtsParse {
  format: "SDMX-CSV 1.0" | "SDMX-CSV 2.0" | "SDMX-ML 2.1" | "SDMX-ML 3.0";
  observations: ImtsObservation[];
  /** Rows without TIME_PERIOD (the leading metadata row of some answers). */
  metadataRows: number;
}

const REQUIRED = ["COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY", "FREQUENCY", "TIME_PERIOD", "OBS_VALUE"];

/** Whether an answer is XML (SDMX-ML, or an HTML page) rather than SDMX-CSV, by its first character. */
export function looksLikeXml(text: string): boolean {
  return /^\uFEFF?\s*</.test(text);
}

/** An IMTS answer in whichever of the IMF's formats it came: SDMX-ML or SDMX-CSV. */
export function parseImtsAnswer(text: string, file: string): ImtsParse {
  return looksLikeXml(text) ? parseImtsXml(text, file) : parseImtsCsv(text, file);
}

function obsValue(raw: string, file: string, line: number): number | null {
  const t = raw.trim();
  if (t === "" || /^(NaN|NA|\.\.)$/i.test(t)) return null;
  // A plain decimal only: Number() would read "0x1F" as 31 (src/store/checks.ts).
  const value = parseDecimal(t);
  if (value === undefined) {
    throw new SourceError(
      file,
      line,
      `OBS_VALUE "${oneLine(t, 40)}" is not a number`,
      "Report this answer; dyad expects plain numbers in US dollars.",
    );
  }
  return value;
}

/** Parses an SDMX-ML answer (2.1 or 3.0, structure-specific) of the IMTS dataflow. */
export function parseImtsXml(text: string, file: string): ImtsParse {
  const data = readSdmxMl(text.replace(/^\uFEFF/, ""), file);
  const observations: ImtsObservation[] = [];
  for (const o of data.observations) {
    const v = o.values;
    const missing = REQUIRED.filter((c) => c !== "OBS_VALUE" && !v[c]);
    if (missing.length) {
      throw new SourceError(
        file,
        o.line,
        `an observation lacks ${missing.join(", ")}`,
        "This is not an IMTS data answer; check --endpoint and the dataflow.",
      );
    }
    observations.push({
      country: v.COUNTRY,
      indicator: v.INDICATOR,
      counterpart: v.COUNTERPART_COUNTRY,
      frequency: v.FREQUENCY,
      period: v.TIME_PERIOD,
      value: obsValue(v.OBS_VALUE ?? "", file, o.line),
      status: v.STATUS ?? v.OBS_STATUS ?? "",
      line: o.line,
    });
  }
  return { format: data.version === "3.0" ? "SDMX-ML 3.0" : "SDMX-ML 2.1", observations, metadataRows: 0 };
}

/** Parses an SDMX-CSV answer of the IMTS dataflow. Throws SourceError naming file and line. */
export function parseImtsCsv(text: string, file: string): ImtsParse {
  const body = text.replace(/^\uFEFF/, "");
  if (!body.trim()) {
    throw new SourceError(
      file,
      undefined,
      "the answer is empty (no header, no rows)",
      "An empty answer means the IMF found nothing for the key: check the codes (ISO3, not ISO2) and the period.",
    );
  }
  const rows = parseCsv(body, file, 1, {
    hint: "The answer looks truncated; fetch it again (the run resumes).",
  });
  const header = rows[0].fields.map((h) => h.trim().replace(/\[;\]$/, ""));
  const format =
    header[0] === "DATAFLOW" ? "SDMX-CSV 1.0" : header[0] === "STRUCTURE" ? "SDMX-CSV 2.0" : undefined;
  if (!format) {
    const hint = /^\s*</.test(body)
      ? " It looks like XML or HTML: the server ignored the request for CSV."
      : "";
    throw new SourceError(
      file,
      1,
      `the first column is "${oneLine(header[0], 60)}", not DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0)`,
      `dyad reads the IMF's SDMX-CSV answers.${hint}`,
    );
  }
  const col: Record<string, number> = {};
  header.forEach((h, i) => {
    // labels=both writes "COUNTRY: Country"; the code part is what matters.
    const name = h.split(":")[0].trim();
    if (!(name in col)) col[name] = i;
  });
  const missing = REQUIRED.filter((c) => !(c in col));
  if (missing.length) {
    throw new SourceError(
      file,
      1,
      `the header lacks ${missing.join(", ")}`,
      "This is not an IMTS data answer; check --endpoint and the dataflow.",
    );
  }
  const observations: ImtsObservation[] = [];
  let metadataRows = 0;
  for (let r = 1; r < rows.length; r++) {
    const { fields, line } = rows[r];
    if (fields.length === 1 && fields[0] === "") continue;
    if (fields.length !== header.length) {
      throw new SourceError(
        file,
        line,
        `${fields.length} fields where the header has ${header.length}`,
        "The answer looks truncated or malformed; fetch it again (the run resumes).",
      );
    }
    const get = (name: string) => (col[name] === undefined ? "" : codeOf(fields[col[name]]));
    const period = get("TIME_PERIOD");
    if (!period) {
      metadataRows++;
      continue;
    }
    const value = obsValue(fields[col.OBS_VALUE], file, line);
    observations.push({
      country: get("COUNTRY"),
      indicator: get("INDICATOR"),
      counterpart: get("COUNTERPART_COUNTRY"),
      frequency: get("FREQUENCY"),
      period,
      value,
      status: get("STATUS"),
      line,
    });
  }
  return { format, observations, metadataRows };
}

/** "RUS: Russian Federation" (labels=both) -> "RUS". */
function codeOf(field: string | undefined): string {
  if (field === undefined) return "";
  const t = field.trim();
  const i = t.indexOf(": ");
  return i > 0 ? t.slice(0, i) : t;
}

/** IMF period to dyad's: "2023" stays, "2023-M04" becomes "2023-04"; quarters are not kept. */
export function imfPeriod(period: string): string | undefined {
  if (/^\d{4}$/.test(period)) return period;
  const m = /^(\d{4})-M(\d{2})$/.exec(period);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]}`;
  if (/^\d{4}-\d{2}$/.test(period)) return period;
  return undefined;
}

export interface ImtsRecordsResult {
  records: PeriodRecord[];
  groupingsLeftOut: Map<string, number>;
  otherIndicators: number;
  emptyValues: number;
  quarters: number;
}

export function imtsRecords(
  parsed: ImtsParse,
  file: string,
  retrieved: string,
  unknown: UnknownLabels,
): ImtsRecordsResult {
  const records: PeriodRecord[] = [];
  const groupingsLeftOut = new Map<string, number>();
  let otherIndicators = 0;
  let emptyValues = 0;
  let quarters = 0;
  for (const o of parsed.observations) {
    const flow = IMTS_FLOWS[o.indicator];
    if (!flow) {
      if (IMTS_OTHER_INDICATORS.has(o.indicator)) {
        otherIndicators++;
        continue;
      }
      throw new SourceError(
        file,
        o.line,
        `unknown INDICATOR "${o.indicator}"`,
        "IMTS has XG_FOB_USD, MG_CIF_USD, MG_FOB_USD and TBG_USD; check the dataflow.",
      );
    }
    if (o.value === null) {
      emptyValues++;
      continue;
    }
    const period = imfPeriod(o.period);
    if (!period) {
      if (/^\d{4}-Q\d$/.test(o.period)) {
        quarters++;
        continue;
      }
      throw new SourceError(
        file,
        o.line,
        `TIME_PERIOD "${o.period}" is neither a year nor a month`,
        "dyad reads annual (2023) and monthly (2023-M04) IMTS series.",
      );
    }
    const reporter = fromImfCode(o.country);
    const partner = fromImfCode(o.counterpart);
    if ("unknown" in reporter) {
      unknown.add(o.country, `${file}:${o.line}`);
      continue;
    }
    if ("unknown" in partner) {
      unknown.add(o.counterpart, `${file}:${o.line}`);
      continue;
    }
    if ("grouping" in reporter || "grouping" in partner) {
      const g = "grouping" in partner ? o.counterpart : o.country;
      groupingsLeftOut.set(g, (groupingsLeftOut.get(g) ?? 0) + 1);
      continue;
    }
    if (reporter.code === partner.code) continue;
    records.push({
      reporter: reporter.code,
      partner: partner.code,
      flow,
      period,
      value: o.value,
      estimate: o.status.toLowerCase() === "e",
      file,
      line: o.line,
      series: `${o.country}.${o.indicator}.${o.counterpart}.${o.frequency}`,
      retrieved,
    });
  }
  return { records, groupingsLeftOut, otherIndicators, emptyValues, quarters };
}

/** `dyad ingest imts <snapshot>`: a fetch run's directory, its manifest, or one answer (SDMX-CSV or SDMX-ML). */
export async function ingestImtsSnapshot(
  store: Store,
  path: string,
  options: SnapshotIngestOptions = {},
): Promise<SnapshotIngestResult> {
  const home = options.home ?? dataHome();
  const set = openSnapshot(path, home, "imts");
  const unknown = new UnknownLabels();
  const records: PeriodRecord[] = [];
  const groupings = new Map<string, number>();
  const covered = new Set<string>();
  const formats = new Set<string>();
  let otherIndicators = 0;
  let quarters = 0;
  for (const f of set.files) {
    const parsed = parseImtsAnswer(readFileSync(f.path, "utf8"), f.label);
    formats.add(parsed.format);
    const result = imtsRecords(parsed, f.label, f.retrieved, unknown);
    records.push(...result.records);
    for (const [g, n] of result.groupingsLeftOut) groupings.set(g, (groupings.get(g) ?? 0) + n);
    otherIndicators += result.otherIndicators;
    quarters += result.quarters;
    for (const c of f.part?.covers ?? []) covered.add(c);
  }
  return ingestParsedSnapshot(
    store,
    {
      name: "imts",
      info: IMTS_INFO,
      dataset: IMTS_DATASET,
      source: "imts",
      priority: IMTS_PRIORITY,
      set,
      records,
      covered,
      unknown,
      describe: (r) => `IMF IMTS ${r.series}${r.estimate ? ", IMF estimate" : ""}`,
      version: set.manifest ? `IMF.STA:IMTS, fetch run ${set.manifest.runId}` : "IMF.STA:IMTS",
      notes: [
        ...(groupings.size
          ? [`IMF groupings left out (never summed): ${[...groupings.keys()].sort().join(" ")}`]
          : []),
        ...(unknown.size
          ? [`codes the registry does not know, skipped: ${[...unknown.seen.keys()].join(" ")}`]
          : []),
      ],
      reportHead: { formats: [...formats] },
      reportTail: {
        groupingsLeftOut: Object.fromEntries(groupings),
        otherIndicatorsLeftOut: otherIndicators,
        quartersLeftOut: quarters,
      },
    },
    options,
  );
}
