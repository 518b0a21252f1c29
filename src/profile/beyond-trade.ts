// The dimensions beyond trade in a dyad's profile: UN alignment, arms, energy, economic size, geography.
// Each section lists the years it has, or says why it is absent. Each selects from its dimension's relation
// (src/indicators/{un,arms,energy,macro,geo}.ts), the SQL the scalar indicators and the panel read too.
import { countryName } from "../countries/index.ts";
import { ARMS_RELATION } from "../indicators/arms.ts";
import { ENERGY_RELATION, FUELS } from "../indicators/energy.ts";
import { GEO_RELATION } from "../indicators/geo.ts";
import { MACRO_RELATION } from "../indicators/macro.ts";
import { pairYears, type Relation, selectRelations } from "../indicators/relation.ts";
import type { RelationMemory } from "../indicators/relation-memory.ts";
import { inMemory, type MemRow, selectFromMemory } from "../indicators/relation-rows.ts";
import type { Absent } from "../indicators/types.ts";
import { MIN_ROLL_CALLS, UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION } from "../indicators/un.ts";
import type { Store } from "../store/index.ts";
import { type EnergySeriesSection, energySeriesSection } from "./energy-series.ts";
import {
  formatInvestMilitary,
  type InvestSection,
  investSection,
  type MilitarySection,
  militarySection,
} from "./invest-military.ts";

type Row = Record<string, unknown>;

export type { Absent };
export interface YearsSection<T> {
  source: string;
  years: T[];
}

export interface BeyondTradeSections {
  a: string;
  b: string;
  from: number;
  to: number;
  un:
    | YearsSection<{
        year: number;
        agreement: number | null;
        bothVoted: number | null;
        /** Fewer than MIN_ROLL_CALLS roll calls both voted on: too few to tell. */
        thin: boolean;
        idealPointDistance: number | null;
      }>
    | Absent;
  arms:
    | YearsSection<{
        year: number;
        tivAtoB: number;
        tivBtoA: number;
        shareOfBImportsFromA: number | null;
        shareOfAImportsFromB: number | null;
      }>
    | Absent;
  energy:
    | YearsSection<{
        year: number;
        fuel: string;
        unit: string;
        aToB: number | null;
        bToA: number | null;
        shareOfBImportsFromA: number | null;
        shareOfAImportsFromB: number | null;
      }>
    | Absent;
  macro: YearsSection<{ year: number; gdpA: number | null; gdpB: number | null }> | Absent;
  geo: { source: string; distanceKm: number | null; contiguity: number | null } | Absent;
  invest: InvestSection;
  military: MilitarySection;
  /** The regional gas series since 2000: each side's pipeline imports from the other. */
  energySince2000: EnergySeriesSection;
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
/** The energy relation's volume column of each fuel. */
const FUEL_COLUMNS = FUELS.map((f) => `energy_${f.key}`);

/**
 * The sections of a pair. With `memory` (the store's materialised tables held by a server,
 * relation-memory.ts) un, arms, energy, macro and geo are computed from it with no query — the same rows as the
 * SQL, by relation-rows.ts — and the store is not touched for them.
 */
export async function beyondTradeSections(
  store: Store,
  a: string,
  b: string,
  range: { from?: number; to?: number } = {},
  memory?: RelationMemory,
): Promise<BeyondTradeSections> {
  const from = range.from ?? 1946;
  const to = range.to ?? new Date().getFullYear();
  const pair = `${countryName(a)}–${countryName(b)}`;
  const ab: [string, string][] = [[a, b]];
  const both: [string, string][] = [
    [a, b],
    [b, a],
  ];
  const span: [number, number] = [from, to];
  // Which datasets are loaded, asked once for all sections rather than once per section (memory knows).
  const loaded = memory
    ? undefined
    : store
        .memoQuery<{ dataset: string }>("SELECT dataset FROM ingests")
        .then((rows) => new Set(rows.map((r) => r.dataset)));
  const has = async (dataset: string): Promise<boolean> =>
    memory ? memory.has(dataset) : Boolean((await loaded)?.has(dataset));
  /**
   * A relation's rows for the pairs over the span: from memory (`test` is the SQL `where` restated) or
   * from the store.
   */
  const select = async (
    relations: Relation[],
    pairs: [string, string][],
    years: [number, number],
    where: string,
    test: (r: MemRow) => boolean,
  ): Promise<Row[]> =>
    // A relation the memory does not hold (a store built before it was materialised) is asked of the store.
    memory && relations.every((r) => inMemory(memory, r))
      ? selectFromMemory(memory, relations, pairs, years[0], years[1], test)
      : selectRelations<Row>(store, relations, pairYears(pairs, years[0], years[1]), where);
  /** The rows of both directions of a year: [A→B, B→A]. */
  const byYear = (rows: Row[]) => {
    const out = new Map<number, [Row | undefined, Row | undefined]>();
    for (const r of rows) {
      const year = Number(r.year);
      const entry = out.get(year) ?? [undefined, undefined];
      entry[r.a === a ? 0 : 1] = r;
      out.set(year, entry);
    }
    return [...out].sort((x, y) => x[0] - y[0]);
  };

  let un!: BeyondTradeSections["un"];
  let arms!: BeyondTradeSections["arms"];
  let energy!: BeyondTradeSections["energy"];
  let macro!: BeyondTradeSections["macro"];
  let geo!: BeyondTradeSections["geo"];
  // The sections are independent: their queries run side by side on a read-only store's connections.
  const further = Promise.all([
    investSection(store, a, b, from, to, has, memory),
    militarySection(store, a, b, from, to, has, memory),
    energySeriesSection(store, a, b, has, memory),
  ]);
  await Promise.all([
    (async () => {
      const hasVotes = await has("unvotes");
      const hasIdeal = await has("voeten");
      if (!hasVotes && !hasIdeal)
        un = { absent: "neither the UN roll calls (unvotes) nor Voeten's ideal points are in the store" };
      else {
        const relations = [hasVotes && UN_AGREEMENT_RELATION, hasIdeal && UN_IDEAL_POINT_RELATION].filter(
          (r): r is Relation => r !== false,
        );
        // A year counts when both voted on a roll call, or both have a row of ideal points.
        const rows = await select(
          relations,
          ab,
          span,
          [
            hasVotes && "un_roll_calls_both_voted > 0",
            hasIdeal && "un_ideal_line_a IS NOT NULL AND un_ideal_line_b IS NOT NULL",
          ]
            .filter(Boolean)
            .join(" OR "),
          (r) =>
            (hasVotes && Number(r.un_roll_calls_both_voted) > 0) ||
            (hasIdeal && r.un_ideal_line_a !== null && r.un_ideal_line_b !== null),
        );
        un = rows.length
          ? {
              source: [hasVotes && "unvotes", hasIdeal && "voeten"].filter(Boolean).join(", "),
              years: rows.map((r) => ({
                year: Number(r.year),
                agreement: num(r.un_agreement),
                bothVoted: Number(r.un_roll_calls_both_voted) > 0 ? Number(r.un_roll_calls_both_voted) : null,
                // Fewer than MIN_ROLL_CALLS common votes: marked, and left out of charts and narrative.
                thin:
                  Number(r.un_roll_calls_both_voted) > 0 &&
                  Number(r.un_roll_calls_both_voted) < MIN_ROLL_CALLS,
                idealPointDistance: num(r.un_idealpoint_distance),
              })),
            }
          : { absent: `no UN votes or ideal points for both ${pair} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("sipri"))) arms = { absent: "the SIPRI register is not in the store" };
      else {
        // Inside the register's span only (there arms_tiv is 0 or more, outside it unknown).
        const rows = await select(
          [ARMS_RELATION],
          both,
          span,
          "arms_tiv IS NOT NULL",
          (r) => r.arms_tiv !== null,
        );
        const years = byYear(rows).map(([year, [x, y]]) => ({
          year,
          tivAtoB: Number(x?.arms_tiv ?? 0),
          tivBtoA: Number(y?.arms_tiv ?? 0),
          shareOfBImportsFromA: num(x?.arms_supplier_share),
          shareOfAImportsFromB: num(y?.arms_supplier_share),
        }));
        arms = years.some((y) => y.tivAtoB || y.tivBtoA)
          ? { source: "sipri", years }
          : { absent: `SIPRI records no major-arms deliveries between ${pair} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("ei-energy")))
        energy = { absent: "the Statistical Review workbooks (energy/) are not in the store" };
      else {
        const rows = byYear(
          await select(
            [ENERGY_RELATION],
            both,
            span,
            FUELS.map((f) => `energy_${f.key} IS NOT NULL`).join(" OR "),
            (r) => FUEL_COLUMNS.some((c) => r[c] !== null),
          ),
        );
        const years: Extract<BeyondTradeSections["energy"], { years: unknown }>["years"] = [];
        for (const fuel of FUELS) {
          for (const [year, [x, y]] of rows) {
            const aToB = num(x?.[`energy_${fuel.key}`]);
            const bToA = num(y?.[`energy_${fuel.key}`]);
            if (aToB === null && bToA === null) continue;
            years.push({
              year,
              fuel: fuel.key,
              unit: fuel.unit,
              aToB,
              bToA,
              shareOfBImportsFromA: num(x?.[`energy_${fuel.key}_share`]),
              shareOfAImportsFromB: num(y?.[`energy_${fuel.key}_share`]),
            });
          }
        }
        energy = years.length
          ? { source: "ei-energy", years }
          : {
              absent: `the Statistical Review's bilateral tables (one year per edition) do not list ${pair} separately for any fuel in ${from}–${to}`,
            };
      }
    })(),
    (async () => {
      if (!(await has("wdi"))) macro = { absent: "the WDI files are not in the store" };
      else {
        const rows = await select(
          [MACRO_RELATION],
          ab,
          span,
          "macro_gdp_a IS NOT NULL OR macro_gdp_b IS NOT NULL",
          (r) => r.macro_gdp_a !== null || r.macro_gdp_b !== null,
        );
        macro = rows.length
          ? {
              source: "wdi",
              years: rows.map((r) => ({
                year: Number(r.year),
                gdpA: num(r.macro_gdp_a),
                gdpB: num(r.macro_gdp_b),
              })),
            }
          : { absent: `WDI has no GDP for ${countryName(a)} or ${countryName(b)} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("cepii"))) geo = { absent: "CEPII GeoDist is not in the store" };
      else {
        // Time-invariant: any one year asks for the pair.
        const [r] = await select([GEO_RELATION], ab, [to, to], "TRUE", () => true);
        geo =
          r && r.geo_line != null
            ? { source: "cepii", distanceKm: num(r.geo_distance), contiguity: num(r.geo_contiguity) }
            : { absent: `GeoDist has no row for ${pair}` };
      }
    })(),
  ]);
  const [invest, military, energySince2000] = await further;
  return { a, b, from, to, un, arms, energy, macro, geo, invest, military, energySince2000 };
}

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)} %`);
const fixed = (v: number | null, d = 1) =>
  v === null ? "–" : v.toLocaleString("en", { maximumFractionDigits: d });
const usd = (v: number | null) =>
  v === null ? "–" : `${(v / 1e9).toLocaleString("en", { maximumFractionDigits: 0 })} bn`;

function table(head: string[], rows: string[][], width: number): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .slice(0, width);
  return [line(head), ...rows.map(line)];
}

/** The sections as terminal text, at most `width` characters a line. */
export function formatBeyondTrade(s: BeyondTradeSections, width = 100): string {
  const A = countryName(s.a);
  const B = countryName(s.b);
  const out: string[] = [];
  const section = (title: string, body: string[] | Absent) => {
    out.push("", title);
    if ("absent" in body) out.push(`  (absent: ${body.absent})`);
    else out.push(...body.map((l) => `  ${l}`));
  };
  section(
    "UN General Assembly",
    "absent" in s.un
      ? s.un
      : table(
          ["year", "agreement", "roll calls both voted", "ideal-point distance"],
          s.un.years.map((y) => [
            String(y.year),
            `${pct(y.agreement)}${y.thin ? " (thin)" : ""}`,
            fixed(y.bothVoted, 0),
            fixed(y.idealPointDistance, 3),
          ]),
          width - 2,
        ),
  );
  section(
    "Arms transfers (SIPRI TIV, millions)",
    "absent" in s.arms
      ? s.arms
      : table(
          ["year", `${A}→${B}`, `${B}→${A}`, `% of ${B}'s imports`, `% of ${A}'s imports`],
          s.arms.years.map((y) => [
            String(y.year),
            fixed(y.tivAtoB),
            fixed(y.tivBtoA),
            pct(y.shareOfBImportsFromA),
            pct(y.shareOfAImportsFromB),
          ]),
          width - 2,
        ),
  );
  section(
    "Energy (Energy Institute)",
    "absent" in s.energy
      ? s.energy
      : table(
          ["year", "fuel", `${A}→${B}`, `${B}→${A}`, `% of ${B}'s imports`, `% of ${A}'s imports`],
          s.energy.years.map((y) => [
            String(y.year),
            y.fuel,
            y.aToB === null ? "–" : `${fixed(y.aToB, 2)} ${y.unit}`,
            y.bToA === null ? "–" : `${fixed(y.bToA, 2)} ${y.unit}`,
            pct(y.shareOfBImportsFromA),
            pct(y.shareOfAImportsFromB),
          ]),
          width - 2,
        ),
  );
  section(
    "GDP (WDI, current USD)",
    "absent" in s.macro
      ? s.macro
      : table(
          ["year", A, B],
          s.macro.years.map((y) => [String(y.year), usd(y.gdpA), usd(y.gdpB)]),
          width - 2,
        ),
  );
  section(
    "Geography (CEPII)",
    "absent" in s.geo
      ? s.geo
      : [
          `distance ${fixed(s.geo.distanceKm, 0)} km; shared border: ${s.geo.contiguity === null ? "–" : s.geo.contiguity ? "yes" : "no"}`,
        ],
  );
  out.push(...formatInvestMilitary(s.a, s.b, s.invest, s.military, width));
  return out.join("\n").trimStart();
}
