// The data an article's claims are checked against, loaded once per article: the trade flows among every
// country its claims name (one load, every year), coverage once per reporter, ranks once per pair. Each
// claim then reads its values from memory; a claim-dense article costs one load, not one per claim.
import { computeIndicator } from "../indicators/catalogue.ts";
import { TRADE_INDICATORS, type TradeContext } from "../indicators/trade.ts";
import {
  type FlowTable,
  loadCoverage,
  loadFlows,
  loadRanks,
  loadTurnoverRanks,
  type RankEntry,
} from "../indicators/trade-data.ts";
import type { IndicatorValue } from "../indicators/types.ts";
import type { Store } from "../store/index.ts";
import type { Claim } from "./types.ts";
import type { Compute } from "./verify.ts";

/** Above this many countries one load of all their flows costs more than loading pair by pair. */
const MAX_SHARED_CODES = 40;

const TRADE = new Map(TRADE_INDICATORS.map((t) => [t.name, t]));

export async function articleCompute(store: Store, claims: Claim[]): Promise<Compute> {
  const memo = new Map<string, Promise<IndicatorValue>>();
  const pairs = claims.filter((c) => c.indicator?.startsWith("trade.") && c.a && c.b && !c.unsure);
  const codes = [...new Set(pairs.flatMap((c) => [c.a as string, c.b as string]).concat("WLD"))];
  // Loaded at the first claim that asks, never before: a load no claim awaits (every trade claim of the
  // article found not checkable before its lookup, e.g. a sum in euros) would still be running when the
  // caller closes the store — DuckDB then fails it ("connection disconnected") as an unhandled rejection.
  const oneLoad = pairs.length > 0 && codes.length <= MAX_SHARED_CODES;
  let shared: Promise<{ flows: FlowTable; coverage: TradeContext["coverage"] }> | undefined;
  const perPair = new Map<string, Promise<{ flows: FlowTable; coverage: TradeContext["coverage"] }>>();
  const ranks = new Map<string, Promise<Map<string, RankEntry>>>();
  const dataFor = (a: string, b: string) => {
    if (oneLoad) {
      shared ??= Promise.all([
        loadFlows(store, codes, codes),
        loadCoverage(
          store,
          codes.filter((c) => c !== "WLD"),
        ),
      ]).then(([flows, coverage]) => ({ flows, coverage }));
      return shared;
    }
    const key = [a, b].sort().join("|");
    let p = perPair.get(key);
    if (!p) {
      const cs = [...new Set([a, b, "WLD"])];
      p = Promise.all([loadFlows(store, cs, cs), loadCoverage(store, [...new Set([a, b])])]).then(
        ([flows, coverage]) => ({ flows, coverage }),
      );
      perPair.set(key, p);
    }
    return p;
  };
  const ranksFor = (a: string, b: string, byTurnover: boolean) => {
    const key = `${a}|${b}|${byTurnover}`;
    let p = ranks.get(key);
    if (!p) {
      p = Promise.all([
        loadRanks(store, [...new Set([a, b])], { [a]: b, [b]: a }),
        byTurnover ? loadTurnoverRanks(store, a, b) : new Map<string, RankEntry>(),
      ]).then(([r, t]) => {
        for (const [k, v] of t) r.set(k, v);
        return r;
      });
      ranks.set(key, p);
    }
    return p;
  };
  return (name, a, b, year) => {
    const key = `${name}|${a}|${b}|${year}`;
    let p = memo.get(key);
    if (!p) {
      const trade = TRADE.get(name);
      p = trade
        ? (async () => {
            const data = await dataFor(a, b);
            const r = name.endsWith("_rank")
              ? await ranksFor(a, b, name === "trade.trade_rank")
              : new Map<string, RankEntry>();
            return trade.fromContext({ a, b, flows: data.flows, ranks: r, coverage: data.coverage }, year);
          })()
        : computeIndicator(store, name, a, b, year);
      memo.set(key, p);
    }
    return p;
  };
}
