// Diplomatic alignment at the UN General Assembly: agreement on roll calls (unvotes) and the distance
// between ideal points (Bailey, Strezhnev & Voeten).

import { UNVOTES_INFO } from "../sources/unvotes.ts";
import { VOETEN_INFO } from "../sources/voeten.ts";
import type { Store } from "../store/index.ts";
import { datasetProvenance, hasDataset, notIngested } from "./ingest-provenance.ts";
import { type IndicatorDef, nullValue } from "./types.ts";

export const unAgreement: IndicatorDef = {
  name: "un.agreement",
  unit: "fraction",
  definition:
    "share of UNGA roll calls in calendar year Y on which both voted and voted alike (yes, no or abstain)",
  formula:
    "Σ_rc [vote_A = vote_B] / Σ_rc [A and B both voted yes, no or abstain], over roll calls dated in Y",
  sources: ["unvotes"],
  citation: UNVOTES_INFO.citation,
  caveats:
    "Absences are not votes and are left out of both counts. An abstention counts as a vote: two abstentions agree, yes against abstain disagrees (Voeten's own agreement scores count half agreement there; this one does not). Calendar years, not sessions. Roll calls 1946–2019 only; the package records the USSR's votes as Russia's.",
  async compute(store: Store, a, b, year) {
    if (!(await hasDataset(store, "unvotes"))) return nullValue(this, a, b, year, notIngested("unvotes"));
    const row = await store.one<{ calls: bigint; both: bigint; agreed: bigint }>(
      `SELECT (SELECT count(*) FROM un_roll_calls WHERE year = $3) AS calls,
              count(*) AS both, count(*) FILTER (WHERE va.vote = vb.vote) AS agreed
         FROM un_roll_calls rc
         JOIN un_votes va ON va.rcid = rc.rcid AND va.country = $1
         JOIN un_votes vb ON vb.rcid = rc.rcid AND vb.country = $2
        WHERE rc.year = $3`,
      [a, b, year],
    );
    const calls = Number(row?.calls ?? 0);
    const both = Number(row?.both ?? 0);
    const agreed = Number(row?.agreed ?? 0);
    const prov = await datasetProvenance(store, "unvotes", { year, note: `${agreed} of ${both} roll calls` });
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
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: agreed / both,
      unit: this.unit,
      provenance: prov ? [prov] : [],
      detail: { rollCalls: calls, bothVoted: both, agreed },
    };
  },
};

export const unIdealPointDistance: IndicatorDef = {
  name: "un.idealpoint_distance",
  unit: "ideal-point units",
  definition: "|ideal point A − ideal point B| in the UNGA session that opens in September of Y",
  formula: "|IdealPointAll_A(s) − IdealPointAll_B(s)|, s = Y − 1945",
  sources: ["voeten"],
  citation: VOETEN_INFO.citation,
  caveats:
    "Ideal points are estimated on one scale across sessions from resolutions voted in several sessions; distances of about 0.1 lie within the estimates' uncertainty (see the Q5/Q95 columns of the file). Session s runs from September of 1945 + s into the next year.",
  async compute(store: Store, a, b, year) {
    if (!(await hasDataset(store, "voeten"))) return nullValue(this, a, b, year, notIngested("voeten"));
    const session = year - 1945;
    const rows = await store.query<{ country: string; ideal_point: number | null; line: number }>(
      "SELECT country, ideal_point, line FROM un_ideal_points WHERE session = ? AND country IN (?, ?)",
      [session, a, b],
    );
    const pa = rows.find((r) => r.country === a);
    const pb = rows.find((r) => r.country === b);
    const provenance = (
      await Promise.all(
        [pa, pb]
          .filter((r) => r)
          .map((r) => datasetProvenance(store, "voeten", { reporter: r!.country, line: r!.line, year })),
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

export const UN_INDICATORS: IndicatorDef[] = [unAgreement, unIdealPointDistance];
