// The goods section told in sentences (English and German), for the dossier: what A sells B, and who
// replaced whom in each side's imports of energy, machines, cars and chips. Numbers only from the section.
import { countryName } from "../countries/index.ts";
import type { Absent, ProductSection, SubstitutionTable } from "../indicators/product.ts";

export type Lang = "en" | "de";

const pct = (s: number, lang: Lang) =>
  lang === "de" ? `${(100 * s).toFixed(1).replace(".", ",")} %` : `${(100 * s).toFixed(1)} %`;

export function goodsSentences(
  section: ProductSection | Absent,
  a: string,
  b: string,
  lang: Lang = "en",
): string[] {
  if ("absent" in section) {
    return [
      lang === "de"
        ? `Handel nach Waren: nicht verfügbar — CEPII BACI ist nicht geladen (${section.absent}).`
        : `Trade by product: not available — ${section.absent}.`,
    ];
  }
  const out: string[] = [];
  const last = [...section.years].reverse().find((y) => y.exportsUsd > 0 || y.importsUsd > 0);
  if (!last) return out;
  const [na, nb] = [countryName(a, lang), countryName(b, lang)];
  const top = (side: "exports" | "imports") =>
    section.groups
      .filter((g) => g.codes.every((c) => c.length === 2))
      .map((g) => ({ g, share: last[side][g.name]?.share ?? 0 }))
      .sort((x, y) => (y.share ?? 0) - (x.share ?? 0))[0];
  for (const [side, from, to] of [
    ["exports", na, nb],
    ["imports", nb, na],
  ] as const) {
    const t = top(side);
    if (!t?.share) continue;
    out.push(
      lang === "de"
        ? `${last.year} entfielen ${pct(t.share, lang)} der Exporte von ${from} nach ${to} auf ${t.g.de} (CEPII BACI).`
        : `In ${last.year}, ${t.g.en} made up ${pct(t.share, lang)} of ${from}'s exports to ${to} (CEPII BACI).`,
    );
  }
  for (const [importer, tables] of [
    [a, section.substitution.a],
    [b, section.substitution.b],
  ] as const) {
    for (const t of tables) out.push(...substitutionSentences(t, importer, lang));
  }
  return out;
}

/** "China overtook Germany in Russia's imports of passenger cars in 2022 (52.2 % against 43.5 %)." */
export function substitutionSentences(t: SubstitutionTable, importer: string, lang: Lang = "en"): string[] {
  const imp = countryName(importer, lang);
  const product = lang === "de" ? t.product.de : t.product.en;
  // The latest overtaking of each supplier, largest shares first, at most two per table.
  const latest = new Map<string, SubstitutionTable["overtakes"][number]>();
  for (const o of t.overtakes) if (o.shares[0] >= 0.05) latest.set(`${o.supplier}>${o.overtook}`, o);
  return [...latest.values()]
    .sort((x, y) => y.year - x.year || y.shares[0] - x.shares[0])
    .slice(0, 2)
    .map((o) => {
      const [s, w] = [countryName(o.supplier, lang), countryName(o.overtook, lang)];
      return lang === "de"
        ? `${o.year} überholte ${s} ${w} bei den Importen von ${imp} (${product}): ${pct(o.shares[0], lang)} gegen ${pct(o.shares[1], lang)}.`
        : `In ${o.year}, ${s} overtook ${w} in ${imp}'s imports of ${product}: ${pct(o.shares[0], lang)} against ${pct(o.shares[1], lang)}.`;
    });
}
