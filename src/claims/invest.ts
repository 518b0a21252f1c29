// Stage: measure, for direct investment. A figure about one economy's direct investment in another links to
// the investment indicators: a sum to the position (a stock at the end of the year, IMF CDIS) or to the
// flow (the year's new investment, UNCTAD), a share to the investor's outward or the host's inward
// position. Only figures the sentence ties to two economies are linked: a company's stake, a deal or a
// project is investment too, but no statistic of countries can check it, so it stays outside.
import type { Cue } from "./cues.ts";
import type { Quantity } from "./numbers.ts";
import type { Span } from "./types.ts";

const W = String.raw`(?![\p{L}])`;
const L = String.raw`(?<![\p{L}])`;

/** Words that can only mean direct investment between economies. */
export const INVEST_STRONG = new RegExp(
  String.raw`${L}(?:(?:Auslands)?[Dd]irektinvestition\p{L}*|Auslandsinvestition\p{L}*|(?:Direkt)?[Ii]nvestitionsbestand\p{L}*|FDI|foreign direct investments?|direct[- ]investments?|(?:direct[- ])?investment (?:positions?|stocks?))${W}`,
  "gu",
);

/** Investment words that a company, a project or a household may use as well. */
export const INVEST_WEAK = new RegExp(
  String.raw`${L}(?:Investition(?:en)?|investments?|investiert\p{L}*|investierte\p{L}*|invested|invests|investing)${W}`,
  "giu",
);

/** A firm, a deal, a project: investment the statistics of two economies do not show as such. */
const COMPANY = new RegExp(
  String.raw`${L}(?:Unternehmen\p{L}*|Konzern\p{L}*|Firm\p{L}*|firms?|compan(?:y|ies)|group|deals?|Deal\p{L}*|stakes?|Beteiligung\p{L}*|Aktie\p{L}*|shares in|joint ventures?|Gemeinschaftsunternehmen|Projekt\p{L}*|projects?|Fabrik\p{L}*|Werk\p{L}*|plants?|factor(?:y|ies)|Kraftwerk\p{L}*|Infrastruktur|infrastructure|Produktion|production|Häfen|Hafen|ports?|Flughäfen|Flughafen|airports?)${W}`,
  "iu",
);

/** Words of a flow within a year: new investment, inflows, a verb of investing. */
const FLOW = new RegExp(
  String.raw`${L}(?:Zuflüss\p{L}*|Zufluss\p{L}*|Abflüss\p{L}*|Abfluss\p{L}*|flossen|fließen|geflossen|floss|flows?|inflows?|outflows?|investierte\p{L}*|investiert|invested|invests|pumped|poured|neue[nr]? (?:Direkt)?[Ii]nvestition\p{L}*|new investments?)${W}`,
  "iu",
);

/** Words of a stock: what is invested at a date. */
const STOCK = new RegExp(
  String.raw`${L}(?:Bestand\p{L}*|Bestände\p{L}*|\p{L}*bestand|\p{L}*bestände|stocks?|positions?|kumuliert\p{L}*|cumulative|accumulated|Ende|end(?:-| of)|Jahresende|year-end)${W}`,
  "iu",
);

/** The host's view of a share: inward investment, foreign investors in it. */
const INWARD = new RegExp(
  String.raw`${L}(?:inward|eingehende\p{L}*|ausländische\p{L}*|foreign|Zuflüss\p{L}*|inflows?|received|erhielt|erhalten)${W}`,
  "iu",
);

const SHARE_CUE =
  /(?<![\p{L}])(?:Anteil\p{L}*|share|accounted for|entfielen|entfiel|machte\p{L}*|of|der|des|aller)(?![\p{L}])/iu;
const GROWTH_CUE =
  /(?<![\p{L}])(?:wuchs\p{L}*|wächst|gewachsen|stieg\p{L}*|steigt|gestiegen|Anstieg\p{L}*|Zuwachs\p{L}*|sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|schrumpf\p{L}*|grew|rose|risen|increased?|jumped|surged|climbed|fell|fallen|dropped|declined?|decreased?|shrank|slumped|plunged)(?![\p{L}])/iu;
const NEGATIVE =
  /(?<![\p{L}])(?:sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|schrumpf\p{L}*|fell|fallen|dropped|declined?|decreased?|shrank|slumped|plunged)(?![\p{L}])/iu;

/** A country word after "in", "into", "nach": the host of the investment (checked by the parties stage). */
const HOST_BEFORE =
  /(?:^|[^\p{L}])(?:in|into|nach|to|auf)\s+(?:die\s+|den\s+|das\s+|dem\s+|der\s+|the\s+)?$/iu;

export interface InvestLink {
  measure: string;
  indicator: string;
  derived?: "growth" | "change";
  /** invest: A invests in B (A the owner or origin, B the host); invest-inward: a share of B's inward position. */
  flow: "invest" | "invest-inward";
  at: Cue;
  negativeGrowth?: boolean;
  /** How the figure was read where the sentence leaves room (a sum without a word of stock or flow). */
  basis: string;
}

function cuesIn(re: RegExp, text: string, span: Span): Cue[] {
  const out: Cue[] = [];
  const g = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
  const s = text.slice(span.start, span.end);
  for (let m = g.exec(s); m; m = g.exec(s))
    out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, word: m[0] });
  return out;
}

/** Is a country named right after "in"/"into" in the span? `mentionStarts`: where its country words begin. */
export function hostNamed(text: string, span: Span, mentionStarts: number[]): boolean {
  return mentionStarts.some(
    (s) => s >= span.start && s < span.end && HOST_BEFORE.test(text.slice(Math.max(span.start, s - 12), s)),
  );
}

/**
 * The investment reading of a figure, or null when its clause is not about direct investment between
 * economies. `mentionStarts` are where the sentence's country words begin.
 */
export function linkInvestment(
  text: string,
  q: Quantity,
  clause: Span,
  sentence: Span,
  mentionStarts: () => number[],
  nearestOther: number,
): InvestLink | null {
  const dist = (c: Cue) => (c.start >= q.end ? c.start - q.end : (q.start - c.end) * 1.3);
  const pick = (list: Cue[]) =>
    list.filter((c) => c.end <= q.start || c.start >= q.end).sort((x, y) => dist(x) - dist(y))[0];
  const sentenceText = text.slice(sentence.start, sentence.end);
  const strong = pick(cuesIn(INVEST_STRONG, text, clause)) ?? pick(cuesIn(INVEST_STRONG, text, sentence));
  // A generic word ("Investitionen", "invested") counts only in the figure's own clause, with a host country
  // after "in" and no firm, deal or project in the sentence: "China investierte 2012 450 Millionen Dollar in
  // Russland", not "Venezuela investiert 900 Millionen US-Dollar in die Ethanolproduktion".
  const weak =
    strong || COMPANY.test(sentenceText) || !hostNamed(text, clause, mentionStarts())
      ? undefined
      : pick(cuesIn(INVEST_WEAK, text, clause));
  const cue = strong ?? weak;
  if (!cue || dist(cue) > 2 * 200 || dist(cue) > nearestOther + 20) return null;
  const after = text.slice(q.end, Math.min(sentence.end, q.end + 40));
  const near = text.slice(Math.max(sentence.start, q.start - 8), q.start);
  const clauseText = text.slice(clause.start, clause.end);
  const levelAfterChange = /(?:\b(?:to|at|from)|auf|bei|von)\s+$/iu.test(near);
  const isStock = STOCK.test(sentenceText);
  const isFlow = !isStock && FLOW.test(sentenceText);
  const level = isFlow
    ? {
        indicator: "invest.flow",
        measure: "direct-investment flow (within the year)",
        basis: "a flow within the year (a word of flow or of investing), against UNCTAD's table of the host",
      }
    : {
        indicator: "invest.position",
        measure: "direct-investment position (stock at the end of the year)",
        basis: isStock
          ? "a stock at the end of the year (a word of stock), against the investor's CDIS report"
          : "a stock at the end of the year (no word of flow), against the investor's CDIS report",
      };
  if (q.kind === "amount") {
    const change = /(?:um|by)\s+$/iu.test(near) && GROWTH_CUE.test(clauseText);
    return {
      ...level,
      measure: change ? `change of the ${level.measure}` : level.measure,
      ...(change ? { derived: "change" as const } : {}),
      flow: "invest",
      at: cue,
      negativeGrowth: change && NEGATIVE.test(clauseText),
    };
  }
  if (q.kind === "percent" || q.kind === "fraction") {
    const shareWord = /^\s*(?:of|der|des|aller|am|an)(?![\p{L}])/iu.test(after) || SHARE_CUE.test(clauseText);
    const grows =
      GROWTH_CUE.test(clauseText) && !levelAfterChange && !/^\s*(?:of|der|des|aller)\b/iu.test(after);
    if (grows && q.kind === "percent")
      return {
        ...level,
        measure: `growth of the ${level.measure}`,
        derived: "growth",
        flow: "invest",
        at: cue,
        negativeGrowth: NEGATIVE.test(clauseText),
      };
    if (shareWord && !isFlow) {
      const inward = INWARD.test(sentenceText);
      return inward
        ? {
            indicator: "invest.inward_share",
            measure: "share of the host's inward direct-investment position",
            basis: "the investor's share of the host's total inward position at the end of the year (CDIS)",
            flow: "invest-inward",
            at: cue,
          }
        : {
            indicator: "invest.outward_share",
            measure: "share of the investor's outward direct-investment position",
            basis: "the host's share of the investor's total outward position at the end of the year (CDIS)",
            flow: "invest",
            at: cue,
          };
    }
  }
  return null;
}
