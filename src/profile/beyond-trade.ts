// The dimensions beyond trade in a dyad's profile: UN alignment, arms, energy, economic size, geography.
// Each section lists the years it has, or says why it is absent. Queried per section in bulk; the numbers
// follow the definitions in src/indicators/{un,arms,energy,macro,geo}.ts.
import { countryName } from "../countries/index.ts";
import { FUELS } from "../indicators/energy.ts";
import { GDP_SQL } from "../indicators/macro.ts";
import type { Store } from "../store/index.ts";

export type Absent = { absent: string };
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
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function beyondTradeSections(
  store: Store,
  a: string,
  b: string,
  range: { from?: number; to?: number } = {},
): Promise<BeyondTradeSections> {
  const from = range.from ?? 1946;
  const to = range.to ?? new Date().getFullYear();
  const span = [a, b, from, to];
  const pair = `${countryName(a)}–${countryName(b)}`;
  // Which datasets are loaded, asked once for all sections rather than once per section.
  const loaded = store
    .memoQuery<{ dataset: string }>("SELECT dataset FROM ingests")
    .then((rows) => new Set(rows.map((r) => r.dataset)));
  const has = async (dataset: string) => (await loaded).has(dataset);

  let un!: BeyondTradeSections["un"];
  let arms!: BeyondTradeSections["arms"];
  let energy!: BeyondTradeSections["energy"];
  let macro!: BeyondTradeSections["macro"];
  let geo!: BeyondTradeSections["geo"];
  // The sections are independent: their queries run side by side on a read-only store's connections.
  await Promise.all([
    (async () => {
      const hasVotes = await has("unvotes");
      const hasIdeal = await has("voeten");
      if (!hasVotes && !hasIdeal)
        un = { absent: "neither the UN roll calls (unvotes) nor Voeten's ideal points are in the store" };
      else {
        const rows = await store.query<Record<string, unknown>>(
          `WITH agree AS (${
            hasVotes
              ? `SELECT rc.year, count(*) AS both_voted, count(*) FILTER (WHERE va.vote = vb.vote) AS agreed
               FROM un_roll_calls rc JOIN un_votes va ON va.rcid = rc.rcid AND va.country = $1
               JOIN un_votes vb ON vb.rcid = rc.rcid AND vb.country = $2 WHERE rc.year BETWEEN $3 AND $4 GROUP BY rc.year`
              : "SELECT NULL::SMALLINT AS year, NULL::BIGINT AS both_voted, NULL::BIGINT AS agreed WHERE false"
          }),
      ideal AS (${
        hasIdeal
          ? `SELECT pa.year, abs(pa.ideal_point - pb.ideal_point) AS distance FROM un_ideal_points pa
               JOIN un_ideal_points pb ON pb.session = pa.session AND pb.country = $2
              WHERE pa.country = $1 AND pa.year BETWEEN $3 AND $4`
          : "SELECT NULL::SMALLINT AS year, NULL::DOUBLE AS distance WHERE false"
      })
      SELECT coalesce(agree.year, ideal.year) AS year, agree.both_voted, agree.agreed, ideal.distance
        FROM agree FULL JOIN ideal ON agree.year = ideal.year ORDER BY 1`,
          span,
        );
        un = rows.length
          ? {
              source: [hasVotes && "unvotes", hasIdeal && "voeten"].filter(Boolean).join(", "),
              years: rows.map((r) => ({
                year: Number(r.year),
                agreement: r.both_voted ? Number(r.agreed) / Number(r.both_voted) : null,
                bothVoted: num(r.both_voted),
                idealPointDistance: num(r.distance),
              })),
            }
          : { absent: `no UN votes or ideal points for both ${pair} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("sipri"))) arms = { absent: "the SIPRI register is not in the store" };
      else {
        const rows = await store.query<Record<string, unknown>>(
          `WITH years AS (SELECT range::SMALLINT AS year FROM range(
                        greatest($3, (SELECT min(year) FROM arms_transfers)), least($4, (SELECT max(year) FROM arms_transfers)) + 1))
       SELECT y.year,
              coalesce(sum(t.tiv) FILTER (WHERE t.supplier = $1 AND t.recipient = $2), 0) AS ab,
              coalesce(sum(t.tiv) FILTER (WHERE t.supplier = $2 AND t.recipient = $1), 0) AS ba,
              sum(t.tiv) FILTER (WHERE t.recipient = $2) AS into_b,
              sum(t.tiv) FILTER (WHERE t.recipient = $1) AS into_a
         FROM years y LEFT JOIN arms_transfers t ON t.year = y.year AND (t.recipient = $1 OR t.recipient = $2)
        GROUP BY y.year ORDER BY y.year`,
          span,
        );
        const any = rows.some((r) => Number(r.ab) || Number(r.ba));
        arms = any
          ? {
              source: "sipri",
              years: rows.map((r) => ({
                year: Number(r.year),
                tivAtoB: Number(r.ab),
                tivBtoA: Number(r.ba),
                shareOfBImportsFromA: r.into_b ? Number(r.ab) / Number(r.into_b) : null,
                shareOfAImportsFromB: r.into_a ? Number(r.ba) / Number(r.into_a) : null,
              })),
            }
          : { absent: `SIPRI records no major-arms deliveries between ${pair} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("ei-energy"))) energy = { absent: "the Energy Institute workbook is not in the store" };
      else {
        const years: Extract<BeyondTradeSections["energy"], { years: unknown }>["years"] = [];
        // One query for every fuel: the table is small, so each query's fixed cost is what counts.
        const fuelOf = `CASE ${FUELS.flatMap((f) => f.parts.map((p) => `WHEN fuel = '${p}' THEN '${f.key}'`)).join(" ")} END`;
        const rows = await store.query<Record<string, unknown>>(
          `SELECT ${fuelOf} AS fuel_key, year,
                sum(value) FILTER (WHERE exporter = $1 AND importer = $2) AS ab,
                sum(value) FILTER (WHERE exporter = $2 AND importer = $1) AS ba,
                sum(value) FILTER (WHERE exporter = 'WLD' AND importer = $2) AS into_b,
                sum(value) FILTER (WHERE exporter = 'WLD' AND importer = $1) AS into_a,
                count(*) FILTER (WHERE exporter = $1) > 0 AS a_exp, count(*) FILTER (WHERE importer = $2) > 0 AS b_imp,
                count(*) FILTER (WHERE exporter = $2) > 0 AS b_exp, count(*) FILTER (WHERE importer = $1) > 0 AS a_imp
           FROM energy_trade WHERE year BETWEEN $3 AND $4 AND ${fuelOf} IS NOT NULL
          GROUP BY ALL ORDER BY year`,
          span,
        );
        for (const fuel of FUELS) {
          for (const r of rows.filter((x) => x.fuel_key === fuel.key)) {
            const ab = r.a_exp && r.b_imp ? Number(r.ab ?? 0) : null;
            const ba = r.b_exp && r.a_imp ? Number(r.ba ?? 0) : null;
            if (ab === null && ba === null) continue;
            years.push({
              year: Number(r.year),
              fuel: fuel.key,
              unit: fuel.unit,
              aToB: ab,
              bToA: ba,
              shareOfBImportsFromA: ab !== null && r.into_b ? ab / Number(r.into_b) : null,
              shareOfAImportsFromB: ba !== null && r.into_a ? ba / Number(r.into_a) : null,
            });
          }
        }
        energy = years.length
          ? { source: "ei-energy", years }
          : {
              absent: `the Energy Institute's bilateral tables (2022) do not list ${pair} separately for any fuel`,
            };
      }
    })(),
    (async () => {
      if (!(await has("wdi"))) macro = { absent: "the WDI files are not in the store" };
      else {
        const rows = await store.query<Record<string, unknown>>(
          `SELECT year, max(gdp_usd) FILTER (WHERE country = $1) AS ga, max(gdp_usd) FILTER (WHERE country = $2) AS gb
         FROM (${GDP_SQL}) WHERE country IN ($1, $2) AND year BETWEEN $3 AND $4 GROUP BY year ORDER BY year`,
          span,
        );
        macro = rows.length
          ? {
              source: "wdi",
              years: rows.map((r) => ({ year: Number(r.year), gdpA: num(r.ga), gdpB: num(r.gb) })),
            }
          : { absent: `WDI has no GDP for ${countryName(a)} or ${countryName(b)} in ${from}–${to}` };
      }
    })(),
    (async () => {
      if (!(await has("cepii"))) geo = { absent: "CEPII GeoDist is not in the store" };
      else {
        const r = await store.one<Record<string, unknown>>(
          "SELECT dist, contig FROM geo_dyads WHERE a = ? AND b = ?",
          [a, b],
        );
        geo = r
          ? { source: "cepii", distanceKm: num(r.dist), contiguity: num(r.contig) }
          : { absent: `GeoDist has no row for ${pair}` };
      }
    })(),
  ]);
  return { a, b, from, to, un, arms, energy, macro, geo };
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
            pct(y.agreement),
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
  return out.join("\n").trimStart();
}
