// Trade by product from CEPII BACI: product shares, a buyer's rank, supplier concentration and substitution.
//
// BACI gives one reconciled value per exporter, importer, product and year, so there is no mirror here: the
// flow A→B is the flow B←A. Queries go straight to the year-partitioned Parquet with CEPII's numeric codes
// resolved first, so the filters meet the files' sort order (importer, exporter, product) and DuckDB skips
// most row groups from their statistics: a dyad, an importer's suppliers and a year's rows are all narrow.
import { countryName } from "../countries/index.ts";
import {
  codeRanges,
  GOODS_SECTION_GROUPS,
  PRODUCT_GROUPS,
  type ProductGroup,
  productPredicate,
  resolveProduct,
} from "../products/groups.ts";
import { BACI_INFO } from "../sources/citations.ts";
import { type BaciRelease, baciFlowsSql, baciRelease } from "../store/baci.ts";
import type { Store } from "../store/index.ts";
import {
  type Absent,
  type ComputeOptions,
  type IndicatorDef,
  type IndicatorValue,
  nullValue,
  type Provenance,
} from "./types.ts";

export type { Absent, BaciRelease };
export { baciRelease };

const isAbsent = (x: unknown): x is Absent => typeof x === "object" && x !== null && "absent" in x;

/** CEPII's numeric codes for one registry entity (several, where CEPII splits a period, e.g. Sudan). */
async function codesOf(store: Store, rel: BaciRelease, entity: string): Promise<number[]> {
  const rows = await store.query<{ code: number }>(
    "SELECT code FROM baci_countries WHERE dataset = ? AND entity = ? ORDER BY code",
    [rel.dataset, entity],
  );
  return rows.map((r) => Number(r.code));
}

async function entityByCode(store: Store, rel: BaciRelease): Promise<Map<number, string>> {
  const rows = await store.query<{ code: number; entity: string | null }>(
    "SELECT code, entity FROM baci_countries WHERE dataset = ?",
    [rel.dataset],
  );
  const out = new Map<number, string>();
  for (const r of rows) if (r.entity) out.set(Number(r.code), r.entity);
  return out;
}

const inList = (codes: number[]) => (codes.length === 1 ? `= ${codes[0]}` : `IN (${codes.join(", ")})`);

function provenance(rel: BaciRelease, year: number | undefined, note: string): Provenance {
  return {
    source: BACI_INFO.name,
    dataset: rel.dataset,
    publisher: BACI_INFO.publisher,
    version: rel.version,
    year,
    file: year === undefined ? null : `BACI_${rel.hs}_Y${year}_${rel.version}.csv`,
    ingestedAt: rel.ingestedAt,
    citation: BACI_INFO.citation,
    note,
  };
}

function groupFrom(options?: ComputeOptions): ProductGroup {
  if (!options?.product) {
    throw new Error(
      "This indicator needs a product: add --product with an HS code or a named group (27, 2709, 2711, 84, 85, 8703, 8542, 93, cars, chips, energy, ...).",
    );
  }
  return resolveProduct(options.product);
}

// --- the queries -------------------------------------------------------------------------------------------

export interface DyadProductYear {
  year: number;
  /** All of A's exports to B in BACI (USD). */
  totalUsd: number;
  /** A's exports to B of each group (USD), keyed by group name. */
  groups: Record<string, number>;
}

/** A's exports to B by year: the total and each group's part, in one pass over the dyad's rows. */
export async function dyadProductYears(
  store: Store,
  rel: BaciRelease,
  a: string,
  b: string,
  groups: ProductGroup[],
  year?: number,
): Promise<DyadProductYear[] | Absent> {
  const [ca, cb] = await Promise.all([codesOf(store, rel, a), codesOf(store, rel, b)]);
  if (!ca.length) return { absent: `${countryName(a)} (${a}) is not in BACI ${rel.version}` };
  if (!cb.length) return { absent: `${countryName(b)} (${b}) is not in BACI ${rel.version}` };
  const sums = groups.map(
    (g, n) => `coalesce(sum(value_usd) FILTER (WHERE ${productPredicate(g)}), 0) AS g${n}`,
  );
  const rows = await store.query<Record<string, number>>(
    `SELECT year, sum(value_usd) AS total${sums.length ? `, ${sums.join(", ")}` : ""}
     FROM ${baciFlowsSql(rel)} WHERE i ${inList(ca)} AND j ${inList(cb)}${year === undefined ? "" : ` AND year = ${year}`}
     GROUP BY year ORDER BY year`,
  );
  return rows.map((r) => ({
    year: Number(r.year),
    totalUsd: Number(r.total),
    groups: Object.fromEntries(groups.map((g, n) => [g.name, Number(r[`g${n}`])])),
  }));
}

/** A's trade of a group with every partner in a year, by registry entity (countries and historical only). */
async function partnersOf(
  store: Store,
  rel: BaciRelease,
  a: string,
  group: ProductGroup,
  year: number,
  side: "exports" | "imports",
): Promise<{ entity: string; valueUsd: number }[] | Absent> {
  const ca = await codesOf(store, rel, a);
  if (!ca.length) return { absent: `${countryName(a)} (${a}) is not in BACI ${rel.version}` };
  const [self, other] = side === "exports" ? ["i", "j"] : ["j", "i"];
  return (
    await store.query<{ entity: string; v: number }>(
      `SELECT c.entity, sum(f.value_usd) AS v
       FROM ${baciFlowsSql(rel)} AS f JOIN baci_countries AS c ON c.dataset = ? AND c.code = f.${other}
       JOIN entities AS e ON e.code = c.entity AND e.kind <> 'aggregate'
       WHERE f.year = ${year} AND f.${self} ${inList(ca)} AND ${productPredicate(group, "f.k")}
       GROUP BY c.entity ORDER BY v DESC, c.entity`,
      [rel.dataset],
    )
  ).map((r) => ({ entity: r.entity, valueUsd: Number(r.v) }));
}

/** The Herfindahl–Hirschman index (0–1) of A's suppliers of a group in a year, with the shares behind it. */
export async function supplierConcentration(
  store: Store,
  a: string,
  group: ProductGroup,
  year: number,
): Promise<{ hhi: number; totalUsd: number; top: { entity: string; share: number }[] } | Absent> {
  const rel = await baciRelease(store);
  if (isAbsent(rel)) return rel;
  const suppliers = await partnersOf(store, rel, a, group, year, "imports");
  if (isAbsent(suppliers)) return suppliers;
  const total = suppliers.reduce((s, x) => s + x.valueUsd, 0);
  if (!(total > 0)) return { absent: `no imports of ${group.en} by ${countryName(a)} in BACI for ${year}` };
  const shares = suppliers.map((s) => ({ entity: s.entity, share: s.valueUsd / total }));
  return { hhi: shares.reduce((h, s) => h + s.share ** 2, 0), totalUsd: total, top: shares.slice(0, 5) };
}

// --- substitution ------------------------------------------------------------------------------------------

// EU membership by year, for the "EU" supplier line of the substitution table (members at the start of the
// year; the United Kingdom counts to 2019, Croatia from 2014 as its accession was mid-2013).
const EU_JOINED: Record<string, number> = {
  ...Object.fromEntries(
    ["BEL", "FRA", "DEU", "ITA", "LUX", "NLD", "DNK", "IRL", "GRC", "ESP", "PRT", "AUT", "FIN", "SWE"].map(
      (c) => [c, 0],
    ),
  ),
  GBR: 0,
  ...Object.fromEntries(
    ["CYP", "CZE", "EST", "HUN", "LVA", "LTU", "MLT", "POL", "SVK", "SVN"].map((c) => [c, 2004]),
  ),
  BGR: 2007,
  ROU: 2007,
  HRV: 2014,
};
export function euMember(code: string, year: number): boolean {
  const joined = EU_JOINED[code];
  if (joined === undefined) return false;
  if (code === "GBR" && year >= 2020) return false;
  return year >= joined;
}

export interface SubstitutionTable {
  importer: string;
  product: { name: string; en: string; de: string; codes: string[] };
  years: number[];
  /** B's imports of the group from the world (all BACI exporters), USD per year. */
  totalUsd: number[];
  /** The suppliers shown: the largest at any time, the named ones, and the EU as one line. */
  suppliers: { code: string; name: string; share: (number | null)[]; valueUsd: number[] }[];
  /** Years in which one shown supplier's share rose above another's. */
  overtakes: { year: number; supplier: string; overtook: string; shares: [number, number] }[];
}

export interface SubstitutionOptions {
  /** Suppliers to show besides the largest (e.g. the other side of the dyad). */
  include?: string[];
  /** How many of the largest suppliers to show (default 5). */
  top?: number;
  /** Add the EU (members of each year) as one supplier line (default true). */
  eu?: boolean;
}

/** Each supplier's share of `importer`'s imports of each group, every year, from one pass over the data. */
export async function substitutionTables(
  store: Store,
  importer: string,
  groups: ProductGroup[],
  options: SubstitutionOptions = {},
): Promise<SubstitutionTable[] | Absent> {
  const rel = await baciRelease(store);
  if (isAbsent(rel)) return rel;
  const cb = await codesOf(store, rel, importer);
  if (!cb.length) return { absent: `${countryName(importer)} (${importer}) is not in BACI ${rel.version}` };
  const any = productPredicate({ name: "", en: "", de: "", codes: groups.flatMap((g) => g.codes) });
  const sums = groups.map((g, n) => `sum(value_usd) FILTER (WHERE ${productPredicate(g)}) AS g${n}`);
  const rows = await store.query<Record<string, number>>(
    `SELECT year, i, ${sums.join(", ")} FROM ${baciFlowsSql(rel)}
     WHERE j ${inList(cb)} AND ${any} GROUP BY year, i`,
  );
  const entities = await entityByCode(store, rel);
  const years: number[] = [];
  for (let y = rel.firstYear; y <= rel.lastYear; y++) years.push(y);
  return groups.map((g, n) => buildTable(importer, g, years, rows, `g${n}`, entities, options));
}

function buildTable(
  importer: string,
  group: ProductGroup,
  years: number[],
  rows: Record<string, number>[],
  col: string,
  entities: Map<number, string>,
  options: SubstitutionOptions,
): SubstitutionTable {
  const yi = new Map(years.map((y, i) => [y, i]));
  const total = years.map(() => 0);
  const bySupplier = new Map<string, number[]>();
  const eu = years.map(() => 0);
  for (const r of rows) {
    const v = Number(r[col] ?? 0);
    if (!v) continue;
    const idx = yi.get(Number(r.year));
    if (idx === undefined) continue;
    total[idx] += v;
    const entity = entities.get(Number(r.i));
    if (!entity) continue;
    let series = bySupplier.get(entity);
    if (!series) {
      series = years.map(() => 0);
      bySupplier.set(entity, series);
    }
    series[idx] += v;
    if (euMember(entity, years[idx])) eu[idx] += v;
  }
  const shareOf = (series: number[]) => series.map((v, i) => (total[i] > 0 ? v / total[i] : null));
  const peak = (series: number[]) => Math.max(0, ...shareOf(series).map((s) => s ?? 0));
  const ranked = [...bySupplier].sort((x, y) => peak(y[1]) - peak(x[1]));
  const shown = new Set(ranked.slice(0, options.top ?? 5).map(([c]) => c));
  for (const c of options.include ?? []) if (c !== importer) shown.add(c);
  const suppliers = [...shown].map((code) => {
    const series = bySupplier.get(code) ?? years.map(() => 0);
    return { code, name: countryName(code), share: shareOf(series), valueUsd: series };
  });
  if (options.eu !== false && eu.some((v) => v > 0)) {
    suppliers.push({ code: "EUU", name: countryName("EUU"), share: shareOf(eu), valueUsd: eu });
  }
  suppliers.sort((x, y) => peak(y.valueUsd) - peak(x.valueUsd));
  const overtakes: SubstitutionTable["overtakes"] = [];
  for (let i = 1; i < years.length; i++) {
    for (const s of suppliers) {
      for (const o of suppliers) {
        if (
          s === o ||
          (s.code === "EUU" && euMember(o.code, years[i])) ||
          (o.code === "EUU" && euMember(s.code, years[i]))
        )
          continue;
        const [s0, s1, o0, o1] = [s.share[i - 1], s.share[i], o.share[i - 1], o.share[i]];
        if (s0 === null || s1 === null || o0 === null || o1 === null) continue;
        if (s0 < o0 && s1 > o1)
          overtakes.push({ year: years[i], supplier: s.code, overtook: o.code, shares: [s1, o1] });
      }
    }
  }
  return {
    importer,
    product: { name: group.name, en: group.en, de: group.de, codes: group.codes },
    years,
    totalUsd: total,
    suppliers,
    overtakes,
  };
}

/** One importer and one product group over all years: the table behind "who replaced whom". */
export async function substitution(
  store: Store,
  importer: string,
  product: string | ProductGroup,
  options: SubstitutionOptions = {},
): Promise<SubstitutionTable | Absent> {
  const group = typeof product === "string" ? resolveProduct(product) : product;
  const tables = await substitutionTables(store, importer, [group], options);
  return isAbsent(tables) ? tables : tables[0];
}

// --- the section for profile, dossier and API -------------------------------------------------------------

export interface ProductSection {
  release: {
    dataset: string;
    version: string;
    hs: string;
    firstYear: number;
    lastYear: number;
    citation: string;
  };
  groups: { name: string; en: string; de: string; codes: string[] }[];
  /** A's exports to B and B's exports to A, by year, in total and by group, with each group's share. */
  years: {
    year: number;
    exportsUsd: number;
    importsUsd: number;
    exports: Record<string, { valueUsd: number; share: number | null }>;
    imports: Record<string, { valueUsd: number; share: number | null }>;
  }[];
  /** Suppliers of A's and of B's imports of each group over time (who replaced whom). */
  substitution: { a: SubstitutionTable[]; b: SubstitutionTable[] };
}

/** The goods section of a dyad's profile: energy, machines, cars, chips, arms, for both directions. */
export async function productSection(
  store: Store,
  a: string,
  b: string,
  groupNames: string[] = GOODS_SECTION_GROUPS,
): Promise<ProductSection | Absent> {
  const rel = await baciRelease(store);
  if (isAbsent(rel)) return rel;
  const groups = groupNames.map((n) => PRODUCT_GROUPS.find((g) => g.name === n) ?? resolveProduct(n));
  const [ab, ba] = await Promise.all([
    dyadProductYears(store, rel, a, b, groups),
    dyadProductYears(store, rel, b, a, groups),
  ]);
  if (isAbsent(ab)) return ab;
  if (isAbsent(ba)) return ba;
  const subA = await substitutionTables(store, a, groups, { include: [b] });
  const subB = await substitutionTables(store, b, groups, { include: [a] });
  if (isAbsent(subA)) return subA;
  if (isAbsent(subB)) return subB;
  const byYear = new Map<number, { ab?: DyadProductYear; ba?: DyadProductYear }>();
  for (const r of ab) byYear.set(r.year, { ...byYear.get(r.year), ab: r });
  for (const r of ba) byYear.set(r.year, { ...byYear.get(r.year), ba: r });
  const split = (r: DyadProductYear | undefined) =>
    Object.fromEntries(
      groups.map((g) => {
        const v = r?.groups[g.name] ?? 0;
        return [g.name, { valueUsd: v, share: r && r.totalUsd > 0 ? v / r.totalUsd : null }];
      }),
    );
  return {
    release: {
      dataset: rel.dataset,
      version: rel.version,
      hs: rel.hs,
      firstYear: rel.firstYear,
      lastYear: rel.lastYear,
      citation: BACI_INFO.citation,
    },
    groups: groups.map((g) => ({ name: g.name, en: g.en, de: g.de, codes: g.codes })),
    years: [...byYear.keys()]
      .sort((x, y) => x - y)
      .map((year) => {
        const e = byYear.get(year)!;
        return {
          year,
          exportsUsd: e.ab?.totalUsd ?? 0,
          importsUsd: e.ba?.totalUsd ?? 0,
          exports: split(e.ab),
          imports: split(e.ba),
        };
      }),
    substitution: { a: subA, b: subB },
  };
}

// --- the catalogue entries ---------------------------------------------------------------------------------

const SOURCES = ["baci"];

async function withRelease(
  def: Pick<IndicatorDef, "name" | "unit">,
  store: Store,
  a: string,
  b: string,
  year: number,
): Promise<BaciRelease | IndicatorValue> {
  const rel = await baciRelease(store);
  if (isAbsent(rel)) return nullValue(def, a, b, year, rel.absent);
  if (year < rel.firstYear || year > rel.lastYear) {
    return nullValue(
      def,
      a,
      b,
      year,
      `BACI ${rel.version} covers ${rel.firstYear}–${rel.lastYear}, not ${year}`,
    );
  }
  return rel;
}

const productDetail = (g: ProductGroup) => ({ product: g.name, productName: g.en, hsCodes: g.codes });

const productExports: IndicatorDef = {
  name: "trade.product_exports",
  unit: "USD",
  definition: "A's exports to B of a product or product group in the year (CEPII BACI, reconciled flows)",
  formula: "Σ v·1000 over BACI rows with i = A, j = B, t = Y and k in the group",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  caveats:
    "BACI reconciles both sides' customs reports into one value (FOB); it is published with a lag of about two years.",
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    const rows = await dyadProductYears(store, rel, a, b, [group], year);
    if (isAbsent(rows)) return nullValue(this, a, b, year, rows.absent);
    const value = rows[0]?.groups[group.name] ?? 0;
    return {
      indicator: this.name,
      a,
      b,
      year,
      value,
      unit: this.unit,
      provenance: [provenance(rel, year, `${group.en}: ${value} USD`)],
      detail: { ...productDetail(group), totalExportsUsd: rows[0]?.totalUsd ?? 0 },
    };
  },
};

const productShare: IndicatorDef = {
  name: "trade.product_share",
  unit: "fraction",
  definition: "Share of a product or product group in A's exports to B in the year (CEPII BACI)",
  formula: "trade.product_exports(A, B, Y, group) / Σ BACI exports of A to B in Y (all products)",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    const rows = await dyadProductYears(store, rel, a, b, [group], year);
    if (isAbsent(rows)) return nullValue(this, a, b, year, rows.absent);
    const r = rows[0];
    if (!r || !(r.totalUsd > 0)) {
      return nullValue(this, a, b, year, `BACI ${rel.version} has no exports from ${a} to ${b} in ${year}`);
    }
    const v = r.groups[group.name];
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: v / r.totalUsd,
      unit: this.unit,
      provenance: [provenance(rel, year, `${group.en} ${v} USD of ${r.totalUsd} USD`)],
      detail: { ...productDetail(group), exportsUsd: v, totalExportsUsd: r.totalUsd },
    };
  },
};

const productRank: IndicatorDef = {
  name: "trade.product_rank",
  unit: "rank",
  definition:
    "Rank of B among the buyers of A's exports of a product or product group in the year (1 = largest)",
  formula: "position of B when A's BACI exports of the group in Y are sorted by importer, largest first",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  caveats: "Only countries (and historical entities) are ranked; aggregates are not BACI partners.",
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    const buyers = await partnersOf(store, rel, a, group, year, "exports");
    if (isAbsent(buyers)) return nullValue(this, a, b, year, buyers.absent);
    const pos = buyers.findIndex((x) => x.entity === b);
    const total = buyers.reduce((s, x) => s + x.valueUsd, 0);
    const detail = {
      ...productDetail(group),
      buyers: buyers.length,
      totalExportsUsd: total,
      top: buyers.slice(0, 5).map((x) => ({ ...x, share: total > 0 ? x.valueUsd / total : null })),
    };
    if (pos < 0) {
      return { ...nullValue(this, a, b, year, `${b} bought none of ${a}'s ${group.en} in ${year}`), detail };
    }
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: pos + 1,
      unit: this.unit,
      provenance: [
        provenance(rel, year, `${buyers[pos].valueUsd} USD, ${pos + 1} of ${buyers.length} buyers`),
      ],
      detail: {
        ...detail,
        valueUsd: buyers[pos].valueUsd,
        share: total > 0 ? buyers[pos].valueUsd / total : null,
      },
    };
  },
};

const supplierShare: IndicatorDef = {
  name: "trade.product_supplier_share",
  unit: "fraction",
  definition: "A's share of B's imports of a product or product group in the year (CEPII BACI)",
  formula:
    "BACI exports of the group from A to B in Y / Σ BACI exports of the group from all exporters to B in Y",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    const suppliers = await partnersOf(store, rel, b, group, year, "imports");
    if (isAbsent(suppliers)) return nullValue(this, a, b, year, suppliers.absent);
    const total = suppliers.reduce((s, x) => s + x.valueUsd, 0);
    if (!(total > 0))
      return nullValue(this, a, b, year, `BACI has no imports of ${group.en} by ${b} in ${year}`);
    const v = suppliers.find((x) => x.entity === a)?.valueUsd ?? 0;
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: v / total,
      unit: this.unit,
      provenance: [provenance(rel, year, `${v} USD of ${total} USD`)],
      detail: { ...productDetail(group), valueUsd: v, totalImportsUsd: total },
    };
  },
};

const hhi: IndicatorDef = {
  name: "trade.product_hhi",
  unit: "index 0–1",
  definition:
    "Concentration of A's suppliers of a product or product group in the year (Herfindahl–Hirschman)",
  formula: "Σ s², s = each exporter's share of A's BACI imports of the group in Y (1 = a single supplier)",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  country: true,
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    const c = await supplierConcentration(store, a, group, year);
    if (isAbsent(c)) return nullValue(this, a, b, year, c.absent);
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: c.hhi,
      unit: this.unit,
      provenance: [provenance(rel, year, `imports of ${c.totalUsd} USD`)],
      detail: { ...productDetail(group), totalImportsUsd: c.totalUsd, top: c.top },
    };
  },
};

const hhiChange: IndicatorDef = {
  name: "trade.product_hhi.change",
  unit: "index points (0–1 scale)",
  definition:
    "Change of A's supplier concentration (HHI) for a product group from Y − window to Y (window 1 by default)",
  formula: "trade.product_hhi(A, Y) − trade.product_hhi(A, Y − window)",
  sources: SOURCES,
  citation: BACI_INFO.citation,
  country: true,
  async compute(store, a, b, year, options) {
    const group = groupFrom(options);
    const window = options?.window ?? 1;
    const rel = await withRelease(this, store, a, b, year);
    if ("indicator" in rel) return rel;
    if (year - window < rel.firstYear) {
      return nullValue(
        this,
        a,
        b,
        year,
        `BACI ${rel.version} starts in ${rel.firstYear}, after ${year - window}`,
      );
    }
    const [now, before] = await Promise.all([
      supplierConcentration(store, a, group, year),
      supplierConcentration(store, a, group, year - window),
    ]);
    if (isAbsent(now)) return nullValue(this, a, b, year, now.absent);
    if (isAbsent(before)) return nullValue(this, a, b, year, before.absent);
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: now.hhi - before.hhi,
      unit: this.unit,
      provenance: [
        provenance(rel, year, `HHI ${now.hhi}`),
        provenance(rel, year - window, `HHI ${before.hhi}`),
      ],
      detail: {
        ...productDetail(group),
        window,
        hhi: now.hhi,
        hhiBefore: before.hhi,
        top: now.top,
        topBefore: before.top,
      },
    };
  },
};

export const PRODUCT_INDICATORS: IndicatorDef[] = [
  productExports,
  productShare,
  productRank,
  supplierShare,
  hhi,
  hhiChange,
];

export { codeRanges, isAbsent };
