// Verdicts: each linked claim against the store, through the catalogue, from both sides' statistics where
// the catalogue has both (A's own report and B's mirror), year by year, with the tolerance shown.
import { countryName } from "../countries/index.ts";
import type { IndicatorValue } from "../indicators/types.ts";
import type { Store } from "../store/index.ts";
import type { Claim } from "./extract.ts";

export type Verdict =
  | "consistent"
  | "consistent with one side's statistics only"
  | "inconsistent"
  | "not checkable";

export type Compute = (name: string, a: string, b: string, year: number) => Promise<IndicatorValue>;

export interface SideValue {
  /** The economy whose statistics answered (for mirror shares: whose report of the flow). */
  side: string | null;
  /** "A's own report", "B's report of the same flow (mirror)". */
  label: string;
  indicator: string;
  a: string;
  b: string;
  value: number | null;
  reason?: string;
  /** Within the tolerance (for a negated claim: outside it); null when there is no value. */
  agrees: boolean | null;
  /** It agrees only once the CIF/FOB valuation band is allowed for: why (see VALUATION_BAND). */
  valuation?: string;
  /** Claim minus value, in the claim's unit; null when there is no value. */
  difference: number | null;
  sources: string[];
  detail?: Record<string, unknown>;
}

export interface YearCheck {
  year: number;
  verdict: Verdict;
  sides: SideValue[];
  reason?: string;
}

export interface Tolerance {
  low: number | null;
  high: number | null;
  /** In words: "±0.5 bn USD (rounding of 245 bn) + 1 % (valuation, revisions)". */
  text: string;
}

export interface Evidence {
  indicator: string | null;
  a: string | null;
  b: string | null;
  years: number[];
  tolerance: Tolerance | null;
  perYear: YearCheck[];
  sources: string[];
  /** One sentence a reader can check: which years, whose figures, how far off. */
  summary: string;
}

export interface CheckedClaimVerdict {
  verdict: Verdict;
  reason?: string;
  evidence: Evidence;
}

/** An allowance for what differs between honest figures of the same thing, by kind of quantity. */
function allowance(claim: Claim): { abs: number; rel: number; why: string } {
  if (claim.kind === "rank") return { abs: 0, rel: 0, why: "" };
  if (claim.indicator?.endsWith(".growth") || claim.derived === "growth")
    return { abs: 0.001, rel: 0, why: "0.1 pp for revisions and the currency the rate was computed in" };
  // Direct investment has no CIF/FOB margin: only revisions differ between honest figures of one cell.
  if (claim.indicator?.startsWith("invest.")) {
    if (claim.kind === "percent" || claim.kind === "fraction")
      return { abs: 0.001, rel: 0, why: "0.1 pp for revisions" };
    return { abs: 0, rel: 0.01, why: "1 % for revisions" };
  }
  if (claim.kind === "percent" || claim.kind === "fraction" || claim.kind === "points")
    return { abs: 0.005, rel: 0, why: "0.5 pp for CIF/FOB valuation and revisions" };
  return { abs: 0, rel: 0.01, why: "1 % for valuation (CIF/FOB), revisions and currency conversion" };
}

export function toleranceOf(claim: Claim): Tolerance {
  const al = allowance(claim);
  const pad = (v: number) => al.abs + al.rel * Math.abs(v);
  const low = claim.low === null ? null : claim.low - pad(claim.low);
  const high = claim.high === null ? null : claim.high + pad(claim.high);
  const fmt = (v: number) => formatValue(v, claim);
  const parts: string[] = [];
  if (claim.kind !== "rank")
    parts.push(`rounding of "${claim.text}" ±${formatDifference(claim.precision, claim)}`);
  if (claim.hedge) parts.push(`hedge "${claim.hedge.word}" (${claim.hedge.kind})`);
  if (al.why) parts.push(al.why);
  const range =
    low === null
      ? `at most ${fmt(high as number)}`
      : high === null
        ? `at least ${fmt(low)}`
        : `${fmt(low)} to ${fmt(high)}`;
  return { low, high, text: `${range}${parts.length ? ` (${parts.join("; ")})` : ""}` };
}

/** A difference between two values: percentage points for shares and rates. */
export function formatDifference(v: number, claim: Pick<Claim, "kind" | "unit" | "indicator">): string {
  const pct = formatValue(v, claim);
  return pct.endsWith(" %") ? `${pct.slice(0, -2)} pp` : pct;
}

export function formatValue(v: number, claim: Pick<Claim, "kind" | "unit" | "indicator">): string {
  if (!Number.isFinite(v)) return String(v);
  if (claim.kind === "rank") return `${Math.round(v)}`;
  if (
    claim.kind === "percent" ||
    claim.kind === "fraction" ||
    claim.kind === "points" ||
    claim.indicator?.includes("share") ||
    claim.indicator?.endsWith("growth")
  ) {
    return `${(v * 100).toFixed(Math.abs(v) < 0.1 ? 2 : 1)} %`;
  }
  if (claim.kind === "amount" || claim.unit === "USD") {
    const a = Math.abs(v);
    const unit = claim.unit || "USD";
    if (a >= 1e12) return `${(v / 1e12).toFixed(3)} tn ${unit}`;
    if (a >= 1e9) return `${(v / 1e9).toFixed(2)} bn ${unit}`;
    if (a >= 1e6) return `${(v / 1e6).toFixed(2)} m ${unit}`;
    return `${v.toFixed(0)} ${unit}`;
  }
  return `${Number(v.toPrecision(4))}${claim.unit ? ` ${claim.unit}` : ""}`;
}

interface SidePlan {
  indicator: string;
  a: string;
  b: string;
  side: "a" | "b";
  label: string;
  /** The indicator's value maps to the claim's scale: sign flip for the mirror balance. */
  sign?: number;
}

function plan(claim: Claim, a: string, b: string): SidePlan[] {
  // A country's total: only its own statistics; the World reports nothing of its own.
  if (b === "WLD")
    return [
      { indicator: claim.indicator as string, a, b, side: "a", label: `${countryName(a)}'s own statistics` },
    ];
  const an = countryName(a);
  const bn = countryName(b);
  const own = (indicator: string, label = `${an}'s own statistics`): SidePlan => ({
    indicator,
    a,
    b,
    side: "a",
    label,
  });
  switch (claim.indicator) {
    case "trade.turnover":
    case "trade.turnover.growth":
      return [
        own(claim.indicator),
        { indicator: claim.indicator, a: b, b: a, side: "b", label: `${bn}'s own statistics` },
      ];
    case "trade.exports":
    case "trade.imports":
      return [
        own(claim.indicator),
        {
          indicator: `${claim.indicator}.mirror`,
          a,
          b,
          side: "b",
          label: `${bn}'s report of the same flow (mirror)`,
        },
      ];
    case "trade.export_share":
    case "trade.import_share":
      return [
        own(claim.indicator),
        {
          indicator: `${claim.indicator}.mirror`,
          a,
          b,
          side: "b",
          label: `${bn}'s report of the flow over ${an}'s own total`,
        },
      ];
    case "trade.balance":
      return [
        own("trade.balance"),
        {
          indicator: "trade.balance",
          a: b,
          b: a,
          side: "b",
          label: `${bn}'s own statistics (sign reversed)`,
          sign: -1,
        },
      ];
    // Energy: the bilateral matrix of the year's newest edition (its provenance names edition, sheet, cell).
    case "energy.pipeline_gas":
    case "energy.lng":
    case "energy.oil":
    case "energy.coal":
      return [
        own(
          claim.indicator,
          `${an}'s exports to ${bn} in the Statistical Review's bilateral ${claim.indicator.slice(7).replace("_", " ")} matrix for the year (the newest edition that has it)`,
        ),
      ];
    case "energy.pipeline_gas_share":
    case "energy.lng_share":
    case "energy.oil_share":
    case "energy.coal_share":
      return [
        own(
          claim.indicator,
          `${an}'s share of ${bn}'s imports in the Statistical Review's bilateral ${claim.indicator.slice(7, -6).replace("_", " ")} matrix for the year (the newest edition that has it)`,
        ),
      ];
    // Direct investment: each side's figure says what it is, so the verdict names its basis.
    case "invest.position":
      return [
        own(
          "invest.position",
          `${an}'s own report: its outward direct-investment position in ${bn}, a stock at the end of the year (IMF CDIS Table 6-o)`,
        ),
        {
          indicator: "invest.position.mirror",
          a,
          b,
          side: "b",
          label: `${bn}'s report of the same stock: its inward position from ${an} (IMF CDIS Table 6-i)`,
        },
      ];
    case "invest.flow":
      return [
        {
          indicator: "invest.flow",
          a,
          b,
          side: "b",
          label: `${bn}'s report of direct-investment flows into it from ${an} within the year (UNCTAD bilateral FDI statistics)`,
        },
      ];
    case "invest.outward_share":
      return [
        own(
          "invest.outward_share",
          `${an}'s own report: ${bn}'s share of its total outward direct-investment position at the end of the year (IMF CDIS Table 6-o)`,
        ),
      ];
    case "invest.inward_share":
      return [
        {
          indicator: "invest.inward_share",
          a,
          b,
          side: "b",
          label: `${an}'s share of ${bn}'s total inward direct-investment position at the end of the year (IMF CDIS; ${bn}'s total from CDIS_Reporters.xlsx)`,
        },
      ];
    default:
      return [own(claim.indicator as string, `${claim.indicator} for ${an} and ${bn}`)];
  }
}

function sourcesOf(v: IndicatorValue): string[] {
  const out = new Set<string>();
  for (const p of v.provenance ?? []) {
    const who = p.publisher ?? p.source;
    // The file and cell where the provenance names them ("CDIS_..._2020.xlsx, Table 6!BA187").
    const file = p.file ? p.file.split(/[\\/]/).pop() : null;
    const what = [
      who,
      p.reporter ? `${p.reporter} reporting` : null,
      p.year ? String(p.year) : null,
      p.flow ?? null,
      p.version && p.dataset === "ei-energy" ? p.version : null,
      p.sheet && file ? `${file}, ${p.sheet}${p.line ? `, line ${p.line}` : ""}` : null,
      !p.sheet && p.line && file ? `${file}, line ${p.line}` : null,
    ]
      .filter(Boolean)
      .join(", ");
    out.add(what);
  }
  return [...out];
}

async function sideValue(
  compute: Compute,
  p: SidePlan,
  claim: Claim,
  year: number,
  tol: Tolerance,
): Promise<SideValue> {
  const base = { side: p.side === "a" ? p.a : p.b, label: p.label, indicator: p.indicator, a: p.a, b: p.b };
  const get = async (
    y: number,
  ): Promise<IndicatorValue | { value: null; reason: string; provenance: [] }> => {
    try {
      return await compute(p.indicator, p.a, p.b, y);
    } catch (err) {
      return { value: null, reason: (err as Error).message, provenance: [] };
    }
  };
  const now = await get(year);
  let value = now.value === null ? null : now.value * (p.sign ?? 1);
  let reason = now.value === null ? ((now as IndicatorValue).reason ?? "no data") : undefined;
  let sources = sourcesOf(now as IndicatorValue);
  const detail = (now as IndicatorValue).detail;
  if (claim.derived && value !== null) {
    const prev = await get(year - 1);
    sources = [...new Set([...sources, ...sourcesOf(prev as IndicatorValue)])];
    if (prev.value === null) {
      reason = `no value for ${year - 1}, the year the change is measured from: ${(prev as IndicatorValue).reason ?? "no data"}`;
      value = null;
    } else {
      const before = prev.value * (p.sign ?? 1);
      value = claim.derived === "growth" ? (before === 0 ? null : value / before - 1) : value - before;
      if (value === null) reason = `the value for ${year - 1} is zero`;
    }
  }
  if (value === null) return { ...base, value: null, reason, agrees: null, difference: null, sources };
  const within = (tol.low === null || value >= tol.low) && (tol.high === null || value <= tol.high);
  const band = within || claim.negated || claim.derived ? null : VALUATION_BAND[p.indicator];
  let valuation: string | undefined;
  if (
    band &&
    (tol.low === null || value >= tol.low * band.low) &&
    (tol.high === null || value <= tol.high * band.high)
  )
    valuation = band.why;
  // A balance is exports minus imports: its imports side carries the CIF/FOB margin, so the balance may lie
  // that far from a figure on customs values (the US Census's) — up to 1 − 1/1.1 of the imports behind it.
  if (!within && !claim.negated && !claim.derived && p.indicator === "trade.balance") {
    const m = await compute("trade.imports", p.a, p.b, year).catch(() => null);
    if (m?.value) {
      const margin = m.value * (1 - 1 / 1.1);
      if (
        (tol.low === null || value >= tol.low - margin) &&
        (tol.high === null || value <= tol.high + margin)
      )
        valuation = `the imports behind the balance (${formatValue(m.value, claim)}) are valued CIF, up to ${formatValue(margin, claim)} above customs or FOB values`;
    }
  }
  const agrees = claim.negated ? !within : within || valuation !== undefined;
  return {
    ...base,
    value,
    agrees,
    ...(valuation ? { valuation } : {}),
    difference: claim.quantity - value,
    sources,
    ...(detail ? { detail } : {}),
  };
}

/**
 * How far the other side's report of the same flow may lie from a claim for valuation alone: imports are
 * valued CIF (cost, insurance, freight) by most reporters, exports FOB (free on board); the freight and
 * insurance margin is a few per cent and the IMF's DOTS assumes 10 % where it must estimate. So B's imports
 * (CIF) may exceed A's exports (FOB) by up to 10 %, and B's exports may fall short of A's imports by as much.
 * Shares from the mirror carry the same margin in their numerator; balances the margin of their imports
 * (see sideValue). Documented in docs/CLAIMS.md.
 */
const VALUATION_BAND: Record<string, { low: number; high: number; why: string }> = {
  "trade.exports.mirror": {
    low: 1,
    high: 1.1,
    why: "the partner values its imports CIF, up to 10 % above FOB exports",
  },
  "trade.export_share.mirror": {
    low: 1,
    high: 1.1,
    why: "the partner's imports (CIF) over FOB exports: up to 10 % above",
  },
  "trade.imports.mirror": {
    low: 1 / 1.1,
    high: 1,
    why: "the partner values its exports FOB, up to 10 % below CIF imports",
  },
  "trade.import_share.mirror": {
    low: 1 / 1.1,
    high: 1,
    why: "the partner's exports (FOB) over CIF imports: up to 10 % below",
  },
};

function yearVerdict(sides: SideValue[]): { verdict: Verdict; reason?: string } {
  const withValue = sides.filter((s) => s.value !== null);
  if (!withValue.length)
    return { verdict: "not checkable", reason: sides.map((s) => `${s.label}: ${s.reason}`).join("; ") };
  const agree = withValue.filter((s) => s.agrees);
  if (agree.length === withValue.length) return { verdict: "consistent" };
  if (agree.length > 0) return { verdict: "consistent with one side's statistics only" };
  return { verdict: "inconsistent" };
}

function notCheckable(claim: Claim, reason: string): CheckedClaimVerdict {
  return {
    verdict: "not checkable",
    reason,
    evidence: {
      indicator: claim.indicator,
      a: claim.a,
      b: claim.b,
      years: claim.period.years,
      tolerance: null,
      perYear: [],
      sources: [],
      summary: `Not checkable: ${reason}.`,
    },
  };
}

export async function verifyClaim(
  store: Store,
  claim: Claim,
  compute?: Compute,
): Promise<CheckedClaimVerdict> {
  if (claim.unsure) return notCheckable(claim, claim.unsure);
  if (!claim.indicator)
    return notCheckable(claim, `outside the catalogue: ${claim.outside ?? claim.measure}`);
  if (!claim.a || !claim.b) return notCheckable(claim, "could not tell the two countries");
  if (claim.scope === "goods and services")
    return notCheckable(
      claim,
      "the figure includes services (as headline trade figures of the US and the UK do); the store holds trade in goods",
    );
  if (claim.period.partial)
    return notCheckable(
      claim,
      `not checkable against annual data: "${claim.period.text}" is part of a year (monthly data are not loaded)`,
    );
  if (!claim.period.years.length)
    return notCheckable(claim, claim.period.note ?? "no period could be resolved");
  if (claim.kind === "amount" && claim.unit !== "USD")
    return notCheckable(
      claim,
      `the figure is in ${claim.unit}; the store holds US dollars and no exchange rates`,
    );
  const run = compute ?? (await defaultCompute(store));
  const tol = toleranceOf(claim);
  const perYear: YearCheck[] = [];
  for (const year of claim.period.years) {
    const sides = await Promise.all(
      plan(claim, claim.a, claim.b).map((p) => sideValue(run, p, claim, year, tol)),
    );
    perYear.push({ year, sides, ...yearVerdict(sides) });
  }
  const checked = perYear.filter((y) => y.verdict !== "not checkable");
  const unchecked = perYear.filter((y) => y.verdict === "not checkable");
  let verdict: Verdict;
  let reason: string | undefined;
  if (!checked.length) {
    verdict = "not checkable";
    reason = unchecked.map((y) => `${y.year}: ${y.reason}`).join(" | ");
  } else if (checked.some((y) => y.verdict === "inconsistent")) verdict = "inconsistent";
  else if (checked.some((y) => y.verdict === "consistent with one side's statistics only"))
    verdict = "consistent with one side's statistics only";
  else verdict = "consistent";
  const sources = [...new Set(perYear.flatMap((y) => y.sides.flatMap((s) => s.sources)))];
  const byValuation = perYear.flatMap((y) => y.sides).find((s) => s.valuation && s.agrees);
  if (byValuation && verdict !== "inconsistent" && verdict !== "not checkable")
    reason = `consistent with ${byValuation.label} (valuation difference: ${byValuation.valuation})`;
  return {
    verdict,
    ...(reason ? { reason } : {}),
    evidence: {
      indicator: claim.indicator,
      a: claim.a,
      b: claim.b,
      years: claim.period.years,
      tolerance: tol,
      perYear,
      sources,
      summary: summarise(claim, verdict, perYear, tol),
    },
  };
}

function summarise(claim: Claim, verdict: Verdict, perYear: YearCheck[], tol: Tolerance): string {
  const parts: string[] = [];
  for (const y of perYear) {
    const found = y.sides.filter((s) => s.value !== null);
    if (!found.length) {
      parts.push(`${y.year}: not checkable (${[...new Set(y.sides.map((s) => s.reason))].join("; ")})`);
      continue;
    }
    const vals = y.sides
      .map((s) =>
        s.value === null
          ? `${s.label}: none`
          : `${s.label}: ${formatValue(s.value, claim)}${s.agrees ? (s.valuation ? " (agrees within the valuation band)" : " (agrees)") : ` (claim minus this: ${formatDifference(s.difference as number, claim)})`}`,
      )
      .join("; ");
    parts.push(`${y.year}: ${y.verdict} — ${vals}`);
  }
  const neg = claim.negated ? "stated as not holding; " : "";
  return `${verdict}. Claim ${neg}"${claim.text}" (${claim.measure}, ${claim.a}–${claim.b}), accepted range ${tol.text}. ${parts.join(". ")}.`;
}

async function defaultCompute(store: Store): Promise<Compute> {
  // Loaded on first use so the number parser and extractor work without the indicator modules.
  const { computeIndicator } = await import("../indicators/catalogue.ts");
  return (name, a, b, year) => computeIndicator(store, name, a, b, year);
}
