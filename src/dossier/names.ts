// Country names as a sentence needs them: with the article English and German put before some names
// ("the United States", "die USA"), in the case a preposition asks for ("in die USA", "der EU").
// Browser-safe: the caller passes the plain names.
import type { Lang } from "./format.ts";

export interface NameForms {
  /** Subject: "Russia", "the United States" / "Russland", "die USA". */
  nom: string;
  /** Possessive: "Russia's", "the United States'" / "Russlands", "der USA". */
  gen: string;
  /** After "with", "from": "Russia" / dative "Russland", "den USA". */
  dat: string;
  /** Destination: "to Russia" / "nach Russland", "in die USA". */
  to: string;
  /** Origin: "from Russia" / "aus Russland", "aus den USA". */
  from: string;
}

const EN_THE = new Set([
  "USA",
  "GBR",
  "NLD",
  "EUU",
  "EMU",
  "PHL",
  "ARE",
  "BHS",
  "GMB",
  "CAF",
  "DOM",
  "COD",
  "MDV",
  "MHL",
  "SLB",
]);

// German names that take an article: nominative, genitive, dative, accusative.
const DE_ARTICLE: Record<string, [string, string, string, string]> = {
  USA: ["die USA", "der USA", "den USA", "die USA"],
  NLD: ["die Niederlande", "der Niederlande", "den Niederlanden", "die Niederlande"],
  PHL: ["die Philippinen", "der Philippinen", "den Philippinen", "die Philippinen"],
  ARE: [
    "die Vereinigten Arabischen Emirate",
    "der Vereinigten Arabischen Emirate",
    "den Vereinigten Arabischen Emiraten",
    "die Vereinigten Arabischen Emirate",
  ],
  EUU: ["die EU", "der EU", "der EU", "die EU"],
  EMU: ["der Euroraum", "des Euroraums", "dem Euroraum", "den Euroraum"],
  GBR: [
    "das Vereinigte Königreich",
    "des Vereinigten Königreichs",
    "dem Vereinigten Königreich",
    "das Vereinigte Königreich",
  ],
  TUR: ["die Türkei", "der Türkei", "der Türkei", "die Türkei"],
  CHE: ["die Schweiz", "der Schweiz", "der Schweiz", "die Schweiz"],
  UKR: ["die Ukraine", "der Ukraine", "der Ukraine", "die Ukraine"],
  SVK: ["die Slowakei", "der Slowakei", "der Slowakei", "die Slowakei"],
  MNG: ["die Mongolei", "der Mongolei", "der Mongolei", "die Mongolei"],
  IRN: ["der Iran", "des Iran", "dem Iran", "den Iran"],
  IRQ: ["der Irak", "des Irak", "dem Irak", "den Irak"],
  SUN: ["die Sowjetunion", "der Sowjetunion", "der Sowjetunion", "die Sowjetunion"],
};

export function nameForms(code: string, name: string, lang: Lang): NameForms {
  if (lang === "en") {
    const nom = EN_THE.has(code) ? `the ${code === "EUU" ? "EU" : name}` : name;
    return {
      nom,
      gen: nom.endsWith("s") ? `${nom}'` : `${nom}'s`,
      dat: nom,
      to: `to ${nom}`,
      from: `from ${nom}`,
    };
  }
  const art = DE_ARTICLE[code];
  if (art) return { nom: art[0], gen: art[1], dat: art[2], to: `in ${art[3]}`, from: `aus ${art[2]}` };
  const gen = /[sßxz]$/.test(name) ? `von ${name}` : `${name}s`;
  return { nom: name, gen, dat: name, to: `nach ${name}`, from: `aus ${name}` };
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
