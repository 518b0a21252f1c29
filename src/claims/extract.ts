// From an article to its numeric claims: sentence by sentence, each quantity with what it measures, the
// two countries and the direction, and the period, linked to an indicator of the catalogue (or marked as
// outside it, with what it is).
import { type CountryMention, findCountries } from "./countries.ts";
import { detectLang, type Lang, parseQuantities, type Quantity, smallNumberWord } from "./numbers.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Period {
  /** The calendar years the claim is about; empty when it could not be resolved. */
  years: number[];
  /** The words that gave the period ("im vergangenen Jahr", "2023"), null when none was written. */
  text: string | null;
  basis: "explicit" | "relative" | "base-year" | "context" | "default" | "unresolved";
  /** Why it resolved as it did, or why it could not. */
  note?: string;
  /** Part of a year only (a quarter, a month): annual data cannot check it. */
  partial?: boolean;
}

export interface Claim {
  id: number;
  /** The quantity phrase as written (hedge and unit included); start/end are its offsets in the input. */
  text: string;
  start: number;
  end: number;
  sentence: Span & { text: string };
  kind: Quantity["kind"];
  /** The quantity in base units: USD (or the currency in `unit`), a fraction for shares and rates. */
  quantity: number;
  quantityHigh?: number;
  /** The number as written and its scale word's multiplier (245 and 1e9 for "245 Milliarden"). */
  number: number;
  scale: number;
  unit: string;
  precision: number;
  hedge: Quantity["hedge"] | null;
  /** The interval the phrase admits from rounding and hedge (before any data allowance). */
  low: number | null;
  high: number | null;
  /** What the figure measures, in words: "turnover", "export share", "growth of turnover", ... */
  measure: string;
  /** An indicator of the catalogue, or null when the claim is outside it. */
  indicator: string | null;
  /** A claim about a change of an indicator: growth rate (fraction) or absolute change. */
  derived?: "growth" | "change";
  /** The claim is stated as not holding ("nicht der wichtigste Absatzmarkt"). */
  negated?: boolean;
  /** When indicator is null: what the figure is about. */
  outside?: string;
  a: string | null;
  b: string | null;
  /** How a and b were found: in the clause, in the sentence, or from the article's main pair. */
  countriesFrom: "clause" | "sentence" | "article";
  period: Period;
}

export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD): resolves "im vergangenen Jahr". Found in the text if not given. */
  date?: string;
  lang?: Lang;
}

export interface Extraction {
  lang: Lang;
  date: string | null;
  dateSource: "option" | "article" | "none";
  /** The two countries the article is mostly about, by mentions (title counted three times). */
  pair: [string, string] | null;
  claims: Claim[];
}

// --- sentences -------------------------------------------------------------------------------------

const ABBREV =
  /(?:Mrd|Mio|Tsd|Bio|ca|bzw|vgl|Nr|Dr|Prof|St|z\.B|u\.a|d\.h|v\.a|etc|Jh|Mr|Mrs|Ms|Inc|Corp|No|approx|vs|U\.S|e\.g|i\.e)$/;

const MAX_SENTENCE = 1000;

const ORDINAL_NEXT =
  /^(?:Jahrestag|Jahrhundert|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|Platz|Rang|Mal|Geburtstag|Weltkrieg|Parteitag|Sanktionspaket)/;

/** Sentence spans: a line break always ends one; . ! ? end one unless they close an abbreviation or an ordinal. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    while (s < end && /\s/.test(text[s])) s++;
    let e = end;
    while (e > s && /\s/.test(text[e - 1])) e--;
    // No sentence of news runs past MAX_SENTENCE characters; cutting longer runs (tables, garbage, text
    // without full stops) keeps the work per claim bounded and the whole scan linear.
    while (e - s > MAX_SENTENCE) {
      let cut = text.lastIndexOf(" ", s + MAX_SENTENCE);
      if (cut <= s + MAX_SENTENCE / 2) cut = s + MAX_SENTENCE;
      out.push({ start: s, end: cut });
      s = cut;
      while (s < e && /\s/.test(text[s])) s++;
    }
    if (e > s) out.push({ start: s, end: e });
  };
  const re = /\n|[.!?…]+["“”»«'’)]*(?=\s)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (m[0] !== "\n") {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (m[0].startsWith(".") && ABBREV.test(before)) continue;
      // "des 80. Jahrestags", "am 9. Mai": a number before the dot and a fitting word after it is an ordinal.
      const next = /^\s+(\S+)/.exec(text.slice(end, end + 30));
      if (m[0] === "." && next) {
        if (/(?<![\d.,])\d{1,3}$/.test(before) && ORDINAL_NEXT.test(next[1])) continue;
        if (/^[a-zäöü]/.test(next[1])) continue;
      }
    }
    push(end);
    start = end;
  }
  push(text.length);
  return out;
}

function clauses(text: string, span: Span): Span[] {
  const out: Span[] = [];
  let s = span.start;
  const re = /, |; | – | — | - |: /g;
  const slice = text.slice(span.start, span.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    out.push({ start: s, end: span.start + m.index });
    s = span.start + m.index + m[0].length;
  }
  out.push({ start: s, end: span.end });
  return out;
}

// --- dates and periods -------------------------------------------------------------------------------

const MONTHS: Record<string, number> = {
  januar: 1,
  jänner: 1,
  january: 1,
  jan: 1,
  februar: 2,
  february: 2,
  feb: 2,
  märz: 3,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  mai: 5,
  may: 5,
  juni: 6,
  june: 6,
  jun: 6,
  juli: 7,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sep: 9,
  sept: 9,
  oktober: 10,
  october: 10,
  oct: 10,
  okt: 10,
  november: 11,
  nov: 11,
  dezember: 12,
  december: 12,
  dec: 12,
  dez: 12,
};

/** The first full date written in the text (08.05.2025, 8. Mai 2025, May 8, 2025, 2025-05-08), as YYYY-MM-DD. */
export function findDate(text: string): string | null {
  const head = text.slice(0, 5000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const ok = (y: number, mo: number, d: number) =>
    y >= 1900 && y <= 2100 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31;
  const iso = /(?<!\d)((?:19|20)\d\d)-([01]\d)-([0-3]\d)(?!\d)/.exec(head);
  const dmy = /(?<![\d.])([0-3]?\d)\.\s?([01]?\d)\.\s?((?:19|20)\d\d)(?!\d)/.exec(head);
  const dMonY = /(?<!\d)([0-3]?\d)\.?\s+([A-Za-zäÄ]+)\.?\s+((?:19|20)\d\d)(?!\d)/u.exec(head);
  const monDY = /([A-Z][a-z]+)\.?\s+([0-3]?\d),?\s+((?:19|20)\d\d)(?!\d)/.exec(head);
  const found: { at: number; date: string }[] = [];
  if (iso && ok(+iso[1], +iso[2], +iso[3]))
    found.push({ at: iso.index, date: `${iso[1]}-${iso[2]}-${iso[3]}` });
  if (dmy && ok(+dmy[3], +dmy[2], +dmy[1]))
    found.push({ at: dmy.index, date: `${dmy[3]}-${pad(+dmy[2])}-${pad(+dmy[1])}` });
  if (dMonY) {
    const mo = MONTHS[dMonY[2].toLowerCase()];
    if (mo && ok(+dMonY[3], mo, +dMonY[1]))
      found.push({ at: dMonY.index, date: `${dMonY[3]}-${pad(mo)}-${pad(+dMonY[1])}` });
  }
  if (monDY) {
    const mo = MONTHS[monDY[1].toLowerCase()];
    if (mo && ok(+monDY[3], mo, +monDY[2]))
      found.push({ at: monDY.index, date: `${monDY[3]}-${pad(mo)}-${pad(+monDY[2])}` });
  }
  found.sort((x, y) => x.at - y.at);
  return found[0]?.date ?? null;
}

interface PeriodCue {
  start: number;
  end: number;
  text: string;
  resolve(ctx: { pubYear: number | null; anchor: number | null }): Period;
}

const DATELINE_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember)\.?\s+(?:\d{1,2}\.?,?\s+)?$/u;

const NUMBER_WORD = String.raw`(?:\d+|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|two|three|four|five|six|seven|eight|nine|ten)`;
const RELATIVE: [
  RegExp,
  (m: RegExpExecArray, ctx: { pubYear: number | null; anchor: number | null }) => Period,
][] = [
  [
    /(?:(?:im|in dem|in the) (?:vergangenen|letzten|abgelaufenen|vorigen|zurückliegenden|past|last) Jahr|(?:vergangenes|letztes|voriges) Jahr|last year|in the past year|(?:im|in the) Jahr davor)(?![\p{L}])/giu,
    (m, c) => rel(m[0], c.pubYear === null ? null : [c.pubYear - 1], "the year before the publication date"),
  ],
  [
    new RegExp(
      String.raw`(?:in den|während der|over the|in the|during the) (?:letzten|vergangenen|zurückliegenden|past|last) (${NUMBER_WORD}) (?:Jahren|Jahre|years)`,
      "giu",
    ),
    (m, c) => {
      const n = smallNumberWord(m[1]) ?? Number(m[1]);
      if (c.pubYear === null || !Number.isFinite(n) || n < 1 || n > 30) return rel(m[0], null, "");
      const years = Array.from({ length: n }, (_, i) => (c.pubYear as number) - n + i);
      return rel(m[0], years, `the ${n} complete years before the publication date`);
    },
  ],
  [
    /(?:in den Vorjahren|in den Jahren (?:zuvor|davor)|in den vorangegangenen Jahren|in (?:the )?(?:previous|prior|preceding) years|in the years before)(?![\p{L}])/giu,
    (m, c) =>
      rel(
        m[0],
        c.anchor === null ? null : [c.anchor - 2, c.anchor - 1],
        `the two years before ${c.anchor ?? "the year in question"}`,
      ),
  ],
  [
    /(?:im Vorjahr|in the previous year|the year before|a year earlier|ein Jahr (?:zuvor|davor|früher))(?![\p{L}])/giu,
    (m, c) =>
      rel(
        m[0],
        c.anchor === null ? null : [c.anchor - 1],
        `the year before ${c.anchor ?? "the year in question"}`,
      ),
  ],
  [
    /(?:in diesem Jahr|dieses Jahr|heuer|this year|so far this year|bislang in diesem Jahr)(?![\p{L}])/giu,
    (m, c) => ({
      ...rel(m[0], c.pubYear === null ? null : [c.pubYear], "the publication year"),
      partial: true,
    }),
  ],
  [
    /(?:im|in the|in den) (?:ersten|zweiten|dritten|vierten|letzten|first|second|third|fourth|last) (?:Quartal|Halbjahr|quarter|half|Monaten|months)(?![\p{L}])/giu,
    (m) => ({
      years: [],
      text: m[0],
      basis: "unresolved",
      partial: true,
      note: "part of a year: annual data cannot check it",
    }),
  ],
];

function rel(text: string, years: number[] | null, why: string): Period {
  if (!years)
    return {
      years: [],
      text,
      basis: "unresolved",
      note: "a relative period needs the publication date: pass --date",
    };
  return { years, text, basis: "relative", note: `"${text}" read as ${years.join("–")} (${why})` };
}

function periodCues(text: string, span: Span, quantities: Quantity[]): PeriodCue[] {
  const s = text.slice(span.start, span.end);
  const cues: PeriodCue[] = [];
  for (const [re, fn] of RELATIVE) {
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const mm = m;
      cues.push({
        start: span.start + m.index,
        end: span.start + m.index + m[0].length,
        text: m[0],
        resolve: (c) => fn(mm, c),
      });
    }
  }
  for (const q of quantities) {
    if (q.kind !== "year") continue;
    const before = text.slice(Math.max(span.start, q.start - 40), q.start);
    const y = q.value;
    if (/(?:seit|since|bis|until|till|ab)\s+(?:dem Jahr\s+|Anfang\s+|Ende\s+)?$/iu.test(before)) continue;
    // The year of a dateline ("March 12, 2024", "20. Februar 2025") dates the article, not a claim.
    if (DATELINE_BEFORE.test(before)) continue;
    if (
      /(?:gegenüber|verglichen mit|im Vergleich zu|im Vergleich zum Jahr|vergleichen mit|than in|compared (?:with|to)|from|over|vs\.?|versus|als)\s+(?:dem Jahr\s+|the year\s+|in\s+)?$/iu.test(
        before,
      )
    ) {
      cues.push({
        start: q.start,
        end: q.end,
        text: q.text,
        resolve: () => ({
          years: [y + 1],
          text: `${before.trim()} ${q.text}`.trim(),
          basis: "base-year",
          note: `compared with ${y}: the claim is about ${y + 1}`,
        }),
      });
      continue;
    }
    // "zwischen 2021 und 2023", "2021-2023": a span of years.
    const after = text.slice(q.end, Math.min(span.end, q.end + 12));
    const range = /^\s*(?:-|–|bis|und|to|and)\s*((?:19|20)\d\d)(?!\d)/.exec(after);
    if (range) {
      const y2 = Number(range[1]);
      if (y2 > y && y2 - y < 30) {
        const years = Array.from({ length: y2 - y + 1 }, (_, i) => y + i);
        cues.push({
          start: q.start,
          end: q.end + range[0].length,
          text: text.slice(q.start, q.end + range[0].length),
          resolve: () => ({ years, text: text.slice(q.start, q.end + range[0].length), basis: "explicit" }),
        });
        continue;
      }
    }
    cues.push({
      start: q.start,
      end: q.end,
      text: q.text,
      resolve: () => ({ years: [y], text: q.text, basis: "explicit" }),
    });
  }
  return cues.sort((x, y) => x.start - y.start);
}

// --- what a figure measures ---------------------------------------------------------------------------

interface Cue {
  start: number;
  end: number;
  word: string;
}

function cues(re: RegExp, text: string, span: Span): Cue[] {
  const out: Cue[] = [];
  const s = text.slice(span.start, span.end);
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s))
    out.push({ start: span.start + m.index, end: span.start + m.index + m[0].length, word: m[0] });
  return out;
}

const W = String.raw`(?![\p{L}])`;
const L = String.raw`(?<![\p{L}])`;
const RE = {
  turnover: new RegExp(
    String.raw`${L}(?:Handel|Handels|Handelsvolumen|Handelsvolumens|Handelsumsatz|Warenaustausch(?:es|s)?|Warenverkehr(?:s)?|Außenhandel(?:s)?|Handelsaustausch(?:es|s)?|Gesamthandel(?:s)?|Im-\s*und\s*Exporte?n?|Ex-\s*und\s*Importe?n?|Handelsbeziehungen|Volumen|trade(?! war| deficit| surplus| balance| gap| partner| barrier)|turnover|two-way trade|bilateral trade|trade volume)${W}`,
    "giu",
  ),
  exports: new RegExp(
    String.raw`${L}(?:Exporte?n?|Exports?|Ausfuhre?n?|Warenexporte?n?|exportiert\p{L}*|exportierte\p{L}*|liefert\p{L}*|Lieferungen|verkauft\p{L}*|gingen nach|exported|shipments|shipped|sales to|sold to|selling to)${W}`,
    "giu",
  ),
  imports: new RegExp(
    String.raw`${L}(?:Importe?n?|Imports?|Einfuhre?n?|Warenimporte?n?|importiert\p{L}*|importierte\p{L}*|bezog\p{L}*|bezieht|kauft\p{L}*|kamen aus|stammten aus|imported|purchases|bought|buys|buying)${W}`,
    "giu",
  ),
  growth: new RegExp(
    String.raw`${L}(?:wuchs\p{L}*|wächst|gewachsen|wachsen|Wachstum\p{L}*|stieg\p{L}*|steigt|gestiegen|Anstieg\p{L}*|Zuwachs\p{L}*|Zuwächse|zulegen|zugelegt|legte\p{L}*|Plus|sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|zurück\p{L}*|schrumpf\p{L}*|geschrumpft|Minus|Einbruch|brach\p{L}*|einbrach|grew|growth|grown|rose|risen|increased?|increases|jumped|surged|soared|climbed|slipped|fell|fallen|dropped|declined?|decreased?|shrank|contracted|slumped|plunged|up|down|year on year|year-on-year)${W}`,
    "giu",
  ),
  negativeGrowth: new RegExp(
    String.raw`${L}(?:sank\p{L}*|sinkt|gesunken|fiel\p{L}*|gefallen|Rückgang\p{L}*|zurück\p{L}*|schrumpf\p{L}*|geschrumpft|Minus|Einbruch|brach\p{L}*|einbrach|fell|fallen|dropped|slipped|declined?|decreased?|shrank|contracted|slumped|plunged|down)${W}`,
    "giu",
  ),
  share: new RegExp(
    String.raw`${L}(?:Anteil\p{L}*|share|accounted for|entfielen|entfiel|machte\p{L}*)${W}`,
    "giu",
  ),
  balance: new RegExp(
    String.raw`${L}(?:Handelsbilanz\p{L}*|Handelsüberschuss\p{L}*|Handelsdefizit\p{L}*|Überschuss\p{L}*|Defizit\p{L}*|surplus|deficit|trade balance|trade gap)${W}`,
    "giu",
  ),
  rankBuyer: new RegExp(
    String.raw`${L}(?:Abnehmer\p{L}*|Absatzm(?:a|ä)rkt\p{L}*|Exportm(?:a|ä)rkt\p{L}*|Exportziel\p{L}*|Kunde\p{L}*|Käufer\p{L}*|Importeur\p{L}*|Empfänger\p{L}*|buyers?|recipients?|customers?|markets?|export destinations?|destinations?|importers?|purchasers?)${W}`,
    "giu",
  ),
  rankSupplier: new RegExp(
    String.raw`${L}(?:Lieferant\p{L}*|Exporteur\p{L}*|Bezugsquelle\p{L}*|Herkunftsland|Verkäufer\p{L}*|suppliers?|exporters?|sources?|sellers?|origins?)${W}`,
    "giu",
  ),
  rankPartner: new RegExp(
    String.raw`${L}(?:Handelspartner\p{L}*|Wirtschaftspartner\p{L}*|trading partners?|trade partners?)${W}`,
    "giu",
  ),
  energy: new RegExp(
    String.raw`${L}(?:Gas|Erdgas|Erdgases|Pipelinegas|Gas(?:bedarf|verbrauch|versorgung|markt)\p{L}*|Öl(?:bedarf|verbrauch|versorgung|markt)\p{L}*|Energiebedarf\p{L}*|LNG|Flüssiggas\p{L}*|Gaslieferungen|Gasexporte?n?|Gasimporte?n?|Öl|Öls|Erdöl\p{L}*|Rohöl\p{L}*|Ölexporte?n?|Ölimporte?n?|Kohle|Kohleexporte?n?|Energie|Energieträger\p{L}*|Energieimporte?n?|Energieexporte?n?|Energielieferungen|oil|crude|gas|natural gas|pipeline gas|coal|energy|petroleum|barrels?|Kubikmeter\p{L}*|cubic met\p{L}*)${W}`,
    "giu",
  ),
  arms: new RegExp(
    String.raw`${L}(?:Waffen\p{L}*|Rüstung\p{L}*|Militärtechnik\p{L}*|Militärtechnologie|Kampfjets?|Kampfflugzeug\p{L}*|Panzer\p{L}*|Raketen\p{L}*|Drohnen\p{L}*|Kriegsgerät|Kriegsschiff\p{L}*|arms|weapons?|weaponry|military equipment|fighter jets?|fighter aircraft|tanks|missiles?|drones?|defen[cs]e equipment|TIV)${W}`,
    "giu",
  ),
  // Figures about other things: a claim, but not one the trade/energy/arms catalogue can check.
  outside: new RegExp(
    String.raw`${L}(?:Investition\p{L}*|Direktinvestition\p{L}*|investiert\p{L}*|investments?|invested|FDI|BIP|Bruttoinlandsprodukt\p{L}*|Wirtschaftsleistung|Wirtschaftswachstum|GDP|economy|Einwohner\p{L}*|Bevölkerung|population|inhabitants|Soldaten|troops|soldiers|Militärausgaben|Verteidigungsausgaben|Verteidigungshaushalt|defen[cs]e spending|military spending|Inflation|inflation|Zins\p{L}*|interest rates?|Kredit\p{L}*|Darlehen|loans?|credit|Schulden|debt|Touristen|tourists|Studenten|students|Aktie\p{L}*|shares of|stock|Umfrage\p{L}*|poll|Stimmen|votes?|Reserven|reserves|Unternehmen|companies|firms|Arbeitsplätze|jobs|Zölle\p{L}*|Zoll\p{L}*|tariffs?|duties|Sanktion\p{L}*|sanctions?)${W}`,
    "giu",
  ),
  perYear:
    /(?<![\p{L}])(?:jährlich\p{L}*|pro Jahr|im Jahr|per year|a year|annual(?:ly)?|each year|every year)(?![\p{L}])/iu,
  negation:
    /(?<![\p{L}])(?:nicht|kein\p{L}*|weder|noch|nie|not|neither|nor|no longer|nicht mehr)(?![\p{L}])/iu,
  oneOf: /(?:einer|eine|eines|einem|einen) der\s+$|one of the\s+$/iu,
  // Targets and forecasts are numbers about the future, not measurements the data can check.
  goal: /(?<![\p{L}])(?:Ziel\p{L}*|anpeil\p{L}*|angepeilt|steigern|ausbauen will|anstreb\p{L}*|targets?|targeted|aims? to|aiming|goal|plans? to|planned to|pledged to|forecasts?|Prognose\p{L}*|prognostiziert)(?![\p{L}])/iu,
};

const CLAIM_KINDS = new Set(["amount", "percent", "points", "fraction", "multiple", "physical", "rank"]);

function nearest(
  list: Cue[],
  q: Span,
  maxDist = Number.POSITIVE_INFINITY,
): { cue: Cue; dist: number } | undefined {
  let best: { cue: Cue; dist: number } | undefined;
  for (const c of list) {
    if (c.end > q.start && c.start < q.end) continue;
    // A word after the figure ("30 Prozent der Exporte") binds more closely than one before it.
    const dist = c.start >= q.end ? c.start - q.end : (q.start - c.end) * 1.3;
    if (dist <= maxDist && (!best || dist < best.dist)) best = { cue: c, dist };
  }
  return best;
}

function inside(list: Cue[], span: Span): Cue[] {
  return list.filter((c) => c.start >= span.start && c.end <= span.end);
}

function fuelOf(words: string): { fuel: "pipeline_gas" | "lng" | "oil" | "coal" | null; label: string } {
  const w = words.toLowerCase();
  if (/lng|flüssiggas/.test(w)) return { fuel: "lng", label: "LNG" };
  if (/pipeline/.test(w)) return { fuel: "pipeline_gas", label: "pipeline gas" };
  if (/gas|kubikmeter|cubic/.test(w)) return { fuel: "pipeline_gas", label: "gas (read as pipeline gas)" };
  if (/öl|oil|crude|petroleum|barrel/.test(w)) return { fuel: "oil", label: "oil" };
  if (/kohle|coal/.test(w)) return { fuel: "coal", label: "coal" };
  return { fuel: null, label: "energy" };
}

interface Linked {
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

/** Cue words of one sentence, found once per pattern however many figures the sentence holds. */
class SentenceCues {
  private readonly cache = new Map<RegExp, Cue[]>();
  constructor(
    private readonly text: string,
    private readonly sentence: Span,
  ) {}
  get(re: RegExp): Cue[] {
    let list = this.cache.get(re);
    if (!list) {
      list = cues(re, this.text, this.sentence);
      this.cache.set(re, list);
    }
    return list;
  }
}

const CLAUSE_PENALTY = 200;

function link(text: string, q: Quantity, clause: Span, sentence: Span, sc: SentenceCues): Linked {
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

// --- countries and direction ---------------------------------------------------------------------------

interface Role {
  m: CountryMention;
  role: "dest" | "origin" | "with" | "owner" | "plain";
}

function roles(text: string, mentions: CountryMention[]): Role[] {
  return mentions.map((m) => {
    const before = text.slice(Math.max(0, m.start - 14), m.start);
    if (m.form === "adjective" || m.form === "genitive") return { m, role: "owner" };
    if (
      /(?:nach|in die|in den|an|to|into|towards|für|for)\s+(?:die\s+|den\s+|das\s+|the\s+)?$/iu.test(before)
    )
      return { m, role: "dest" };
    if (/(?:aus|von|from|vom)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before))
      return { m, role: "origin" };
    if (/(?:mit|with|zwischen|between|und|and)\s+(?:der\s+|dem\s+|den\s+|the\s+)?$/iu.test(before))
      return { m, role: "with" };
    return { m, role: "plain" };
  });
}

function direction(
  text: string,
  l: Linked,
  clauseMentions: CountryMention[],
  sentenceMentions: CountryMention[],
  pair: [string, string] | null,
): { a: string | null; b: string | null; from: Claim["countriesFrom"] } {
  const pick = (ms: CountryMention[]) => {
    const rs = roles(
      text,
      ms.filter((m) => m.code !== "WLD"),
    );
    // The owner of the flow: the adjective or genitive nearest before the measure word ("der russischen Exporte").
    const anchor = l.at;
    const owners = rs.filter((r) => r.role === "owner");
    let owner: Role | undefined;
    if (anchor) {
      owner = owners
        .filter((r) => r.m.end <= anchor.start + 1 && anchor.start - r.m.end < 40)
        .sort((x, y) => y.m.end - x.m.end)[0];
      // "größte Abnehmer russischer Energieträger": the owner may follow the rank noun.
      owner ??= owners.filter((r) => r.m.start >= anchor.end && r.m.start - anchor.end < 25)[0];
    }
    owner ??= owners[0];
    const others = rs.filter((r) => r !== owner && (!owner || r.m.code !== owner.m.code));
    const dest = others.find((r) => r.role === "dest");
    const origin = others.find((r) => r.role === "origin");
    let a: string | null = null;
    let b: string | null = null;
    switch (l.flow) {
      case "exports":
        a = owner?.m.code ?? origin?.m.code ?? others.find((r) => r.role !== "dest")?.m.code ?? null;
        b = dest?.m.code ?? others.find((r) => r.m.code !== a)?.m.code ?? null;
        break;
      case "imports":
        a = owner?.m.code ?? others.find((r) => r.role !== "origin")?.m.code ?? null;
        b = origin?.m.code ?? others.find((r) => r.m.code !== a)?.m.code ?? null;
        break;
      case "supplier-share":
        b = owner?.m.code ?? dest?.m.code ?? null;
        a =
          others.find((r) => r.m.code !== b && r.role !== "dest")?.m.code ??
          others.find((r) => r.m.code !== b)?.m.code ??
          null;
        break;
      case "rank-buyer":
      case "rank-supplier": {
        // "China ist Russlands größter Abnehmer": the owner is the side whose destinations/origins are ranked.
        a = owner?.m.code ?? null;
        const near = anchor
          ? [...others].sort(
              (x, y) => Math.abs(x.m.start - anchor.start) - Math.abs(y.m.start - anchor.start),
            )[0]
          : others[0];
        b = near?.m.code ?? null;
        if (!a) a = others.find((r) => r.m.code !== b)?.m.code ?? null;
        break;
      }
      default: {
        const codes = [...new Set(rs.map((r) => r.m.code))];
        a = codes[0] ?? null;
        b = codes[1] ?? null;
      }
    }
    if (a === b) b = null;
    return { a, b };
  };
  let res = pick(clauseMentions);
  let from: Claim["countriesFrom"] = "clause";
  if (!res.a || !res.b) {
    const s = pick(sentenceMentions);
    if ((s.a ? 1 : 0) + (s.b ? 1 : 0) > (res.a ? 1 : 0) + (res.b ? 1 : 0)) {
      res = s;
      from = "sentence";
    }
  }
  if ((!res.a || !res.b) && pair) {
    from = res.a || res.b ? from : "article";
    if (!res.a && !res.b) res = { a: pair[0], b: pair[1] };
    else if (!res.b) res = { a: res.a, b: res.a === pair[0] ? pair[1] : pair[0] };
    else res = { a: res.b === pair[0] ? pair[1] : pair[0], b: res.b };
    if (from !== "article") from = "article";
  }
  return { ...res, from };
}

function mainPair(text: string, mentions: CountryMention[]): [string, string] | null {
  const firstBreak = text.indexOf("\n");
  const titleEnd = firstBreak > 0 && firstBreak < 300 ? firstBreak : 0;
  const count = new Map<string, number>();
  for (const m of mentions) {
    if (m.code === "EUU" || m.code === "SUN") continue;
    count.set(m.code, (count.get(m.code) ?? 0) + (m.start < titleEnd ? 3 : 1));
  }
  const ranked = [...count.entries()].sort((x, y) => y[1] - x[1]);
  if (ranked.length < 2) return null;
  return [ranked[0][0], ranked[1][0]];
}

// --- the article --------------------------------------------------------------------------------------

export function extractClaims(text: string, options: ExtractOptions = {}): Extraction {
  const lang = options.lang ?? detectLang(text);
  const found = options.date ? null : findDate(text);
  const date = options.date ?? found;
  const pubYear = date ? Number(date.slice(0, 4)) : null;
  const quantities = parseQuantities(text, lang);
  const mentions = findCountries(text);
  const pair = mainPair(text, mentions);
  const claims: Claim[] = [];
  let anchor: number | null = pubYear === null ? null : pubYear - 1;
  let lastPeriod: Period | null = null;
  let lastPeriodSentence = -10;
  let sentenceIndex = -1;
  let prevSentenceEnd = 0;
  let qi = 0;
  let mi = 0;
  for (const sentence of splitSentences(text)) {
    sentenceIndex++;
    // A line break between sentences starts a new paragraph: no period carries over it.
    if (/\n/.test(text.slice(prevSentenceEnd, sentence.start))) lastPeriodSentence = -10;
    prevSentenceEnd = sentence.end;
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
    for (const q of sq) {
      if (!CLAIM_KINDS.has(q.kind)) continue;
      const clause = sClauses.find((c) => q.start >= c.start && q.start < c.end) ?? sentence;
      let l = link(text, q, clause, sentence, sentenceCues);
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
      const dir = direction(text, l, cm, sm, pair);
      // Period: a cue in the clause, else in the sentence (nearest first), else the previous claim's.
      // A period word belongs to the figure next to it: one with another figure in between is not this one's.
      const reachable = pcues.filter((c) => {
        const lo = Math.min(c.end, q.start);
        const hi = Math.max(c.start, q.end);
        return !sq.some((o) => o !== q && CLAIM_KINDS.has(o.kind) && o.start >= lo && o.end <= hi);
      });
      const inClause = reachable.filter((c) => c.start >= clause.start && c.end <= clause.end);
      const pool = inClause.length ? inClause : reachable;
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
      if (period.years.length && period.basis !== "context") {
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
      if (l.negativeGrowth && quantity > 0) {
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
      });
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

function indicatorUnit(indicator: string | null): string {
  if (!indicator) return "";
  if (indicator.startsWith("energy.coal")) return "EJ";
  if (indicator.startsWith("energy.oil")) return "Mt";
  if (indicator.startsWith("energy.")) return "bcm";
  if (indicator === "arms.tiv") return "TIV (millions)";
  return "";
}
