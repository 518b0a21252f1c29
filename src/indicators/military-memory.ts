// The joint-exercise figures the profile reads, computed in JS from tables held in memory (RelationMemory):
// MIL_RELATION's materialised rel_mil_pair and rel_mil_span, and MME's participants (MIL_EXERCISE_TABLE,
// loaded beside them), exactly as MIL_RELATION's mil_exercises column, exerciseSpan and sharedExercises
// compute them in SQL (src/store/relations/military.ts, ./military.ts). The SQL stays the one definition;
// test/profile/sections-memory.test.ts checks the two agree on the real data.
import type { SharedExercise } from "./military.ts";
import type { ExtraTable, MemTable, RelationMemory } from "./relation-memory.ts";

/**
 * Each MME participant's row, keyed by the country's integer key, sorted by (country, year, line): what
 * sharedExercises joins. An exercise's id, name, year and location are the same on each of its rows (the
 * ingest writes them from the exercise's one line of the file), so any row stands for them as any_value()
 * does in sharedExercises.
 */
export const MIL_EXERCISE_TABLE: ExtraTable = {
  name: "mil_exercises_mme",
  sql: `SELECT k.key AS country, e.year, e.line, e.exercise_id AS id, e.name, e.location
          FROM mil_exercises e JOIN country_key k ON k.code = e.country
         WHERE e.dataset = 'mme' ORDER BY k.key, e.year, e.line`,
  keys: ["country"],
  year: true,
  requires: "mil_exercises",
};

/** The same rows of JME v3 (a second count beside MME's, where loaded), for the value route's mil.exercises. */
export const MIL_EXERCISE_JME_TABLE: ExtraTable = {
  ...MIL_EXERCISE_TABLE,
  name: "mil_exercises_jme",
  sql: MIL_EXERCISE_TABLE.sql.replace("e.dataset = 'mme'", "e.dataset = 'jme'"),
};

/** exerciseSpan(store) ('mme'): rel_mil_span's row, which holds min and max of mil_exercises' years. */
export function exerciseSpanFrom(memory: RelationMemory): [number, number] | undefined {
  const span = memory.table("mil_span");
  if (!span) return undefined;
  const [start, end] = span.range();
  for (let i = start; i < end; i++) {
    if (span.str("dataset", i) !== "mme") continue;
    const lo = span.num("lo", i);
    const hi = span.num("hi", i);
    return lo === null || hi === null ? undefined : [lo, hi];
  }
  return undefined;
}

/** MIL_RELATION's mil_exercises for (a, b) in each year lo…hi inside the span: MME's count, 0 where none. */
export function exerciseCounts(
  memory: RelationMemory,
  a: string,
  b: string,
  lo: number,
  hi: number,
): { year: number; exercises: number }[] {
  const pairs = memory.table("mil_pair");
  const ka = memory.keyOf(a);
  const kb = memory.keyOf(b);
  const counts = new Map<number, number>();
  if (pairs && ka !== undefined && kb !== undefined) {
    // Sorted by (a, b, year); MME's and JME's rows of a year stand side by side.
    const [start, end] = pairs.range(ka, kb);
    for (let i = start; i < end; i++)
      if (pairs.str("dataset", i) === "mme")
        counts.set(pairs.num("year", i) as number, pairs.num("n", i) ?? 0);
  }
  const out: { year: number; exercises: number }[] = [];
  for (let year = lo; year <= hi; year++) out.push({ year, exercises: counts.get(year) ?? 0 });
  return out;
}

/** What sharedExercises(store, a, b, from, to, dataset) selects: the exercises with both, by (year, line). */
export function sharedExercisesFrom(
  memory: RelationMemory,
  a: string,
  b: string,
  from: number,
  to: number,
  dataset: "mme" | "jme" = "mme",
): SharedExercise[] {
  const t = memory.table(dataset === "mme" ? MIL_EXERCISE_TABLE.name : MIL_EXERCISE_JME_TABLE.name);
  const ka = memory.keyOf(a);
  const kb = memory.keyOf(b);
  if (!t || ka === undefined || kb === undefined) return [];
  // Both sides' rows are sorted by (year, line): a merge finds the lines they share.
  const [sa, ea] = t.range(ka);
  const [sb, eb] = t.range(kb);
  const out: SharedExercise[] = [];
  let j = sb;
  for (let i = sa; i < ea; i++) {
    const year = t.num("year", i) as number;
    if (year < from || year > to) continue;
    const line = t.num("line", i) as number;
    while (j < eb && order(t, j, year, line) < 0) j++;
    // A country listed twice on one exercise's line is one exercise (the SQL groups by line).
    const last = out[out.length - 1];
    if (last && last.year === year && last.line === line) continue;
    if (j < eb && order(t, j, year, line) === 0)
      out.push({
        id: t.str("id", i) as string,
        name: t.str("name", i),
        year,
        location: t.str("location", i),
        line,
      });
  }
  return out;
}

/** Row j's (year, line) against (year, line). */
function order(t: MemTable, j: number, year: number, line: number): number {
  return (t.num("year", j) as number) - year || (t.num("line", j) as number) - line;
}
