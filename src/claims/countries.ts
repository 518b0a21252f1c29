// Countries as prose names them: names (from the registry and ISO's lists), adjectives in every
// inflection ("russischen", "chinesische", "Chinese"), inhabitants ("die Russen"), capitals and seats
// of power used for governments ("Moskau", "Peking", "Kreml"), and a few leaders ("Putin", "Xi").
import { createRequire } from "node:module";
import type countriesModule from "i18n-iso-countries";
import { registry } from "../countries/index.ts";

const require = createRequire(import.meta.url);
// The package's plain entry, as the registry loads it: its Node entry reads the JSON of all 78 languages
// (about 40 ms of a `dyad check`); dyad names countries in two.
const countries = require("i18n-iso-countries/index.js") as typeof countriesModule;
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/de.json"));

export type MentionForm = "name" | "genitive" | "adjective" | "people" | "capital" | "leader";

export interface CountryMention {
  code: string;
  start: number;
  end: number;
  text: string;
  form: MentionForm;
}

// Adjective stems: German stems take -e/-er/-en/-es/-em; English adjectives are given whole.
const ADJ_DE: [string, string][] = [
  ["russisch", "RUS"],
  ["chinesisch", "CHN"],
  ["us-amerikanisch", "USA"],
  ["amerikanisch", "USA"],
  ["deutsch", "DEU"],
  ["französisch", "FRA"],
  ["britisch", "GBR"],
  ["indisch", "IND"],
  ["japanisch", "JPN"],
  ["südkoreanisch", "KOR"],
  ["nordkoreanisch", "PRK"],
  ["türkisch", "TUR"],
  ["iranisch", "IRN"],
  ["ukrainisch", "UKR"],
  ["belarussisch", "BLR"],
  ["weißrussisch", "BLR"],
  ["kasachisch", "KAZ"],
  ["saudi-arabisch", "SAU"],
  ["saudisch", "SAU"],
  ["brasilianisch", "BRA"],
  ["italienisch", "ITA"],
  ["spanisch", "ESP"],
  ["polnisch", "POL"],
  ["niederländisch", "NLD"],
  ["kanadisch", "CAN"],
  ["australisch", "AUS"],
  ["mexikanisch", "MEX"],
  ["israelisch", "ISR"],
  ["ägyptisch", "EGY"],
  ["südafrikanisch", "ZAF"],
  ["vietnamesisch", "VNM"],
  ["taiwanisch", "TWN"],
  ["pakistanisch", "PAK"],
  ["indonesisch", "IDN"],
  ["norwegisch", "NOR"],
  ["katarisch", "QAT"],
  ["europäisch", "EUU"],
  ["schweizerisch", "CHE"],
  ["österreichisch", "AUT"],
  ["ungarisch", "HUN"],
  ["serbisch", "SRB"],
  ["georgisch", "GEO"],
  ["armenisch", "ARM"],
  ["aserbaidschanisch", "AZE"],
  ["usbekisch", "UZB"],
  ["syrisch", "SYR"],
  ["irakisch", "IRQ"],
  ["venezolanisch", "VEN"],
  ["argentinisch", "ARG"],
  ["nigerianisch", "NGA"],
  ["schwedisch", "SWE"],
  ["finnisch", "FIN"],
  ["griechisch", "GRC"],
  ["tschechisch", "CZE"],
  ["rumänisch", "ROU"],
  ["emiratisch", "ARE"],
  ["malaysisch", "MYS"],
  ["thailändisch", "THA"],
  ["mongolisch", "MNG"],
  ["algerisch", "DZA"],
  ["sowjetisch", "SUN"],
];
const ADJ_EN: [string, string][] = [
  ["Russian", "RUS"],
  ["Chinese", "CHN"],
  ["American", "USA"],
  ["US", "USA"],
  ["U.S.", "USA"],
  ["German", "DEU"],
  ["French", "FRA"],
  ["British", "GBR"],
  ["UK", "GBR"],
  ["Indian", "IND"],
  ["Japanese", "JPN"],
  ["South Korean", "KOR"],
  ["North Korean", "PRK"],
  ["Turkish", "TUR"],
  ["Iranian", "IRN"],
  ["Ukrainian", "UKR"],
  ["Belarusian", "BLR"],
  ["Kazakh", "KAZ"],
  ["Saudi", "SAU"],
  ["Brazilian", "BRA"],
  ["Italian", "ITA"],
  ["Spanish", "ESP"],
  ["Polish", "POL"],
  ["Dutch", "NLD"],
  ["Canadian", "CAN"],
  ["Australian", "AUS"],
  ["Mexican", "MEX"],
  ["Israeli", "ISR"],
  ["Egyptian", "EGY"],
  ["South African", "ZAF"],
  ["Vietnamese", "VNM"],
  ["Taiwanese", "TWN"],
  ["Pakistani", "PAK"],
  ["Indonesian", "IDN"],
  ["Norwegian", "NOR"],
  ["Qatari", "QAT"],
  ["European", "EUU"],
  ["EU", "EUU"],
  ["Swiss", "CHE"],
  ["Austrian", "AUT"],
  ["Hungarian", "HUN"],
  ["Serbian", "SRB"],
  ["Georgian", "GEO"],
  ["Armenian", "ARM"],
  ["Azerbaijani", "AZE"],
  ["Uzbek", "UZB"],
  ["Syrian", "SYR"],
  ["Iraqi", "IRQ"],
  ["Venezuelan", "VEN"],
  ["Argentine", "ARG"],
  ["Argentinian", "ARG"],
  ["Nigerian", "NGA"],
  ["Swedish", "SWE"],
  ["Finnish", "FIN"],
  ["Greek", "GRC"],
  ["Czech", "CZE"],
  ["Romanian", "ROU"],
  ["Emirati", "ARE"],
  ["Malaysian", "MYS"],
  ["Thai", "THA"],
  ["Mongolian", "MNG"],
  ["Algerian", "DZA"],
  ["Soviet", "SUN"],
];
const PEOPLE: [string, string][] = [
  ["Russen", "RUS"],
  ["Chinesen", "CHN"],
  ["Amerikaner", "USA"],
  ["Europäer", "EUU"],
  ["Europäern", "EUU"],
  ["Briten", "GBR"],
  ["Franzosen", "FRA"],
  ["Inder", "IND"],
  ["Japaner", "JPN"],
  ["Türken", "TUR"],
  ["Ukrainer", "UKR"],
  ["Iraner", "IRN"],
  ["Russians", "RUS"],
  ["Americans", "USA"],
  ["Europeans", "EUU"],
  ["Indians", "IND"],
];
const CAPITALS: [string, string][] = [
  ["Moskau", "RUS"],
  ["Moscow", "RUS"],
  ["Kreml", "RUS"],
  ["Kremlin", "RUS"],
  ["Peking", "CHN"],
  ["Beijing", "CHN"],
  ["Washington", "USA"],
  ["Weißen Haus", "USA"],
  ["Weiße Haus", "USA"],
  ["White House", "USA"],
  ["Berlin", "DEU"],
  ["Paris", "FRA"],
  ["Élysée", "FRA"],
  ["London", "GBR"],
  ["Downing Street", "GBR"],
  ["Kiew", "UKR"],
  ["Kyiv", "UKR"],
  ["Kiev", "UKR"],
  ["Neu-Delhi", "IND"],
  ["New Delhi", "IND"],
  ["Delhi", "IND"],
  ["Ankara", "TUR"],
  ["Teheran", "IRN"],
  ["Tehran", "IRN"],
  ["Tokio", "JPN"],
  ["Tokyo", "JPN"],
  ["Seoul", "KOR"],
  ["Pjöngjang", "PRK"],
  ["Pyongyang", "PRK"],
  ["Brüssel", "EUU"],
  ["Brussels", "EUU"],
  ["Riad", "SAU"],
  ["Riyadh", "SAU"],
  ["Brasília", "BRA"],
  ["Brasilia", "BRA"],
  ["Ottawa", "CAN"],
  ["Canberra", "AUS"],
  ["Rom", "ITA"],
  ["Rome", "ITA"],
  ["Warschau", "POL"],
  ["Warsaw", "POL"],
  ["Taipeh", "TWN"],
  ["Taipei", "TWN"],
  ["Minsk", "BLR"],
  ["Hanoi", "VNM"],
  ["Islamabad", "PAK"],
  ["Kairo", "EGY"],
  ["Cairo", "EGY"],
  ["Pretoria", "ZAF"],
  ["Astana", "KAZ"],
  ["Baku", "AZE"],
  ["Madrid", "ESP"],
  ["Budapest", "HUN"],
  ["Canberra", "AUS"],
  ["Mexiko-Stadt", "MEX"],
  ["Mexico City", "MEX"],
  ["Jakarta", "IDN"],
  ["Doha", "QAT"],
  ["Abu Dhabi", "ARE"],
];
const LEADERS: [string, string][] = [
  ["Putin", "RUS"],
  ["Xi", "CHN"],
  ["Xi Jinping", "CHN"],
  ["Trump", "USA"],
  ["Biden", "USA"],
  ["Modi", "IND"],
  ["Erdogan", "TUR"],
  ["Erdoğan", "TUR"],
  ["Macron", "FRA"],
  ["Selenskyj", "UKR"],
  ["Zelensky", "UKR"],
  ["Zelenskyy", "UKR"],
  ["Lukaschenko", "BLR"],
  ["Lukashenko", "BLR"],
  ["Lula", "BRA"],
  ["Kim Jong Un", "PRK"],
  ["Kim Jong-un", "PRK"],
];

interface Entry {
  code: string;
  form: MentionForm;
  /** Matched case-sensitively (proper names, codes); adjectives in German match any case. */
  exact: boolean;
}

const MAX_WORDS = 4;
let lexicon: Map<string, Entry> | undefined;

function key(words: string[]): string {
  return words.join(" ");
}

function buildLexicon(): Map<string, Entry> {
  const lex = new Map<string, Entry>();
  const add = (phrase: string, entry: Entry) => {
    const k = key(tokenWords(phrase));
    if (k && !lex.has(k)) lex.set(k, entry);
  };
  for (const [w, code] of CAPITALS) add(w, { code, form: "capital", exact: true });
  for (const [w, code] of LEADERS) add(w, { code, form: "leader", exact: true });
  for (const [w, code] of PEOPLE) add(w, { code, form: "people", exact: true });
  for (const [w, code] of ADJ_EN) add(w, { code, form: "adjective", exact: true });
  for (const [stem, code] of ADJ_DE) {
    for (const ending of ["e", "er", "en", "es", "em"])
      add(stem + ending, { code, form: "adjective", exact: false });
  }
  const names = new Set<string>();
  for (const lang of ["en", "de"] as const) {
    const all = countries.getNames(lang, { select: "all" }) as Record<string, string[]>;
    for (const list of Object.values(all)) for (const n of list) names.add(n);
  }
  for (const e of registry.all()) {
    names.add(e.en);
    names.add(e.de);
  }
  for (const extra of [
    "EU",
    "Europa",
    "Europe",
    "Amerika",
    "America",
    "USA",
    "US",
    "U.S.",
    "UK",
    "Großbritannien",
    "Britain",
    "Türkei",
    "Turkey",
    "Südkorea",
    "South Korea",
    "Nordkorea",
    "North Korea",
    "Taiwan",
    "Russland",
    "China",
    "Volksrepublik",
    "Vereinigten Staaten",
    "Vereinigte Staaten von Amerika",
    "Vereinigten Staaten von Amerika",
    "Vereinigtes Königreich",
    "Vereinigten Königreich",
    "Vereinigten Königreichs",
    "Golfstaaten",
  ]) {
    names.add(extra);
  }
  const override: Record<string, string> = {
    Europa: "EUU",
    Europe: "EUU",
    EU: "EUU",
    Amerika: "USA",
    America: "USA",
    US: "USA",
    "U.S.": "USA",
    Volksrepublik: "CHN",
    "Vereinigten Staaten": "USA",
    "Vereinigte Staaten von Amerika": "USA",
    "Vereinigten Staaten von Amerika": "USA",
    "Vereinigtes Königreich": "GBR",
    "Vereinigten Königreich": "GBR",
    "Vereinigten Königreichs": "GBR",
    Britain: "GBR",
    Großbritannien: "GBR",
  };
  for (const n of names) {
    if (n === "Golfstaaten") continue;
    const code = override[n] ?? registry.tryResolve(n)?.code;
    // "Welt"/"World" and other aggregates are denominators, never one side of a pair.
    if (!code || code === "WLD" || (registry.get(code)?.kind === "aggregate" && code !== "EUU")) continue;
    if (n.length < 2) continue;
    add(n, { code, form: "name", exact: true });
  }
  return lex;
}

function tokenWords(s: string): string[] {
  return [...s.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => m[0]);
}

interface Tok {
  word: string;
  start: number;
  end: number;
}

function tokens(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const re = /[\p{L}\p{N}]+/gu;
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    out.push({ word: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

function lookup(lex: Map<string, Entry>, phrase: string): Entry | undefined {
  const e = lex.get(phrase);
  if (e) return e;
  // German adjectives may stand capitalised at the start of a sentence or in a title.
  const lower = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  const l = lex.get(lower);
  if (l && !l.exact) return l;
  return undefined;
}

/** Country mentions in text[from, to), longest phrase first, in order. */
export function findCountries(text: string, from = 0, to = text.length): CountryMention[] {
  lexicon ??= buildLexicon();
  const lex = lexicon;
  const toks = tokens(text, from, to);
  const out: CountryMention[] = [];
  for (let i = 0; i < toks.length; i++) {
    let found: { entry: Entry; j: number; form: MentionForm } | undefined;
    for (let n = Math.min(MAX_WORDS, toks.length - i); n >= 1 && !found; n--) {
      // Words of a phrase must be separated by a space or hyphen only.
      let ok = true;
      for (let k = i + 1; k < i + n; k++) {
        const gap = text.slice(toks[k - 1].end, toks[k].start);
        if (!/^[ \u00A0-]$/.test(gap) && !(gap === "." && toks[k - 1].word.length === 1)) ok = false;
      }
      if (!ok) continue;
      const words = toks.slice(i, i + n).map((t) => t.word);
      const phrase = key(words);
      const e = lookup(lex, phrase);
      if (e) {
        found = { entry: e, j: i + n, form: e.form };
        break;
      }
      // Genitive: "Russlands", "Chinas", "Indiens" (German), "Russia's" (English, apostrophe split off).
      if (n === 1) {
        const w = words[0];
        if (w.length > 3 && w.endsWith("s")) {
          const g = lex.get(w.slice(0, -1));
          if (g && g.form === "name") found = { entry: g, j: i + 1, form: "genitive" };
        }
        if (!found && w === "Xis")
          found = { entry: { code: "CHN", form: "leader", exact: true }, j: i + 1, form: "leader" };
        if (!found && w === "Putins")
          found = { entry: { code: "RUS", form: "leader", exact: true }, j: i + 1, form: "leader" };
      }
    }
    if (!found) continue;
    const start = toks[i].start;
    let end = toks[found.j - 1].end;
    if (text[end] === "." && toks[found.j - 1].word.length === 1) end++;
    let form = found.form;
    if (form === "name" || form === "capital" || form === "leader") {
      const apos = /^['’]s?(?![\p{L}])/u.exec(text.slice(end, end + 3));
      if (apos) {
        end += apos[0].length;
        if (form === "name") form = "genitive";
      }
    }
    // "US" and "EU" must be written in capitals: "us" is a pronoun.
    const surface = text.slice(start, end);
    if (/^(?:us|eu|uk)$/i.test(surface) && surface !== surface.toUpperCase()) continue;
    // "Latin American", "South American": a region's adjective, not the United States'.
    if (
      found.entry.code === "USA" &&
      /(?:Latin|South|North|Central|Lateinamerik\p{L}*|Süd|Nord)[ -]$/u.test(
        text.slice(Math.max(0, start - 14), start),
      )
    )
      continue;
    // "die EU der größte Handelspartner": an abbreviation is the name unless a noun follows ("US exports").
    if (form === "adjective" && /^(?:EU|US|UK|U\.S\.)$/.test(surface)) {
      const next = /^[ \u00A0]+([\p{L}]+)/u.exec(text.slice(end, end + 30));
      if (
        !next ||
        /^(?:der|die|das|den|dem|des|ist|sind|war|hat|und|oder|mit|the|is|are|was|has|and|or|with|to|in|on|for|of|at|by|als|an|auf|bei|für|nach|von|zu|im|am)$/i.test(
          next[1],
        )
      )
        form = "name";
    }
    out.push({ code: found.entry.code, start, end, text: surface, form });
    i = found.j - 1;
  }
  return out;
}
