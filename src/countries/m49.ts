// UN Comtrade's numeric country codes, mapped to the registry's codes. Comtrade's codes are M49-like but
// not ISO 3166 numeric: the USA is 842 (ISO 840), France 251 (250), Italy 381 (380), Norway 579 (578),
// Switzerland 757 (756), India 699 (356). Querying Comtrade with an ISO-numeric code such as 840 returns
// nothing, silently, so the mapping runs both ways through this one table.
import countries from "i18n-iso-countries";
import { registry } from "./registry.ts";

/**
 * Comtrade codes that differ from ISO 3166 numeric, or that ISO lacks (areas, groups, historical entities).
 * Every code in Comtrade's reporter and partner lists maps to an entity of its own where it is an area, a
 * group or a former state, never to a neighbour or a successor (test/countries/publisher-lists.test.ts).
 */
export const COMTRADE_CODES: Record<number, string> = {
  0: "WLD",
  842: "USA",
  841: "USA", // "USA and Puerto Rico (...1980)"
  251: "FRA", // "France" including Monaco; 250 "Metropolitan France" is ISO's FRA too
  381: "ITA", // Italy's code in older data; Comtrade's reporter list has 380, ISO's
  579: "NOR",
  757: "CHE",
  699: "IND",
  356: "IND", // "India (...1974)", before Sikkim (698) joined
  97: "EUU", // "EU-28"/"EU" as a reporter
  975: "XAN", // ASEAN, a reporter group
  // "Not elsewhere specified" areas: each its own entity, so two of them never merge into one flow.
  490: "XOA", // "Other Asia, nes": mostly Taiwan, but Comtrade does not say so
  899: "XAR",
  568: "XOE",
  577: "XOF",
  527: "XOO",
  636: "XRA",
  637: "XNC",
  473: "XLA",
  129: "XCR",
  290: "XNR",
  221: "XEQ",
  879: "XWA",
  471: "XCA",
  697: "XEF",
  492: "XUN", // "Europe EU, nes"
  472: "XCM", // "Africa CAMEU region, nes"
  837: "XBU", // Bunkers
  838: "XFZ", // Free zones
  839: "XSC", // Special categories
  536: "XNZ", // Neutral zone
  80: "XBA", // British Antarctic Territory
  830: "XCI", // Channel Islands (Jersey and Guernsey together)
  849: "PUS", // US Misc. Pacific Islands
  488: "MID", // Midway Islands
  872: "WAK", // Wake Island
  711: "XSA", // Southern African Customs Union (...1999)
  412: "XKX", // Kosovo
  // Historical entities
  810: "SUN",
  890: "YUG",
  891: "SCG",
  200: "CSK",
  278: "DDR",
  280: "DEU", // Fed. Rep. of Germany (...1990)
  58: "BLX",
  530: "ANT",
  532: "ANT", // Neth. Antilles and Aruba (...1985)
  720: "YMD",
  886: "YAR",
  590: "PAN", // Panama (...1977), excluding the Canal Zone
  592: "PCZ", // Panama Canal Zone (...1977)
  866: "VDR", // Dem. Rep. of Vietnam (...1974)
  868: "XVN", // Rep. of Vietnam (...1974): Comtrade's ISO column says VNM, but it is South Vietnam alone
  588: "XPK", // East and West Pakistan (...1971)
  230: "XET", // Ethiopia (...1992), with Eritrea
  736: "XSD", // Sudan (...2011), with South Sudan
  582: "PCI", // Pacific Islands (Trust Territory, ...1991)
  459: "XMW", // Peninsula Malaysia (...1963)
  461: "XSB", // Sabah (...1963)
  457: "XSK", // Sarawak (...1963)
  717: "XRN", // Rhodesia and Nyasaland (...1964)
  658: "XKN", // Saint Kitts, Nevis and Anguilla (...1980)
  698: "XSM", // Sikkim (...1974)
  835: "XTG", // Tanganyika (...1964)
  836: "XZP", // Zanzibar and Pemba (...1964)
  647: "XRY", // Ryukyu Islands (...1972)
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

// Registry code to the code Comtrade expects in a query. Where several Comtrade codes map to one entity,
// the current reporter code is asked for (USA 842, not the pre-1981 841; India 699; Germany 276 and Italy
// 380, ISO's), as Comtrade's reporter list gives it.
const CURRENT: Record<string, number> = {
  USA: 842,
  IND: 699,
  FRA: 251,
  NOR: 579,
  DEU: 276,
  ITA: 380,
  PAN: 591,
  ANT: 530,
};
const TO_COMTRADE = new Map<string, number>(Object.entries(CURRENT));
for (const [num, code] of Object.entries(COMTRADE_CODES)) {
  if (!TO_COMTRADE.has(code)) TO_COMTRADE.set(code, Number(num));
}

/** Registry code to Comtrade's numeric code, for building a query; undefined for codes Comtrade lacks. */
export function toComtradeCode(code: string): number | undefined {
  const special = TO_COMTRADE.get(code);
  if (special !== undefined) return special;
  const numeric = countries.alpha3ToNumeric(code);
  return numeric ? Number(numeric) : undefined;
}
