// The trade indicators of the catalogue. Each is a pure function of a TradeContext (the flows between A, B
// and the World, both sides' reports, ranks, coverage), so the profile computes every year from one load.
import type { Store } from "../store/index.ts";
import { TRADE_RELATION } from "../store/relations/trade.ts";
import {
  type Coverage,
  describeRange,
  type Flow,
  type FlowReport,
  FlowTable,
  formatUsd,
  loadChoices,
  loadCoverage,
  loadFlows,
  loadRanks,
  loadTurnoverRanks,
  name,
  provenanceOf,
  type RankEntry,
} from "./trade-data.ts";
import type { IndicatorDef, IndicatorValue, Provenance } from "./types.ts";

export { TRADE_RELATION };

export interface TradeContext {
  a: string;
  b: string;
  flows: FlowTable;
  ranks: Map<string, RankEntry>;
  coverage: Map<string, Coverage>;
}

export interface ContextParts {
  /** Ranks are read only by the rank indicators; coverage only to explain a missing value. */
  ranks?: boolean;
  coverage?: boolean;
  /** B's rank among A's partners by turnover: computed on demand, only trade.trade_rank reads it. */
  turnoverRank?: boolean;
  /** false: the trade relation's choices only, without the reports behind them (a single value). */
  reports?: boolean;
}

export async function loadTradeContext(
  store: Store,
  a: string,
  b: string,
  years?: [number, number],
  parts: ContextParts = { ranks: true, coverage: true },
): Promise<TradeContext> {
  const codes = [...new Set([a, b, "WLD"])];
  const pair = [...new Set([a, b])];
  const [flows, ranks, coverage, turnoverRanks] = await Promise.all([
    parts.reports === false
      ? loadChoices(store, codes, codes, years).then((c) => new FlowTable([], c))
      : loadFlows(store, codes, codes, years),
    parts.ranks ? loadRanks(store, pair, { [a]: b, [b]: a }, years) : new Map<string, RankEntry>(),
    parts.coverage ? loadCoverage(store, pair) : new Map<string, Coverage>(),
    parts.turnoverRank ? loadTurnoverRanks(store, a, b, years) : new Map<string, RankEntry>(),
  ]);
  for (const [k, v] of turnoverRanks) ranks.set(k, v);
  return { a, b, flows, ranks, coverage };
}

const IMF_CITATION =
  "IMF, Direction of Trade Statistics; national customs series and UN Comtrade where loaded";

type Computed = {
  value: number | null;
  reason?: string;
  provenance: Provenance[];
  detail?: Record<string, unknown>;
};

/**
 * Where a trade indicator's context comes from: the store (loadTradeContext, loadCoverage) or, in the
 * server, the trade tables held in memory (trade-index.ts), which build the same context with no query.
 */
export interface ContextSource {
  context(
    a: string,
    b: string,
    years: [number, number],
    parts: ContextParts,
  ): TradeContext | Promise<TradeContext>;
  coverage(reporters: string[]): Map<string, Coverage> | Promise<Map<string, Coverage>>;
  /** Every report of the flows of these reporters with A, B and the World, where `context` gave choices only. */
  reports?(ctx: TradeContext, reporters: string[], years: [number, number]): Promise<FlowTable>;
}

export interface TradeIndicator extends IndicatorDef {
  fromContext(ctx: TradeContext, year: number): IndicatorValue;
  /** `compute`, its context taken from `source`. */
  computeFrom(source: ContextSource, a: string, b: string, year: number): Promise<IndicatorValue>;
}

export function storeSource(store: Store): ContextSource {
  return {
    context: (a, b, years, parts) => loadTradeContext(store, a, b, years, { ...parts, reports: false }),
    coverage: (reporters) => loadCoverage(store, reporters),
    reports: (ctx, reporters, years) =>
      loadFlows(store, reporters, [...new Set([ctx.a, ctx.b, "WLD"])], years, ctx.flows.choiceMap()),
  };
}

function define(
  spec: Omit<IndicatorDef, "compute" | "sources" | "citation"> & {
    /** Years before `year` the computation reads (growth needs the previous year). */
    lookback?: number;
    calc: (ctx: TradeContext, year: number) => Computed;
  },
): TradeIndicator {
  const fromContext = (ctx: TradeContext, year: number): IndicatorValue => {
    const r = spec.calc(ctx, year);
    // Fields set in this order (reason before provenance, detail last), without spreading literals: a
    // profile makes hundreds of these.
    const out: IndicatorValue = {
      indicator: spec.name,
      a: ctx.a,
      b: ctx.b,
      year,
      value: r.value,
      unit: spec.unit,
    } as IndicatorValue;
    if (r.value === null) out.reason = r.reason ?? "no data";
    out.provenance = r.provenance;
    if (r.detail) out.detail = r.detail;
    return out;
  };
  return {
    name: spec.name,
    unit: spec.unit,
    definition: spec.definition,
    formula: spec.formula,
    caveats: spec.caveats,
    sources: ["imf-dots", "tidy-trade", "imts", "comtrade"],
    citation: IMF_CITATION,
    fromContext,
    computeFrom,
    compute: (store, a, b, year) => computeFrom(storeSource(store), a, b, year),
  };
  async function computeFrom(source: ContextSource, a: string, b: string, year: number) {
    // One value needs only the flows of two years; coverage is fetched when the value is missing, to say why.
    // From the store the context holds the trade relation's choices only (one lookup in the materialised
    // relation); the reports behind them are read for the reporters the answer's provenance names.
    const years: [number, number] = [year - (spec.lookback ?? 0), year];
    const ctx = await source.context(a, b, years, {
      ranks: spec.name.endsWith("_rank"),
      coverage: false,
      turnoverRank: spec.name === "trade.trade_rank",
    });
    const first = fromContext(ctx, year);
    const reporters = source.reports
      ? [...new Set(first.provenance.flatMap((p) => (p.reporter && p.flow ? [p.reporter] : [])))]
      : [];
    const [flows, coverage] = await Promise.all([
      source.reports && reporters.length ? source.reports(ctx, reporters, years) : ctx.flows,
      first.value === null ? source.coverage([...new Set([a, b])]) : ctx.coverage,
    ]);
    if (flows === ctx.flows && coverage === ctx.coverage) return first;
    return fromContext({ ...ctx, flows, coverage }, year);
  }
}

const FLOW_WORD: Record<Flow, string> = {
  exports: "exports to",
  imports: "imports from",
  turnover: "trade with",
};

/**
 * Reporters known not to publish trade by partner from a year on: only for these does a reason say the
 * reporter did not publish; elsewhere a gap is a gap of the loaded data, not of the publisher.
 */
const STOPPED_BY_PARTNER: Record<string, { from: number; note: string }> = {
  RUS: { from: 2022, note: "Russia's customs service stopped publishing trade by partner in 2022" },
};

/** Belgium and Luxembourg reported as one customs union (BLX) before 1997. */
function jointReport(code: string, year: number): string | undefined {
  if ((code === "BEL" || code === "LUX") && year < 1997)
    return `before 1997 ${name(code)} reported jointly with ${code === "BEL" ? "Luxembourg" : "Belgium"} as the Belgium-Luxembourg Economic Union: ask for BLX`;
  return undefined;
}

/**
 * Why a reporter's report of a flow is missing, from the reporter's coverage alone (the trade_coverage rows
 * of both parties, as loadCoverage reads them): the text every trade indicator gives, and the server's
 * in-memory answers too; `mirrorHint` names the mirror value to use instead, as trade.exports/imports do.
 */
export function tradeMissingReason(
  coverage: Map<string, Coverage>,
  reporter: string,
  partner: string,
  year: number,
  flow: Flow,
  mirrorHint?: string,
): string {
  const joint = jointReport(reporter, year) ?? jointReport(partner, year);
  const cov = coverage.get(`${reporter}|${flow}`) ?? coverage.get(`${reporter}|turnover`);
  const hint = `${joint ? `; ${joint}` : ""}${mirrorHint ? `; use ${mirrorHint}` : ""}`;
  const who = name(reporter);
  const partnerName = partner === "WLD" ? "the World" : name(partner);
  if (!cov || (!cov.byPartner.size && !cov.totals.size)) {
    return `the loaded sources hold no ${flow} reported by ${who}${hint}`;
  }
  if (partner !== "WLD" && !cov.byPartner.has(year)) {
    const stopped = STOPPED_BY_PARTNER[reporter];
    if (stopped && year >= stopped.from)
      return `${who} published no ${flow} by partner for ${year} (${stopped.note}); the loaded sources cover ${describeRange(cov.byPartner)}${hint}`;
    if (cov.totals.has(year)) {
      return `the loaded sources hold only ${who}'s total ${flow} for ${year}, not its ${flow} by partner (those cover ${describeRange(cov.byPartner)}): not in the loaded data, \`dyad fetch imts\` or \`dyad fetch comtrade\` may have them${hint}`;
    }
    return `the loaded sources hold no ${flow} by partner reported by ${who} for ${year}; they cover ${describeRange(cov.byPartner)}${hint}`;
  }
  if (partner === "WLD" && !cov.totals.has(year)) {
    return `the loaded sources hold no total ${flow} reported by ${who} for ${year}; they have its totals for ${describeRange(cov.totals)}${hint}`;
  }
  return `${who} reported no ${FLOW_WORD[flow]} ${partnerName} for ${year} in the loaded sources${hint}`;
}

// Turnover and trade shares are read by several indicators of the same year (asymmetry, salience and
// symmetry each need both shares): a profile computes each once per context. Results are not mutated.
// Keyed by the coverage map, which the reasons read: a context given coverage later gets fresh results.
// Keyed by the flow table as well: a single value computes first from the relation's choices, then again
// with the reports its provenance names (a new flow table), and must not get the first results back.
const memos = new WeakMap<FlowTable, WeakMap<Map<string, Coverage>, Map<string, Computed>>>();
function memoized(ctx: TradeContext, key: string, compute: () => Computed): Computed {
  let byCoverage = memos.get(ctx.flows);
  if (!byCoverage) {
    byCoverage = new WeakMap();
    memos.set(ctx.flows, byCoverage);
  }
  let memo = byCoverage.get(ctx.coverage);
  if (!memo) {
    memo = new Map();
    byCoverage.set(ctx.coverage, memo);
  }
  let hit = memo.get(key);
  if (!hit) {
    hit = compute();
    memo.set(key, hit);
  }
  return hit;
}

function reported(
  ctx: TradeContext,
  reporter: string,
  partner: string,
  year: number,
  flow: Flow,
  side: "reporter" | "partner",
) {
  const best = ctx.flows.best(reporter, partner, year, flow);
  if (!best) return undefined;
  return { report: best, provenance: provenanceOf(best, ctx.flows.all(reporter, partner, year, flow), side) };
}

const MIRROR_OF: Record<"exports" | "imports", "exports" | "imports"> = {
  exports: "imports",
  imports: "exports",
};

function ownFlow(flow: "exports" | "imports") {
  return (ctx: TradeContext, year: number): Computed => {
    const r = reported(ctx, ctx.a, ctx.b, year, flow, "reporter");
    if (r) return { value: r.report.value, provenance: [r.provenance] };
    const mirror = ctx.flows.best(ctx.b, ctx.a, year, MIRROR_OF[flow]);
    return {
      value: null,
      reason: tradeMissingReason(
        ctx.coverage,
        ctx.a,
        ctx.b,
        year,
        flow,
        mirror ? `trade.${flow}.mirror (${name(ctx.b)}'s report: ${formatUsd(mirror.value)})` : undefined,
      ),
      provenance: [],
    };
  };
}

function mirrorFlow(flow: "exports" | "imports") {
  return (ctx: TradeContext, year: number): Computed => {
    const r = reported(ctx, ctx.b, ctx.a, year, MIRROR_OF[flow], "partner");
    if (r) return { value: r.report.value, provenance: [r.provenance] };
    return {
      value: null,
      reason: tradeMissingReason(ctx.coverage, ctx.b, ctx.a, year, MIRROR_OF[flow]),
      provenance: [],
    };
  };
}

/**
 * A's turnover with a partner: exports + imports as A reports them, or the turnover A reported directly
 * (customs releases often give only the total) when that is at least as authoritative.
 */
export function turnoverOf(ctx: TradeContext, reporter: string, partner: string, year: number): Computed {
  return memoized(ctx, `t|${reporter}|${partner}|${year}`, () =>
    computeTurnover(ctx, reporter, partner, year),
  );
}

function computeTurnover(ctx: TradeContext, reporter: string, partner: string, year: number): Computed {
  // Which of the two answers is the trade relation's choice (src/store/relations/trade.ts), not decided here.
  const choice = ctx.flows.choice(reporter, partner, year);
  const x = reported(ctx, reporter, partner, year, "exports", "reporter");
  const m = reported(ctx, reporter, partner, year, "imports", "reporter");
  const t = reported(ctx, reporter, partner, year, "turnover", "reporter");
  if (choice?.turnoverKind === "turnover" && t && choice.turnoverValue !== null) {
    return { value: choice.turnoverValue, provenance: [t.provenance], detail: { reportedAs: "turnover" } };
  }
  if (choice?.turnoverKind === "sum" && x && m && choice.turnoverValue !== null) {
    return {
      value: choice.turnoverValue,
      provenance: [x.provenance, m.provenance],
      detail: { exports: x.report.value, imports: m.report.value },
    };
  }
  const missing = !x ? "exports" : "imports";
  return {
    value: null,
    reason: tradeMissingReason(ctx.coverage, reporter, partner, year, missing),
    provenance: [],
  };
}

function share(numerator: Computed, denominator: Computed): Computed {
  if (numerator.value === null) return numerator;
  if (denominator.value === null) return denominator;
  if (denominator.value === 0)
    return {
      value: null,
      reason: "the denominator is zero",
      provenance: [...numerator.provenance, ...denominator.provenance],
    };
  return {
    value: numerator.value / denominator.value,
    provenance: [...numerator.provenance, ...denominator.provenance],
    detail: { numerator: numerator.value, denominator: denominator.value },
  };
}

function flowShare(
  ctx: TradeContext,
  reporter: string,
  partner: string,
  year: number,
  flow: "exports" | "imports",
): Computed {
  const num = reported(ctx, reporter, partner, year, flow, "reporter");
  const mirror = ctx.flows.best(partner, reporter, year, MIRROR_OF[flow]);
  const numerator: Computed = num
    ? { value: num.report.value, provenance: [num.provenance] }
    : {
        value: null,
        reason: tradeMissingReason(
          ctx.coverage,
          reporter,
          partner,
          year,
          flow,
          mirror ? `trade.${flow === "exports" ? "export" : "import"}_share.mirror` : undefined,
        ),
        provenance: [],
      };
  const den = reported(ctx, reporter, "WLD", year, flow, "reporter");
  const denominator: Computed = den
    ? { value: den.report.value, provenance: [den.provenance] }
    : { value: null, reason: tradeMissingReason(ctx.coverage, reporter, "WLD", year, flow), provenance: [] };
  return share(numerator, denominator);
}

/** The partner's report of the flow over the reporter's own World total: for reporters that stopped publishing by partner. */
function mirrorShare(
  ctx: TradeContext,
  reporter: string,
  partner: string,
  year: number,
  flow: "exports" | "imports",
): Computed {
  const num = reported(ctx, partner, reporter, year, MIRROR_OF[flow], "partner");
  const numerator: Computed = num
    ? { value: num.report.value, provenance: [num.provenance] }
    : {
        value: null,
        reason: tradeMissingReason(ctx.coverage, partner, reporter, year, MIRROR_OF[flow]),
        provenance: [],
      };
  const den = reported(ctx, reporter, "WLD", year, flow, "reporter");
  const denominator: Computed = den
    ? { value: den.report.value, provenance: [den.provenance] }
    : { value: null, reason: tradeMissingReason(ctx.coverage, reporter, "WLD", year, flow), provenance: [] };
  const out = share(numerator, denominator);
  if (out.value !== null) {
    out.detail = {
      ...out.detail,
      basis: `${name(partner)}'s ${MIRROR_OF[flow]} (${MIRROR_OF[flow] === "imports" ? "CIF" : "FOB"}) over ${name(reporter)}'s total ${flow}`,
    };
  }
  return out;
}

function tradeShare(ctx: TradeContext, reporter: string, partner: string, year: number): Computed {
  return memoized(ctx, `s|${reporter}|${partner}|${year}`, () =>
    computeTradeShare(ctx, reporter, partner, year),
  );
}

function computeTradeShare(ctx: TradeContext, reporter: string, partner: string, year: number): Computed {
  const t = turnoverOf(ctx, reporter, partner, year);
  const x = reported(ctx, reporter, "WLD", year, "exports", "reporter");
  const m = reported(ctx, reporter, "WLD", year, "imports", "reporter");
  const total: Computed =
    x && m
      ? { value: x.report.value + m.report.value, provenance: [x.provenance, m.provenance] }
      : {
          value: null,
          reason: tradeMissingReason(ctx.coverage, reporter, "WLD", year, x ? "imports" : "exports"),
          provenance: [],
        };
  return share(t, total);
}

function rank(flow: "exports" | "imports" | "turnover") {
  return (ctx: TradeContext, year: number): Computed => {
    const entry = ctx.ranks.get(`${ctx.a}|${year}|${flow}`);
    if (!entry) {
      const own = ctx.flows.best(ctx.a, ctx.b, year, flow);
      return {
        value: null,
        reason: own
          ? `${name(ctx.a)}'s ${flow} to all partners for ${year} are not in one dataset, so no rank can be formed`
          : tradeMissingReason(ctx.coverage, ctx.a, ctx.b, year, flow),
        provenance: [],
      };
    }
    return {
      value: entry.rank,
      provenance: [
        {
          source: entry.dataset.split(":")[0],
          dataset: entry.dataset,
          reporter: ctx.a,
          side: "reporter",
          flow,
          year,
        },
      ],
      detail: { of: entry.of },
    };
  };
}

function combineShares(
  ctx: TradeContext,
  year: number,
  combine: (sa: number, sb: number) => number,
): Computed {
  const sa = tradeShare(ctx, ctx.a, ctx.b, year);
  const sb = tradeShare(ctx, ctx.b, ctx.a, year);
  if (sa.value === null) return sa;
  if (sb.value === null) return sb;
  return {
    value: combine(sa.value, sb.value),
    provenance: [...sa.provenance, ...sb.provenance],
    detail: { shareA: sa.value, shareB: sb.value },
  };
}

export const tradeExports = define({
  name: "trade.exports",
  unit: "USD",
  definition: "A's exports to B as reported by A (FOB)",
  formula: "X(A→B) reported by A",
  calc: ownFlow("exports"),
});

export const tradeExportsMirror = define({
  name: "trade.exports.mirror",
  unit: "USD",
  definition: "B's imports from A as reported by B (CIF)",
  formula: "M(B←A) reported by B",
  caveats:
    "CIF values include freight and insurance, so they exceed the exporter's FOB figure by a few per cent.",
  calc: mirrorFlow("exports"),
});

export const tradeImports = define({
  name: "trade.imports",
  unit: "USD",
  definition: "A's imports from B as reported by A (CIF)",
  formula: "M(A←B) reported by A",
  calc: ownFlow("imports"),
});

export const tradeImportsMirror = define({
  name: "trade.imports.mirror",
  unit: "USD",
  definition: "B's exports to A as reported by B (FOB)",
  formula: "X(B→A) reported by B",
  calc: mirrorFlow("imports"),
});

export const tradeTurnover = define({
  name: "trade.turnover",
  unit: "USD",
  definition: "trade.exports + trade.imports: A's total trade with B as A reports it",
  formula: "X(A→B) + M(A←B), or the turnover A reported directly",
  calc: (ctx, year) => turnoverOf(ctx, ctx.a, ctx.b, year),
});

export const tradeTurnoverGrowth = define({
  name: "trade.turnover.growth",
  unit: "fraction",
  definition: "turnover in Y / turnover in Y−1 − 1",
  formula: "T(Y) / T(Y−1) − 1",
  caveats:
    "When the two years come from different datasets, part of the change can be a change of source; the provenance names both.",
  lookback: 1,
  calc: (ctx, year) => {
    const now = turnoverOf(ctx, ctx.a, ctx.b, year);
    const before = turnoverOf(ctx, ctx.a, ctx.b, year - 1);
    if (now.value === null) return now;
    if (before.value === null) return { ...before, reason: `no turnover for ${year - 1}: ${before.reason}` };
    if (before.value === 0)
      return { value: null, reason: `turnover in ${year - 1} was zero`, provenance: [] };
    return {
      value: now.value / before.value - 1,
      provenance: [...now.provenance, ...before.provenance],
      detail: { turnover: now.value, previous: before.value },
    };
  },
});

export const tradeBalance = define({
  name: "trade.balance",
  unit: "USD",
  definition: "trade.exports − trade.imports",
  formula: "X(A→B) − M(A←B), both reported by A",
  calc: (ctx, year) => {
    const x = ownFlow("exports")(ctx, year);
    const m = ownFlow("imports")(ctx, year);
    if (x.value === null) return x;
    if (m.value === null) return m;
    return { value: x.value - m.value, provenance: [...x.provenance, ...m.provenance] };
  },
});

export const tradeExportShare = define({
  name: "trade.export_share",
  unit: "fraction",
  definition: "A's exports to B / A's exports to the World (both as reported by A)",
  formula: "X(A→B) / X(A→World)",
  calc: (ctx, year) => flowShare(ctx, ctx.a, ctx.b, year, "exports"),
});

export const tradeImportShare = define({
  name: "trade.import_share",
  unit: "fraction",
  definition: "A's imports from B / A's imports from the World (both as reported by A)",
  formula: "M(A←B) / M(A←World)",
  calc: (ctx, year) => flowShare(ctx, ctx.a, ctx.b, year, "imports"),
});

export const tradeExportShareMirror = define({
  name: "trade.export_share.mirror",
  unit: "fraction",
  definition: "B's imports from A as reported by B / A's exports to the World as reported by A",
  formula: "M(B←A) by B / X(A→World) by A",
  caveats:
    "For reporters that publish totals but no partner breakdown (Russia from 2022). The numerator is CIF, the denominator FOB, so the share is overstated by the freight margin (a few per cent of the share).",
  calc: (ctx, year) => mirrorShare(ctx, ctx.a, ctx.b, year, "exports"),
});

export const tradeImportShareMirror = define({
  name: "trade.import_share.mirror",
  unit: "fraction",
  definition: "B's exports to A as reported by B / A's imports from the World as reported by A",
  formula: "X(B→A) by B / M(A←World) by A",
  caveats: "The numerator is FOB, the denominator CIF, so the share is understated by the freight margin.",
  calc: (ctx, year) => mirrorShare(ctx, ctx.a, ctx.b, year, "imports"),
});

export const tradeTradeShare = define({
  name: "trade.trade_share",
  unit: "fraction",
  definition: "A's turnover with B / A's total trade with the World",
  formula: "(X(A→B) + M(A←B)) / (X(A→World) + M(A←World))",
  calc: (ctx, year) => tradeShare(ctx, ctx.a, ctx.b, year),
});

export const tradeExportRank = define({
  name: "trade.export_rank",
  unit: "rank",
  definition: "rank of B among A's export destinations (1 = largest; countries only)",
  formula: "rank of X(A→B) among X(A→c) for every country c, within one dataset",
  calc: rank("exports"),
});

export const tradeImportRank = define({
  name: "trade.import_rank",
  unit: "rank",
  definition: "rank of B among A's import origins (1 = largest; countries only)",
  formula: "rank of M(A←B) among M(A←c) for every country c, within one dataset",
  calc: rank("imports"),
});

export const tradeTradeRank = define({
  name: "trade.trade_rank",
  unit: "rank",
  definition:
    "rank of B among A's trading partners by turnover, exports + imports (1 = largest; countries only)",
  formula: "rank of X(A→B) + M(A←B) among X(A→c) + M(A←c) for every country c, within one dataset",
  caveats:
    'Within the best dataset that reports both of A\'s flows by at least ten country partners that year; news calls rank 1 "the biggest trading partner". Groups (the EU) are not countries and never rank.',
  calc: rank("turnover"),
});

export const tradeAsymmetry = define({
  name: "trade.asymmetry",
  unit: "ratio",
  definition:
    "trade.trade_share(A,B) / trade.trade_share(B,A): how many times more A depends on B than B on A",
  formula: "S_A / S_B",
  calc: (ctx, year) => {
    const sb = tradeShare(ctx, ctx.b, ctx.a, year);
    if (sb.value === 0)
      return {
        value: null,
        reason: `${name(ctx.b)}'s trade share with ${name(ctx.a)} is zero`,
        provenance: [],
      };
    return combineShares(ctx, year, (a, b) => a / b);
  },
});

export const tradeSalience = define({
  name: "trade.salience",
  unit: "fraction",
  definition: "√(S_A·S_B), S = trade share (Barbieri 1996)",
  formula: "sqrt(S_A × S_B)",
  calc: (ctx, year) => combineShares(ctx, year, (a, b) => Math.sqrt(a * b)),
});

export const tradeSymmetry = define({
  name: "trade.symmetry",
  unit: "fraction",
  definition: "1 − |S_A − S_B| (Barbieri 1996)",
  formula: "1 − |S_A − S_B|",
  calc: (ctx, year) => combineShares(ctx, year, (a, b) => 1 - Math.abs(a - b)),
});

export const tradeIntensity = define({
  name: "trade.intensity",
  unit: "ratio",
  definition: "(X_AB / X_A) / (X_wB / X_w): A's export share to B over B's share in world imports",
  formula: "(X(A→B)/X(A→World)) / (X(World→B)/X(World→World))",
  caveats: "World figures are the IMF's World aggregate; without it the index is not computed.",
  calc: (ctx, year) => {
    const own = flowShare(ctx, ctx.a, ctx.b, year, "exports");
    if (own.value === null) return own;
    const wb = reported(ctx, "WLD", ctx.b, year, "exports", "reporter");
    const ww = reported(ctx, "WLD", "WLD", year, "exports", "reporter");
    if (!wb || !ww || ww.report.value === 0) {
      return {
        value: null,
        reason: `no World export figures for ${year} in the loaded sources (they come with the IMF workbooks)`,
        provenance: own.provenance,
      };
    }
    return {
      value: own.value / (wb.report.value / ww.report.value),
      provenance: [...own.provenance, wb.provenance, ww.provenance],
      detail: { exportShare: own.value, worldShareOfB: wb.report.value / ww.report.value },
    };
  },
});

export const TRADE_INDICATORS: TradeIndicator[] = [
  tradeExports,
  tradeExportsMirror,
  tradeImports,
  tradeImportsMirror,
  tradeTurnover,
  tradeTurnoverGrowth,
  tradeBalance,
  tradeExportShare,
  tradeImportShare,
  tradeExportShareMirror,
  tradeImportShareMirror,
  tradeTradeShare,
  tradeExportRank,
  tradeImportRank,
  tradeTradeRank,
  tradeAsymmetry,
  tradeSalience,
  tradeSymmetry,
  tradeIntensity,
];

export type { FlowReport };
