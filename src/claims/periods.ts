// Stage: period. Dates of the article, and the period words of a sentence (years, relative years, parts
// of a year), each resolved to calendar years.
import { type Quantity, smallNumberWord } from "./numbers.ts";
import type { Period, Span } from "./types.ts";

export const MONTHS: Record<string, number> = {
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

export interface PeriodCue {
  start: number;
  end: number;
  text: string;
  /** A month, quarter or other part of a year. */
  partial?: boolean;
  /** Applies to every figure of its clause, even past another figure ("the annual total up 35.4% to $593.4bn"). */
  wholeClause?: boolean;
  resolve(ctx: { pubYear: number | null; anchor: number | null }): Period;
}

const DATELINE_BEFORE =
  /(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Januar|Jänner|Februar|März|Mai|Juni|Juli|Oktober|Dezember)\.?\s+(?:\d{1,2}\.?,?\s+)?$/u;

const SCALE_WORDS =
  "bn|billion|billions|m|million|millions|tn|trillion|Mrd\\.?|Milliarden|Mio\\.?|Millionen|Billionen";
const CURRENCY_WORDS = "dollars?|Dollar|US-Dollar|euros?|Euro|pounds?|yen|yuan|USD|EUR";

const WHOLE_YEAR =
  /annual total|for the (?:whole |full )?year|full-year|year as a whole|Gesamtjahr|gesamten Jahr/iu;

/** Month names that date a figure (not "may", "march" as verbs: English months are capitalised). */
const MONTH_NAMES =
  "Januar|Jänner|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember|January|February|March|April|May|June|July|August|September|October|November|December";

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
    // "5 Prozent weniger als im Vorjahr", "gegenüber dem Vorjahr", "than the year before": the base of a
    // change; the figure is about the year in question.
    /(?:(?:als|gegenüber|verglichen mit|im Vergleich zum)\s+(?:im\s+|dem\s+)?Vorjahr(?:es)?|(?:than|compared with|compared to|from|over)\s+(?:in\s+)?(?:the previous year|the year before|a year earlier))(?![\p{L}])/giu,
    (m, c) =>
      c.anchor === null
        ? rel(m[0], null, "")
        : {
            years: [c.anchor],
            text: m[0],
            basis: "base-year",
            note: `compared with the year before: the claim is about ${c.anchor}`,
          },
  ],
  [
    /(?<!(?:als|gegenüber|dem|mit|zum|than|with|to|from|over)\s+(?:im\s+|in\s+)?)(?:im Vorjahr|in the previous year|the year before|a year earlier|ein Jahr (?:zuvor|davor|früher))(?![\p{L}])/giu,
    (m, c) =>
      rel(
        m[0],
        c.anchor === null ? null : [c.anchor - 1],
        `the year before ${c.anchor ?? "the year in question"}`,
      ),
  ],
  [
    // "taking the annual total up 35.4%": a whole year, the year in question, even beside a month.
    /(?:annual total|for the (?:whole |full )?year|full-year|for the year as a whole|im Gesamtjahr|im gesamten Jahr|übers Jahr|aufs Jahr gerechnet)(?![\p{L}])/giu,
    (m, c) =>
      rel(m[0], c.anchor === null ? null : [c.anchor], `the whole of ${c.anchor ?? "the year in question"}`),
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
  [
    // Months, quarters, half-years, year-to-date, fiscal years, weeks, days: not calendar-year figures.
    new RegExp(
      String.raw`(?<![\p{L}])(?:(?:im|in|for|seit|since|during|von|from)\s+(?:(?:dem|the)\s+)?(?:${MONTH_NAMES})(?:\s*(?:-|–|bis|to|und|and)\s*(?:${MONTH_NAMES}))?|(?:${MONTH_NAMES})\s*(?:-|–|bis|to)\s*(?:${MONTH_NAMES})|(?:January|February|March|April|June|July|August|September|October|November|December|Januar|Februar|März|Juni|Juli|Oktober|Dezember)\s+alone|Quartal\p{L}*|Vorquartal\p{L}*|quarter\p{L}*|Halbjahr\p{L}*|half-year\p{L}*|first half|second half|Vormonat\p{L}*|monatlich\p{L}*|monthly|on a monthly basis|month-on-month|im Monat|a month|per month|pro Monat|Wochen?|weeks?|weekly|täglich\p{L}*|daily|on the day|am Tag|seit Jahresbeginn|seit Jahresanfang|bisher in diesem Jahr|year[- ]to[- ]date|so far this year|Geschäftsjahr\p{L}*|Haushaltsjahr\p{L}*|fiscal (?:year|20\d\d)|financial year|Erntejahr|crop year|Saison|season)(?![\p{L}])`,
      "gu",
    ),
    (m) => ({
      years: [],
      text: m[0],
      basis: "unresolved",
      partial: true,
      note: `"${m[0]}" is part of a year or another period than a calendar year: annual data cannot check it`,
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

export function periodCues(text: string, span: Span, quantities: Quantity[]): PeriodCue[] {
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
        partial: Boolean(fn(mm, { pubYear: null, anchor: null }).partial),
        wholeClause: Boolean(fn(mm, { pubYear: null, anchor: null }).partial) || WHOLE_YEAR.test(m[0]),
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
    if (DATELINE_BEFORE.test(before)) {
      // "im Dezember 2018", "in December 2004": a month, not the year.
      const month = new RegExp(
        String.raw`(?:im|in|for|during|von|from|und|and|bis|to)\s+(?:${MONTH_NAMES})\s+$`,
        "u",
      ).exec(before);
      if (month)
        cues.push({
          start: q.start - month[0].length,
          end: q.end,
          text: `${month[0]}${q.text}`,
          partial: true,
          wholeClause: true,
          resolve: () => ({
            years: [y],
            text: `${month[0]}${q.text}`,
            basis: "explicit",
            partial: true,
            note: `"${month[0]}${q.text}" is a month: annual data cannot check it`,
          }),
        });
      continue;
    }
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
    // "narrowed to $345 billion from a record $418bn in 2018": the year is the base figure's; the figure
    // before "from" is about the year after. A cue at "from" says so to the figures before it.
    const base = new RegExp(
      String.raw`(?<![\p{L}])(?:from|von)\s+(?:(?:a|an|the|einem|dem)\s+)?(?:(?:record|Rekord\p{L}*)\s+)?(?:von\s+)?\S*\d\S*(?:\s+(?:${SCALE_WORDS}))?(?:\s+(?:${CURRENCY_WORDS}))?\s+(?:in|im Jahr|im)\s+$`,
      "iu",
    ).exec(before);
    if (base) {
      const at = q.start - before.length + base.index;
      cues.push({
        start: at,
        end: at + 4,
        text: base[0].trim(),
        resolve: () => ({
          years: [y + 1],
          text: `${base[0]}${q.text}`.trim(),
          basis: "base-year",
          note: `compared with ${y}: the claim is about ${y + 1}`,
        }),
      });
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
