// Stage: measure. What a figure measures (turnover, exports, a share, a rank, growth, energy, arms, or
// something outside the catalogue), and the indicator that can check it.
import { CLAUSE_PENALTY, type Cue, inside, nearest, RE, type SentenceCues } from "./cues.ts";
import type { Quantity } from "./numbers.ts";
import type { Span } from "./types.ts";

function fuelOf(words: string): { fuel: "pipeline_gas" | "lng" | "oil" | "coal" | null; label: string } {
  const w = words.toLowerCase();
  if (/lng|flüssiggas/.test(w)) return { fuel: "lng", label: "LNG" };
  if (/pipeline/.test(w)) return { fuel: "pipeline_gas", label: "pipeline gas" };
  if (/gas|kubikmeter|cubic/.test(w)) return { fuel: "pipeline_gas", label: "gas (read as pipeline gas)" };
  if (/öl|oil|crude|petroleum|barrel/.test(w)) return { fuel: "oil", label: "oil" };
  if (/kohle|coal/.test(w)) return { fuel: "coal", label: "coal" };
  return { fuel: null, label: "energy" };
}

export interface Linked {
  measure: string;
  indicator: string | null;
  derived?: "growth" | "change";
  outside?: string;
  /** Which flow the direction rules apply to. */
  /** supplier-share: A's share of B's imports (arms, energy): B owns the imports, A supplies them. */
  flow: "turnover" | "exports" | "imports" | "rank-buyer" | "rank-supplier" | "supplier-share" | "pair";
  /** Anchor of the measure word (for the owner country). */
  at?: Cue;
  /** Indicator values are in another unit than the claim's base unit: multiply the claim by this. */
  factor?: number;
  negativeGrowth?: boolean;
  skip?: boolean;
}
export function link(text: string, q: Quantity, clause: Span, sentence: Span, sc: SentenceCues): Linked {
  // A cue in the figure's own clause beats any cue elsewhere in the sentence.
  const find = (re: RegExp, max = Number.POSITIVE_INFINITY) => {
    const own = nearest(inside(sc.get(re), clause), q, max);
    if (own) return own;
    const far = nearest(sc.get(re), q, max);
    return far ? { cue: far.cue, dist: far.dist + CLAUSE_PENALTY } : undefined;
  };
  const near = text.slice(Math.max(sentence.start, q.start - 8), q.start);
  const after = text.slice(q.end, Math.min(sentence.end, q.end + 40));
  // "fell to 18 percent", "stieg auf 62 Milliarden": a level after the change, not the change itself.
  const levelAfterChange = /(?:\b(?:to|at|from)|auf|bei|von)\s+$/iu.test(near);
  const shareOf = /^\s*(?:of|der|des|aller|am|an)(?![\p{L}])/iu.test(after);
  const turnover = find(RE.turnover);
  const exports = find(RE.exports);
  const imports = find(RE.imports);
  const growth = find(RE.growth);
  const energy = find(RE.energy);
  const arms = find(RE.arms);
  const outside = find(RE.outside);
  const balance = find(RE.balance);
  const tradeDist = Math.min(
    turnover?.dist ?? 1e9,
    exports?.dist ?? 1e9,
    imports?.dist ?? 1e9,
    balance?.dist ?? 1e9,
  );
  // Import/export words inside "Im- und Exporte" are the turnover's.
  const flow = (): { flow: "turnover" | "exports" | "imports"; at?: Cue } => {
    const t = turnover?.dist ?? 1e9;
    const e = exports?.dist ?? 1e9;
    const i = imports?.dist ?? 1e9;
    if (t <= e && t <= i) return { flow: "turnover", at: turnover?.cue };
    return e <= i ? { flow: "exports", at: exports?.cue } : { flow: "imports", at: imports?.cue };
  };

  if (q.kind === "rank") {
    const buyer = find(RE.rankBuyer, 60);
    const supplier = find(RE.rankSupplier, 60);
    const partner = find(RE.rankPartner, 60);
    const best = [
      { k: "buyer" as const, d: buyer?.dist ?? 1e9, cue: buyer?.cue },
      { k: "supplier" as const, d: supplier?.dist ?? 1e9, cue: supplier?.cue },
      { k: "partner" as const, d: partner?.dist ?? 1e9, cue: partner?.cue },
    ].sort((x, y) => x.d - y.d)[0];
    if (best.d >= 1e9) return { measure: "rank", indicator: null, flow: "pair", skip: true };
    if (energy && energy.dist < 60)
      return {
        measure: `rank among ${best.k}s of energy`,
        indicator: null,
        outside: `rank among ${best.k}s of energy (the catalogue has energy shares, not ranks)`,
        flow: best.k === "supplier" ? "rank-supplier" : "rank-buyer",
        at: best.cue,
      };
    if (arms && arms.dist < 60)
      return {
        measure: `rank among arms ${best.k}s`,
        indicator: null,
        outside: `rank among arms ${best.k}s`,
        flow: best.k === "supplier" ? "rank-supplier" : "rank-buyer",
        at: best.cue,
      };
    if (best.k === "partner")
      return {
        measure: "rank among trading partners",
        indicator: null,
        outside:
          "rank among trading partners by turnover (the catalogue ranks export destinations and import origins)",
        flow: "rank-buyer",
        at: best.cue,
      };
    return best.k === "buyer"
      ? {
          measure: "rank among export destinations",
          indicator: "trade.export_rank",
          flow: "rank-buyer",
          at: best.cue,
        }
      : {
          measure: "rank among import origins",
          indicator: "trade.import_rank",
          flow: "rank-supplier",
          at: best.cue,
        };
  }

  if (
    outside &&
    outside.dist < tradeDist &&
    outside.dist < (energy?.dist ?? 1e9) &&
    outside.dist < (arms?.dist ?? 1e9) &&
    outside.dist < 50
  ) {
    return {
      measure: outside.cue.word,
      indicator: null,
      outside: `a figure about ${outside.cue.word}, not trade, energy or arms`,
      flow: "pair",
    };
  }
  if (q.kind === "multiple")
    return {
      measure: "multiple",
      indicator: null,
      outside: "a multiple of an earlier or another value",
      flow: "pair",
    };
  if (
    q.kind === "fraction" &&
    /^\s*(?:(?:of\s+)?(?:the|their|its|des|der|dem)\s+)?(?:\d{4}\s+)?(?:levels?|Niveaus?|Werts?)(?![\p{L}])|^\s*(?:so|as)\s+(?:viel|hoch|groß|much|high|large)/iu.test(
      after,
    )
  )
    return {
      measure: "comparison",
      indicator: null,
      outside: "a comparison with an earlier level",
      flow: "pair",
    };

  // Compound words such as "arms imports" or "crude imports" carry a flow word next to the field's word.
  // A share may sit in a clause of its own ("down from 76 percent"): then the sentence's field decides.
  const isShare = q.kind === "percent" || q.kind === "fraction";
  const fieldReach = isShare ? 2 * CLAUSE_PENALTY : CLAUSE_PENALTY;
  if (arms && arms.dist < fieldReach && arms.dist < tradeDist + 20 && arms.dist < (energy?.dist ?? 1e9)) {
    if (q.kind === "physical" && q.unit === "TIV")
      return { measure: "arms deliveries (TIV)", indicator: "arms.tiv", flow: "exports", factor: 1e-6 };
    if (q.kind === "percent" || q.kind === "fraction") {
      if ((exports?.dist ?? 1e9) < Math.min(40, imports?.dist ?? 1e9))
        return {
          measure: "share of arms exports",
          indicator: null,
          outside:
            "a share of one country's arms exports (the catalogue has the supplier's share of the buyer's arms imports)",
          flow: "supplier-share",
          at: arms.cue,
        };
      return {
        measure: "share of arms imports",
        indicator: "arms.supplier_share",
        flow: "supplier-share",
        at: imports?.cue ?? arms.cue,
      };
    }
    return {
      measure: "arms",
      indicator: null,
      outside: "the money value of arms deals (SIPRI measures deliveries in TIV, not money)",
      flow: "exports",
    };
  }

  const physicalFuel = q.kind === "physical" && ["m3", "t", "bbl", "EJ"].includes(q.unit);
  if (physicalFuel || (energy && energy.dist < fieldReach && energy.dist < tradeDist + 20)) {
    const { fuel, label } = fuelOf(
      text.slice(sentence.start, sentence.end) + (q.unit === "bbl" ? " oil" : ""),
    );
    if (q.kind === "physical" && fuel) {
      const factor =
        q.unit === "m3"
          ? 1e-9
          : q.unit === "t"
            ? 1e-6
            : q.unit === "EJ"
              ? 1
              : q.unit === "bbl"
                ? 365 / 7.33 / 1e6
                : Number.NaN;
      const unitOk = (fuel === "coal") === (q.unit === "EJ");
      if (Number.isFinite(factor) && unitOk)
        return { measure: `${label} exports`, indicator: `energy.${fuel}`, flow: "exports", factor };
      return {
        measure: `${label} volume`,
        indicator: null,
        outside: `${label} in ${q.unit}, a unit the energy indicators do not use`,
        flow: "exports",
      };
    }
    if ((q.kind === "percent" || q.kind === "fraction") && fuel && (shareOf || levelAfterChange || !growth))
      return {
        measure: `share of ${label} imports`,
        indicator: `energy.${fuel}_share`,
        flow: "supplier-share",
        at: (shareOf && imports?.cue) || energy?.cue,
      };
    if (q.kind === "amount")
      return {
        measure: `value of ${label} trade`,
        indicator: null,
        outside: `the money value of ${label} trade (energy indicators count volumes)`,
        flow: "exports",
      };
    return {
      measure: label,
      indicator: null,
      outside: `a figure about ${label} the catalogue does not hold`,
      flow: "exports",
    };
  }

  const f = flow();
  const hasTrade = tradeDist < 1e9;
  if (q.kind === "percent" || q.kind === "points" || q.kind === "fraction") {
    const isGrowth = growth && growth.dist < CLAUSE_PENALTY && !levelAfterChange && !shareOf;
    if (isGrowth && q.kind === "percent") {
      const neg = Boolean(find(RE.negativeGrowth, 60));
      if (f.flow === "turnover" || !hasTrade)
        return {
          measure: "growth of turnover",
          indicator: "trade.turnover.growth",
          flow: "turnover",
          negativeGrowth: neg,
        };
      return {
        measure: `growth of ${f.flow}`,
        indicator: `trade.${f.flow}`,
        derived: "growth",
        flow: f.flow,
        at: f.at,
        negativeGrowth: neg,
      };
    }
    if (isGrowth)
      return {
        measure: `change (${q.kind})`,
        indicator: null,
        outside: q.kind === "points" ? "a change in percentage points" : "a change as a fraction",
        flow: "pair",
      };
    if (!hasTrade)
      return {
        measure: q.kind,
        indicator: null,
        outside: "a share or rate of something other than trade, energy or arms",
        flow: "pair",
      };
    if (f.flow === "exports")
      return { measure: "export share", indicator: "trade.export_share", flow: "exports", at: f.at };
    if (f.flow === "imports")
      return { measure: "import share", indicator: "trade.import_share", flow: "imports", at: f.at };
    return { measure: "trade share", indicator: "trade.trade_share", flow: "turnover", at: f.at };
  }
  if (q.kind === "amount") {
    if (!hasTrade)
      return {
        measure: "money",
        indicator: null,
        outside: "a sum of money not tied to trade, energy or arms",
        flow: "pair",
      };
    if (balance && balance.dist < CLAUSE_PENALTY)
      return { measure: "trade balance", indicator: "trade.balance", flow: "exports", at: balance.cue };
    if (growth && growth.dist < CLAUSE_PENALTY && /(?:um|by)\s+$/iu.test(near))
      return {
        measure: `change of ${f.flow}`,
        indicator: f.flow === "turnover" ? "trade.turnover" : `trade.${f.flow}`,
        derived: "change",
        flow: f.flow,
        at: f.at,
        negativeGrowth: Boolean(find(RE.negativeGrowth, 60)),
      };
    return { measure: f.flow, indicator: `trade.${f.flow}`, flow: f.flow, at: f.at };
  }
  return { measure: q.kind, indicator: null, outside: `a ${q.kind} figure`, flow: "pair" };
}
