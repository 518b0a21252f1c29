// Stage: measure. What a figure measures (turnover, exports, a share, a rank, growth, energy, arms, or
// something outside the catalogue), and the indicator that can check it.

import { findCountries } from "./countries.ts";
import {
  CLAUSE_PENALTY,
  type Cue,
  firstMatch,
  inside,
  nearest,
  PRODUCT_FLOW,
  RE,
  SERVICES,
  type SentenceCues,
} from "./cues.ts";
import { linkInvestment } from "./invest.ts";
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

export type Flow = "turnover" | "exports" | "imports" | "balance";

export interface Linked {
  measure: string;
  indicator: string | null;
  derived?: "growth" | "change";
  outside?: string;
  /** Which flow the direction rules apply to. supplier-share: A's share of B's imports (arms, energy): B
   * owns the imports, A supplies them. */
  flow:
    | Flow
    | "rank-buyer"
    | "rank-supplier"
    | "rank-partner"
    | "supplier-share"
    | "pair"
    /** Direct investment: A invests in B; invest-inward: a share of B's inward position, A the investor. */
    | "invest"
    | "invest-inward";
  /** How a figure was read where the sentence leaves room (investment: a stock or a flow). */
  basis?: string;
  /** Anchor of the measure word (for the owner country). */
  at?: Cue;
  /** Indicator values are in another unit than the claim's base unit: multiply the claim by this. */
  factor?: number;
  negativeGrowth?: boolean;
  skip?: boolean;
  /** Why the figure cannot be read with confidence ("could not tell ..."): then it gets no verdict. */
  unsure?: string;
  /** The measure was taken from the sentence before ("das Wachstum" after a sentence on trade). */
  carried?: boolean;
  /** Goods (the store's scope), goods and services, or one product. */
  scope: "goods" | "goods and services" | "product" | "n/a";
  product?: string;
}

/** What the sentence before was about, for a figure whose own sentence names no measure. */
export interface Topic {
  flow: Flow;
}

/** How a figure relates to its measure: a level, a change of it, a share of it, or percentage points. */
type FigureClass = "amount" | "amount-change" | "share" | "growth" | "points";

type Rule =
  | { indicator: string; derived?: "growth" | "change"; measure: string; flow: Flow }
  | { outside: string; measure: string };

/**
 * The linking table: figure class × measure word → indicator. A row is read as "a <class> of <flow>
 * is checked by <indicator>"; `none` is a figure whose sentence names no trade measure.
 */
export const TRADE_TABLE: Record<FigureClass, Record<Flow | "none", Rule>> = {
  amount: {
    turnover: { indicator: "trade.turnover", measure: "turnover", flow: "turnover" },
    exports: { indicator: "trade.exports", measure: "exports", flow: "exports" },
    imports: { indicator: "trade.imports", measure: "imports", flow: "imports" },
    balance: { indicator: "trade.balance", measure: "trade balance", flow: "balance" },
    none: { outside: "a sum of money not tied to trade, energy or arms", measure: "money" },
  },
  "amount-change": {
    turnover: {
      indicator: "trade.turnover",
      derived: "change",
      measure: "change of turnover",
      flow: "turnover",
    },
    exports: { indicator: "trade.exports", derived: "change", measure: "change of exports", flow: "exports" },
    imports: { indicator: "trade.imports", derived: "change", measure: "change of imports", flow: "imports" },
    balance: {
      indicator: "trade.balance",
      derived: "change",
      measure: "change of the trade balance",
      flow: "balance",
    },
    none: { outside: "a change of a sum the sentence does not tie to trade", measure: "money" },
  },
  growth: {
    turnover: { indicator: "trade.turnover.growth", measure: "growth of turnover", flow: "turnover" },
    exports: { indicator: "trade.exports", derived: "growth", measure: "growth of exports", flow: "exports" },
    imports: { indicator: "trade.imports", derived: "growth", measure: "growth of imports", flow: "imports" },
    balance: {
      indicator: "trade.balance",
      derived: "growth",
      measure: "change of the trade balance",
      flow: "balance",
    },
    none: { outside: "a change of something the sentence does not tie to trade", measure: "change" },
  },
  share: {
    turnover: { indicator: "trade.trade_share", measure: "share of total trade", flow: "turnover" },
    exports: { indicator: "trade.export_share", measure: "export share", flow: "exports" },
    imports: { indicator: "trade.import_share", measure: "import share", flow: "imports" },
    balance: { outside: "a share or rate of a trade balance", measure: "share" },
    none: { outside: "a share or rate of something other than trade, energy or arms", measure: "share" },
  },
  points: {
    turnover: { outside: "a change in percentage points", measure: "change (points)" },
    exports: { outside: "a change in percentage points", measure: "change (points)" },
    imports: { outside: "a change in percentage points", measure: "change (points)" },
    balance: { outside: "a change in percentage points", measure: "change (points)" },
    none: { outside: "a change in percentage points", measure: "change (points)" },
  },
};

export function link(
  text: string,
  q: Quantity,
  clause: Span,
  sentence: Span,
  sc: SentenceCues,
  topic: Topic | null = null,
): Linked {
  const l = linkMeasure(text, q, clause, sentence, sc, topic);
  return { scope: "goods", ...l } as Linked;
}

type Draft = Omit<Linked, "scope"> & { scope?: Linked["scope"] };

function linkMeasure(
  text: string,
  q: Quantity,
  clause: Span,
  sentence: Span,
  sc: SentenceCues,
  topic: Topic | null,
): Draft {
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
  const shareWord = find(RE.share, 60);
  const tradeDist = Math.min(
    turnover?.dist ?? 1e9,
    exports?.dist ?? 1e9,
    imports?.dist ?? 1e9,
    balance?.dist ?? 1e9,
  );
  if (q.kind === "rank") {
    // "ihm folgt Deutschland an zweiter Stelle": a place without its own noun ranks on the sentence's noun;
    // any other rank word needs its noun in its own clause ("die fünftgrößte Volkswirtschaft" is no trade rank).
    const place = /(?:Stelle|Platz|Rang|place|position)$/iu.test(q.text);
    const reach = place ? Number.POSITIVE_INFINITY : 60;
    const buyer = find(RE.rankBuyer, reach);
    const supplier = find(RE.rankSupplier, reach);
    const partner = find(RE.rankPartner, reach);
    const best = [
      { k: "buyer" as const, d: buyer?.dist ?? 1e9, cue: buyer?.cue },
      { k: "supplier" as const, d: supplier?.dist ?? 1e9, cue: supplier?.cue },
      { k: "partner" as const, d: partner?.dist ?? 1e9, cue: partner?.cue },
    ].sort((x, y) => x.d - y.d)[0];
    if (best.d >= 1e9 || (!place && best.d >= CLAUSE_PENALTY))
      return { measure: "rank", indicator: null, flow: "pair", skip: true };
    // "der größte Empfänger von Geldsendungen": a rank among recipients of something other than trade.
    const rankNoun = best.cue as Cue;
    const tail = text.slice(rankNoun.end, Math.min(sentence.end, rankNoun.end + 40));
    const other = firstMatch(RE.outside, tail);
    // "the largest export market for Australian iron ore", "größter Abnehmer deutscher Autos": a rank in
    // one product's trade, not in all goods (goods, exports and countries themselves do not count).
    // The product is the noun that closes the phrase: "for Australian iron ore.", "deutscher Autos.".
    const close = String.raw`(?=\s*(?:[,.;:]|$|\s+(?:und|oder|and|or|in|to|from|nach|aus)(?![\p{L}])))`;
    const good =
      new RegExp(
        String.raw`^\s+(?:of|for)\s+(?:(?:the|its|their)\s+)?(?:[\p{L}.]+\s+){0,2}?(\p{Ll}{3,})${close}`,
        "u",
      ).exec(tail) ??
      new RegExp(String.raw`^\s+(?:(?:von|für)\s+)?\p{Ll}+e[rns]?\s+(\p{Lu}\p{L}{2,})${close}`, "u").exec(
        tail,
      );
    const head = good?.[1] ?? "";
    if (good && !other && !GOODS_WORDS.test(head)) {
      const country = findCountries(head).length > 0;
      const energyWord = firstMatch(RE.energy, head) !== null;
      if (!country && !energyWord)
        return {
          measure: `rank among ${best.k}s of ${head}`,
          indicator: null,
          outside: `a rank in the trade of one product (${head}), not of all goods`,
          flow: "pair",
          scope: "product",
          product: head,
        };
    }
    if (other)
      return {
        measure: `rank among ${best.k}s of ${other[0]}`,
        indicator: null,
        outside: `a rank among ${best.k}s of ${other[0]}, not of trade`,
        flow: "pair",
      };
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
        measure: "rank among trading partners (by turnover)",
        indicator: "trade.trade_rank",
        flow: "rank-partner",
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

  // Direct investment between two economies, before the words outside the catalogue (which hold
  // "investment" for the firms' and projects' figures that stay there).
  const invest = linkInvestment(
    text,
    q,
    clause,
    sentence,
    () => findCountries(text, clause.start, clause.end).map((m) => m.start),
    Math.min(tradeDist, energy?.dist ?? 1e9, arms?.dist ?? 1e9),
  );
  if (invest) return { ...invest, scope: "n/a" };

  if (
    outside &&
    outside.dist < tradeDist &&
    outside.dist < (energy?.dist ?? 1e9) &&
    outside.dist < (arms?.dist ?? 1e9) &&
    outside.dist < 80
  ) {
    return {
      measure: outside.cue.word,
      indicator: null,
      outside: `a figure about ${outside.cue.word}, not trade, energy or arms`,
      flow: "pair",
    };
  }
  // A sum without a scale word below a million ("dollars 1.3218", "104.76 yen", "55.57 pence") is a price or
  // an exchange rate: trade between countries is counted in millions and billions.
  if (q.kind === "amount" && q.scale === 1 && Math.abs(q.value) < 1e6)
    return {
      measure: "price or exchange rate",
      indicator: null,
      outside: "a price or exchange rate (a sum below a million without a scale word), not a trade total",
      flow: "pair",
    };
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
    // "Oil accounts for 70% of Russia's exports to China": oil's part of all exports, not a supplier's share.
    if (
      (q.kind === "percent" || q.kind === "fraction") &&
      /^\s*(?:of|der|des|aller)\s+(?:[\p{L}'’.]+\s+){0,2}?(?:exports?|Exporte?n?|Ausfuhre?n?)(?![\p{L}])/iu.test(
        after,
      )
    )
      return {
        measure: `${label}'s share of exports`,
        indicator: null,
        outside: `${label}'s share of a country's exports (the catalogue has supplier shares of energy imports)`,
        flow: "pair",
        scope: "product",
        product: label,
      };
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

  // Trade in one product ("cocoa exporter", "Autoexporte", "Stromhandel"): the catalogue's trade is all goods.
  const product = productNear(text, q, clause);
  if (product)
    return {
      measure: `trade in ${product}`,
      indicator: null,
      outside: `trade in one product (${product}); the trade indicators cover all goods`,
      flow: "pair",
      scope: "product",
      product,
    };

  // The measure: the nearest flow word, balance included; a figure whose sentence names none may continue
  // the sentence before ("In den Vorjahren ... 20 Prozent jährliches Wachstum").
  const flows: [Flow, { cue: Cue; dist: number } | undefined][] = [
    ["turnover", turnover],
    ["exports", exports],
    ["imports", imports],
    ["balance", balance],
  ];
  // "das Defizit Deutschlands im Handel mit China": a balance word in the clause is the measure, the trade
  // word it qualifies is not.
  // A sentence about a balance whose figure's own clause names no flow ("the largest-ever trade surplus - the
  // value of goods sold overseas compared to its imports - at $1.19tn") gives the balance too.
  const ownFlow = flows.some(([, f]) => f && f.dist < CLAUSE_PENALTY);
  const best =
    balance && (balance.dist < CLAUSE_PENALTY || !ownFlow)
      ? (["balance", balance] as [Flow, { cue: Cue; dist: number }])
      : flows.filter((f) => f[1]).sort((x, y) => (x[1]?.dist ?? 0) - (y[1]?.dist ?? 0))[0];
  let flow: Flow | "none" = best ? best[0] : "none";
  let at = best?.[1]?.cue;
  let carried = false;

  // What the figure is of that measure.
  let cls: FigureClass | null;
  if (q.kind === "points") cls = "points";
  else if (q.kind === "amount") {
    const change = growth && growth.dist < CLAUSE_PENALTY && /(?:um|by)\s+$/iu.test(near);
    cls = change ? "amount-change" : "amount";
  } else if (q.kind === "percent" || q.kind === "fraction") {
    // "5 Prozent weniger als im Vorjahr", "10% more than": a change, whatever verb the sentence has.
    const comparative = /^\s*(?:weniger|mehr|höher|niedriger|less|more|higher|lower)(?![\p{L}])/iu.test(
      after,
    );
    const grows = (comparative || (growth && growth.dist < CLAUSE_PENALTY)) && !levelAfterChange && !shareOf;
    const shares = shareOf || Boolean(shareWord) || levelAfterChange;
    if (grows && q.kind === "percent") cls = "growth";
    else if (shares || (q.kind === "fraction" && !grows)) cls = "share";
    else cls = null;
  } else return { measure: q.kind, indicator: null, outside: `a ${q.kind} figure`, flow: "pair" };

  // "Canada buys 18% of US exports": in a share, the noun of its "of" phrase is the measure, not the verb.
  if (cls === "share") {
    const of =
      /^\s*(?:of|der|des|aller)\s+(?:[\p{L}'’.]+\s+){0,2}?(exports?|imports?|trade|Exporte?n?|Importe?n?|Ausfuhre?n?|Einfuhre?n?|Handels?)(?![\p{L}])/iu.exec(
        after,
      );
    if (of) {
      const w = of[1].toLowerCase();
      flow = /^(?:export|ausfuhr)/.test(w)
        ? "exports"
        : /^(?:import|einfuhr)/.test(w)
          ? "imports"
          : "turnover";
      const at0 = q.end + (of.index ?? 0) + of[0].length - of[1].length;
      at = { start: at0, end: at0 + of[1].length, word: of[1] };
    }
  }
  if (flow === "none" && topic && (cls === "growth" || cls === "share") && !outside) {
    flow = topic.flow;
    at = undefined;
    carried = true;
  }
  if (cls === null) {
    if (flow === "none")
      return {
        measure: "percentage",
        indicator: null,
        outside: "a share or rate of something other than trade, energy or arms",
        flow: "pair",
      };
    return {
      measure: `a percentage about ${flow}`,
      indicator: null,
      flow: "pair",
      unsure: "could not tell whether the percentage is a share or a change",
    };
  }
  const rule = TRADE_TABLE[cls][flow];
  // Services named anywhere in the sentence qualify its figures ("goods and services sold overseas").
  const services = SERVICES.test(text.slice(sentence.start, sentence.end));
  if ("outside" in rule)
    return { measure: rule.measure, indicator: null, outside: rule.outside, flow: "pair" };
  const lessThan = /^\s*(?:weniger|niedriger|less|lower)(?![\p{L}])/iu.test(after);
  const negativeGrowth =
    (cls === "growth" || cls === "amount-change") && (lessThan || Boolean(find(RE.negativeGrowth, 60)));
  return {
    measure: rule.measure,
    indicator: rule.indicator,
    ...(rule.derived ? { derived: rule.derived } : {}),
    flow: rule.flow,
    at,
    negativeGrowth,
    carried,
    scope: services ? "goods and services" : "goods",
  };
}

/** Nouns that mean all goods: a rank "for German exports" is a rank in all trade. */
const GOODS_WORDS =
  /^(?:goods|exports?|imports?|products|merchandise|trade|Waren|Güter|Exporte?n?|Importe?n?|Produkte|Erzeugnisse|Ausfuhren|Einfuhren|Handel)$/iu;

/** Words before "exports"/"imports" that say whose or which, not what: "while its imports", "China's exports". */
const NOT_PRODUCT = new Set(
  "while its their his her our your the and but also that this these those which whose when where with from for into than then were was are has have had not only all total annual overall net goods merchandise bilateral world record monthly export import trade largest biggest second third top main leading major country nation some many most more less other such both each every new higher lower rising falling strong weak".split(
    " ",
  ),
);

/** A product word bound to the flow word next to the figure's clause (compound or noun group). */
function productNear(text: string, q: Span, clause: Span): string | null {
  const s = text.slice(clause.start, clause.end);
  // "China's imports of US soybeans", "Exporte von Autos": the product follows the flow word.
  const of =
    /(?<![\p{L}])(?:exports|imports|shipments|sales)\s+of\s+(?:(?:the|its|their)\s+)?(?:[\p{L}.]+\s+){0,2}?(\p{Ll}{3,})(?=\s*(?:[,.;:]|$|\s+(?:fell|rose|to|from|in|by|were|was|jumped|dropped|climbed|increased|decreased|grew)(?![\p{L}])))/u.exec(
      s,
    ) ??
    /(?<![\p{L}])(?:Exporte|Importe|Ausfuhren|Einfuhren|Lieferungen)\s+(?:von|an)\s+(\p{Lu}\p{L}{2,})/u.exec(
      s,
    );
  if (
    of &&
    !NOT_PRODUCT.has(of[1]) &&
    !/^(?:goods|products|merchandise|Waren|Güter|Produkten?|Erzeugnissen?)$/iu.test(of[1]) &&
    !firstMatch(RE.energy, of[1]) &&
    !firstMatch(RE.arms, of[1]) &&
    !findCountries(of[1]).length
  )
    return of[1];
  PRODUCT_FLOW.lastIndex = 0;
  for (let m = PRODUCT_FLOW.exec(s); m; m = PRODUCT_FLOW.exec(s)) {
    const start = clause.start + m.index;
    if (start < q.end && start + m[0].length > q.start) continue;
    const word = (m.groups?.de ?? m.groups?.en ?? "").trim();
    if (
      !word ||
      word.split(" ").some((w) => NOT_PRODUCT.has(w)) ||
      RE.energy.test(word) ||
      RE.arms.test(word)
    ) {
      RE.energy.lastIndex = 0;
      RE.arms.lastIndex = 0;
      continue;
    }
    return word;
  }
  return null;
}
