// Direct investment between two economies: positions at the end of a year (IMF CDIS) and flows within a
// year (UNCTAD). One dyad-year relation per source (`INVEST_POSITION_RELATION`, `INVEST_FLOW_RELATION`):
// the scalar indicators, the profile and the panel all select from it, so they cannot disagree.
import { join } from "node:path";
import { CDIS_INFO } from "../sources/imf-cdis.ts";
import { UNCTAD_FDI_INFO } from "../sources/unctad-fdi.ts";
import type { Store } from "../store/index.ts";
import { datasetProvenance, hasDataset, notIngested } from "./ingest-provenance.ts";
import { type IndicatorDef, type IndicatorValue, nullValue, type Provenance } from "./types.ts";

/**
 * Every (a, b, year) that any CDIS table speaks of: A's outward position in B as A reports it (Table 6-o),
 * the same stock as B reports it (its inward position from A, Table 6-i, where loaded), A's total outward
 * position (the World row of 6-o) and B's total inward position (CDIS_Reporters.xlsx). A withheld cell has
 * `*_withheld` true and no value. Countries only: IMF groupings and "not specified" have no code.
 */
export const INVEST_POSITION_RELATION = `
  SELECT coalesce(o.a, i.a) AS a, coalesce(o.b, i.b) AS b, coalesce(o.year, i.year) AS year,
         o.value_usd AS position_usd, coalesce(o.confidential, false) AS position_withheld,
         o.file AS position_file, o.cell AS position_cell,
         i.value_usd AS mirror_usd, coalesce(i.confidential, false) AS mirror_withheld,
         i.file AS mirror_file, i.cell AS mirror_cell,
         ot.value_usd AS a_outward_total_usd, ot.confidential AS a_outward_total_withheld, ot.cell AS a_outward_total_cell,
         it.value_usd AS b_inward_total_usd, it.cell AS b_inward_total_cell
    FROM (SELECT reporter AS a, counterpart AS b, year, value_usd, confidential, file, cell FROM cdis_positions
           WHERE direction = 'outward' AND counterpart_kind = 'country' AND counterpart <> reporter) o
    FULL JOIN (SELECT counterpart AS a, reporter AS b, year, value_usd, confidential, file, cell FROM cdis_positions
                WHERE direction = 'inward' AND counterpart_kind = 'country' AND counterpart <> reporter) i
      ON i.a = o.a AND i.b = o.b AND i.year = o.year
    LEFT JOIN (SELECT reporter, year, value_usd, confidential, cell FROM cdis_positions
                WHERE direction = 'outward' AND counterpart = 'WLD') ot
      ON ot.reporter = coalesce(o.a, i.a) AND ot.year = coalesce(o.year, i.year)
    LEFT JOIN (SELECT reporter, year, value_usd, cell FROM cdis_totals
                WHERE direction = 'inward' AND reporter IS NOT NULL) it
      ON it.reporter = coalesce(o.b, i.b) AND it.year = coalesce(o.year, i.year)`;

/** FDI flows into B from A in a year (UNCTAD), economies only. */
export const INVEST_FLOW_RELATION = `
  SELECT origin AS a, host AS b, year, value_usd AS flow_usd, raw AS flow_raw, file AS flow_file, line AS flow_line
    FROM fdi_flows WHERE origin_kind = 'country' AND origin <> host`;

export interface PositionRow {
  a: string;
  b: string;
  year: number;
  position_usd: number | null;
  position_withheld: boolean;
  position_file: string | null;
  position_cell: string | null;
  mirror_usd: number | null;
  mirror_withheld: boolean;
  mirror_file: string | null;
  mirror_cell: string | null;
  a_outward_total_usd: number | null;
  a_outward_total_withheld: boolean | null;
  a_outward_total_cell: string | null;
  b_inward_total_usd: number | null;
  b_inward_total_cell: string | null;
}

/** The relation's rows for one pair (both directions' years), for the indicators and the profile. */
export async function positionRows(store: Store, a: string, b: string): Promise<PositionRow[]> {
  if (!(await store.hasTable("cdis_positions"))) return [];
  return store.query<PositionRow>(
    `SELECT * FROM (${INVEST_POSITION_RELATION}) r WHERE a = $1 AND b = $2 ORDER BY year`,
    [a, b],
  );
}

const WITHHELD =
  'withheld by the reporter: the IMF table shows "C" (suppressed to preserve confidentiality), which is neither zero nor missing';

const POSITION_CAVEAT =
  'A direct-investment position is a stock at the end of the year, by the immediate counterpart: money routed through the Netherlands, Luxembourg, Cyprus or Hong Kong counts there, not at its ultimate source. Positions can be negative when the enterprise\'s claims on its investor exceed the investor\'s claims on it (reverse investment, loans to the parent, accumulated losses). "C" cells are withheld by the reporter for confidentiality. "0" means under half a million dollars. Data end-2009 to end-2022, for the economies that report to the CDIS each year.';

interface Coverage {
  outward: Map<number, Set<string>>;
  inward: Map<number, Set<string>>;
  totals: Map<string, number[]>;
}

const coverageMemo = new WeakMap<Store, Promise<Coverage>>();

/** Which reporters published which table for which year: the reason a value is missing. */
function coverage(store: Store): Promise<Coverage> {
  let hit = coverageMemo.get(store);
  if (!hit || !store.readOnly) {
    hit = (async () => {
      const rows = await store.query<{ direction: string; year: number; reporter: string }>(
        "SELECT DISTINCT direction, year, reporter FROM cdis_positions",
      );
      const totals = await store.query<{ reporter: string; years: number[] }>(
        "SELECT reporter, list(year ORDER BY year) AS years FROM cdis_totals WHERE reporter IS NOT NULL GROUP BY reporter",
      );
      const c: Coverage = { outward: new Map(), inward: new Map(), totals: new Map() };
      for (const r of rows) {
        const m = r.direction === "outward" ? c.outward : c.inward;
        const s = m.get(r.year) ?? new Set<string>();
        m.set(r.year, s);
        s.add(r.reporter);
      }
      for (const t of totals) c.totals.set(t.reporter, [...t.years].map(Number));
      return c;
    })();
    coverageMemo.set(store, hit);
  }
  return hit;
}

function yearsOf(m: Map<number, Set<string>>, code: string): number[] {
  return [...m]
    .filter(([, s]) => s.has(code))
    .map(([y]) => y)
    .sort((x, y) => x - y);
}

export function yearList(years: number[]): string {
  if (!years.length) return "no year";
  const runs: string[] = [];
  let start = years[0];
  for (let i = 1; i <= years.length; i++) {
    if (years[i] !== years[i - 1] + 1) {
      runs.push(start === years[i - 1] ? String(start) : `${start}–${years[i - 1]}`);
      start = years[i];
    }
  }
  return runs.join(", ");
}

async function cdisProvenance(
  store: Store,
  extra: Partial<Provenance> & { file?: string | null; cell?: string | null },
): Promise<Provenance[]> {
  const base = await datasetProvenance(store, "imf-cdis");
  if (!base) return [];
  const { cell, file, ...rest } = extra;
  return [
    {
      ...base,
      ...rest,
      file: file && base.file ? (base.file.endsWith(file) ? base.file : join(base.file, file)) : base.file,
      sheet: cell ? `Table 6!${cell}` : rest.sheet,
    },
  ];
}

async function pairRow(store: Store, a: string, b: string, year: number): Promise<PositionRow | undefined> {
  return (
    await store.query<PositionRow>(
      `SELECT * FROM (${INVEST_POSITION_RELATION}) r WHERE a = $1 AND b = $2 AND year = $3`,
      [a, b, year],
    )
  )[0];
}

/** Why A's own outward figure for B is missing. */
function whyNoPosition(cov: Coverage, a: string, b: string, year: number, row?: PositionRow): string {
  if (row?.position_withheld) return `${a}'s position in ${b} at end-${year} is ${WITHHELD}`;
  const reported = yearsOf(cov.outward, a);
  if (!reported.includes(year)) {
    return `${a} did not report outward positions to the IMF's CDIS for end-${year} (it reported for ${yearList(reported)})`;
  }
  return `${a}'s CDIS report for end-${year} leaves the cell for ${b} blank (not available or not applicable)`;
}

function whyNoMirror(cov: Coverage, a: string, b: string, year: number, row?: PositionRow): string {
  if (!cov.inward.size) {
    return `the mirror is ${b}'s inward position from ${a} (CDIS Table 6-i), and no inward table is loaded (only Table 6-o, the outward positions); invest.position gives ${a}'s own report`;
  }
  if (row?.mirror_withheld) return `${b}'s inward position from ${a} at end-${year} is ${WITHHELD}`;
  const reported = yearsOf(cov.inward, b);
  if (!reported.includes(year)) {
    return `${b} has no inward table (CDIS Table 6-i) loaded for end-${year} (loaded: ${yearList(reported)})`;
  }
  return `${b}'s inward report for end-${year} leaves the cell for ${a} blank`;
}

const value = (
  def: IndicatorDef,
  a: string,
  b: string,
  year: number,
  v: number,
  provenance: Provenance[],
  detail?: Record<string, unknown>,
): IndicatorValue => ({
  indicator: def.name,
  a,
  b,
  year,
  value: v,
  unit: def.unit,
  provenance,
  ...(detail ? { detail } : {}),
});

const investPosition: IndicatorDef = {
  name: "invest.position",
  unit: "USD",
  definition: "A's outward direct-investment position in B at the end of Y (USD), as A reports it (IMF CDIS)",
  formula: "cell (host B, reporter A) of CDIS Table 6-o for end-Y × 10^6",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: POSITION_CAVEAT,
  async compute(store, a, b, year) {
    if (!(await hasDataset(store, "imf-cdis"))) return nullValue(this, a, b, year, notIngested("imf-cdis"));
    const [row, cov] = await Promise.all([pairRow(store, a, b, year), coverage(store)]);
    const prov = await cdisProvenance(store, {
      reporter: a,
      side: "reporter",
      year,
      file: row?.position_file,
      cell: row?.position_cell,
      ...(row?.position_usd != null ? { value: row.position_usd } : {}),
    });
    if (row?.position_usd == null) {
      const out = nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
      if (row?.position_withheld) out.detail = { withheld: true };
      return out;
    }
    return value(this, a, b, year, row.position_usd, prov, {
      negative:
        row.position_usd < 0
          ? "the enterprises in B hold more claims on their investors in A than the reverse"
          : undefined,
    });
  },
};

const investPositionMirror: IndicatorDef = {
  name: "invest.position.mirror",
  unit: "USD",
  definition:
    "A's direct-investment position in B at the end of Y as B reports it: B's inward position from A (IMF CDIS Table 6-i)",
  formula: "cell (investor A, reporter B) of CDIS Table 6-i for end-Y × 10^6",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} The two sides' figures differ: each records the counterpart by the immediate investor or host it knows.`,
  async compute(store, a, b, year) {
    if (!(await hasDataset(store, "imf-cdis"))) return nullValue(this, a, b, year, notIngested("imf-cdis"));
    const [row, cov] = await Promise.all([pairRow(store, a, b, year), coverage(store)]);
    const prov = await cdisProvenance(store, {
      reporter: b,
      side: "partner",
      year,
      file: row?.mirror_file,
      cell: row?.mirror_cell,
      ...(row?.mirror_usd != null ? { value: row.mirror_usd } : {}),
    });
    if (row?.mirror_usd == null) return nullValue(this, a, b, year, whyNoMirror(cov, a, b, year, row), prov);
    return value(this, a, b, year, row.mirror_usd, prov);
  },
};

const investOutwardShare: IndicatorDef = {
  name: "invest.outward_share",
  unit: "fraction",
  definition: "B's share in A's total outward direct-investment position at the end of Y",
  formula: "invest.position(A,B,Y) / A's World row in the same Table 6-o column",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} Both figures are A's own report; the total includes "not specified" and withheld counterparts.`,
  async compute(store, a, b, year) {
    if (!(await hasDataset(store, "imf-cdis"))) return nullValue(this, a, b, year, notIngested("imf-cdis"));
    const [row, cov] = await Promise.all([pairRow(store, a, b, year), coverage(store)]);
    const prov = await cdisProvenance(store, {
      reporter: a,
      side: "reporter",
      year,
      file: row?.position_file,
      cell: row?.position_cell,
    });
    if (row?.position_usd == null)
      return nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
    if (!row.a_outward_total_usd) {
      return nullValue(
        this,
        a,
        b,
        year,
        row.a_outward_total_withheld
          ? `${a}'s total outward position at end-${year} is ${WITHHELD}`
          : `${a}'s total outward position at end-${year} is missing or zero in its CDIS report`,
        prov,
      );
    }
    return value(this, a, b, year, row.position_usd / row.a_outward_total_usd, prov, {
      basis: `${a}'s own report: its position in ${b} over its position in the World (CDIS Table 6-o, cells ${row.position_cell} and ${row.a_outward_total_cell})`,
      positionUsd: row.position_usd,
      totalOutwardUsd: row.a_outward_total_usd,
    });
  },
};

const investInwardShare: IndicatorDef = {
  name: "invest.inward_share",
  unit: "fraction",
  definition: "A's share in B's total inward direct-investment position at the end of Y",
  formula:
    "invest.position.mirror(A,B,Y) where loaded, else invest.position(A,B,Y), / B's total inward position (CDIS_Reporters.xlsx)",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} Where B's inward table is not loaded, the numerator is A's report and the denominator B's: two reporters' figures in one ratio, and the answer says so.`,
  async compute(store, a, b, year) {
    if (!(await hasDataset(store, "imf-cdis"))) return nullValue(this, a, b, year, notIngested("imf-cdis"));
    const [row, cov] = await Promise.all([pairRow(store, a, b, year), coverage(store)]);
    const useMirror = row?.mirror_usd != null;
    const numerator = useMirror ? row?.mirror_usd : row?.position_usd;
    const prov = await cdisProvenance(store, {
      reporter: useMirror ? b : a,
      side: useMirror ? "partner" : "reporter",
      year,
      file: useMirror ? row?.mirror_file : row?.position_file,
      cell: useMirror ? row?.mirror_cell : row?.position_cell,
    });
    if (numerator == null || !row)
      return nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
    if (!row.b_inward_total_usd) {
      const years = cov.totals.get(b) ?? [];
      return nullValue(
        this,
        a,
        b,
        year,
        `CDIS_Reporters.xlsx has no total inward position of ${b} for end-${year} (it has ${yearList(years)})`,
        prov,
      );
    }
    return value(this, a, b, year, numerator / row.b_inward_total_usd, prov, {
      basis: useMirror
        ? `${b}'s own report: its inward position from ${a} over its total inward position`
        : `${a}'s report of its position in ${b} (Table 6-o, cell ${row.position_cell}) over ${b}'s total inward position as ${b} reports it (CDIS_Reporters.xlsx, cell ${row.b_inward_total_cell}): two reporters' figures`,
      positionUsd: numerator,
      totalInwardUsd: row.b_inward_total_usd,
    });
  },
};

const FLOW_CAVEAT =
  "A flow is the year's new direct investment net of disinvestment, by immediate origin as the host reports it; negative = more was withdrawn (repaid, sold) than invested. UNCTAD's bilateral tables of 2014: 2001–2012, and only the years the host reported by origin ('..' = not available).";

const investFlow: IndicatorDef = {
  name: "invest.flow",
  unit: "USD",
  definition: "direct-investment flow from A into B in Y, as B reports it (UNCTAD bilateral FDI statistics)",
  formula: "row (origin A) × column Y of UNCTAD's Table 1 for host B × 10^6",
  sources: ["unctad-fdi"],
  citation: UNCTAD_FDI_INFO.citation,
  caveats: FLOW_CAVEAT,
  async compute(store, a, b, year) {
    if (!(await hasDataset(store, "unctad-fdi")))
      return nullValue(this, a, b, year, notIngested("unctad-fdi"));
    const row = await store.one<{ flow_usd: number; flow_raw: string; flow_file: string; flow_line: number }>(
      `SELECT * FROM (${INVEST_FLOW_RELATION}) r WHERE a = $1 AND b = $2 AND year = $3`,
      [a, b, year],
    );
    const base = await datasetProvenance(store, "unctad-fdi", { reporter: b, side: "partner", year });
    const prov: Provenance[] = base
      ? [
          {
            ...base,
            ...(row
              ? {
                  file: join(base.file ?? "", row.flow_file),
                  line: row.flow_line,
                  value: row.flow_usd,
                  note: `as written: "${row.flow_raw}"`,
                }
              : {}),
          },
        ]
      : [];
    if (!row) {
      const host = await store.one<{ years: number[] | null; origin_years: number[] | null }>(
        `SELECT list(DISTINCT year ORDER BY year) AS years,
                list(DISTINCT year ORDER BY year) FILTER (WHERE origin = $2) AS origin_years
           FROM fdi_flows WHERE host = $1`,
        [b, a],
      );
      const years = (host?.years ?? []).map(Number);
      const reason = !years.length
        ? `UNCTAD's bilateral FDI tables here have no table for ${b} as host`
        : !years.includes(year)
          ? `${b}'s table reports flows by origin for ${yearList(years)}, not ${year} (UNCTAD's 2014 tables cover 2001–2012)`
          : (host?.origin_years ?? []).length
            ? `${b}'s table shows ".." (not available) for ${a} in ${year}`
            : `${b}'s table does not list ${a} separately as an origin`;
      return nullValue(this, a, b, year, reason, prov);
    }
    return value(this, a, b, year, row.flow_usd, prov);
  },
};

export const INVEST_INDICATORS: IndicatorDef[] = [
  investPosition,
  investPositionMirror,
  investOutwardShare,
  investInwardShare,
  investFlow,
];
