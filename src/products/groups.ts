// Named HS product groups and HS codes as groups (a group a user defines in a file of HS codes is read by
// src/sources/product-groups.ts). A group is a list of HS code prefixes (2, 4 or 6 digits); its SQL predicate
// is a union of integer ranges over the six-digit code, which keeps the product filter a cheap comparison on
// the stored column.

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

/** An HS code as a group may list it: a chapter (2 digits), heading (4) or subheading (6). */
export const HS_CODE = /^(\d{2}|\d{4}|\d{6})$/;

/**
 * A named group or alias, an HS code, or codes joined by "+"; undefined for anything else (a user's file of
 * codes is read by src/sources/product-groups.ts, which resolves `--product` in full).
 */
export function productFromSpec(spec: string): ProductGroup | undefined {
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
  return undefined;
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
