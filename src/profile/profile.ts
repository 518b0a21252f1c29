// A dyad's indicators over every year with data: the one structure the CLI table, the JSON, the dossier,
// the dashboard and the claim checker read.
import { type Entity, registry } from "../countries/index.ts";
import { mirrorGap } from "../indicators/mirror-gaps.ts";
import { type ProductSection, productSection } from "../indicators/product.ts";
import type { RelationMemory } from "../indicators/relation-memory.ts";
import {
  type ContextParts,
  loadTradeContext,
  TRADE_INDICATORS,
  type TradeContext,
  turnoverOf,
} from "../indicators/trade.ts";
import type { IndicatorValue } from "../indicators/types.ts";
import { checkYearSpan } from "../indicators/years.ts";
import type { Store } from "../store/index.ts";
import { type Absent, type BeyondTradeSections, beyondTradeSections } from "./beyond-trade.ts";
import { type KeyFigure, keyFigures } from "./key-figures.ts";

export type { KeyFigure };

export interface Party {
  code: string;
  en: string;
  de: string;
}

export interface Series {
  indicator: string;
  a: string;
  b: string;
  unit: string;
  values: IndicatorValue[];
}

/** One row of the trade table: both flows from both sides, turnover, shares, ranks, asymmetry. */
export interface TradeYear {
  year: number;
  /** A's exports to B: A's report and B's mirror report. */
  abExports: number | null;
  abExportsMirror: number | null;
  /** B's exports to A: B's report and A's mirror report. */
  baExports: number | null;
  baExportsMirror: number | null;
  turnover: number | null;
  /** Whose report the turnover is (A's own where A reported the flows, else B's). */
  turnoverReporter: string | null;
  /** The turnover's reporter differs from the previous year's: the series changes hands here. */
  reporterSwitch: boolean;
  /** Growth within one reporter's series: both years from `growthReporter`'s own reports. */
  growth: number | null;
  growthReporter: string | null;
  aExportShare: number | null;
  aImportShare: number | null;
  bExportShare: number | null;
  bImportShare: number | null;
  /** The mirror shares, for years a side published totals but no partner breakdown. */
  aExportShareMirror: number | null;
  aImportShareMirror: number | null;
  bExportShareMirror: number | null;
  bImportShareMirror: number | null;
  aTradeShare: number | null;
  bTradeShare: number | null;
  /** B's rank among A's export destinations and import origins; and A's among B's. */
  bRankForAExports: number | null;
  bRankForAImports: number | null;
  aRankForBExports: number | null;
  aRankForBImports: number | null;
  asymmetry: number | null;
  /** The largest turnover so far in the series of the same reporter (records never compare two reporters). */
  record: boolean;
  /** Fields whose value rests on a figure its publisher flags as an estimate. */
  estimated: string[];
  /** Fields whose value is a third party's estimate for a side that published nothing (e.g. UNCTAD). */
  thirdParty: string[];
  /**
   * Flows whose exporter's and importer's reports differ beyond valuation (GAP_RULE: 3× and ≥ 0.1 bn USD):
   * "abExports" (A→B) and/or "baExports" (B→A). One of the two reports is likely wrong.
   */
  gaps: string[];
}

export interface Profile {
  a: Party;
  b: Party;
  from: number | null;
  to: number | null;
  years: number[];
  trade: {
    table: TradeYear[];
    series: Series[];
  };
  /** Further dimensions (UN votes, arms, energy, GDP, geography, goods), each with its years or an absent reason. */
  sections: ProfileSections;
  /** What the profile shows first: each key figure's latest year, own report or else the mirror. */
  keyFigures: KeyFigure[];
  /** Every dataset any value used. */
  sources: {
    dataset: string;
    publisher?: string;
    citation?: string;
    version?: string | null;
    retrieved?: string | null;
  }[];
}

export type ProfileSections = Omit<BeyondTradeSections, "a" | "b" | "from" | "to"> & {
  goods: ProductSection | Absent;
  [more: string]: unknown;
};

export interface ProfileOptions {
  /** false: the trade part only, without UN votes, arms, energy, GDP, geography and goods. */
  sections?: boolean;
  from?: number;
  to?: number;
  /**
   * The store's tables held in memory (a server's, loaded at start): the profile is built from them with no
   * query, to the same result as from the store. Absent: the store answers (the CLI, one profile).
   */
  memory?: ProfileMemory;
}

/** What a profile reads from memory instead of the store. */
export interface ProfileMemory {
  /** The trade tables (indicators/trade-index.ts): the pair's context over its whole history. */
  trade: {
    context(
      a: string,
      b: string,
      years: undefined,
      parts: ContextParts,
    ): TradeContext | Promise<TradeContext>;
  };
  /** The materialised relations (indicators/relation-memory.ts): the further sections. */
  relations: RelationMemory;
}

function party(e: Entity): Party {
  return { code: e.code, en: e.en, de: e.de };
}

/** The profile's span of years, checked; `names` are how the caller's user wrote the bounds. */
export function validateYears(options: ProfileOptions, names?: { from: string; to: string }): void {
  checkYearSpan(options, names);
}

const ESTIMATE_FIELDS: Record<string, [string, "a" | "b"]> = {
  abExports: ["trade.exports", "a"],
  abExportsMirror: ["trade.exports.mirror", "a"],
  baExports: ["trade.exports", "b"],
  baExportsMirror: ["trade.exports.mirror", "b"],
  turnover: ["trade.turnover", "a"],
};
const ESTIMATE_ENTRIES = Object.entries(ESTIMATE_FIELDS);

export async function buildProfile(
  store: Store,
  aInput: string,
  bInput: string,
  options: ProfileOptions = {},
): Promise<Profile> {
  validateYears(options);
  const a = registry.resolve(aInput);
  const b = registry.resolve(bInput);
  if (a.code === b.code)
    throw new Error(`A dyad needs two different countries; both are ${a.en} (${a.code}).`);
  // All years are loaded even for a window: a record is the largest turnover of the whole history. The
  // further dimensions are independent of trade, so their queries run beside it.
  const withSections = options.sections !== false;
  const memory = options.memory;
  const parts: ContextParts = { ranks: true, coverage: true };
  const [ctx, beyondSections, goods] = await Promise.all([
    memory
      ? memory.trade.context(a.code, b.code, undefined, parts)
      : loadTradeContext(store, a.code, b.code, undefined, parts),
    withSections ? beyondTradeSections(store, a.code, b.code, options, memory?.relations) : undefined,
    withSections
      ? productSection(store, a.code, b.code, undefined, memory?.relations)
      : { absent: "not requested (sections: false)" },
  ]);
  const reverse = { ...ctx, a: b.code, b: a.code };
  // Years with any bilateral figure, from either side; World totals alone do not make a year of the dyad.
  const bilateral = (y: number) =>
    (["exports", "imports", "turnover"] as const).some(
      (f) => ctx.flows.best(a.code, b.code, y, f) || ctx.flows.best(b.code, a.code, y, f),
    );
  const years = ctx.flows
    .years()
    .filter(
      (y) =>
        (options.from === undefined || y >= options.from) && (options.to === undefined || y <= options.to),
    )
    .filter(bilateral);

  const series: Series[] = [];
  // Each series's values by the position of their year in `years` (every series has every year), per side.
  const get = new Map<string, Map<string, IndicatorValue[]>>([
    [a.code, new Map()],
    [b.code, new Map()],
  ]);
  for (const def of TRADE_INDICATORS) {
    for (const [x, y, c] of [
      [a.code, b.code, ctx],
      [b.code, a.code, reverse],
    ] as const) {
      if ((def.name === "trade.salience" || def.name === "trade.symmetry") && x === b.code) continue;
      const values = years.map((year) => def.fromContext(c, year));
      series.push({ indicator: def.name, a: x, b: y, unit: def.unit, values });
      get.get(x)?.set(def.name, values);
    }
  }
  /** The value of a series in the year at position `i` of `years`. */
  const v = (name: string, from: string, i: number) => get.get(from)?.get(name)?.[i]?.value ?? null;
  const flagged = (i: number, flag: "estimate" | "thirdParty") =>
    ESTIMATE_ENTRIES.filter(([, [indicator, side]]) =>
      get
        .get(side === "a" ? a.code : b.code)
        ?.get(indicator)
        ?.[i]?.provenance.some((p) => p[flag]),
    ).map(([field]) => field);

  // Records compare a reporter's figure with that reporter's earlier figures only, over the whole history
  // (also the years before a window): a jump from one side's statistics to the other's is no record.
  const best = new Map<string, number>();
  for (const year of ctx.flows.years()) {
    if (options.from === undefined || year >= options.from) break;
    for (const [c, r] of [
      [ctx, a.code],
      [reverse, b.code],
    ] as const) {
      const t = turnoverOf(c, r, r === a.code ? b.code : a.code, year).value;
      if (t !== null && t > (best.get(r) ?? Number.NEGATIVE_INFINITY)) best.set(r, t);
    }
  }
  let previousReporter: string | null = null;
  const table: TradeYear[] = years.map((year, i) => {
    const ta = v("trade.turnover", a.code, i);
    const tb = v("trade.turnover", b.code, i);
    const turnoverReporter = ta !== null ? a.code : tb !== null ? b.code : null;
    const turnover = ta ?? tb;
    let record = false;
    for (const [r, t] of [
      [a.code, ta],
      [b.code, tb],
    ] as const) {
      if (t === null) continue;
      const before = best.get(r) ?? Number.NEGATIVE_INFINITY;
      if (r === turnoverReporter) record = t > before && before > Number.NEGATIVE_INFINITY;
      if (t > before) best.set(r, t);
    }
    // The growth of the shown series where its reporter has both years, else the other side's own growth.
    const other = turnoverReporter === a.code ? b.code : a.code;
    const gShown = turnoverReporter ? v("trade.turnover.growth", turnoverReporter, i) : null;
    const gOther = turnoverReporter ? v("trade.turnover.growth", other, i) : null;
    const growthReporter = gShown !== null ? turnoverReporter : gOther !== null ? other : null;
    const reporterSwitch =
      turnoverReporter !== null && previousReporter !== null && turnoverReporter !== previousReporter;
    if (turnoverReporter) previousReporter = turnoverReporter;
    return {
      year,
      abExports: v("trade.exports", a.code, i),
      abExportsMirror: v("trade.exports.mirror", a.code, i),
      baExports: v("trade.exports", b.code, i),
      baExportsMirror: v("trade.exports.mirror", b.code, i),
      turnover,
      turnoverReporter,
      reporterSwitch,
      growth: gShown ?? gOther,
      growthReporter,
      aExportShare: v("trade.export_share", a.code, i),
      aImportShare: v("trade.import_share", a.code, i),
      bExportShare: v("trade.export_share", b.code, i),
      bImportShare: v("trade.import_share", b.code, i),
      aExportShareMirror: v("trade.export_share.mirror", a.code, i),
      aImportShareMirror: v("trade.import_share.mirror", a.code, i),
      bExportShareMirror: v("trade.export_share.mirror", b.code, i),
      bImportShareMirror: v("trade.import_share.mirror", b.code, i),
      aTradeShare: v("trade.trade_share", a.code, i),
      bTradeShare: v("trade.trade_share", b.code, i),
      bRankForAExports: v("trade.export_rank", a.code, i),
      bRankForAImports: v("trade.import_rank", a.code, i),
      aRankForBExports: v("trade.export_rank", b.code, i),
      aRankForBImports: v("trade.import_rank", b.code, i),
      asymmetry: v("trade.asymmetry", a.code, i),
      record,
      estimated: flagged(i, "estimate"),
      gaps: [
        ...(mirrorGap(v("trade.exports", a.code, i), v("trade.exports.mirror", a.code, i))
          ? ["abExports"]
          : []),
        ...(mirrorGap(v("trade.exports", b.code, i), v("trade.exports.mirror", b.code, i))
          ? ["baExports"]
          : []),
      ],
      thirdParty: flagged(i, "thirdParty"),
    };
  });

  const notRequested = { absent: "not requested (sections: false)" };
  const {
    a: _a,
    b: _b,
    from: _from,
    to: _to,
    ...beyond
  } = beyondSections ?? {
    a,
    b,
    from: 0,
    to: 0,
    un: notRequested,
    arms: notRequested,
    energy: notRequested,
    macro: notRequested,
    geo: notRequested,
    invest: notRequested,
    military: notRequested,
    energySince2000: notRequested,
  };
  const sections: ProfileSections = { ...beyond, goods };
  return {
    a: party(a),
    b: party(b),
    from: options.from ?? null,
    to: options.to ?? null,
    years,
    trade: { table, series },
    keyFigures: keyFigures(table, a.code, b.code),
    sections,
    sources: collectSources(series),
  };
}

function collectSources(series: Series[]): Profile["sources"] {
  const out = new Map<string, Profile["sources"][number]>();
  for (const s of series)
    for (const x of s.values)
      for (const p of x.provenance) {
        if (out.has(p.dataset)) continue;
        out.set(p.dataset, {
          dataset: p.dataset,
          publisher: p.publisher,
          citation: p.citation,
          version: p.version,
          retrieved: p.retrieved,
        });
      }
  return [...out.values()].sort((x, y) => x.dataset.localeCompare(y.dataset));
}

/** The values of one indicator from A's side (or B's, with `from`) as a year → value map. */
export function seriesOf(
  profile: Profile,
  indicator: string,
  from: string = profile.a.code,
): Series | undefined {
  return profile.trade.series.find((s) => s.indicator === indicator && s.a === from);
}
