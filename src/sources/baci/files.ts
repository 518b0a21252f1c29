// CEPII BACI's file layout: what each file in a release is called, and the two small code files read in JS.
import { registry } from "../../countries/index.ts";
import { fromComtradeCode } from "../../countries/m49.ts";
import { parseCsv } from "../csv.ts";
import { SourceError } from "../types.ts";

export const YEAR_FILE = /^BACI_(HS\d\d)_Y(\d{4})_(V\d{6}[a-z]?)\.csv$/i;
export const COUNTRY_FILE = /^country_codes_(V\d{6}[a-z]?)\.csv$/i;
export const PRODUCT_FILE = /^product_codes_(HS\d\d)_(V\d{6}[a-z]?)\.csv$/i;
export const RELEASE_ZIP = /^BACI_(HS\d\d)_(V\d{6}[a-z]?)\.zip$/i;

/** The rows of one of a release's small code files, blank lines left out. */
function csvRows(text: string, file: string): string[][] {
  return parseCsv(text.replace(/^\uFEFF/, ""), file, 1, { skipBlank: true }).map((r) => r.fields);
}

export interface BaciCountry {
  code: number;
  name: string;
  iso3: string;
  /** The registry's code, or null when no rule knows this economy. */
  entity: string | null;
  line: number;
}

// BACI's country codes are UN Comtrade's (src/countries/m49.ts), so the code decides, as it does for
// Comtrade: 711 is the Southern African Customs Union although releases up to V202301 write ZAF in the
// ISO3 column, 736 is Sudan before South Sudan's independence although the column says SDN, and V202001's
// 28 is Antigua and Barbuda although the column says ATA (Antarctica). The ISO3 column and the name are
// fallbacks for codes the table lacks.
// The one exception: 490 "Other Asia, nes" (ISO3 "S19") is Taiwan here, because BACI follows UN Comtrade,
// where Taiwan's trade is reported under that label (Comtrade's own 490 stays "Other Asia, nes").
const CEPII_SPECIAL: Record<number, string> = { 490: "TWN" };

export function resolveBaciCountry(code: number, iso3: string, name: string): string | null {
  const special = CEPII_SPECIAL[code] ?? fromComtradeCode(code);
  if (special && registry.get(special)) return special;
  const byIso = /^[A-Z]{3}$/.test(iso3) ? registry.get(iso3) : undefined;
  if (byIso) return byIso.code;
  return registry.tryResolve(name)?.code ?? null;
}

export function parseCountryCodes(text: string, file: string): BaciCountry[] {
  const rows = csvRows(text, file);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  // Releases since V202401 say country_iso3; older ones iso_3digit_alpha and country_name_abbreviation.
  const codeCol = header.indexOf("country_code");
  const isoCol = header.findIndex((h) => h === "country_iso3" || h === "iso_3digit_alpha");
  const nameCol = header.findIndex((h) => h === "country_name" || h === "country_name_abbreviation");
  if (codeCol < 0 || isoCol < 0 || nameCol < 0) {
    throw new SourceError(
      file,
      1,
      `expected the columns country_code, country_name and country_iso3, found "${rows[0]?.join(",") ?? ""}"`,
      "Pass the country_codes file of a BACI release unchanged",
    );
  }
  const out: BaciCountry[] = [];
  const seen = new Set<number>();
  for (let r = 1; r < rows.length; r++) {
    const f = rows[r];
    const code = Number(f[codeCol]?.trim());
    if (!Number.isInteger(code) || code <= 0 || code > 32767) {
      throw new SourceError(
        file,
        r + 1,
        `country code "${f[codeCol] ?? ""}" is not a positive integer`,
        "Fix or remove the line",
      );
    }
    if (seen.has(code)) continue;
    seen.add(code);
    const iso3 = (f[isoCol] ?? "").trim().toUpperCase();
    const name = (f[nameCol] ?? "").trim();
    out.push({ code, name, iso3, entity: resolveBaciCountry(code, iso3, name), line: r + 1 });
  }
  if (!out.length)
    throw new SourceError(file, undefined, "no country codes", "Pass the release's country_codes file");
  return out;
}

export interface BaciProduct {
  code: string;
  description: string;
}

export function parseProductCodes(text: string, file: string): BaciProduct[] {
  const rows = csvRows(text, file);
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const codeCol = header.indexOf("code");
  const descCol = header.indexOf("description");
  if (codeCol < 0 || descCol < 0) {
    throw new SourceError(
      file,
      1,
      `expected the columns code and description, found "${rows[0]?.join(",") ?? ""}"`,
      "Pass the product_codes file of a BACI release unchanged",
    );
  }
  const out: BaciProduct[] = [];
  for (let r = 1; r < rows.length; r++) {
    const raw = (rows[r][codeCol] ?? "").trim();
    // Spreadsheet round trips drop the leading zero ("10121" for 010121); restore it, reject anything else.
    const code = /^\d{5}$/.test(raw) ? `0${raw}` : raw;
    if (!/^\d{6}$/.test(code)) {
      throw new SourceError(
        file,
        r + 1,
        `product code "${raw}" is not a six-digit HS code`,
        "Fix or remove the line",
      );
    }
    out.push({ code, description: (rows[r][descCol] ?? "").trim() });
  }
  return out;
}
