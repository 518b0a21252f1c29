// The one country registry: every publisher's names and codes resolve here, or are reported as unknown.
import { createRequire } from "node:module";
import type countriesModule from "i18n-iso-countries";
import { PUBLISHER_ALIASES } from "./aliases.ts";
import { AGGREGATES, type EntityDef, type EntityKind, EXTRA_COUNTRIES, HISTORICAL } from "./entities.ts";
import type { Lang } from "./lang.ts";

const require = createRequire(import.meta.url);
// The package's Node entry reads all of its 78 languages' JSON at load (about a fifth of a `dyad value`'s
// start-up); its plain entry reads none, and the two dyad uses are registered below.
const countries = require("i18n-iso-countries/index.js") as typeof countriesModule;
countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
countries.registerLocale(require("i18n-iso-countries/langs/de.json"));

export type { EntityKind };

export interface Entity {
  code: string;
  iso2?: string;
  kind: EntityKind;
  en: string;
  de: string;
}

export class UnknownCountryError extends Error {
  constructor(
    readonly input: string,
    readonly suggestions: string[],
  ) {
    const hint = suggestions.length ? ` Did you mean ${suggestions.join(", ")}?` : "";
    super(
      `Unknown country "${input}".${hint} Give an ISO3 code (e.g. CHN), an ISO2 code (CN) or a name in English or German (China, Russland); \`dyad countries\` lists them.`,
    );
    this.name = "UnknownCountryError";
  }
}

// Short names people use, where ISO's first name is the formal one.
const DISPLAY: Record<string, [string, string]> = {
  CHN: ["China", "China"],
  RUS: ["Russia", "Russland"],
  USA: ["United States", "USA"],
  GBR: ["United Kingdom", "Vereinigtes Königreich"],
  KOR: ["South Korea", "Südkorea"],
  PRK: ["North Korea", "Nordkorea"],
  IRN: ["Iran", "Iran"],
  SYR: ["Syria", "Syrien"],
  VEN: ["Venezuela", "Venezuela"],
  BOL: ["Bolivia", "Bolivien"],
  TZA: ["Tanzania", "Tansania"],
  MDA: ["Moldova", "Moldau"],
  VNM: ["Vietnam", "Vietnam"],
  LAO: ["Laos", "Laos"],
  TWN: ["Taiwan", "Taiwan"],
  COD: ["DR Congo", "Demokratische Republik Kongo"],
  COG: ["Congo", "Republik Kongo"],
  CZE: ["Czechia", "Tschechien"],
  TUR: ["Türkiye", "Türkei"],
  NLD: ["Netherlands", "Niederlande"],
  MKD: ["North Macedonia", "Nordmazedonien"],
  PSE: ["Palestine", "Palästina"],
  FSM: ["Micronesia", "Mikronesien"],
  VAT: ["Holy See", "Vatikanstadt"],
  BRN: ["Brunei", "Brunei"],
  ARE: ["United Arab Emirates", "Vereinigte Arabische Emirate"],
  DEU: ["Germany", "Deutschland"],
  FRA: ["France", "Frankreich"],
  IND: ["India", "Indien"],
};

export function normaliseName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

// Suffixes publishers append to a country's short name ("Armenia, Rep. of"); stripped only when the
// stripped name then matches exactly one entity.
const FORMAL_SUFFIX =
  /,\s*(the\s+)?((rep\.?|republic|kingdom|state|union|islamic|dem\.?|federal|united|arab)\b.*)?$/i;

class Registry {
  private readonly byCode = new Map<string, Entity>();
  private readonly byIso2 = new Map<string, Entity>();
  private readonly byName = new Map<string, Entity>();

  constructor() {
    const alpha3 = countries.getAlpha3Codes() as Record<string, string>;
    const en = countries.getNames("en", { select: "all" }) as Record<string, string[]>;
    const de = countries.getNames("de", { select: "all" }) as Record<string, string[]>;
    for (const [code3, code2] of Object.entries(alpha3)) {
      // i18n-iso-countries lists Kosovo as XKK; dyad uses the World Bank's and the IMF's XKX (below), and one
      // country must not have two entities.
      if (code3 === "XKK") continue;
      const enNames = en[code2] ?? [code3];
      const deNames = de[code2] ?? enNames;
      const [enDisplay, deDisplay] = DISPLAY[code3] ?? [pickDisplay(enNames), pickDisplay(deNames)];
      const entity: Entity = { code: code3, iso2: code2, kind: "country", en: enDisplay, de: deDisplay };
      this.byCode.set(code3, entity);
      this.byIso2.set(code2, entity);
      for (const n of [...enNames, ...deNames, enDisplay, deDisplay]) this.addName(n, entity);
    }
    for (const def of [...EXTRA_COUNTRIES, ...AGGREGATES, ...HISTORICAL]) this.addDef(def);
    const kosovo = this.byCode.get("XKX");
    if (kosovo) {
      this.byIso2.set("XK", kosovo);
      kosovo.iso2 = "XK";
    }
    for (const [alias, code] of Object.entries(PUBLISHER_ALIASES)) {
      const entity = this.byCode.get(code);
      if (!entity) throw new Error(`alias "${alias}" points at unknown code ${code}`);
      this.byName.set(normaliseName(alias), entity);
    }
  }

  private addDef(def: EntityDef): void {
    // A code defined twice would silently replace the first entity and every mapping to it.
    if (this.byCode.has(def.code)) throw new Error(`entity code ${def.code} is defined twice`);
    const entity: Entity = { code: def.code, kind: def.kind, en: def.en, de: def.de };
    this.byCode.set(def.code, entity);
    for (const n of [def.en, def.de, ...def.aliases]) this.addName(n, entity);
  }

  private addName(name: string, entity: Entity): void {
    const key = normaliseName(name);
    // First writer wins, so ISO's own names are never displaced by a later alias.
    if (key && !this.byName.has(key)) this.byName.set(key, entity);
  }

  get(code: string): Entity | undefined {
    return this.byCode.get(code);
  }

  tryResolve(input: string): Entity | undefined {
    const raw = input.trim();
    if (!raw) return undefined;
    const upper = raw.toUpperCase();
    if (/^[A-Z]{3}$/.test(upper) && this.byCode.has(upper)) return this.byCode.get(upper);
    if (/^[A-Z]{2}$/.test(upper) && this.byIso2.has(upper)) return this.byIso2.get(upper);
    const direct = this.byName.get(normaliseName(raw));
    if (direct) return direct;
    if (FORMAL_SUFFIX.test(raw)) {
      const stripped = this.byName.get(normaliseName(raw.replace(FORMAL_SUFFIX, "")));
      if (stripped) return stripped;
    }
    return undefined;
  }

  resolve(input: string): Entity {
    const found = this.tryResolve(input);
    if (found) return found;
    throw new UnknownCountryError(input, this.suggest(input));
  }

  suggest(input: string): string[] {
    const key = normaliseName(input);
    if (!key) return [];
    const hits = new Set<string>();
    for (const [name, entity] of this.byName) {
      if (name.startsWith(key) || (key.length >= 4 && name.includes(key)))
        hits.add(`${entity.en} (${entity.code})`);
      if (hits.size >= 5) break;
    }
    return [...hits];
  }

  all(kind?: EntityKind): Entity[] {
    const out = [...this.byCode.values()];
    return (kind ? out.filter((e) => e.kind === kind) : out).sort((a, b) => a.code.localeCompare(b.code));
  }
}

function pickDisplay(names: string[]): string {
  // i18n-iso-countries lists the formal name first and common short forms after it; prefer a short form
  // that is a word, not an abbreviation such as "USA".
  const short = names.slice(1).find((n) => !/^[A-Z.]{2,4}$/.test(n) && !n.includes(","));
  return short ?? names[0];
}

export const registry = new Registry();

export function resolveCountry(input: string): Entity {
  return registry.resolve(input);
}

export function countryName(code: string, lang: Lang = "en"): string {
  const entity = registry.get(code);
  return entity ? entity[lang] : code;
}
