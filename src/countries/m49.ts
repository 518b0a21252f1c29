// UN Comtrade's numeric country codes, mapped to the registry's codes. Comtrade's codes are M49-like but
// not ISO 3166 numeric: the USA is 842 (ISO 840), France 251 (250), Italy 381 (380), Norway 579 (578),
// Switzerland 757 (756), India 699 (356). Querying Comtrade with an ISO-numeric code such as 840 returns
// nothing, silently, so the mapping runs both ways through this one table.
import countries from "i18n-iso-countries";
import { registry } from "./registry.ts";

/** Comtrade codes that differ from ISO 3166 numeric, or that ISO lacks (aggregates, historical entities). */
export const COMTRADE_CODES: Record<number, string> = {
  0: "WLD",
  842: "USA",
  841: "USA", // "USA (before 1981)"
  251: "FRA",
  381: "ITA",
  579: "NOR",
  757: "CHE",
  699: "IND",
  356: "IND", // ISO code, used by Comtrade for India before 1975
  97: "EUU", // "EU-28"/"EU" as a reporter
  490: "XNS", // "Other Asia, nes": mostly Taiwan, but Comtrade does not say so; kept apart like the registry does
  // Partner residuals and special categories; never countries.
  899: "XNS",
  568: "XNS",
  577: "XNS",
  527: "XNS",
  636: "XNS",
  637: "XNS",
  473: "XNS",
  129: "XNS",
  290: "XNS",
  221: "XNS",
  879: "XNS",
  471: "XNS",
  697: "XNS",
  492: "XNS",
  837: "XSC", // Bunkers
  838: "XSC", // Free zones
  839: "XSC", // Special categories
  536: "XSC", // Neutral zone
  711: "XSA", // Southern African Customs Union (...1999)
  // Historical entities
  810: "SUN",
  890: "YUG",
  891: "SCG",
  200: "CSK",
  278: "DDR",
  280: "DEU", // Fed. Rep. of Germany (...1990)
  58: "BLX",
  530: "ANT",
  532: "ANT", // Neth. Antilles and Aruba
  720: "YMD",
  886: "YAR",
  590: "PAN", // Panama (...1979), excluding the Canal Zone
  412: "XKX", // Kosovo
};

/** Comtrade code to registry code; undefined when neither the table nor ISO numeric knows it. */
export function fromComtradeCode(code: number | string): string | undefined {
  const n = typeof code === "number" ? code : Number(String(code).trim());
  if (!Number.isInteger(n)) return undefined;
  const special = COMTRADE_CODES[n];
  if (special) return special;
  const iso3 = countries.numericToAlpha3(String(n).padStart(3, "0"));
  return iso3 && registry.get(iso3) ? iso3 : undefined;
}

// Registry code to the code Comtrade expects in a query; the first table entry wins for codes that map
// from several Comtrade codes (USA: 842, not the pre-1981 841).
const TO_COMTRADE = new Map<string, number>();
for (const [num, code] of Object.entries(COMTRADE_CODES)) {
  if (!TO_COMTRADE.has(code) && !["XNS", "XSC", "ANT", "DEU", "PAN", "IND", "USA"].includes(code))
    TO_COMTRADE.set(code, Number(num));
}
TO_COMTRADE.set("USA", 842);
TO_COMTRADE.set("IND", 699);

/** Registry code to Comtrade's numeric code, for building a query; undefined for codes Comtrade lacks. */
export function toComtradeCode(code: string): number | undefined {
  const special = TO_COMTRADE.get(code);
  if (special !== undefined) return special;
  const numeric = countries.alpha3ToNumeric(code);
  return numeric ? Number(numeric) : undefined;
}
