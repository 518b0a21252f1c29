// Numbers and quantities as German and English news write them. No library reads "245 Milliarden Dollar",
// "1,9 Prozent" or "Mrd." (and "Billion" is 10^12 in German, 10^9 in English), so this is ours.
//
// One left-to-right scan with a fixed set of patterns; every look around a match is bounded to a few
// dozen characters, so the work is linear in the input.

export type { Lang } from "../countries/lang.ts";

import type { Lang } from "../countries/lang.ts";

export type QuantityKind =
  | "amount" // a sum of money: 245 Milliarden Dollar
  | "percent" // 30 Prozent, 1.9% (value as a fraction: 0.3)
  | "points" // percentage points (value as a fraction: 0.02 for 2 points)
  | "fraction" // ein Drittel, half (value as a fraction)
  | "multiple" // doppelt so viel, three times (value as a factor)
  | "rank" // größter, second-largest (value: 1, 2, ...)
  | "physical" // 38 Milliarden Kubikmeter, 100 Mt (value in the unit named)
  | "count" // a bare number: 500 Unternehmen
  | "year" // 2017
  | "ordinal" // 80. Jahrestag
  | "date"; // 08.05.2025

export type HedgeKind =
  | "approx" // rund, etwa, about: wider tolerance
  | "lower" // mehr als, über, more than: the true value is at least this
  | "upper" // weniger als, bis zu, less than: at most this
  | "almost" // knapp, fast, nearly: a little below
  | "plus" // gut (ein gutes Drittel), just over: a little above
  | "emphasis"; // gerade einmal, nur, only: a judgement, not a bound

export interface Hedge {
  word: string;
  kind: HedgeKind;
}

export interface Quantity {
  kind: QuantityKind;
  /** The phrase as written, hedge and unit included. */
  text: string;
  /** Character offsets into the scanned text, end exclusive. */
  start: number;
  end: number;
  /** The number as written (245 for "245 Milliarden"); the lower end for a range. */
  number: number;
  /** Multiplier of the scale word (1e9 for "Milliarden"), 1 if none. */
  scale: number;
  /** In base units: USD (or the currency named) for amounts, a fraction for percent/points/fraction. */
  value: number;
  /** For ranges ("20 bis 30 Prozent"): the upper end, in base units. */
  valueHigh?: number;
  /** "USD", "EUR", "CNY", ... for amounts; "fraction", "pp", "rank", "factor", "bcm", "t", "bbl" otherwise. */
  unit: string;
  /** Half the unit of the last digit written, in base units: what rounding alone can hide. */
  precision: number;
  hedge?: Hedge;
  /** The interval of true values the phrase admits (rounding and hedge), in base units. */
  low: number;
  high: number;
}

const SPACE = "[ \\u00A0\\u202F\\u2009\\u2007]";
const GROUP_SPACE = /[\u00A0\u202F\u2009\u2007]/g;

// A number: digit groups separated by . , or no-break/thin spaces, or a plain run of digits with an
// optional decimal part. Dates come first so "08.05.2025" is not read as an amount.
const DATE = String.raw`\d{1,2}\.${SPACE}?\d{1,2}\.${SPACE}?(?:1[89]|20)\d\d(?!\d)|(?:1[89]|20)\d\d-[01]\d-[0-3]\d(?!\d)`;
const NUMBER = String.raw`\d{1,3}(?:[.,\u00A0\u202F\u2009\u2007]\d{3}(?!\d))+(?:[.,]\d+(?![.,]?\d))?|\d+(?:[.,]\d+)?`;

const SCALE_DE: [RegExp, number][] = [
  [/^(?:Tsd\.|Tausend)/, 1e3],
  [/^(?:Mio\.|Millionen|Million)/, 1e6],
  [/^(?:Mrd\.|Milliarden|Milliarde)/, 1e9],
  [/^(?:Bio\.|Billionen|Billion)/, 1e12],
];
const SCALE_EN: [RegExp, number][] = [
  [/^(?:thousand|k)(?![\p{L}])/u, 1e3],
  [/^(?:millions?|mn|mln|m)(?![\p{L}])/u, 1e6],
  [/^(?:billions?|bn|b)(?![\p{L}])/u, 1e9],
  [/^(?:trillions?|tn|trn)(?![\p{L}])/u, 1e12],
];
// German abbreviations appear in English text rarely, English ones in German text often ("Mrd." and
// "bn" both); so each language also accepts the other's unambiguous words, never the other's "Billion".
const SCALE_DE_ALSO: [RegExp, number][] = [
  [/^(?:bn)(?![\p{L}])/u, 1e9],
  [/^(?:mn|mln)(?![\p{L}])/u, 1e6],
];
const SCALE_EN_ALSO: [RegExp, number][] = [
  [/^(?:Mrd\.|Milliarden)/, 1e9],
  [/^(?:Mio\.|Millionen)/, 1e6],
];

const CURRENCY_AFTER: [RegExp, string][] = [
  [/^(?:US-Dollar|US-\$|US\$|Dollars?|dollars?|USD|\$)(?![\p{L}])/u, "USD"],
  [/^(?:Euro|euros?|EUR|€)(?![\p{L}])/u, "EUR"],
  [/^(?:Yuan|yuan|Renminbi|renminbi|RMB|CNY)(?![\p{L}])/u, "CNY"],
  [/^(?:Rubeln?|Rubel|roubles?|rubles?|RUB)(?![\p{L}])/u, "RUB"],
  [/^(?:Pfund(?: Sterling)?|pounds?(?: sterling)?|GBP|£)(?![\p{L}])/u, "GBP"],
  [/^(?:Yen|yen|JPY|¥)(?![\p{L}])/u, "JPY"],
  [/^(?:Rupien|rupees?|INR|₹)(?![\p{L}])/u, "INR"],
  [/^(?:Schweizer Franken|Franken|Swiss francs?|CHF)(?![\p{L}])/u, "CHF"],
];
const CURRENCY_BEFORE: [RegExp, string][] = [
  [/(?:US\$|US-\$|\$|USD|US-Dollar|dollars|Dollar)\s?$/u, "USD"],
  [/(?:€|EUR|Euro)\s?$/u, "EUR"],
  [/(?:£|GBP)\s?$/u, "GBP"],
  // "¥" is the yen's sign in English business news; the yuan is written out (yuan, RMB, CNY).
  [/(?:¥|JPY)\s?$/u, "JPY"],
  [/(?:CNY|RMB)\s?$/u, "CNY"],
  [/(?:RUB|₽)\s?$/u, "RUB"],
  [/(?:₹|INR|Rs\.?)\s?$/u, "INR"],
  [/(?:CHF)\s?$/u, "CHF"],
];

const PERCENT = /^(?:%|Prozent|prozent|percent|per cent|pct\.?|vH|v\.\s?H\.)(?![\p{L}])/u;
const POINTS = /^(?:Prozentpunkten?|Prozentpunkte|percentage points?|Pp\.|pp\.?|pps?)(?![\p{L}])/u;
const PHYSICAL: [RegExp, string, number][] = [
  [/^(?:Kubikmetern?|cubic met(?:re|er)s?|m3|m³)(?![\p{L}\d])/u, "m3", 1],
  [/^(?:bcm)(?![\p{L}])/u, "m3", 1e9],
  [/^(?:Tonnen|tonnes?|tons?)(?![\p{L}])/u, "t", 1],
  [/^(?:Mt)(?![\p{L}])/u, "t", 1e6],
  [/^(?:Barrel|barrels?|Fass|bbl)(?:\s?(?:pro Tag|per day|a day|am Tag|\/d|\/Tag))?(?![\p{L}])/u, "bbl", 1],
  [/^(?:b\/d|bpd)(?![\p{L}])/u, "bbl", 1],
  [/^(?:Exajoule|exajoules?|EJ)(?![\p{L}])/u, "EJ", 1],
  [/^(?:TIV)(?![\p{L}])/u, "TIV", 1],
];

// Hedges written right before the number (or its currency sign), longest first.
const HEDGES: [RegExp, HedgeKind][] = [
  [/(?:gerade einmal|gerade mal|lediglich|nur|bloß|a mere|merely|only|just)$/iu, "emphasis"],
  [
    /(?:mehr als|über|uber|gut|knapp über|jenseits von|more than|over|above|in excess of|upwards of|just over)$/iu,
    "lower",
  ],
  [/(?:mindestens|wenigstens|at least|no less than)$/iu, "lower"],
  [
    /(?:weniger als|unter|bis zu|höchstens|maximal|less than|under|below|up to|at most|no more than|fewer than)$/iu,
    "upper",
  ],
  [/(?:knapp|fast|beinahe|nahezu|annähernd|nearly|almost|just under|close to|not quite)$/iu, "almost"],
  [
    /(?:rund|etwa|ca\.|circa|zirka|ungefähr|schätzungsweise|grob|about|around|roughly|approximately|approx\.|some|an estimated|an die)$/iu,
    "approx",
  ],
];
// "gut" and "just over" mean a little above; the table above reads them as "lower", refined here.
const PLUS_WORDS = /^(?:gut|just over|knapp über)$/iu;

const ORDINAL_NOUN =
  /^(?:Jahrestag|Jahrestages|Jahrestags|Geburtstag|Jahrhundert|Jahrhunderts|Parteitag|Gipfel|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Jänner|Platz|Rang|Stelle|Mal|Runde|Sanktionspaket|Weltkrieg|Kongress)/u;

const FRACTION_WORDS: Record<string, number> = {
  drittel: 1 / 3,
  viertel: 1 / 4,
  fünftel: 1 / 5,
  sechstel: 1 / 6,
  achtel: 1 / 8,
  zehntel: 1 / 10,
  third: 1 / 3,
  thirds: 1 / 3,
  quarter: 1 / 4,
  quarters: 1 / 4,
  fifth: 1 / 5,
  fifths: 1 / 5,
  tenth: 1 / 10,
  tenths: 1 / 10,
};
const SMALL_NUMBER_WORDS: Record<string, number> = {
  ein: 1,
  eine: 1,
  einem: 1,
  einen: 1,
  zwei: 2,
  drei: 3,
  vier: 4,
  fünf: 5,
  sechs: 6,
  sieben: 7,
  acht: 8,
  neun: 9,
  zehn: 10,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  zwölf: 12,
  twelve: 12,
  zwanzig: 20,
  twenty: 20,
};
export function smallNumberWord(word: string): number | undefined {
  return SMALL_NUMBER_WORDS[word.toLowerCase()];
}

const PLACE_ORDINALS: Record<string, number> = {
  erste: 1,
  zweite: 2,
  dritte: 3,
  vierte: 4,
  fünfte: 5,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
};

const RANK_ORDINALS: Record<string, number> = {
  zweit: 2,
  dritt: 3,
  viert: 4,
  fünft: 5,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  "2nd": 2,
  "3rd": 3,
  "4th": 4,
  "5th": 5,
};

// Words: fractions, multiples and ranks.
const WORDS = [
  // ein Drittel, zwei Drittel, ein gutes Drittel, one third, two-thirds, a quarter
  String.raw`(?<fnum>ein|eine|einem|einen|zwei|drei|vier|one|a|two|three|four)(?<fadj>${SPACE}+(?:gutes|knappes|gute|knappe))?[ \-\u00A0]+(?<fden>Drittel|Viertel|Fünftel|Sechstel|Achtel|Zehntel|thirds?|quarters?|fifths?|tenths?)`,
  // die Hälfte, half of, more than half
  String.raw`(?<half>(?:die|der|zur|fast die|mehr als die|knapp die|gut die)${SPACE}+Hälfte|(?<![Ff]irst |[Ss]econd |[Ll]ast )half(?=${SPACE}+(?:of|the|its|their|all)\b))`,
  // doppelt so viel, dreimal so hoch, twice as much, three times
  String.raw`(?<mult>doppelt${SPACE}+so|verdoppelt\p{L}*|verdreifacht\p{L}*|vervierfacht\p{L}*|(?<mnum>zwei|drei|vier|fünf|zehn|\d+)(?:${SPACE}?-?mal|fach)${SPACE}+so|twice|doubled|tripled|quadrupled|(?<mnum2>two|three|four|five|ten|\d+)${SPACE}+times)`,
  // größter, zweitgrößte, wichtigsten, second-largest, biggest, top
  // auf Platz zwei, Rang 3, in third place
  String.raw`(?<place>(?:Platz|Rang|Position|place|No\.)${SPACE}+(?<pnum>eins|zwei|drei|vier|fünf|one|two|three|four|five|\d{1,2})(?![\p{L}\p{N}]))`,
  // an zweiter Stelle, auf dem dritten Platz, in second place
  String.raw`(?<placeord>(?<pord>erste|zweite|dritte|vierte|fünfte|first|second|third|fourth|fifth)[rnm]?${SPACE}+(?:Stelle|Platz|Rang|place|position))`,
  String.raw`(?<rank>(?<rord>zweit|dritt|viert|fünft)?(?:größt|grösst|wichtigst|bedeutendst|stärkst)(?:e[rnsm]?)|(?:(?<rord2>second|third|fourth|fifth|2nd|3rd|4th|5th)[- ]?)?(?:largest|biggest|most important|leading)|(?<![\p{L}])top(?=${SPACE}+(?:trading|trade|export|import|supplier|buyer|customer|partner|market|destination|source|seller))|Nummer eins|number one)`,
];

const MAIN = new RegExp(
  String.raw`(?<date>${DATE})|(?<![\p{L}\p{N}_.,^])(?<sign>[-−–]|minus${SPACE}|plus${SPACE}|\+)?(?<num>${NUMBER})(?![\p{N}])|(?<![\p{L}])(?:${WORDS.join("|")})(?![\p{L}])`,
  "gu",
);

/** Reads one written number ("1.250.000", "1,9", "245") by the conventions of the language. */
export function parseNumberToken(token: string, lang: Lang): { value: number; decimals: number } | null {
  const t = token.replace(GROUP_SPACE, " ");
  if (!/^\d/.test(t)) return null;
  if (t.includes(" ")) {
    // No-break or thin spaces group thousands in both languages; a decimal part may follow.
    const [intPart, ...rest] = t.split(" ");
    const tail = rest.join("");
    const m = /^(\d{3})([.,]\d+)?$/.exec(rest[rest.length - 1] ?? "");
    if (!m) return null;
    const digits = intPart + tail.replace(/[.,]\d+$/, "");
    const dec = m[2] ? m[2].slice(1) : "";
    return { value: Number(`${digits}${dec ? `.${dec}` : ""}`), decimals: dec.length };
  }
  const dots = (t.match(/\./g) ?? []).length;
  const commas = (t.match(/,/g) ?? []).length;
  if (dots === 0 && commas === 0) return { value: Number(t), decimals: 0 };
  let thousands: string;
  let decimal: string;
  if (dots > 0 && commas > 0) {
    // Both present: the last one is the decimal mark.
    decimal = t.lastIndexOf(".") > t.lastIndexOf(",") ? "." : ",";
    thousands = decimal === "." ? "," : ".";
  } else {
    const sep = dots > 0 ? "." : ",";
    const count = dots + commas;
    const after = t.length - t.lastIndexOf(sep) - 1;
    const langThousands = lang === "de" ? "." : ",";
    if (count > 1) {
      thousands = sep;
      decimal = sep === "." ? "," : ".";
    } else if (after === 3 && sep === langThousands) {
      thousands = sep;
      decimal = sep === "." ? "," : ".";
    } else {
      decimal = sep;
      thousands = sep === "." ? "," : ".";
    }
  }
  const parts = t.split(decimal);
  if (parts.length > 2) return null;
  const intDigits = parts[0].split(thousands);
  if (intDigits.length > 1 && intDigits.slice(1).some((g) => g.length !== 3)) return null;
  const dec = parts[1] ?? "";
  if (dec.includes(thousands)) return null;
  const value = Number(`${intDigits.join("")}${dec ? `.${dec}` : ""}`);
  return Number.isFinite(value) ? { value, decimals: dec.length } : null;
}

/** Guesses the language of a text from its commonest function words. */
export function detectLang(text: string): Lang {
  const sample = text.slice(0, 20000);
  const de = (
    sample.match(/(?<![\p{L}])(?:der|die|das|und|nicht|mit|ist|für|auf|dem|den|von|wurde|im)(?![\p{L}])/gu) ??
    []
  ).length;
  const en = (
    sample.match(/(?<![\p{L}])(?:the|and|of|to|is|was|with|for|on|that|from|in)(?![\p{L}])/gu) ?? []
  ).length;
  return de >= en ? "de" : "en";
}

function matchPrefix<T>(s: string, table: [RegExp, T][]): { len: number; val: T } | undefined {
  for (const [re, val] of table) {
    const m = re.exec(s);
    if (m) return { len: m[0].length, val };
  }
  return undefined;
}

function readHedge(before: string): { hedge: Hedge; len: number } | undefined {
  // The hedge must end right before the number (one space allowed, as written).
  const m = /(\s+)$/u.exec(before);
  const trimmed = m ? before.slice(0, before.length - m[1].length) : before;
  if (!m && before.length > 0) return undefined;
  for (const [re, kind] of HEDGES) {
    const h = re.exec(trimmed);
    if (!h) continue;
    const startIdx = h.index;
    // The hedge must be a word of its own.
    if (startIdx > 0 && /[\p{L}]/u.test(trimmed[startIdx - 1])) continue;
    const word = h[0];
    const k: HedgeKind = kind === "lower" && PLUS_WORDS.test(word) ? "plus" : kind;
    return { hedge: { word, kind: k }, len: before.length - startIdx };
  }
  return undefined;
}

/** The interval of true values a written quantity admits, from its rounding and its hedge. */
export function boundsFor(value: number, precision: number, hedge?: Hedge): { low: number; high: number } {
  const mag = Math.abs(value);
  switch (hedge?.kind) {
    case "approx": {
      const w = Math.max(precision, 0.05 * mag);
      return { low: value - w, high: value + w };
    }
    case "lower":
      return { low: value - precision * 0.01, high: Number.POSITIVE_INFINITY };
    case "upper":
      return { low: Number.NEGATIVE_INFINITY, high: value + precision * 0.01 };
    case "almost":
      return { low: value - Math.max(precision, 0.1 * mag), high: value + precision * 0.01 };
    case "plus":
      return { low: value - precision * 0.01, high: value + Math.max(precision, 0.1 * mag) };
    default:
      return { low: value - precision, high: value + precision };
  }
}

function precisionOf(number: number, decimals: number): number {
  if (decimals > 0) return 0.5 * 10 ** -decimals;
  // Trailing zeros of a whole number are read as rounding ("30 Prozent" could be 26 to 34): the usual
  // reading of round figures in news.
  let n = Math.abs(Math.round(number));
  if (n === 0) return 0.5;
  let place = 1;
  while (n % 10 === 0 && n > 0) {
    n /= 10;
    place *= 10;
  }
  return 0.5 * place;
}

/** Every number-like mention in the text, in order. Never throws. */
export function parseQuantities(text: string, lang: Lang = detectLang(text)): Quantity[] {
  const out: Quantity[] = [];
  MAIN.lastIndex = 0;
  const scaleTables = lang === "de" ? [SCALE_DE, SCALE_DE_ALSO] : [SCALE_EN, SCALE_EN_ALSO];
  for (let m = MAIN.exec(text); m; m = MAIN.exec(text)) {
    if (m[0].length === 0) {
      MAIN.lastIndex++;
      continue;
    }
    const g = m.groups ?? {};
    const start = m.index;
    let end = start + m[0].length;
    if (g.date) {
      out.push(mk("date", text, start, end, 0, 1, 0, "date", 0));
      continue;
    }
    if (g.num) {
      const q = readNumber(text, m, lang, scaleTables);
      // A number the grammar cannot read as one value ("1.250.000 245" with a no-break space, which joins two
      // numbers into one token) is no claim, like an overflowing one.
      if (q && Number.isFinite(q.value)) {
        out.push(q);
        MAIN.lastIndex = Math.max(MAIN.lastIndex, q.end);
      }
      continue;
    }
    // Word quantities.
    const before = text.slice(Math.max(0, start - 30), start);
    const hedge = readHedge(before);
    const qStart = hedge ? start - hedge.len : start;
    if (g.fden) {
      const num = SMALL_NUMBER_WORDS[g.fnum.toLowerCase()] ?? 1;
      const den = FRACTION_WORDS[g.fden.toLowerCase()] ?? 0;
      const value = num * den;
      const adj = g.fadj?.trim().toLowerCase();
      const h: Hedge | undefined = adj?.startsWith("gut")
        ? { word: adj, kind: "plus" }
        : adj?.startsWith("knapp")
          ? { word: adj, kind: "almost" }
          : hedge?.hedge;
      const precision = 0.02;
      const b = boundsFor(value, precision, h);
      out.push({
        kind: "fraction",
        text: text.slice(h === hedge?.hedge ? qStart : start, end),
        start: h === hedge?.hedge ? qStart : start,
        end,
        number: value,
        scale: 1,
        value,
        unit: "fraction",
        precision,
        hedge: h,
        ...b,
      });
      continue;
    }
    if (g.half) {
      const word = g.half;
      const h: Hedge | undefined = /^fast/i.test(word)
        ? { word: "fast", kind: "almost" }
        : /^mehr als/i.test(word)
          ? { word: "mehr als", kind: "lower" }
          : /^knapp/i.test(word)
            ? { word: "knapp", kind: "almost" }
            : /^gut/i.test(word)
              ? { word: "gut", kind: "plus" }
              : hedge?.hedge;
      const s = h === hedge?.hedge ? qStart : start;
      const b = boundsFor(0.5, 0.02, h);
      out.push({
        kind: "fraction",
        text: text.slice(s, end),
        start: s,
        end,
        number: 0.5,
        scale: 1,
        value: 0.5,
        unit: "fraction",
        precision: 0.02,
        hedge: h,
        ...b,
      });
      continue;
    }
    if (g.mult) {
      const w = g.mult.toLowerCase();
      const n = g.mnum ?? g.mnum2;
      const factor = n
        ? (SMALL_NUMBER_WORDS[n.toLowerCase()] ?? Number(n))
        : /doppelt|verdoppelt|twice|doubled/.test(w)
          ? 2
          : /verdreifacht|tripled/.test(w)
            ? 3
            : 4;
      const precision = 0.25;
      const b = boundsFor(factor, precision, hedge?.hedge);
      out.push({
        kind: "multiple",
        text: text.slice(qStart, end),
        start: qStart,
        end,
        number: factor,
        scale: 1,
        value: factor,
        unit: "factor",
        precision,
        hedge: hedge?.hedge,
        ...b,
      });
      continue;
    }
    if (g.place) {
      const n =
        SMALL_NUMBER_WORDS[g.pnum.toLowerCase()] ?? (g.pnum.toLowerCase() === "eins" ? 1 : Number(g.pnum));
      out.push({
        kind: "rank",
        text: g.place,
        start,
        end,
        number: n,
        scale: 1,
        value: n,
        unit: "rank",
        precision: 0,
        low: n,
        high: n,
      });
      continue;
    }
    if (g.placeord) {
      const n = PLACE_ORDINALS[g.pord.toLowerCase()] ?? 1;
      out.push({
        kind: "rank",
        text: g.placeord,
        start,
        end,
        number: n,
        scale: 1,
        value: n,
        unit: "rank",
        precision: 0,
        low: n,
        high: n,
      });
      continue;
    }
    if (g.rank) {
      const ord = (g.rord ?? g.rord2 ?? "").toLowerCase();
      const rank = ord ? (RANK_ORDINALS[ord] ?? 1) : 1;
      // "einer der größten": one of the largest, a rank within the top few.
      const oneOf = /(?:einer|eine|eines|einem|einen) der\s+$|one of the\s+$/iu.test(before);
      const b = oneOf ? { low: 1, high: 5 } : { low: rank, high: rank };
      if (g.rank.toLowerCase() === "top") end = start + 3;
      out.push({
        kind: "rank",
        text: text.slice(start, end),
        start,
        end,
        number: rank,
        scale: 1,
        value: rank,
        unit: "rank",
        precision: 0,
        ...b,
      });
    }
  }
  return out;
}

function mk(
  kind: QuantityKind,
  text: string,
  start: number,
  end: number,
  number: number,
  scale: number,
  value: number,
  unit: string,
  precision: number,
  hedge?: Hedge,
): Quantity {
  const b = boundsFor(value, precision, hedge);
  return {
    kind,
    text: text.slice(start, end),
    start,
    end,
    number,
    scale,
    value,
    unit,
    precision,
    hedge,
    ...b,
  };
}

function readNumber(
  text: string,
  m: RegExpExecArray,
  lang: Lang,
  scaleTables: [RegExp, number][][],
): Quantity | null {
  const g = m.groups ?? {};
  const numStart = m.index + (g.sign?.length ?? 0);
  let end = numStart + g.num.length;
  const parsed = parseNumberToken(g.num, lang);
  if (!parsed) return null;
  // A number a double cannot hold exactly (more than 15 significant digits, or beyond its range) is not a
  // figure anyone wrote as a claim, and "10^999", "10**9" are powers, not 10 and 999.
  if (!representable(g.num)) return null;
  if (/^\s*(?:\^|\*\*|×\s*10\^)/u.test(text.slice(end, end + 6))) return null;
  const { value: number } = parsed;
  const { decimals } = parsed;
  let sign = 1;
  let start = m.index;
  if (g.sign) {
    const s = g.sign.trim();
    // A hyphen right after a letter or digit joins words ("Covid-19"), it is no minus.
    if (/^[-−–]$/.test(s) || /^minus$/i.test(s)) sign = -1;
  }
  const after = text.slice(end, end + 60);

  // Ordinal: "80. Jahrestag", "am 9. Mai", "the 80th anniversary".
  if (decimals === 0 && !g.num.includes(".") && !g.num.includes(",")) {
    const ord = /^\.\s+(\S+)/u.exec(after);
    if (ord && number < 1000 && (ORDINAL_NOUN.test(ord[1]) || /^[a-zäöü]/u.test(ord[1]))) {
      return mk("ordinal", text, m.index, end + 1, number, 1, number, "ordinal", 0);
    }
    const en = /^(?:st|nd|rd|th)(?![\p{L}])/u.exec(after);
    if (en) return mk("ordinal", text, m.index, end + en[0].length, number, 1, number, "ordinal", 0);
  }

  let rest = after;
  let pos = end;
  const skipSpace = () => {
    const sp = /^[ \u00A0\u202F\u2009\u2007]*/u.exec(rest);
    const n = sp ? sp[0].length : 0;
    return n;
  };

  // Range: "20 bis 30 Prozent", "20-30%", "between 20 and 30 percent".
  let high: number | undefined;
  let highDecimals = 0;
  const range =
    /^[ \u00A0\u202F\u2009]*(?:-|–|—|bis|to|und|and)[ \u00A0\u202F\u2009]*(\d[\d.,]*\d|\d)(?![\p{N}])/u.exec(
      rest,
    );
  if (range) {
    const word = range[0].trim().split(/\s+/)[0];
    const isAnd = /^(?:und|and)/.test(word);
    const between = /(?:zwischen|between)\s+$/iu.test(text.slice(Math.max(0, m.index - 12), m.index));
    const hp = parseNumberToken(range[1], lang);
    if (
      hp &&
      (!isAnd || between) &&
      hp.value > number &&
      !(number >= 1900 && number <= 2100 && decimals === 0)
    ) {
      high = hp.value;
      highDecimals = hp.decimals;
      pos += range[0].length;
      rest = text.slice(pos, pos + 60);
    }
  }

  let scale = 1;
  const sp1 = skipSpace();
  for (const table of scaleTables) {
    const sc = matchPrefix(rest.slice(sp1), table);
    if (sc) {
      scale = sc.val;
      pos += sp1 + sc.len;
      rest = text.slice(pos, pos + 60);
      break;
    }
  }
  if (scale === 1 && sp1 === 0) {
    // "$245bn", "162m": English abbreviations written onto the number.
    const sc = matchPrefix(rest, lang === "en" ? SCALE_EN : SCALE_DE_ALSO);
    if (sc) {
      scale = sc.val;
      pos += sc.len;
      rest = text.slice(pos, pos + 60);
    }
  }

  let kind: QuantityKind = "count";
  let unit = "";
  let unitScale = 1;
  const sp2 = skipSpace();
  const tail = rest.slice(sp2);
  const pts = POINTS.exec(tail);
  const pct = PERCENT.exec(tail);
  const cur = matchPrefix(tail, CURRENCY_AFTER);
  const phys = PHYSICAL.map(([re, u, s]) => ({ m: re.exec(tail), u, s })).find((x) => x.m);
  if (pts) {
    kind = "points";
    unit = "pp";
    pos += sp2 + pts[0].length;
  } else if (pct) {
    kind = "percent";
    unit = "fraction";
    pos += sp2 + pct[0].length;
  } else if (cur) {
    kind = "amount";
    unit = cur.val;
    pos += sp2 + cur.len;
  } else if (phys?.m) {
    kind = "physical";
    unit = phys.u;
    unitScale = phys.s;
    pos += sp2 + phys.m[0].length;
  }
  // Currency before: "$245bn", "USD 162 bn", "dollars 162bn", "€1,2 Mrd."
  const before = text.slice(Math.max(0, m.index - 40), m.index);
  if (kind === "count" || kind === "amount") {
    const cb = matchPrefixEnd(before, CURRENCY_BEFORE);
    const ownsCurrency = cb && !CLOSED_BY_CURRENCY.test(before.slice(0, before.length - cb.len));
    if (cb && ownsCurrency && (kind === "count" || cb.val === unit)) {
      kind = "amount";
      unit = cb.val;
      start = m.index - cb.len;
    }
  }
  // "Milliarden Kubikmeter Gas": a scale word followed by a physical unit.
  end = pos;

  if (
    kind === "count" &&
    scale === 1 &&
    decimals === 0 &&
    high === undefined &&
    number >= 1900 &&
    number <= 2100 &&
    !/[.,\s]/.test(g.num)
  ) {
    return mk("year", text, m.index, numEnd(m), number, 1, number, "year", 0);
  }

  const hedgeBefore = readHedge(text.slice(Math.max(0, start - 30), start));
  if (hedgeBefore) start -= hedgeBefore.len;
  const hedge = hedgeBefore?.hedge;

  const factor = kind === "percent" || kind === "points" ? 0.01 : scale * unitScale;
  const value = sign * number * factor;
  const precision = precisionOf(number, decimals) * factor;
  const q: Quantity = {
    kind,
    text: text.slice(start, end),
    start,
    end,
    number: sign * number,
    scale,
    value,
    unit,
    precision,
    hedge,
    ...boundsFor(value, precision, hedge),
  };
  if (high !== undefined) {
    q.valueHigh = sign * high * factor;
    const hp = precisionOf(high, highDecimals) * factor;
    q.low = Math.min(value, q.valueHigh) - precision;
    q.high = Math.max(value, q.valueHigh) + hp;
  }
  return q;
}

/** A figure with its scale word right before a currency word: the currency is that figure's unit. */
const CLOSED_BY_CURRENCY =
  /\d(?:[\s\u00A0]*(?:Mrd\.?|Mio\.?|Milliarden|Millionen|Billionen|Tausend|bn|billion|million|trillion|m|k))?[\s\u00A0]*-?$/u;

/** At most 15 significant digits and a finite value: what a double holds exactly. */
function representable(token: string): boolean {
  const digits = token.replace(/\D/g, "").replace(/^0+/, "");
  return digits.length <= 15;
}

function numEnd(m: RegExpExecArray): number {
  return m.index + m[0].length;
}

function matchPrefixEnd<T>(s: string, table: [RegExp, T][]): { len: number; val: T } | undefined {
  for (const [re, val] of table) {
    const m = re.exec(s);
    if (m) {
      // The sign or code must stand apart from a preceding word ("CHF" not in "XCHF").
      const i = m.index;
      if (i > 0 && /[\p{L}\p{N}]/u.test(s[i - 1]) && !/^[$€£¥₹₽]/u.test(m[0])) continue;
      return { len: m[0].length, val };
    }
  }
  return undefined;
}
