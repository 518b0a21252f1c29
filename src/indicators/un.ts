// Diplomatic alignment at the UN General Assembly: agreement on roll calls (unvotes) and the distance
// between ideal points (Bailey, Strezhnev & Voeten).

import { UNVOTES_INFO, VOETEN_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION } from "../store/relations/un.ts";
import { notIngested } from "./ingest-provenance.ts";
import { nullValue } from "./types.ts";
import { type SourcedIndicator, storeValueSource } from "./value-source.ts";

export { UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION };

/** Fewer common roll calls than this make a year's agreement too thin to tell (one vote gives 0 % or 100 %). */
export const MIN_ROLL_CALLS = 10;

export function thinEvidence(both: number): string {
  return `thin evidence: ${both} roll call${both === 1 ? "" : "s"} on which both voted (fewer than ${MIN_ROLL_CALLS}); charts and the narrative leave this year out`;
}

export const unAgreement: SourcedIndicator = {
  name: "un.agreement",
  reads: [UN_AGREEMENT_RELATION],
  unit: "fraction",
  definition:
    "share of UNGA roll calls in calendar year Y on which both voted and voted alike (yes, no or abstain)",
  formula:
    "Σ_rc [vote_A = vote_B] / Σ_rc [A and B both voted yes, no or abstain], over roll calls dated in Y",
  sources: ["unvotes"],
  citation: UNVOTES_INFO.citation,
  caveats:
    "Absences are not votes and are left out of both counts. An abstention counts as a vote: two abstentions agree, yes against abstain disagrees (Voeten's own agreement scores count half agreement there; this one does not). Calendar years, not sessions. Roll calls 1946–2019 only; the package records the USSR's votes as Russia's.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("unvotes"))) return nullValue(this, a, b, year, notIngested("unvotes"));
    const [row] = await source.rows<{
      un_roll_calls: bigint | number;
      un_roll_calls_both_voted: bigint | number | null;
      un_roll_calls_agreed: bigint | number | null;
    }>(UN_AGREEMENT_RELATION, a, b, year, year);
    const calls = Number(row?.un_roll_calls ?? 0);
    const both = Number(row?.un_roll_calls_both_voted ?? 0);
    const agreed = Number(row?.un_roll_calls_agreed ?? 0);
    const prov = await source.provenance("unvotes", { year, note: `${agreed} of ${both} roll calls` });
    if (!calls) {
      return nullValue(
        this,
        a,
        b,
        year,
        `the roll calls cover 1946–2019 and none is dated ${year}; un.idealpoint_distance (Voeten) reaches 2023`,
        prov ? [prov] : [],
      );
    }
    if (!both) {
      return nullValue(
        this,
        a,
        b,
        year,
        `${a} and ${b} did not both vote on any of the ${calls} roll calls of ${year}`,
        prov ? [prov] : [],
      );
    }
    const thin = both < MIN_ROLL_CALLS;
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: agreed / both,
      unit: this.unit,
      ...(thin ? { caveat: thinEvidence(both) } : {}),
      provenance: prov ? [prov] : [],
      detail: { rollCalls: calls, bothVoted: both, agreed, ...(thin ? { thin: true } : {}) },
    };
  },
};

export const unIdealPointDistance: SourcedIndicator = {
  name: "un.idealpoint_distance",
  reads: [UN_IDEAL_POINT_RELATION],
  unit: "ideal-point units",
  definition: "|ideal point A − ideal point B| in the UNGA session that opens in September of Y",
  formula: "|IdealPointAll_A(s) − IdealPointAll_B(s)|, s = Y − 1945",
  sources: ["voeten"],
  citation: VOETEN_INFO.citation,
  caveats:
    "Ideal points are estimated on one scale across sessions from resolutions voted in several sessions; distances of about 0.1 lie within the estimates' uncertainty (see the Q5/Q95 columns of the file). Session s runs from September of 1945 + s into the next year.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("voeten"))) return nullValue(this, a, b, year, notIngested("voeten"));
    const session = year - 1945;
    const [row] = await source.rows<Record<string, number | null>>(UN_IDEAL_POINT_RELATION, a, b, year, year);
    const side = (country: string, which: "a" | "b") => {
      const line = row?.[`un_ideal_line_${which}`];
      return line == null
        ? undefined
        : { country, line: Number(line), ideal_point: row?.[`un_ideal_point_${which}`] ?? null };
    };
    const pa = side(a, "a");
    const pb = side(b, "b");
    const provenance = (
      await Promise.all(
        [pa, pb]
          .filter((r) => r !== undefined)
          .map((r) => source.provenance("voeten", { reporter: r.country, line: r.line, year })),
      )
    ).filter((p) => p !== undefined);
    const missing = [pa ? null : a, pb ? null : b].filter(Boolean);
    if (missing.length || pa?.ideal_point == null || pb?.ideal_point == null) {
      return nullValue(
        this,
        a,
        b,
        year,
        `no ideal point for ${missing.length ? missing.join(" and ") : `${a} or ${b}`} in session ${session} (opening September ${year}); the file covers sessions 1–78 (1946–2023)`,
        provenance,
      );
    }
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: Math.abs(pa.ideal_point - pb.ideal_point),
      unit: this.unit,
      provenance,
      detail: { session, idealPointA: pa.ideal_point, idealPointB: pb.ideal_point },
    };
  },
};

export const UN_INDICATORS: SourcedIndicator[] = [unAgreement, unIdealPointDistance];
