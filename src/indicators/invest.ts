// Direct investment between two economies: positions at the end of a year (IMF CDIS) and flows within a
// year (UNCTAD). One dyad-year relation per source (`INVEST_POSITION_RELATION`, `INVEST_FLOW_RELATION`):
// the scalar indicators, the profile and the panel all select from it, so they cannot disagree.
import { join } from "node:path";
import { CDIS_INFO, UNCTAD_FDI_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION } from "../store/relations/invest.ts";
import { notIngested } from "./ingest-provenance.ts";
import {
  type IndicatorDef,
  type IndicatorValue,
  indicatorValue,
  nullValue,
  type Provenance,
} from "./types.ts";
import {
  type InvestCoverage,
  type SourcedIndicator,
  storeValueSource,
  type ValueSource,
} from "./value-source.ts";

export { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION };

export interface PositionRow {
  year: number;
  invest_position: number | null;
  invest_position_withheld: boolean | null;
  invest_position_file: string | null;
  invest_position_cell: string | null;
  invest_position_mirror: number | null;
  invest_mirror_withheld: boolean | null;
  invest_mirror_file: string | null;
  invest_mirror_cell: string | null;
  invest_a_outward_total: number | null;
  invest_a_outward_total_withheld: boolean | null;
  invest_a_outward_total_cell: string | null;
  invest_b_inward_total: number | null;
  invest_b_inward_total_cell: string | null;
  invest_outward_share: number | null;
  invest_inward_share: number | null;
}

const WITHHELD =
  'withheld by the reporter: the IMF table shows "C" (suppressed to preserve confidentiality), which is neither zero nor missing';

const POSITION_CAVEAT =
  'A direct-investment position is a stock at the end of the year, by the immediate counterpart: money routed through the Netherlands, Luxembourg, Cyprus or Hong Kong counts there, not at its ultimate source. Positions can be negative when the enterprise\'s claims on its investor exceed the investor\'s claims on it (reverse investment, loans to the parent, accumulated losses). "C" cells are withheld by the reporter for confidentiality. "0" means under half a million dollars. Data end-2009 to end-2022, for the economies that report to the CDIS each year.';

type Coverage = InvestCoverage;

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
  source: ValueSource,
  extra: Partial<Provenance> & { file?: string | null; cell?: string | null },
): Promise<Provenance[]> {
  const base = await source.provenance("imf-cdis");
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

async function pairRow(
  source: ValueSource,
  a: string,
  b: string,
  year: number,
): Promise<PositionRow | undefined> {
  return (await source.rows<PositionRow>(INVEST_POSITION_RELATION, a, b, year, year))[0];
}

/** The pair's CDIS row and what the tables cover; or, when CDIS is not loaded, the indicator's answer. */
async function cdisPair(
  def: IndicatorDef,
  source: ValueSource,
  a: string,
  b: string,
  year: number,
): Promise<{ row: PositionRow | undefined; cov: Coverage } | IndicatorValue> {
  if (!(await source.has("imf-cdis"))) return nullValue(def, a, b, year, notIngested("imf-cdis"));
  const [row, cov] = await Promise.all([pairRow(source, a, b, year), source.investCoverage()]);
  return { row, cov };
}

/** What every CDIS position indicator reads: the relation and the coverage tables (memory: VALUE_TABLES). */
const CDIS_READS = {
  reads: [INVEST_POSITION_RELATION],
  tables: ["cdis_coverage", "cdis_totals_years"],
  compute(this: SourcedIndicator, store: Store, a: string, b: string, year: number) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
};

/** Where a figure of the row stands: A's own outward report (Table 6-o) or B's inward mirror (Table 6-i). */
function cellOf(row: PositionRow | undefined, a: string, b: string, side: "reporter" | "partner") {
  return side === "reporter"
    ? { reporter: a, side, file: row?.invest_position_file, cell: row?.invest_position_cell }
    : { reporter: b, side, file: row?.invest_mirror_file, cell: row?.invest_mirror_cell };
}

/** Why A's own outward figure for B is missing. */
function whyNoPosition(cov: Coverage, a: string, b: string, year: number, row?: PositionRow): string {
  if (row?.invest_position_withheld) return `${a}'s position in ${b} at end-${year} is ${WITHHELD}`;
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
  if (row?.invest_mirror_withheld) return `${b}'s inward position from ${a} at end-${year} is ${WITHHELD}`;
  const reported = yearsOf(cov.inward, b);
  if (!reported.includes(year)) {
    return `${b} has no inward table (CDIS Table 6-i) loaded for end-${year} (loaded: ${yearList(reported)})`;
  }
  return `${b}'s inward report for end-${year} leaves the cell for ${a} blank`;
}

const investPosition: SourcedIndicator = {
  ...CDIS_READS,
  name: "invest.position",
  unit: "USD",
  definition: "A's outward direct-investment position in B at the end of Y (USD), as A reports it (IMF CDIS)",
  formula: "cell (host B, reporter A) of CDIS Table 6-o for end-Y × 10^6",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: POSITION_CAVEAT,
  async computeFrom(source, a, b, year) {
    const pair = await cdisPair(this, source, a, b, year);
    if ("indicator" in pair) return pair;
    const { row, cov } = pair;
    const prov = await cdisProvenance(source, {
      ...cellOf(row, a, b, "reporter"),
      year,
      ...(row?.invest_position != null ? { value: row.invest_position } : {}),
    });
    if (row?.invest_position == null) {
      const out = nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
      if (row?.invest_position_withheld) out.detail = { withheld: true };
      return out;
    }
    return indicatorValue(this, a, b, year, row.invest_position, prov, {
      negative:
        row.invest_position < 0
          ? "the enterprises in B hold more claims on their investors in A than the reverse"
          : undefined,
    });
  },
};

const investPositionMirror: SourcedIndicator = {
  ...CDIS_READS,
  name: "invest.position.mirror",
  unit: "USD",
  definition:
    "A's direct-investment position in B at the end of Y as B reports it: B's inward position from A (IMF CDIS Table 6-i)",
  formula: "cell (investor A, reporter B) of CDIS Table 6-i for end-Y × 10^6",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} The two sides' figures differ: each records the counterpart by the immediate investor or host it knows.`,
  async computeFrom(source, a, b, year) {
    const pair = await cdisPair(this, source, a, b, year);
    if ("indicator" in pair) return pair;
    const { row, cov } = pair;
    const prov = await cdisProvenance(source, {
      ...cellOf(row, a, b, "partner"),
      year,
      ...(row?.invest_position_mirror != null ? { value: row.invest_position_mirror } : {}),
    });
    if (row?.invest_position_mirror == null)
      return nullValue(this, a, b, year, whyNoMirror(cov, a, b, year, row), prov);
    return indicatorValue(this, a, b, year, row.invest_position_mirror, prov);
  },
};

const investOutwardShare: SourcedIndicator = {
  ...CDIS_READS,
  name: "invest.outward_share",
  unit: "fraction",
  definition: "B's share in A's total outward direct-investment position at the end of Y",
  formula: "invest.position(A,B,Y) / A's World row in the same Table 6-o column",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} Both figures are A's own report; the total includes "not specified" and withheld counterparts.`,
  async computeFrom(source, a, b, year) {
    const pair = await cdisPair(this, source, a, b, year);
    if ("indicator" in pair) return pair;
    const { row, cov } = pair;
    const prov = await cdisProvenance(source, { ...cellOf(row, a, b, "reporter"), year });
    if (row?.invest_position == null)
      return nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
    if (!row.invest_a_outward_total) {
      return nullValue(
        this,
        a,
        b,
        year,
        row.invest_a_outward_total_withheld
          ? `${a}'s total outward position at end-${year} is ${WITHHELD}`
          : `${a}'s total outward position at end-${year} is missing or zero in its CDIS report`,
        prov,
      );
    }
    return indicatorValue(this, a, b, year, row.invest_position / row.invest_a_outward_total, prov, {
      basis: `${a}'s own report: its position in ${b} over its position in the World (CDIS Table 6-o, cells ${row.invest_position_cell} and ${row.invest_a_outward_total_cell})`,
      positionUsd: row.invest_position,
      totalOutwardUsd: row.invest_a_outward_total,
    });
  },
};

const investInwardShare: SourcedIndicator = {
  ...CDIS_READS,
  name: "invest.inward_share",
  unit: "fraction",
  definition: "A's share in B's total inward direct-investment position at the end of Y",
  formula:
    "invest.position.mirror(A,B,Y) where loaded, else invest.position(A,B,Y), / B's total inward position (CDIS_Reporters.xlsx)",
  sources: ["imf-cdis"],
  citation: CDIS_INFO.citation,
  caveats: `${POSITION_CAVEAT} Where B's inward table is not loaded, the numerator is A's report and the denominator B's: two reporters' figures in one ratio, and the answer says so.`,
  async computeFrom(source, a, b, year) {
    const pair = await cdisPair(this, source, a, b, year);
    if ("indicator" in pair) return pair;
    const { row, cov } = pair;
    const useMirror = row?.invest_position_mirror != null;
    const numerator = useMirror ? row?.invest_position_mirror : row?.invest_position;
    const prov = await cdisProvenance(source, {
      ...cellOf(row, a, b, useMirror ? "partner" : "reporter"),
      year,
    });
    if (numerator == null || !row)
      return nullValue(this, a, b, year, whyNoPosition(cov, a, b, year, row), prov);
    if (!row.invest_b_inward_total) {
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
    return indicatorValue(this, a, b, year, numerator / row.invest_b_inward_total, prov, {
      basis: useMirror
        ? `${b}'s own report: its inward position from ${a} over its total inward position`
        : `${a}'s report of its position in ${b} (Table 6-o, cell ${row.invest_position_cell}) over ${b}'s total inward position as ${b} reports it (CDIS_Reporters.xlsx, cell ${row.invest_b_inward_total_cell}): two reporters' figures`,
      positionUsd: numerator,
      totalInwardUsd: row.invest_b_inward_total,
    });
  },
};

const FLOW_CAVEAT =
  "A flow is the year's new direct investment net of disinvestment, by immediate origin as the host reports it; negative = more was withdrawn (repaid, sold) than invested. UNCTAD's bilateral tables of 2014: 2001–2012, and only the years the host reported by origin ('..' = not available).";

const investFlow: SourcedIndicator = {
  reads: [INVEST_FLOW_RELATION],
  tables: ["fdi_years"],
  name: "invest.flow",
  unit: "USD",
  definition: "direct-investment flow from A into B in Y, as B reports it (UNCTAD bilateral FDI statistics)",
  formula: "row (origin A) × column Y of UNCTAD's Table 1 for host B × 10^6",
  sources: ["unctad-fdi"],
  citation: UNCTAD_FDI_INFO.citation,
  caveats: FLOW_CAVEAT,
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("unctad-fdi"))) return nullValue(this, a, b, year, notIngested("unctad-fdi"));
    const [rel] = await source.rows<{
      invest_flow: number | null;
      invest_flow_raw: string;
      invest_flow_file: string;
      invest_flow_line: number;
    }>(INVEST_FLOW_RELATION, a, b, year, year);
    const row =
      rel?.invest_flow == null
        ? undefined
        : {
            flow_usd: rel.invest_flow,
            flow_raw: rel.invest_flow_raw,
            flow_file: rel.invest_flow_file,
            flow_line: rel.invest_flow_line,
          };
    const base = await source.provenance("unctad-fdi", { reporter: b, side: "partner", year });
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
      const { years, originYears } = await source.flowYears(b, a);
      const reason = !years.length
        ? `UNCTAD's bilateral FDI tables here have no table for ${b} as host`
        : !years.includes(year)
          ? `${b}'s table reports flows by origin for ${yearList(years)}, not ${year} (UNCTAD's 2014 tables cover 2001–2012)`
          : originYears.length
            ? `${b}'s table shows ".." (not available) for ${a} in ${year}`
            : `${b}'s table does not list ${a} separately as an origin`;
      return nullValue(this, a, b, year, reason, prov);
    }
    return indicatorValue(this, a, b, year, row.flow_usd, prov);
  },
};

export const INVEST_INDICATORS: SourcedIndicator[] = [
  investPosition,
  investPositionMirror,
  investOutwardShare,
  investInwardShare,
  investFlow,
];
