// Trade by product from CEPII BACI: product shares, a buyer's rank, supplier concentration and substitution.
//
// BACI gives one reconciled value per exporter, importer, product and year, so there is no mirror here: the
// flow A→B is the flow B←A. The dyad-year figures come from one relation (`productRelation`), which the
// scalar indicators and the profile's goods section select from. Its queries go straight to the
// year-partitioned Parquet (src/store/baci.ts says where) with CEPII's numeric codes resolved first, so the
// filters meet the files' sort order (importer, exporter, product) and DuckDB skips most row groups from
// their statistics: a dyad, an importer's suppliers and a year's rows are all narrow.
import { countryName } from "../countries/index.ts";
import {
  codeRanges,
  GOODS_SECTION_GROUPS,
  PRODUCT_GROUPS,
  type ProductGroup,
  productPredicate,
} from "../products/groups.ts";
import { BACI_INFO } from "../sources/citations.ts";
import { resolveProduct } from "../sources/product-groups.ts";
import { BACI_NOT_LOADED, type BaciRelease, baciFlowsSql, baciRelease } from "../store/baci.ts";
import type { Store } from "../store/index.ts";
import {
  type DyadYears,
  dyadYearList,
  inYears,
  pairYears,
  quote,
  type Relation,
  type RelationSql,
  selectRelations,
} from "./relation.ts";
import type { ExtraTable, RelationMemory } from "./relation-memory.ts";
import {
  type Absent,
  type ComputeOptions,
  type IndicatorDef,
  type IndicatorValue,
  indicatorValue,
  nullValue,
  type Provenance,
} from "./types.ts";

export type { Absent, BaciRelease };
export { baciRelease };

/** The release the figures come from, asked once per read-only store (its tables cannot change while open). */
const releases = new WeakMap<Store, Promise<BaciRelease | Absent>>();
function release(store: Store): Promise<BaciRelease | Absent> {
  if (!store.readOnly) return baciRelease(store);
  let hit = releases.get(store);
  if (!hit) {
    hit = baciRelease(store);
    releases.set(store, hit);
  }
  return hit;
}

const isAbsent = (x: unknown): x is Absent => typeof x === "object" && x !== null && "absent" in x;

/** CEPII's numeric codes for registry entities (several for one, where CEPII splits a period, e.g. Sudan). */
async function codesOf(store: Store, rel: BaciRelease, entities: readonly string[]): Promise<number[]> {
  if (!entities.length) return [];
  const rows = await store.query<{ code: number }>(
    `SELECT code FROM baci_countries WHERE dataset = ? AND entity IN (${entities.map(quote).join(", ")}) ORDER BY code`,
    [rel.dataset],
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

const notInBaci = (rel: BaciRelease, code: string): Absent => ({
  absent: `${countryName(code)} (${code}) is not in BACI ${rel.version}`,
});

// --- the relation ------------------------------------------------------------------------------------------

/**
 * What a product relation computes, besides whether A and B are in the release: `flows`, A's exports to B
 * (all products, and each group's); `buyers`, everyone A sells each group to; `suppliers`, everyone A and
 * B buy each group from (`suppliers_of_a`, `suppliers_of_b`). Buyers read all of A's exports in a year (A is
 * the files' second sort key), so a figure asks only for what it needs, and each side's rows are read only
 * for the countries on that side of the dyad-years asked.
 */
export type ProductFigure = "flows" | "buyers" | "suppliers_of_a" | "suppliers_of_b";

/** A partner's trade in one product group with a country in a year (USD). */
export interface ProductPartner {
  entity: string;
  valueUsd: number;
}

/**
 * The product dimension for product groups g0, g1, …: one row per dyad-year with `product_a_in_baci`,
 * `product_b_in_baci` (the country has a code in the release), and as asked
 * - flows: `product_total_usd` (A's exports to B, all products; null in a year without any) and
 *   `product_g<n>_usd` (the group's part, 0 when A sold B other goods only);
 * - buyers: `product_g<n>_buyers`, A's buyers of the group, largest first (ties by code);
 * - suppliers_of_a / suppliers_of_b: `product_g<n>_suppliers_of_a` / `_of_b`, who sold the group to A / to
 *   B, largest first.
 * Partners are registry countries and historical entities: an aggregate is no BACI partner. The release
 * is the one ingested last (src/store/baci.ts); a store without one yields nulls.
 */
export function productRelation(
  groups: readonly ProductGroup[],
  figures: readonly ProductFigure[] = ["flows", "buyers", "suppliers_of_a", "suppliers_of_b"],
): Relation {
  const latest =
    "SELECT r.dataset FROM baci_releases r JOIN ingests g USING (dataset) ORDER BY g.ingested_at DESC LIMIT 1";
  return {
    dimension: "product",
    tables: ["baci_releases", "baci_countries"],
    countries: `SELECT DISTINCT entity FROM baci_countries WHERE entity IS NOT NULL AND dataset = (${latest})`,
    years: `SELECT first_year, last_year FROM baci_releases WHERE dataset = (${latest})`,
    // Not in the panel's RELATIONS: its figures are per product group, which the panel does not choose.
    panel: ["product_total_usd"],
    async build(scope, store) {
      const rel = await release(store);
      if ("absent" in rel) return nothing(groups, figures);
      return productSql(scope, rel, await scopeCodes(store, rel, scope), groups, figures);
    },
  };
}

/**
 * CEPII codes of the countries on each side of the scope's dyad-years, and of its pairs (exporter code,
 * importer code); undefined when the scope is every country.
 */
interface SideCodes {
  a?: number[];
  b?: number[];
  pairs?: [number, number][];
}

/** Dyad-years whose pairs the caller knows (this module's own questions): no query needed to find them. */
interface KnownPairs extends DyadYears {
  pairs: ReadonlyArray<readonly [string, string]>;
}

/** The scope's pairs with their CEPII codes (absent pairs: a country without a code). */
async function scopeCodes(store: Store, rel: BaciRelease, scope: DyadYears | KnownPairs): Promise<SideCodes> {
  if (!scope.countries) return {};
  const rows =
    "pairs" in scope
      ? await pairCodes(store, rel, scope.pairs)
      : await store.query<{ ca: number[] | null; cb: number[] | null }>(
          `SELECT (SELECT list(code) FROM baci_countries WHERE dataset = $1 AND entity = d.a) AS ca,
            (SELECT list(code) FROM baci_countries WHERE dataset = $1 AND entity = d.b) AS cb
       FROM (SELECT DISTINCT a, b FROM (${scope.sql})) AS d`,
          [rel.dataset],
        );
  const a = new Set<number>();
  const b = new Set<number>();
  const pairs: [number, number][] = [];
  for (const r of rows) {
    const ca = (r.ca ?? []).map(Number);
    const cb = (r.cb ?? []).map(Number);
    for (const i of ca) a.add(i);
    for (const j of cb) b.add(j);
    for (const i of ca) for (const j of cb) pairs.push([i, j]);
  }
  return { a: [...a], b: [...b], pairs };
}

/** Every entity's CEPII codes in the release, read once per read-only store. */
const codeMaps = new WeakMap<Store, Promise<Map<string, number[]>>>();
async function pairCodes(store: Store, rel: BaciRelease, pairs: KnownPairs["pairs"]) {
  let map = store.readOnly ? codeMaps.get(store) : undefined;
  if (!map) {
    map = store
      .query<{ entity: string; codes: number[] }>(
        "SELECT entity, list(code ORDER BY code) AS codes FROM baci_countries WHERE dataset = ? AND entity IS NOT NULL GROUP BY entity",
        [rel.dataset],
      )
      .then((rows) => new Map(rows.map((r) => [r.entity, [...r.codes].map(Number)])));
    if (store.readOnly) codeMaps.set(store, map);
  }
  const byEntity = await map;
  return pairs.map(([a, b]) => ({ ca: byEntity.get(a) ?? null, cb: byEntity.get(b) ?? null }));
}

// DuckDB skips the files' row groups by an equality on a sorted column (importer j, then exporter i), not by a
// list of values, so up to this many codes (or pairs of codes) are read as that many narrow scans.
const NARROW_SCANS = 64;

function productColumns(groups: readonly ProductGroup[], figures: readonly ProductFigure[]): string[] {
  return [
    "product_a_in_baci",
    "product_b_in_baci",
    ...(figures.includes("flows") ? ["product_total_usd", ...groups.map((_, n) => `product_g${n}_usd`)] : []),
    ...(figures.includes("buyers") ? groups.map((_, n) => `product_g${n}_buyers`) : []),
    ...(["a", "b"] as const).flatMap((side) =>
      figures.includes(`suppliers_of_${side}`)
        ? groups.map((_, n) => `product_g${n}_suppliers_of_${side}`)
        : [],
    ),
  ];
}

function nothing(groups: readonly ProductGroup[], figures: readonly ProductFigure[]): RelationSql {
  const empty = (c: string) =>
    /_(buyers|suppliers_of_[ab])$/.test(c) ? "[]" : c.endsWith("_usd") ? "NULL::DOUBLE" : "FALSE";
  return { ctes: [], joins: [], columns: productColumns(groups, figures).map((c) => `${empty(c)} AS ${c}`) };
}

function productSql(
  scope: DyadYears,
  rel: BaciRelease,
  codes: SideCodes,
  groups: readonly ProductGroup[],
  figures: readonly ProductFigure[],
): RelationSql {
  const flows = baciFlowsSql(rel);
  const years = inYears(scope, "year");
  /** The release's rows where each condition holds (one scan each when few), within the scope's years. */
  const rowsWhere = (conditions: string[] | undefined) => {
    if (conditions === undefined) return `(SELECT * FROM ${flows} WHERE ${years})`;
    if (!conditions.length) return `(SELECT * FROM ${flows} WHERE FALSE)`;
    return `(${conditions.map((c) => `SELECT * FROM ${flows} WHERE ${c} AND ${years}`).join(" UNION ALL ")})`;
  };
  const narrow = <T>(list: T[] | undefined, each: (x: T) => string, all: (l: T[]) => string) =>
    list === undefined ? undefined : list.length <= NARROW_SCANS ? list.map(each) : [all(list)];
  const anyGroup = productPredicate(
    { name: "", en: "", de: "", codes: groups.flatMap((g) => g.codes) },
    "f.k",
  );
  const ctes = [
    `product_codes AS (SELECT code, entity FROM baci_countries WHERE dataset = ${quote(rel.dataset)} AND entity IS NOT NULL)`,
  ];
  const joins: string[] = [];
  const columns = [
    "s.a IN (SELECT entity FROM product_codes) AS product_a_in_baci",
    "s.b IN (SELECT entity FROM product_codes) AS product_b_in_baci",
  ];
  if (figures.includes("flows")) {
    const sums = groups.map(
      (g, n) => `coalesce(sum(f.value_usd) FILTER (WHERE ${productPredicate(g, "f.k")}), 0) AS g${n}`,
    );
    ctes.push(`product_flows AS (
      SELECT ci.entity AS a, cj.entity AS b, f.year, sum(f.value_usd) AS total${sums.map((x) => `, ${x}`).join("")}
        FROM ${rowsWhere(
          narrow(
            codes.pairs,
            ([i, j]) => `j = ${j} AND i = ${i}`,
            () => `j IN (${codes.b?.join(", ")}) AND i IN (${codes.a?.join(", ")})`,
          ),
        )} AS f JOIN product_codes ci ON ci.code = f.i JOIN product_codes cj ON cj.code = f.j
       GROUP BY ALL)`);
    joins.push("LEFT JOIN product_flows pf ON pf.a = s.a AND pf.b = s.b AND pf.year = s.year");
    columns.push("pf.total AS product_total_usd", ...groups.map((_, n) => `pf.g${n} AS product_g${n}_usd`));
  }
  // A country's partners in each group and year, largest first: `self` is the country's side of the flow.
  const partners = (name: string, self: "i" | "j", countries: number[] | undefined) => {
    const other = self === "i" ? "j" : "i";
    const sums = groups.map(
      (g, n) => `sum(f.value_usd) FILTER (WHERE ${productPredicate(g, "f.k")}) AS g${n}`,
    );
    const lists = groups.map(
      (_, n) =>
        `coalesce(list({'entity': partner, 'valueUsd': g${n}} ORDER BY g${n} DESC, partner) FILTER (WHERE g${n} IS NOT NULL), []) AS g${n}`,
    );
    return `${name} AS (
      SELECT country, year, ${lists.join(", ")}
        FROM (SELECT cs.entity AS country, co.entity AS partner, f.year, ${sums.join(", ")}
                FROM ${rowsWhere(
                  narrow(
                    countries,
                    (c) => `${self} = ${c}`,
                    (l) => `${self} IN (${l.join(", ")})`,
                  ),
                )} AS f
                JOIN product_codes cs ON cs.code = f.${self}
                JOIN product_codes co ON co.code = f.${other}
                JOIN entities e ON e.code = co.entity AND e.kind <> 'aggregate'
               WHERE ${anyGroup}
               GROUP BY ALL)
       GROUP BY country, year)`;
  };
  if (figures.includes("buyers")) {
    ctes.push(partners("product_buyers", "i", codes.a));
    joins.push("LEFT JOIN product_buyers pb ON pb.country = s.a AND pb.year = s.year");
    columns.push(...groups.map((_, n) => `coalesce(pb.g${n}, []) AS product_g${n}_buyers`));
  }
  const supplied = (["a", "b"] as const).filter((side) => figures.includes(`suppliers_of_${side}`));
  if (supplied.length) {
    // One pass over the importers asked for: A's side, B's side or both.
    const importers = supplied.some((side) => codes[side] === undefined)
      ? undefined
      : [...new Set(supplied.flatMap((side) => codes[side] ?? []))];
    ctes.push(partners("product_suppliers", "j", importers));
    for (const side of supplied) {
      joins.push(
        `LEFT JOIN product_suppliers ps${side} ON ps${side}.country = s.${side} AND ps${side}.year = s.year`,
      );
      columns.push(
        ...groups.map((_, n) => `coalesce(ps${side}.g${n}, []) AS product_g${n}_suppliers_of_${side}`),
      );
    }
  }
  return { ctes, joins, columns };
}

/** One dyad-year of the relation for one or more groups, with the lists as JavaScript values. */
interface ProductRow {
  a: string;
  b: string;
  year: number;
  product_a_in_baci: boolean;
  product_b_in_baci: boolean;
  [column: string]: unknown;
}

const num = (v: unknown) => (v == null ? null : Number(v));
const groupUsd = (r: ProductRow, n: number) => num(r[`product_g${n}_usd`]);
const totalUsd = (r: ProductRow) => num(r.product_total_usd);
const partnersIn = (r: ProductRow, n: number, which: Exclude<ProductFigure, "flows">) =>
  (r[`product_g${n}_${which}`] as { entity: string; valueUsd: number }[]).map((p) => ({
    entity: p.entity,
    valueUsd: Number(p.valueUsd),
  }));

/** The relation's rows for one group and the dyad-years asked, in the order asked. */
async function selectProduct(
  store: Store,
  group: ProductGroup,
  figures: readonly ProductFigure[],
  rows: ReadonlyArray<readonly [string, string, number]>,
): Promise<ProductRow[]> {
  const scope: KnownPairs = { ...dyadYearList(rows), pairs: rows.map(([a, b]) => [a, b] as const) };
  const found = await selectRelations<ProductRow>(store, [productRelation([group], figures)], scope);
  return rows.map(([a, b, year]) => found.find((r) => r.a === a && r.b === b && Number(r.year) === year)!);
}

/** The Herfindahl–Hirschman index (0–1) of a country's suppliers, with the shares behind it. */
function concentration(suppliers: ProductPartner[]) {
  const total = suppliers.reduce((s, x) => s + x.valueUsd, 0);
  const shares = suppliers.map((s) => ({ entity: s.entity, share: s.valueUsd / total }));
  return { hhi: shares.reduce((h, s) => h + s.share ** 2, 0), totalUsd: total, top: shares.slice(0, 5) };
}

export interface DyadProductYear {
  year: number;
  /** All of A's exports to B in BACI (USD). */
  totalUsd: number;
  /** A's exports to B of each group (USD), keyed by group name. */
  groups: Record<string, number>;
}

/** A's exports to B by year, the total and each group's part, from the relation's flows (years with any). */
export async function dyadProductYears(
  store: Store,
  rel: BaciRelease,
  a: string,
  b: string,
  groups: ProductGroup[],
): Promise<DyadProductYear[] | Absent> {
  const byPair = await productYears(store, rel, [[a, b]], groups);
  return isAbsent(byPair) ? byPair : byPair[0];
}

/** Each pair's exports by year over the release's span, in one pass over the pairs' rows. */
async function productYears(
  store: Store,
  rel: BaciRelease,
  pairs: [string, string][],
  groups: ProductGroup[],
): Promise<DyadProductYear[][] | Absent> {
  const scope: KnownPairs = { ...pairYears(pairs, rel.firstYear, rel.lastYear), pairs };
  const rows = await selectRelations<ProductRow>(store, [productRelation(groups, ["flows"])], scope);
  for (const [a, b] of pairs) {
    const first = rows.find((r) => r.a === a && r.b === b);
    if (!first?.product_a_in_baci) return notInBaci(rel, a);
    if (!first.product_b_in_baci) return notInBaci(rel, b);
  }
  return pairs.map(([a, b]) =>
    rows
      .filter((r) => r.a === a && r.b === b && totalUsd(r) !== null)
      .map((r) => ({
        year: Number(r.year),
        totalUsd: Number(totalUsd(r)),
        groups: Object.fromEntries(groups.map((g, n) => [g.name, Number(groupUsd(r, n))])),
      })),
  );
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
  const rel = await release(store);
  if (isAbsent(rel)) return rel;
  const cb = await codesOf(store, rel, [importer]);
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
  // Ties broken by code: the rows arrive in no fixed order, and a table must not change between runs.
  const ranked = [...bySupplier].sort((x, y) => peak(y[1]) - peak(x[1]) || x[0].localeCompare(y[0]));
  const shown = new Set(ranked.slice(0, options.top ?? 5).map(([c]) => c));
  for (const c of options.include ?? []) if (c !== importer) shown.add(c);
  const suppliers = [...shown].map((code) => {
    const series = bySupplier.get(code) ?? years.map(() => 0);
    return { code, name: countryName(code), share: shareOf(series), valueUsd: series };
  });
  if (options.eu !== false && eu.some((v) => v > 0)) {
    suppliers.push({ code: "EUU", name: countryName("EUU"), share: shareOf(eu), valueUsd: eu });
  }
  suppliers.sort((x, y) => peak(y.valueUsd) - peak(x.valueUsd) || x.code.localeCompare(y.code));
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
  /**
   * The store's tables held by a server: without a BACI release the section is absent with no query; with
   * one the store answers as without memory (the flows stay in the release's Parquet files).
   */
  memory?: RelationMemory,
): Promise<ProductSection | Absent> {
  if (memory && !releaseHeld(memory)) return { absent: BACI_NOT_LOADED };
  const rel = await release(store);
  if (isAbsent(rel)) return rel;
  const groups = groupNames.map((n) => PRODUCT_GROUPS.find((g) => g.name === n) ?? resolveProduct(n));
  const both = await productYears(
    store,
    rel,
    [
      [a, b],
      [b, a],
    ],
    groups,
  );
  if (isAbsent(both)) return both;
  const [ab, ba] = both;
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

/**
 * The rows baciRelease finds a release in (baci_releases joined with its ingest), held by a server's memory
 * (RelationMemory): a store without one answers the goods section with no query.
 */
export const BACI_RELEASE_TABLE: ExtraTable = {
  name: "baci_release",
  sql: "SELECT r.dataset FROM baci_releases r JOIN ingests g USING (dataset)",
  keys: [],
  year: false,
  requires: "baci_releases",
};

/** Whether a server's memory holds a release row (baciRelease then has one too). */
function releaseHeld(memory: RelationMemory): boolean {
  return (memory.table(BACI_RELEASE_TABLE.name)?.rows ?? 0) > 0;
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
  const rel = await release(store);
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

/**
 * The group, the release and the relation's row of one dyad-year with the figures asked; or the answer
 * when there is none, as when a country the figure needs (`need`: A, B or both) has no code in the release.
 */
async function productRow(
  def: Pick<IndicatorDef, "name" | "unit">,
  store: Store,
  [a, b, year]: [string, string, number],
  options: ComputeOptions | undefined,
  figures: ProductFigure[],
  need: ("a" | "b")[] = [],
): Promise<{ group: ProductGroup; rel: BaciRelease; r: ProductRow } | IndicatorValue> {
  const group = groupFrom(options);
  const rel = await withRelease(def, store, a, b, year);
  if ("indicator" in rel) return rel;
  const [r] = await selectProduct(store, group, figures, [[a, b, year]]);
  for (const side of need) {
    if (!r[`product_${side}_in_baci`]) return nullValue(def, a, b, year, notInBaci(rel, r[side]).absent);
  }
  return { group, rel, r };
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
    const row = await productRow(this, store, [a, b, year], options, ["flows"], ["a", "b"]);
    if ("indicator" in row) return row;
    const { group, rel, r } = row;
    const value = groupUsd(r, 0) ?? 0;
    return indicatorValue(this, a, b, year, value, [provenance(rel, year, `${group.en}: ${value} USD`)], {
      ...productDetail(group),
      totalExportsUsd: totalUsd(r) ?? 0,
    });
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
    const row = await productRow(this, store, [a, b, year], options, ["flows"], ["a", "b"]);
    if ("indicator" in row) return row;
    const { group, rel, r } = row;
    const total = totalUsd(r) ?? 0;
    if (!(total > 0)) {
      return nullValue(this, a, b, year, `BACI ${rel.version} has no exports from ${a} to ${b} in ${year}`);
    }
    const v = Number(groupUsd(r, 0));
    return indicatorValue(
      this,
      a,
      b,
      year,
      v / total,
      [provenance(rel, year, `${group.en} ${v} USD of ${total} USD`)],
      { ...productDetail(group), exportsUsd: v, totalExportsUsd: total },
    );
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
    const row = await productRow(this, store, [a, b, year], options, ["buyers"], ["a"]);
    if ("indicator" in row) return row;
    const { group, rel, r } = row;
    const buyers = partnersIn(r, 0, "buyers");
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
    const note = `${buyers[pos].valueUsd} USD, ${pos + 1} of ${buyers.length} buyers`;
    return indicatorValue(this, a, b, year, pos + 1, [provenance(rel, year, note)], {
      ...detail,
      valueUsd: buyers[pos].valueUsd,
      share: total > 0 ? buyers[pos].valueUsd / total : null,
    });
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
    const row = await productRow(this, store, [a, b, year], options, ["suppliers_of_b"], ["b"]);
    if ("indicator" in row) return row;
    const { group, rel, r } = row;
    const suppliers = partnersIn(r, 0, "suppliers_of_b");
    const total = suppliers.reduce((s, x) => s + x.valueUsd, 0);
    if (!(total > 0))
      return nullValue(this, a, b, year, `BACI has no imports of ${group.en} by ${b} in ${year}`);
    const v = suppliers.find((x) => x.entity === a)?.valueUsd ?? 0;
    return indicatorValue(this, a, b, year, v / total, [provenance(rel, year, `${v} USD of ${total} USD`)], {
      ...productDetail(group),
      valueUsd: v,
      totalImportsUsd: total,
    });
  },
};

/** A's supplier concentration of the group in a relation row, or why there is none. */
function concentrationOf(rel: BaciRelease, r: ProductRow, group: ProductGroup) {
  if (!r.product_a_in_baci) return notInBaci(rel, r.a);
  const c = concentration(partnersIn(r, 0, "suppliers_of_a"));
  if (!(c.totalUsd > 0)) {
    return { absent: `no imports of ${group.en} by ${countryName(r.a)} in BACI for ${r.year}` };
  }
  return c;
}

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
    const row = await productRow(this, store, [a, b, year], options, ["suppliers_of_a"]);
    if ("indicator" in row) return row;
    const { group, rel, r } = row;
    const c = concentrationOf(rel, r, group);
    if (isAbsent(c)) return nullValue(this, a, b, year, c.absent);
    return indicatorValue(this, a, b, year, c.hhi, [provenance(rel, year, `imports of ${c.totalUsd} USD`)], {
      ...productDetail(group),
      totalImportsUsd: c.totalUsd,
      top: c.top,
    });
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
    const rows = await selectProduct(
      store,
      group,
      ["suppliers_of_a"],
      [
        [a, b, year],
        [a, b, year - window],
      ],
    );
    const [now, before] = rows.map((r) => concentrationOf(rel, r, group));
    if (isAbsent(now)) return nullValue(this, a, b, year, now.absent);
    if (isAbsent(before)) return nullValue(this, a, b, year, before.absent);
    const prov = [
      provenance(rel, year, `HHI ${now.hhi}`),
      provenance(rel, year - window, `HHI ${before.hhi}`),
    ];
    return indicatorValue(this, a, b, year, now.hhi - before.hhi, prov, {
      ...productDetail(group),
      window,
      hhi: now.hhi,
      hhiBefore: before.hhi,
      top: now.top,
      topBefore: before.top,
    });
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
