// Joint military exercises: how many multinational exercises two states both took part in (MME v7,
// 1980–2010), with Joint Military Exercises v3 (1974–2010) as a second count beside it where loaded: the two
// datasets code many of the same exercises, so they are never added up. One relation, MIL_RELATION, the
// value and the panel select from.
import { MME_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { MIL_RELATION } from "../store/relations/military.ts";
import { notIngested } from "./ingest-provenance.ts";
import { nullValue } from "./types.ts";
import { type SourcedIndicator, storeValueSource } from "./value-source.ts";

export { MIL_RELATION };

export interface SharedExercise {
  id: string;
  name: string | null;
  year: number;
  location: string | null;
  line: number;
}

/** The exercises A and B both took part in, in a span of years: what the provenance and the dossier name. */
export async function sharedExercises(
  store: Store,
  a: string,
  b: string,
  from: number,
  to: number,
  dataset = "mme",
): Promise<SharedExercise[]> {
  if (!(await store.hasTable("mil_exercises"))) return [];
  return store.query<SharedExercise>(
    `SELECT any_value(ea.exercise_id) AS id, any_value(ea.name) AS name, any_value(ea.year) AS year,
            any_value(ea.location) AS location, ea.line AS line
       FROM mil_exercises ea JOIN mil_exercises eb ON eb.line = ea.line AND eb.dataset = ea.dataset
      WHERE ea.country = $1 AND eb.country = $2 AND ea.year BETWEEN $3 AND $4 AND ea.dataset = $5
      GROUP BY ea.dataset, ea.line ORDER BY year, line`,
    [a, b, from, to, dataset],
  );
}

/** The dataset's span: data end in 2010, and every answer past it says so. */
export async function exerciseSpan(store: Store, dataset = "mme"): Promise<[number, number] | undefined> {
  if (!(await store.hasTable("mil_exercises"))) return undefined;
  const row = await store.one<{ lo: number | null; hi: number | null }>(
    "SELECT min(year) AS lo, max(year) AS hi FROM mil_exercises WHERE dataset = ?",
    [dataset],
  );
  return row?.lo == null || row.hi == null ? undefined : [row.lo, row.hi];
}

export function exerciseLabel(e: SharedExercise): string {
  return e.name ?? (e.id.startsWith("jme-") ? "unnamed exercise" : `unnamed exercise ${e.id}`);
}

const CAVEAT =
  "Multinational Military Exercises v7 covers 1980–2010 only: nothing after 2010 is known here, however many exercises there were (China and Russia held many since). Counts exercises by their start year, one per exercise however many days or sites; bilateral and multilateral exercises alike. Coded from open sources (news, ministries), so small or unpublicised exercises may be missing.";

export const milExercises: SourcedIndicator = {
  reads: [MIL_RELATION],
  tables: ["mil_exercises_mme", "mil_exercises_jme"],
  name: "mil.exercises",
  unit: "exercises",
  definition:
    "number of military exercises starting in Y in which both A and B took part (MME v7), or over a window of years ending in Y",
  formula:
    "count of distinct MME exercises with A and B among the participants (StateA … StateAM) and start year in Y−w+1 … Y (w = options.window, default 1)",
  sources: ["mme"],
  citation: MME_INFO.citation,
  caveats: CAVEAT,
  compute(store: Store, a, b, year, options) {
    return this.computeFrom(storeValueSource(store), a, b, year, options);
  },
  async computeFrom(source, a, b, year, options = {}) {
    if (!(await source.has("mme"))) return nullValue(this, a, b, year, notIngested("mme"));
    const window = Math.max(1, Math.trunc(options.window ?? 1));
    const from = year - window + 1;
    const span = await source.exerciseSpan();
    if (!span || from < span[0] || year > span[1]) {
      const prov = await source.provenance("mme", { year });
      return nullValue(
        this,
        a,
        b,
        year,
        span && year > span[1]
          ? `the Multinational Military Exercises data end in ${span[1]}; nothing is known here about exercises in ${year}`
          : `the years ${from}–${year} are not inside the data's ${span?.join("–")}`,
        prov ? [prov] : [],
      );
    }
    const [rows, named, jmeNamed] = await Promise.all([
      source.rows<{ mil_exercises: bigint | number | null; mil_exercises_jme: bigint | number | null }>(
        MIL_RELATION,
        a,
        b,
        from,
        year,
      ),
      source.sharedExercises(a, b, from, year, "mme"),
      source.sharedExercises(a, b, from, year, "jme"),
    ]);
    const count = rows.reduce((sum, r) => sum + Number(r.mil_exercises ?? 0), 0);
    // JME v3, where loaded: its own count of the same window, beside MME's, never added to it.
    const jme = rows.some((r) => r.mil_exercises_jme != null)
      ? {
          count: rows.reduce((sum, r) => sum + Number(r.mil_exercises_jme ?? 0), 0),
          exercises: jmeNamed.map((e) => ({ name: exerciseLabel(e), year: e.year, row: e.line })),
        }
      : undefined;
    const base = await source.provenance("mme", { year });
    const provenance = base
      ? named.length
        ? named.map((e) => ({
            ...base,
            year: e.year,
            line: e.line,
            note: `${exerciseLabel(e)} (${e.id}, ${e.year})`,
          }))
        : [{ ...base, note: `no exercise with both ${a} and ${b} in ${from}–${year}` }]
      : [];
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: count,
      unit: this.unit,
      provenance,
      detail: {
        window,
        from,
        to: year,
        exercises: named.map((e) => ({
          id: e.id,
          name: exerciseLabel(e),
          year: e.year,
          location: e.location,
        })),
        dataEnd: span[1],
        ...(jme ? { jme } : {}),
      },
    };
  },
};

export const MIL_INDICATORS: SourcedIndicator[] = [milExercises];
