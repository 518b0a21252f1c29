// The goods section from CEPII BACI (trade by product), when loaded: what each side sells the other, and
// who overtook whom among the suppliers of each side's imports of energy, machines, cars and chips.
import type { SubstitutionTable } from "../../indicators/product.ts";
import type { Figure, FigureSource, Sentence } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

export function goodsSection(ctx: NarrativeContext): Section {
  const title = ctx.t("Goods", "Waren");
  const g = ctx.data.goods;
  if ("absent" in g) {
    return ctx.section("goods", title, [
      ctx.say(
        ctx.t(
          `Trade by product: not available — ${g.absent}.`,
          `Handel nach Waren: nicht verfügbar — ${g.absent}.`,
        ),
        [],
        true,
      ),
    ]);
  }
  const source: FigureSource[] = [
    { dataset: g.release.dataset, citation: g.release.citation, version: g.release.version },
  ];
  const s: Sentence[] = [];
  const last = [...g.years].reverse().find((y) => y.exportsUsd > 0 || y.importsUsd > 0);
  const { a, b } = ctx.profile;
  if (last) {
    for (const [side, from, to] of [
      ["exports", a.code, b.code],
      ["imports", b.code, a.code],
    ] as const) {
      const top = g.groups
        .filter((gr) => gr.codes.every((c) => c.length === 2))
        .map((gr) => ({ gr, share: last[side][gr.name]?.share ?? 0 }))
        .sort((x, y) => (y.share ?? 0) - (x.share ?? 0))[0];
      if (!top?.share) continue;
      const F = ctx.forms(from);
      const T = ctx.forms(to);
      const name = ctx.lang === "de" ? top.gr.de : top.gr.en;
      const S = ctx.derived({
        value: top.share,
        kind: "pct",
        label: ctx.t(
          `Share of ${name} in ${F.gen} exports ${T.to}`,
          `Anteil ${name} an den Exporten ${F.gen} ${T.to}`,
        ),
        year: last.year,
        indicator: "trade.product_share",
        a: from,
        b: to,
        sources: source,
      });
      s.push(
        ctx.say(
          ctx.t(
            `In ${last.year}, ${name} made up ${S.text} of ${F.gen} exports ${T.to} (CEPII BACI).`,
            `${last.year} entfielen ${S.text} der Exporte ${F.gen} ${T.to} auf ${name} (CEPII BACI).`,
          ),
          [S],
        ),
      );
    }
  }
  for (const [importer, tables] of [
    [a.code, g.substitution.a],
    [b.code, g.substitution.b],
  ] as const) {
    for (const t of tables) s.push(...overtakes(ctx, t, importer, source));
  }
  s.push(
    ctx.say(
      ctx.t(
        `The product data (BACI ${g.release.version}) cover ${g.release.firstYear}–${g.release.lastYear}.`,
        `Die Warendaten (BACI ${g.release.version}) reichen von ${g.release.firstYear} bis ${g.release.lastYear}.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("goods", title, s);
}

function overtakes(
  ctx: NarrativeContext,
  t: SubstitutionTable,
  importer: string,
  sources: FigureSource[],
): Sentence[] {
  const I = ctx.forms(importer);
  const product = ctx.lang === "de" ? t.product.de : t.product.en;
  const latest = new Map<string, SubstitutionTable["overtakes"][number]>();
  for (const o of t.overtakes) if (o.shares[0] >= 0.05) latest.set(`${o.supplier}>${o.overtook}`, o);
  return [...latest.values()]
    .sort((x, y) => y.year - x.year || y.shares[0] - x.shares[0])
    .slice(0, 2)
    .map((o) => {
      const S = ctx.forms(o.supplier, t.suppliers.find((x) => x.code === o.supplier)?.name);
      const W = ctx.forms(o.overtook, t.suppliers.find((x) => x.code === o.overtook)?.name);
      const fig = (code: string, value: number, who: string): Figure =>
        ctx.derived({
          value,
          kind: "pct",
          label: ctx.t(
            `${who}'s share of ${I.gen} imports of ${product}`,
            `Anteil ${who} an den Importen ${I.gen} (${product})`,
          ),
          year: o.year,
          indicator: "trade.product_supplier_share",
          a: code,
          b: importer,
          sources,
        });
      const F1 = fig(o.supplier, o.shares[0], S.nom);
      const F2 = fig(o.overtook, o.shares[1], W.nom);
      return ctx.say(
        ctx.t(
          `In ${o.year}, ${S.nom} overtook ${W.nom} in ${I.gen} imports of ${product}: ${F1.text} against ${F2.text}.`,
          `${o.year} überholte ${S.nom} ${W.nom} bei den Importen ${I.gen} (${product}): ${F1.text} gegenüber ${F2.text}.`,
        ),
        [F1, F2],
      );
    })
    .map((x) => ({ ...x, text: capitalise(x.text) }));
}
