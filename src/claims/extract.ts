// From an article to its numeric claims: sentence by sentence, each quantity with what it measures, the
// two countries and the direction, and the period, linked to an indicator of the catalogue (or marked as
// outside it, with what it is).
import { type CountryMention, findCountries } from "./countries.ts";

import { CLAIM_KINDS, RE, SentenceCues } from "./cues.ts";
import { link, type Topic } from "./measure.ts";
import { detectLang, parseQuantities, type Quantity } from "./numbers.ts";
import { direction, mainPair } from "./parties.ts";
import { findDate, periodCues } from "./periods.ts";
import { readAs } from "./read-as.ts";
import { clauses, isProse, splitSentences } from "./sentences.ts";
import type { Claim, Extraction, ExtractOptions, Period, Span } from "./types.ts";

export { findDate } from "./periods.ts";
export { splitSentences } from "./sentences.ts";
export type { Claim, Extraction, Period, Span } from "./types.ts";

export function extractClaims(text: string, options: ExtractOptions = {}): Extraction {
  const lang = options.lang ?? detectLang(text);
  const found = options.date ? null : findDate(text);
  const date = options.date ?? found;
  const pubYear = date ? Number(date.slice(0, 4)) : null;
  // Sentences that are not prose (tables, code, noise) are blanked out, offsets kept, before the number and
  // country passes: they hold no statements, and noise is where those passes spend their time.
  const sentences = splitSentences(text);
  const prose = maskNonProse(text, sentences);
  const quantities = parseQuantities(prose, lang);
  const mentions = findCountries(prose);
  const pair = mainPair(text, mentions);
  const claims: Claim[] = [];
  let anchor: number | null = pubYear === null ? null : pubYear - 1;
  let lastPeriod: Period | null = null;
  let lastPeriodSentence = -10;
  let sentenceIndex = -1;
  let prevSentenceEnd = 0;
  let qi = 0;
  let mi = 0;
  // What the sentence before was about (its last trade claim), for a figure whose sentence names no measure.
  let topic: (Topic & { a: string; b: string }) | null = null;
  for (const sentence of sentences) {
    sentenceIndex++;
    // A line break between sentences starts a new paragraph: no period or topic carries over it.
    if (/\n/.test(text.slice(prevSentenceEnd, sentence.start))) {
      lastPeriodSentence = -10;
      topic = null;
    }
    prevSentenceEnd = sentence.end;
    const prevTopic = topic;
    topic = null;
    if (prose.charCodeAt(sentence.start) === 32 && !isProse(text, sentence)) continue;
    while (qi < quantities.length && quantities[qi].start < sentence.start) qi++;
    const sq: Quantity[] = [];
    for (let k = qi; k < quantities.length && quantities[k].start < sentence.end; k++) sq.push(quantities[k]);
    while (mi < mentions.length && mentions[mi].start < sentence.start) mi++;
    const sm: CountryMention[] = [];
    for (let k = mi; k < mentions.length && mentions[k].start < sentence.end; k++) sm.push(mentions[k]);
    const pcues = periodCues(text, sentence, sq);
    const sClauses = clauses(text, sentence);
    let sentencePeriod: Period | null = null;
    const sentenceCues = new SentenceCues(text, sentence);
    // A year named in a sentence without figures still sets the scene for the next one.
    const explicit = sq.some((x) => CLAIM_KINDS.has(x.kind))
      ? undefined
      : pcues.find((c) => /^\d{4}/.test(c.text));
    if (explicit) {
      const p = explicit.resolve({ pubYear, anchor });
      if (p.years.length) {
        lastPeriod = p;
        lastPeriodSentence = sentenceIndex;
      }
    }
    // "Der Warenaustausch zwischen Deutschland und China ist im vergangenen Jahr erneut gesunken." names the
    // trade the next sentence's figures are about ("belief sich der Handel auf rund 246 Milliarden Euro").
    topic = sentenceTopic(text, sentence, sClauses, sm, sentenceCues);
    for (const q of sq) {
      if (!CLAIM_KINDS.has(q.kind)) continue;
      const clause = sClauses.find((c) => q.start >= c.start && q.start < c.end) ?? sentence;
      let l = link(text, q, clause, sentence, sentenceCues, prevTopic);
      const futureYear = pubYear !== null && sq.some((y) => y.kind === "year" && y.value > pubYear);
      if (!l.skip && (RE.goal.test(text.slice(clause.start, clause.end)) || futureYear))
        l = {
          ...l,
          indicator: null,
          derived: undefined,
          outside: "a target or forecast, not a measurement the data can check",
        };
      if (l.skip) continue;
      const cm = sm.filter((m) => m.start >= clause.start && m.end <= clause.end);
      const dir = direction(text, l, {
        clause,
        sentence,
        clauseMentions: cm,
        sentenceMentions: sm,
        pair,
        carried: prevTopic ? { a: prevTopic.a, b: prevTopic.b, flow: prevTopic.flow } : null,
      });
      if (
        l.indicator?.startsWith("trade.") &&
        dir.a &&
        dir.b &&
        !dir.unsure &&
        (l.flow === "turnover" || l.flow === "exports" || l.flow === "imports" || l.flow === "balance")
      )
        topic = { flow: l.flow, a: dir.a, b: dir.b };
      // Period: a cue in the clause, else in the sentence (nearest first), else the previous claim's.
      // A period word belongs to the figure next to it: one with another figure in between is not this one's.
      const reachable = pcues.filter((c) => {
        const lo = Math.min(c.end, q.start);
        const hi = Math.max(c.start, q.end);
        return !sq.some((o) => o !== q && CLAIM_KINDS.has(o.kind) && o.start >= lo && o.end <= hi);
      });
      // In the figure's own clause, a word for the whole year or a part of it counts past another figure
      // ("the annual total up 35.4% to $593.4bn"); a year does not ("to $345 billion from $418bn in 2018").
      const inClause = pcues.filter(
        (c) => c.start >= clause.start && c.end <= clause.end && (c.wholeClause || reachable.includes(c)),
      );
      // A month or quarter in the figure's own clause makes it a part-year figure, whatever else is near.
      const partial = inClause.filter((c) => c.partial);
      const pool = partial.length ? partial : inClause.length ? inClause : reachable;
      const cue = [...pool].sort((x, y) => Math.abs(x.start - q.start) - Math.abs(y.start - q.start))[0];
      let period: Period;
      if (cue) period = cue.resolve({ pubYear, anchor });
      else if (sentencePeriod) period = sentencePeriod;
      else if (pubYear === null && lastPeriod && sentenceIndex - lastPeriodSentence <= 1)
        period = {
          ...lastPeriod,
          basis: "context",
          note: `no period in the sentence: taken from the sentence before (${lastPeriod.years.join("–")})`,
        };
      else if (pubYear !== null) {
        const nowWord =
          /(?<![\p{L}])(?:heute|derzeit|inzwischen|mittlerweile|aktuell|now|today|currently)(?![\p{L}])/iu.exec(
            text.slice(sentence.start, sentence.end),
          );
        period =
          lastPeriod && !nowWord && sentenceIndex - lastPeriodSentence <= 1
            ? {
                ...lastPeriod,
                basis: "context",
                note: `no period in the sentence: taken from the claim before (${lastPeriod.years.join("–")})`,
              }
            : {
                years: [pubYear - 1],
                text: nowWord?.[0] ?? null,
                basis: "default",
                note: `no period stated: the last complete year before the publication date (${pubYear - 1})`,
              };
      } else
        period = {
          years: [],
          text: null,
          basis: "unresolved",
          note: "no period stated and no publication date: pass --date",
        };
      sentencePeriod ??= period;
      // The base of a change ("from a record $418bn in 2018") does not set the period of what follows.
      const isBase =
        /(?<![\p{L}])(?:from|von)\s+(?:(?:a|an|the|einem|dem)\s+)?(?:(?:record|Rekord\p{L}*)\s+)?$/iu.test(
          text.slice(Math.max(clause.start, q.start - 24), q.start),
        );
      if (period.years.length && period.basis !== "context" && !isBase) {
        anchor = Math.max(...period.years);
        lastPeriod = period;
      }
      // The period carries along a paragraph from sentence to sentence, never across a paragraph break.
      if (period.years.length && lastPeriod) lastPeriodSentence = sentenceIndex;
      const before = text.slice(Math.max(sentence.start, q.start - 60), q.start);
      const negated = q.kind === "rank" && RE.negation.test(before.split(/[,;]/).pop() ?? "");
      let quantity = q.value;
      let quantityHigh = q.valueHigh;
      let low: number | null = Number.isFinite(q.low) ? q.low : null;
      let high: number | null = Number.isFinite(q.high) ? q.high : null;
      // A deficit is a negative balance: A imports more than it exports.
      const deficit = l.flow === "balance" && !l.derived && l.at && RE.deficit.test(l.at.word);
      if ((l.negativeGrowth || deficit) && quantity > 0) {
        quantity = -quantity;
        quantityHigh = quantityHigh === undefined ? undefined : -quantityHigh;
        const [lo, hi] = [high === null ? null : -high, low === null ? null : -low];
        low = lo;
        high = hi;
      }
      if (l.factor) {
        quantity *= l.factor;
        if (quantityHigh !== undefined) quantityHigh *= l.factor;
        if (low !== null) low *= l.factor;
        if (high !== null) high *= l.factor;
      }
      if (q.kind === "rank" && RE.oneOf.test(text.slice(Math.max(0, q.start - 20), q.start))) {
        low = 1;
        high = 5;
      }
      // A rank claim is the rank word with its noun ("größte Abnehmer"), not the adjective alone.
      const end =
        q.kind === "rank" && l.at && l.at.start >= q.end && l.at.start - q.end < 40 ? l.at.end : q.end;
      claims.push({
        id: claims.length + 1,
        text: text.slice(q.start, end),
        start: q.start,
        end,
        sentence: { ...sentence, text: text.slice(sentence.start, sentence.end) },
        kind: q.kind,
        quantity,
        ...(quantityHigh !== undefined ? { quantityHigh } : {}),
        number: q.number,
        scale: q.scale,
        unit: l.factor && q.kind === "physical" ? indicatorUnit(l.indicator) : q.unit,
        precision: q.precision * (l.factor ?? 1),
        hedge: q.hedge ?? null,
        low,
        high,
        measure: l.measure,
        indicator: l.indicator,
        ...(l.derived ? { derived: l.derived } : {}),
        ...(negated ? { negated } : {}),
        ...(l.outside ? { outside: l.outside } : {}),
        a: dir.a,
        b: dir.b,
        countriesFrom: dir.from,
        period,
        scope: headlineScope(l.flow, dir.a, dir.b, sentence, text) ?? l.scope,
        ...(l.product ? { product: l.product } : {}),
        ...(l.basis ? { basis: l.basis } : {}),
        ...(l.unsure || (l.indicator && dir.unsure) ? { unsure: l.unsure ?? dir.unsure } : {}),
        readAs: "",
      });
      const c = claims[claims.length - 1];
      c.readAs = readAs(c);
    }
  }
  return {
    lang,
    date: date ?? null,
    dateSource: options.date ? "option" : found ? "article" : "none",
    pair,
    claims,
  };
}

/**
 * The US Commerce Department's and the UK's headline trade figures include services: a US or UK total
 * (deficit, exports, imports) that the sentence does not call a goods figure is read as goods and services.
 */
function headlineScope(
  flow: string,
  a: string | null,
  b: string | null,
  sentence: { start: number; end: number },
  text: string,
): "goods and services" | null {
  if (b !== "WLD" || (a !== "USA" && a !== "GBR")) return null;
  if (!["balance", "exports", "imports", "turnover"].includes(flow)) return null;
  return /(?<![\p{L}])(?:goods|merchandise|Waren|Güter)(?![\p{L}])/iu.test(
    text.slice(sentence.start, sentence.end),
  )
    ? null
    : "goods and services";
}

/** The trade a sentence is about when it names its measure and both sides, figures or not. */
function sentenceTopic(
  text: string,
  sentence: Span,
  sClauses: Span[],
  sm: CountryMention[],
  sc: SentenceCues,
): (Topic & { a: string; b: string }) | null {
  if (sm.length < 2) return null;
  for (const flow of ["balance", "turnover", "exports", "imports"] as const) {
    const cue = sc.get(RE[flow])[0];
    if (!cue) continue;
    const clause = sClauses.find((c) => cue.start >= c.start && cue.start < c.end) ?? sentence;
    const dir = direction(
      text,
      { measure: flow, indicator: `trade.${flow}`, flow, at: cue, scope: "goods" },
      {
        clause,
        sentence,
        clauseMentions: sm.filter((m) => m.start >= clause.start && m.end <= clause.end),
        sentenceMentions: sm,
        pair: null,
        carried: null,
      },
    );
    if (dir.a && dir.b && dir.b !== "WLD" && !dir.unsure) return { flow, a: dir.a, b: dir.b };
    return null;
  }
  return null;
}

/** The text with every sentence that is not prose replaced by spaces (same length, same offsets). */
function maskNonProse(text: string, sentences: Span[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of sentences) {
    if (isProse(text, s)) continue;
    parts.push(text.slice(at, s.start), " ".repeat(s.end - s.start));
    at = s.end;
  }
  if (!parts.length) return text;
  parts.push(text.slice(at));
  return parts.join("");
}

function indicatorUnit(indicator: string | null): string {
  if (!indicator) return "";
  if (indicator.startsWith("energy.coal")) return "EJ";
  if (indicator.startsWith("energy.oil")) return "Mt";
  if (indicator.startsWith("energy.")) return "bcm";
  if (indicator === "arms.tiv") return "TIV (millions)";
  return "";
}
