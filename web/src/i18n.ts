// The dashboard's words in English and German, and numbers written as each language writes them.
import type { Lang } from "./api.ts";

const STRINGS = {
  en: {
    tagline: "How much do two countries need each other, and who needs whom more?",
    navPair: "Compare two countries",
    navCheck: "Check an article",
    countryA: "First country",
    countryB: "Second country",
    countryHint: "Type a name in English or German, or an ISO code",
    compare: "Compare",
    onePartners: "Or one country's trade partners over time",
    show: "Show",
    examples: "Examples",
    unknownCountry: (s: string) => `"${s}" is not a country we know. Pick one from the list.`,
    loading: "Loading…",
    keyFigures: "Key figures",
    year: "Year",
    turnover: "Trade turnover",
    growth: "Growth on the year before",
    record: "record",
    reportedBy: "Turnover as reported by",
    fromReport: (year: number, whose: string) => `${year}, from ${whose} report`,
    ownUntil: (year: number) => `own figures until ${year}`,
    exportsTo: (a: string, b: string) => `${a}'s exports to ${b}`,
    shareOfExports: (a: string, b: string) => `Share of ${a}'s exports going to ${b}`,
    shareOfImports: (a: string, b: string) => `Share of ${a}'s imports coming from ${b}`,
    shareOfTrade: (a: string, b: string) => `${b}'s share of ${a}'s trade`,
    asymmetry: (a: string, b: string) => `Asymmetry: ${b}'s share of ${a}'s trade ÷ ${a}'s share of ${b}'s`,
    asymmetryExplained: (a: string, b: string, x: string) =>
      `${b} matters ${x} times as much to ${a} as ${a} does to ${b}.`,
    charts: "Charts",
    report: "Full report",
    reportHtml: "Report (HTML)",
    reportPdf: "Report (PDF)",
    narrative: "The story in numbers",
    sources: "Sources",
    noData: (a: string, b: string) => `No trade data between ${a} and ${b} in the loaded sources.`,
    partnersOf: (a: string) => `${a}'s trade partners over time`,
    flow: "Flow",
    exports: "Exports",
    imports: "Imports",
    partner: "Partner",
    share: "Share",
    rank: "Rank",
    value: "Value",
    partnerShares: (a: string, flow: string) => `Share of ${a}'s ${flow} by partner`,
    latest: (y: number) => `Largest partners in ${y}`,
    incompleteYears: (years: string, ranked: number, need: number) =>
      `No ranking for ${years}: the loaded data hold figures for only a few partners in those years (fewer than ${need}), so the latest complete ranking, ${ranked}, is shown.`,
    eu: "EU (for comparison)",
    viewCountry: (a: string) => `${a}'s partners`,
    checkTitle: "Check an article's numbers",
    checkIntro:
      "Paste an article (text or HTML). dyad finds its numeric claims about country pairs and checks them against both countries' statistics.",
    article: "Article text",
    date: "Publication date (resolves 'last year')",
    check: "Check the claims",
    claims: (n: number) => `${n} claim${n === 1 ? "" : "s"} found`,
    noClaims: "No numeric claims about country pairs found.",
    verdicts: {
      consistent: "consistent",
      "consistent with one side's statistics only": "consistent with one side only",
      inconsistent: "inconsistent",
      "not checkable": "not checkable",
    },
    evidence: "Evidence",
    readAs: "Read as",
    markedArticle: "The article, claims marked",
    error: "Something went wrong",
    bn: "bn",
    million: "m",
    rankOf: (b: string, a: string, r: string) => `${b} is no. ${r} among ${a}'s export destinations`,
  },
  de: {
    tagline: "Wie sehr brauchen zwei Länder einander – und wer wen mehr?",
    navPair: "Zwei Länder vergleichen",
    navCheck: "Artikel prüfen",
    countryA: "Erstes Land",
    countryB: "Zweites Land",
    countryHint: "Namen auf Deutsch oder Englisch oder ISO-Code eingeben",
    compare: "Vergleichen",
    onePartners: "Oder die Handelspartner eines Landes im Zeitverlauf",
    show: "Anzeigen",
    examples: "Beispiele",
    unknownCountry: (s: string) => `„${s}“ ist kein uns bekanntes Land. Bitte aus der Liste wählen.`,
    loading: "Wird geladen …",
    keyFigures: "Kennzahlen",
    year: "Jahr",
    turnover: "Handelsvolumen",
    growth: "Veränderung zum Vorjahr",
    record: "Rekord",
    reportedBy: "Handelsvolumen laut",
    fromReport: (year: number, whose: string) => `${year}, nach Angaben ${whose}`,
    ownUntil: (year: number) => `eigene Angaben bis ${year}`,
    exportsTo: (a: string, b: string) => `Exporte ${a} → ${b}`,
    shareOfExports: (a: string, b: string) => `Anteil der Exporte ${a}s, die nach ${b} gehen`,
    shareOfImports: (a: string, b: string) => `Anteil der Importe ${a}s, die aus ${b} kommen`,
    shareOfTrade: (a: string, b: string) => `Anteil ${b}s am Handel ${a}s`,
    asymmetry: (a: string, b: string) =>
      `Asymmetrie: Anteil ${b}s am Handel ${a}s ÷ Anteil ${a}s am Handel ${b}s`,
    asymmetryExplained: (a: string, b: string, x: string) =>
      `${b} ist für ${a} ${x}-mal so wichtig wie ${a} für ${b}.`,
    charts: "Grafiken",
    report: "Vollständiger Bericht",
    reportHtml: "Bericht (HTML)",
    reportPdf: "Bericht (PDF)",
    narrative: "Die Geschichte in Zahlen",
    sources: "Quellen",
    noData: (a: string, b: string) => `Keine Handelsdaten zwischen ${a} und ${b} in den geladenen Quellen.`,
    partnersOf: (a: string) => `Handelspartner: ${a} im Zeitverlauf`,
    flow: "Richtung",
    exports: "Exporte",
    imports: "Importe",
    partner: "Partner",
    share: "Anteil",
    rank: "Rang",
    value: "Wert",
    partnerShares: (a: string, flow: string) => `Anteil der Partner an den ${flow} (${a})`,
    latest: (y: number) => `Größte Partner ${y}`,
    incompleteYears: (years: string, ranked: number, need: number) =>
      `Keine Rangfolge für ${years}: Die geladenen Daten enthalten für diese Jahre nur wenige Partner (weniger als ${need}); gezeigt wird daher die letzte vollständige Rangfolge, ${ranked}.`,
    eu: "EU (zum Vergleich)",
    viewCountry: (a: string) => `Partner: ${a}`,
    checkTitle: "Zahlen eines Artikels prüfen",
    checkIntro:
      "Artikel einfügen (Text oder HTML). dyad findet die Zahlenangaben zu Länderpaaren und prüft sie an den Statistiken beider Länder.",
    article: "Artikeltext",
    date: "Erscheinungsdatum (für „im vergangenen Jahr“)",
    check: "Angaben prüfen",
    claims: (n: number) => `${n} ${n === 1 ? "Angabe" : "Angaben"} gefunden`,
    noClaims: "Keine Zahlenangaben zu Länderpaaren gefunden.",
    verdicts: {
      consistent: "stimmt",
      "consistent with one side's statistics only": "stimmt nur nach einer Seite",
      inconsistent: "stimmt nicht",
      "not checkable": "nicht prüfbar",
    },
    evidence: "Beleg",
    readAs: "Gelesen als",
    markedArticle: "Der Artikel, Angaben markiert",
    error: "Etwas ist schiefgegangen",
    bn: "Mrd.",
    million: "Mio.",
    rankOf: (b: string, a: string, r: string) => `${b} ist Nr. ${r} unter den Exportzielen ${a}s`,
  },
} as const;

export type Strings = (typeof STRINGS)["en"];

export function t(lang: Lang): Strings {
  return STRINGS[lang] as unknown as Strings;
}

const locale = (lang: Lang) => (lang === "de" ? "de-DE" : "en-GB");

/** USD in billions (or millions below one billion), as the language writes it. */
export function usd(value: number | null, lang: Lang): string {
  if (value === null) return "–";
  const s = t(lang);
  const big = Math.abs(value) >= 1e9;
  const n = big ? value / 1e9 : value / 1e6;
  const digits = Math.abs(n) >= 100 ? 1 : 2;
  const num = n.toLocaleString(locale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  return `${num} ${big ? s.bn : s.million} USD`;
}

export function percent(fraction: number | null, lang: Lang, signed = false): string {
  if (fraction === null) return "–";
  const text = (fraction * 100).toLocaleString(locale(lang), {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: signed ? "exceptZero" : "auto",
  });
  return lang === "de" ? `${text} %` : `${text}%`;
}

export function decimal(value: number | null, lang: Lang, digits = 1): string {
  if (value === null) return "–";
  return value.toLocaleString(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
