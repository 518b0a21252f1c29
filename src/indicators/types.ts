// The shape every indicator shares: its definition in one place, and a value that can say where it came from.
import type { Store } from "../store/index.ts";

/** Where a number came from: which dataset, which side reported it, which file and cell. */
export interface Provenance {
  source: string;
  dataset: string;
  publisher?: string;
  /** The economy whose statistics the figure is. */
  reporter?: string;
  /** "reporter": A's own report; "partner": the mirror, B's report of the same flow. */
  side?: "reporter" | "partner";
  flow?: string;
  year?: number;
  value?: number;
  file?: string | null;
  sheet?: string | null;
  line?: number | null;
  version?: string | null;
  retrieved?: string | null;
  ingestedAt?: string;
  citation?: string;
  estimate?: boolean;
  /** A third party's estimate for a reporter that published nothing (e.g. UNCTAD), not the reporter's report. */
  thirdParty?: boolean;
  note?: string | null;
  /** Why this dataset answered rather than another that also had the figure. */
  why?: string;
}

export interface IndicatorValue {
  indicator: string;
  a: string;
  b: string;
  year: number;
  value: number | null;
  unit: string;
  /** Present when value is null: why, and what to do instead. */
  reason?: string;
  /** Present when the value stands on thin or doubtful evidence: what to keep in mind. */
  caveat?: string;
  provenance: Provenance[];
  /** Indicator-specific extras (both sides' values, the window used, ...). */
  detail?: Record<string, unknown>;
}

/** A section or figure that is not there, and why (what is missing, what to do). */
export interface Absent {
  absent: string;
}

export interface ComputeOptions {
  /** arms.supplier_share: a window of years ending in `year`, as SIPRI's 5-year shares. */
  window?: number;
  /** trade.product_*: an HS code or named product group. */
  product?: string;
}

export interface IndicatorDef {
  name: string;
  unit: string;
  /** One sentence, as in DESIGN.md's catalogue. */
  definition: string;
  formula: string;
  sources: string[];
  citation: string;
  caveats?: string;
  /** Indicators of one country (macro.gdp) answer for A. */
  country?: boolean;
  /** Time-invariant (geo.*): any year answers. */
  timeless?: boolean;
  compute(
    store: Store,
    a: string,
    b: string,
    year: number,
    options?: ComputeOptions,
  ): Promise<IndicatorValue>;
}

export class UnknownIndicatorError extends Error {
  constructor(
    readonly indicator: string,
    known: string[],
  ) {
    super(
      `Unknown indicator "${indicator}". Known indicators: ${known.join(", ")}. \`dyad indicators\` describes them.`,
    );
    this.name = "UnknownIndicatorError";
  }
}

/** A value of the indicator, with its provenance and, where there is more to say, a detail. */
export function indicatorValue(
  def: Pick<IndicatorDef, "name" | "unit">,
  a: string,
  b: string,
  year: number,
  value: number,
  provenance: Provenance[],
  detail?: Record<string, unknown>,
): IndicatorValue {
  return {
    indicator: def.name,
    a,
    b,
    year,
    value,
    unit: def.unit,
    provenance,
    ...(detail ? { detail } : {}),
  };
}

export function nullValue(
  def: Pick<IndicatorDef, "name" | "unit">,
  a: string,
  b: string,
  year: number,
  reason: string,
  provenance: Provenance[] = [],
): IndicatorValue {
  return { indicator: def.name, a, b, year, value: null, unit: def.unit, reason, provenance };
}
