// Named HS product groups, and groups a user defines in a file of HS codes. A group is a list of HS code
// prefixes (2, 4 or 6 digits); its SQL predicate is a union of integer ranges over the six-digit code, which
// keeps the product filter a cheap comparison on the stored column.
import { existsSync, readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import { dataHome } from "../store/index.ts";

export interface ProductGroup {
  /** The name used on the command line (`--product 27`, `--product cars`). */
  name: string;
  en: string;
  de: string;
  /** HS code prefixes: chapters (2 digits), headings (4) or subheadings (6). */
  codes: string[];
  aliases?: string[];
  /** Where a user-defined group was read from. */
  file?: string;
}

export const PRODUCT_GROUPS: ProductGroup[] = [
  {
    name: "27",
    en: "Mineral fuels and oils (HS 27)",
    de: "Mineralische Brennstoffe und Öle (HS 27)",
    codes: ["27"],
    aliases: ["energy", "fuels", "mineral-fuels"],
  },
  {
    name: "2709",
    en: "Crude oil (HS 2709)",
    de: "Rohöl (HS 2709)",
    codes: ["2709"],
    aliases: ["crude", "oil"],
  },
  {
    name: "2711",
    en: "Natural gas and other petroleum gases (HS 2711)",
    de: "Erdgas und andere Erdölgase (HS 2711)",
    codes: ["2711"],
    aliases: ["gas"],
  },
  {
    name: "84",
    en: "Machinery and mechanical appliances (HS 84)",
    de: "Maschinen und mechanische Geräte (HS 84)",
    codes: ["84"],
    aliases: ["machinery", "machines"],
  },
  {
    name: "85",
    en: "Electrical machinery and electronics (HS 85)",
    de: "Elektrische Maschinen und Elektronik (HS 85)",
    codes: ["85"],
    aliases: ["electronics"],
  },
  {
    name: "8703",
    en: "Passenger cars (HS 8703)",
    de: "Personenkraftwagen (HS 8703)",
    codes: ["8703"],
    aliases: ["cars"],
  },
  {
    name: "8542",
    en: "Integrated circuits (HS 8542)",
    de: "Integrierte Schaltungen (HS 8542)",
    codes: ["8542"],
    aliases: ["chips", "integrated-circuits"],
  },
  {
    name: "93",
    en: "Arms and ammunition (HS 93)",
    de: "Waffen und Munition (HS 93)",
    codes: ["93"],
    aliases: ["arms"],
  },
];

/** The groups the dossier's goods section shows: energy, machines, cars, chips. */
export const GOODS_SECTION_GROUPS = ["27", "2709", "2711", "84", "85", "8703", "8542", "93"];

export class ProductSpecError extends Error {
  constructor(spec: string, why: string) {
    super(
      `Product "${spec}": ${why}. Give an HS code (2, 4 or 6 digits, e.g. 27, 8703, 854231), several joined by "+" (2709+2711), a named group (${PRODUCT_GROUPS.map((g) => g.name).join(", ")}; or cars, chips, energy, gas, crude, machinery, electronics, arms), or a file of HS codes.`,
    );
    this.name = "ProductSpecError";
  }
}

const HS_CODE = /^(\d{2}|\d{4}|\d{6})$/;

/**
 * Reads a user-defined group: one HS code per line (2, 4 or 6 digits), anything after the code, `#` or a
 * comma is a comment. The group's name is the file's name without its extension.
 */
export function readGroupFile(path: string): ProductGroup {
  const text = readFileSync(path, "utf8");
  const codes: string[] = [];
  text.split(/\r?\n/).forEach((raw, idx) => {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) return;
    const code = line.split(/[\s,;\t]+/)[0].replace(/\./g, "");
    if (!HS_CODE.test(code)) {
      throw new Error(
        `${path}:${idx + 1}: "${code}" is not an HS code of 2, 4 or 6 digits. Write one code per line; a leading zero counts (0101, not 101).`,
      );
    }
    codes.push(code);
  });
  if (!codes.length) throw new Error(`${path}: no HS codes. Write one HS code (2, 4 or 6 digits) per line.`);
  const name = basename(path, extname(path));
  return {
    name,
    en: `${name} (${codes.length} HS codes)`,
    de: `${name} (${codes.length} HS-Codes)`,
    codes,
    file: path,
  };
}

/** Folder of user-defined groups in the data home: `<home>/products/<name>.txt` answers `--product <name>`. */
export function userGroupsDir(home = dataHome()): string {
  return join(home, "products");
}

/** Resolves `--product`: a named group or alias, an HS code, codes joined by "+", or a file of HS codes. */
export function resolveProduct(spec: string, home?: string): ProductGroup {
  const s = spec.trim();
  if (!s) throw new ProductSpecError(spec, "empty");
  const lower = s.toLowerCase();
  const named = PRODUCT_GROUPS.find((g) => g.name === lower || g.aliases?.includes(lower));
  if (named) return named;
  const parts = s.split("+").map((p) => p.trim().replace(/\./g, ""));
  if (parts.every((p) => HS_CODE.test(p))) {
    const label = parts.join("+");
    return { name: label, en: `HS ${label}`, de: `HS ${label}`, codes: parts };
  }
  const inHome = join(userGroupsDir(home), `${s}.txt`);
  if (/^[\w-]+$/.test(s) && existsSync(inHome)) return readGroupFile(inHome);
  if (existsSync(s)) return readGroupFile(s);
  if (/^\d+$/.test(s)) throw new ProductSpecError(spec, `an HS code has 2, 4 or 6 digits, not ${s.length}`);
  throw new ProductSpecError(spec, "not a named group, HS code or file");
}

/** The group as integer ranges of the six-digit code (010121 is stored as 10121). */
export function codeRanges(group: ProductGroup): [number, number][] {
  const ranges = group.codes.map((c): [number, number] => {
    const pad = 6 - c.length;
    const lo = Number(c) * 10 ** pad;
    return [lo, lo + 10 ** pad - 1];
  });
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([...r]);
  }
  return merged;
}

/** A SQL predicate over an integer product column; numbers only, so it is safe to splice into SQL. */
export function productPredicate(group: ProductGroup, column = "k"): string {
  const parts = codeRanges(group).map(([lo, hi]) =>
    lo === hi ? `${column} = ${lo}` : `${column} BETWEEN ${lo} AND ${hi}`,
  );
  return parts.length === 1 ? parts[0] : `(${parts.join(" OR ")})`;
}
