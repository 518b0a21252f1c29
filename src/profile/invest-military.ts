// Direct investment and joint military exercises in a dyad's profile. Each section selects from its
// dimension's relation (src/indicators/{invest,military}.ts), as the scalar indicators and the panel do.
import { countryName } from "../countries/index.ts";
import { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION } from "../indicators/invest.ts";
import {
  type FlowColumns,
  investFlowRows,
  investPositionRows,
  type PositionColumns,
} from "../indicators/invest-memory.ts";
import {
  exerciseLabel,
  exerciseSpan,
  MIL_RELATION,
  type SharedExercise,
  sharedExercises,
} from "../indicators/military.ts";
import {
  exerciseCounts,
  exerciseSpanFrom,
  MIL_EXERCISE_TABLE,
  sharedExercisesFrom,
} from "../indicators/military-memory.ts";
import { pairYears, selectRelations } from "../indicators/relation.ts";
import type { RelationMemory } from "../indicators/relation-memory.ts";
import type { Absent } from "../indicators/types.ts";
import type { Store } from "../store/index.ts";

export interface InvestYear {
  year: number;
  /** A's outward position in B at the end of the year, as A reports it (USD); null where not available. */
  positionAinB: number | null;
  /** A withheld the figure ("C" in the IMF table). */
  positionAinBWithheld: boolean;
  positionBinA: number | null;
  positionBinAWithheld: boolean;
  /** B's share in A's total outward position; A's share in B's total inward position. */
  shareOfAOutward: number | null;
  shareOfBInward: number | null;
  shareOfBOutward: number | null;
  shareOfAInward: number | null;
  /** FDI flows in the year (UNCTAD, 2001–2012), as the host reports them. */
  flowAtoB: number | null;
  flowBtoA: number | null;
}

export type InvestSection = { sources: string[]; years: InvestYear[] } | Absent;

export type MilitarySection =
  | {
      source: string;
      /** The last year the data cover (2010): nothing later is known. */
      dataEnd: number;
      years: { year: number; exercises: number }[];
      exercises: { id: string; name: string; year: number; location: string | null }[];
    }
  | Absent;

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** Which datasets are loaded: from the `ingests` table, asked once per profile (or held by a server). */
export type Has = (dataset: string) => boolean | Promise<boolean>;

/** The rows the invest section reads: the position relation's and the flow relation's columns. */
type PositionRow = Pick<
  PositionColumns,
  | "a"
  | "year"
  | "invest_position"
  | "invest_position_withheld"
  | "invest_outward_share"
  | "invest_inward_share"
>;
type FlowRow = Pick<FlowColumns, "a" | "year" | "invest_flow">;

/**
 * Direct investment between A and B. With `memory` (the store's tables held by a server) it is computed from
 * memory with no query and `store` is not touched; without, from the store. The same answer either way.
 */
export async function investSection(
  store: Store,
  a: string,
  b: string,
  from: number,
  to: number,
  has: Has,
  memory?: RelationMemory,
): Promise<InvestSection> {
  if (memory && investHeld(memory)) return investSectionFrom(memory, a, b, from, to);
  const [cdis, unctad] = await Promise.all([has("imf-cdis"), has("unctad-fdi")]);
  if (!cdis && !unctad) return investFrom(a, b, from, to, cdis, unctad, [], []);
  const scope = pairYears(
    [
      [a, b],
      [b, a],
    ],
    from,
    to,
  );
  const [positions, flows] = await Promise.all([
    cdis ? selectRelations<Row>(store, [INVEST_POSITION_RELATION], scope) : Promise.resolve([]),
    unctad
      ? selectRelations<Row>(store, [INVEST_FLOW_RELATION], scope, "invest_flow IS NOT NULL")
      : Promise.resolve([]),
  ]);
  return investFrom(
    a,
    b,
    from,
    to,
    cdis,
    unctad,
    positions as unknown as PositionRow[],
    flows as unknown as FlowRow[],
  );
}

/**
 * Whether the memory holds the tables of every invest relation whose dataset is loaded: a store ingested
 * before they were materialised is asked instead (`dyad start` rebuilds them).
 */
function investHeld(memory: RelationMemory): boolean {
  return (
    (!memory.has("imf-cdis") || memory.relations.has("invest")) &&
    (!memory.has("unctad-fdi") || memory.relations.has("investflow"))
  );
}

/** Whether the memory holds MIL_RELATION's tables and MME's participants, where MME is loaded. */
function militaryHeld(memory: RelationMemory): boolean {
  return (
    !memory.has("mme") || (memory.relations.has("mil") && memory.table(MIL_EXERCISE_TABLE.name) !== undefined)
  );
}

/** The invest section from the tables a server holds in memory: no query, the same answer. */
export function investSectionFrom(
  memory: RelationMemory,
  a: string,
  b: string,
  from: number,
  to: number,
): InvestSection {
  const cdis = memory.has("imf-cdis");
  const unctad = memory.has("unctad-fdi");
  const pairs = [
    [a, b],
    [b, a],
  ] as const;
  return investFrom(
    a,
    b,
    from,
    to,
    cdis,
    unctad,
    cdis ? investPositionRows(memory, pairs, from, to) : [],
    unctad ? investFlowRows(memory, pairs, from, to) : [],
  );
}

/** The section from the relations' rows of both directions (rows of the scope's grid; empty ones skipped). */
function investFrom(
  a: string,
  b: string,
  from: number,
  to: number,
  cdis: boolean,
  unctad: boolean,
  positions: PositionRow[],
  flows: FlowRow[],
): InvestSection {
  if (!cdis && !unctad)
    return { absent: "neither the IMF CDIS nor UNCTAD's bilateral FDI tables are in the store" };
  const years = new Map<number, InvestYear>();
  const at = (year: number): InvestYear => {
    let y = years.get(year);
    if (!y) {
      y = {
        year,
        positionAinB: null,
        positionAinBWithheld: false,
        positionBinA: null,
        positionBinAWithheld: false,
        shareOfAOutward: null,
        shareOfBInward: null,
        shareOfBOutward: null,
        shareOfAInward: null,
        flowAtoB: null,
        flowBtoA: null,
      };
      years.set(year, y);
    }
    return y;
  };
  for (const r of positions) {
    if (r.invest_position == null && !r.invest_position_withheld) continue;
    const y = at(Number(r.year));
    if (r.a === a) {
      y.positionAinB = num(r.invest_position);
      y.positionAinBWithheld = Boolean(r.invest_position_withheld);
      y.shareOfAOutward = num(r.invest_outward_share);
      y.shareOfBInward = num(r.invest_inward_share);
    } else {
      y.positionBinA = num(r.invest_position);
      y.positionBinAWithheld = Boolean(r.invest_position_withheld);
      y.shareOfBOutward = num(r.invest_outward_share);
      y.shareOfAInward = num(r.invest_inward_share);
    }
  }
  for (const r of flows) {
    const y = at(Number(r.year));
    if (r.a === a) y.flowAtoB = num(r.invest_flow);
    else y.flowBtoA = num(r.invest_flow);
  }
  if (!years.size) {
    return {
      absent: `neither ${countryName(a)} nor ${countryName(b)} reports a direct-investment figure for the other in ${from}–${to} (IMF CDIS 2009–2022, UNCTAD 2001–2012)`,
    };
  }
  return {
    sources: [...(cdis ? ["imf-cdis"] : []), ...(unctad ? ["unctad-fdi"] : [])],
    years: [...years.values()].sort((x, y) => x.year - y.year),
  };
}

/** Joint exercises of A and B; with `memory`, from memory with no query (`store` untouched). */
export async function militarySection(
  store: Store,
  a: string,
  b: string,
  from: number,
  to: number,
  has: Has,
  memory?: RelationMemory,
): Promise<MilitarySection> {
  if (memory && militaryHeld(memory)) return militarySectionFrom(memory, a, b, from, to);
  if (!(await has("mme")))
    return { absent: "the Multinational Military Exercises data are not in the store" };
  const span = await exerciseSpan(store);
  const window = spanWindow(span, from, to);
  if (!span || "absent" in window) return window as Absent;
  const [rows, exercises] = await Promise.all([
    selectRelations<Row>(store, [MIL_RELATION], pairYears([[a, b]], window.lo, window.hi)),
    sharedExercises(store, a, b, window.lo, window.hi),
  ]);
  return militaryFrom(
    span,
    rows.map((r) => ({ year: Number(r.year), exercises: Number(r.mil_exercises ?? 0) })),
    exercises,
  );
}

/** The military section from the exercise data a server holds in memory: no query, the same answer. */
export function militarySectionFrom(
  memory: RelationMemory,
  a: string,
  b: string,
  from: number,
  to: number,
): MilitarySection {
  if (!memory.has("mme")) return { absent: "the Multinational Military Exercises data are not in the store" };
  const span = exerciseSpanFrom(memory);
  const window = spanWindow(span, from, to);
  if (!span || "absent" in window) return window as Absent;
  return militaryFrom(
    span,
    exerciseCounts(memory, a, b, window.lo, window.hi),
    sharedExercisesFrom(memory, a, b, window.lo, window.hi),
  );
}

/** The years of the asked span the data cover, or why there are none. */
function spanWindow(
  span: [number, number] | undefined,
  from: number,
  to: number,
): { lo: number; hi: number } | Absent {
  if (!span) return { absent: "the exercise table is empty" };
  const lo = Math.max(from, span[0]);
  const hi = Math.min(to, span[1]);
  if (lo > hi) return { absent: `the exercise data cover ${span[0]}–${span[1]}, outside ${from}–${to}` };
  return { lo, hi };
}

function militaryFrom(
  span: [number, number],
  years: { year: number; exercises: number }[],
  exercises: SharedExercise[],
): MilitarySection {
  return {
    source: "mme",
    dataEnd: span[1],
    years,
    exercises: exercises.map((e) => ({
      id: e.id,
      name: exerciseLabel(e),
      year: e.year,
      location: e.location,
    })),
  };
}

const usdM = (v: number | null, withheld: boolean) =>
  withheld
    ? "withheld"
    : v === null
      ? "–"
      : `${(v / 1e6).toLocaleString("en", { maximumFractionDigits: 1 })} m`;
const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(2)} %`);

/** The two sections as terminal lines (title, then rows), at most `width` characters a line. */
export function formatInvestMilitary(
  a: string,
  b: string,
  invest: InvestSection,
  military: MilitarySection,
  width = 100,
): string[] {
  const A = countryName(a);
  const B = countryName(b);
  const out: string[] = ["", "Direct investment (IMF CDIS positions at end of year, UNCTAD flows; USD)"];
  if ("absent" in invest) out.push(`  (absent: ${invest.absent})`);
  else {
    const head = [
      "year",
      `${A} in ${B}`,
      `${B} in ${A}`,
      `% of ${A}'s outward`,
      `flow ${A}→${B}`,
      `flow ${B}→${A}`,
    ];
    const rows = invest.years.map((y) => [
      String(y.year),
      usdM(y.positionAinB, y.positionAinBWithheld),
      usdM(y.positionBinA, y.positionBinAWithheld),
      pct(y.shareOfAOutward),
      usdM(y.flowAtoB, false),
      usdM(y.flowBtoA, false),
    ]);
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    for (const r of [head, ...rows])
      out.push(
        `  ${r.map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")}`.slice(0, width),
      );
  }
  out.push("", "Joint military exercises (MME v7, 1980–2010)");
  if ("absent" in military) out.push(`  (absent: ${military.absent})`);
  else {
    const total = military.years.reduce((s, y) => s + y.exercises, 0);
    out.push(`  ${total} exercise(s) with both, by start year; the data end in ${military.dataEnd}.`);
    for (const e of military.exercises)
      out.push(`  ${e.year}  ${e.name}${e.location ? ` (${e.location})` : ""}`.slice(0, width));
  }
  return out;
}
