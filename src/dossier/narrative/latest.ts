// The dossier opens with what the profile shows first: each key figure in its latest year, from the
// reporter's own statistics where they reach that year, else from the partner's report (the mirror), named.
import type { KeyFigure } from "../../profile/key-figures.ts";
import type { Figure, Sentence } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

/** The catalogue indicator behind a key figure, and whose series it is. */
function indicatorOf(f: KeyFigure, a: string, b: string): { indicator: string; from: string } {
  const side = f.key.startsWith("b") ? b : a;
  const mirror = f.basis === "mirror" ? ".mirror" : "";
  switch (f.key) {
    case "turnover":
      return { indicator: "trade.turnover", from: f.reporter };
    case "growth":
      return { indicator: "trade.turnover.growth", from: f.reporter };
    case "aExportShare":
    case "bExportShare":
      return { indicator: `trade.export_share${mirror}`, from: side };
    case "aImportShare":
    case "bImportShare":
      return { indicator: `trade.import_share${mirror}`, from: side };
    case "aTradeShare":
    case "bTradeShare":
      return { indicator: "trade.trade_share", from: side };
    case "asymmetry":
      return { indicator: "trade.asymmetry", from: a };
  }
}

export function latestSection(ctx: NarrativeContext): Section | null {
  const { a, b } = ctx.profile;
  const figures = ctx.profile.keyFigures.filter((f) => f.key !== "asymmetry");
  if (!figures.length) return null;
  const s: Sentence[] = [];
  const A = ctx.forms(a.code);
  const B = ctx.forms(b.code);
  for (const f of figures) {
    const { indicator, from } = indicatorOf(f, a.code, b.code);
    const v = ctx.value(indicator, from, f.year);
    if (!v || v.value === null) continue;
    const [self, other] = from === a.code ? [A, B] : [B, A];
    const R = ctx.forms(f.reporter);
    const label: Record<KeyFigure["key"], string> = {
      turnover: ctx.t(`Trade between ${A.nom} and ${B.nom}`, `Handel zwischen ${A.dat} und ${B.dat}`),
      growth: ctx.t(
        `Growth of trade between ${A.nom} and ${B.nom}`,
        `Wachstum des Handels zwischen ${A.dat} und ${B.dat}`,
      ),
      aExportShare: ctx.t(
        `Share of ${self.gen} exports going ${other.to}`,
        `Anteil der Exporte ${self.gen} ${other.to}`,
      ),
      bExportShare: ctx.t(
        `Share of ${self.gen} exports going ${other.to}`,
        `Anteil der Exporte ${self.gen} ${other.to}`,
      ),
      aImportShare: ctx.t(
        `Share of ${self.gen} imports coming ${other.from}`,
        `Anteil der Importe ${self.gen} ${other.from}`,
      ),
      bImportShare: ctx.t(
        `Share of ${self.gen} imports coming ${other.from}`,
        `Anteil der Importe ${self.gen} ${other.from}`,
      ),
      aTradeShare: ctx.t(
        `${capitalise(other.gen)} share of ${self.gen} trade`,
        `Anteil ${other.gen} am Handel ${self.gen}`,
      ),
      bTradeShare: ctx.t(
        `${capitalise(other.gen)} share of ${self.gen} trade`,
        `Anteil ${other.gen} am Handel ${self.gen}`,
      ),
      asymmetry: "",
    };
    // A mirror share is the partner's statistics over the side's own total: named and caveated as such,
    // the same figure the dependence section cites.
    const mirror =
      f.basis === "mirror"
        ? {
            label: `${label[f.key]}${ctx.t(" (mirror)", " (Spiegeldaten)")}`,
            caveat: ctx.t(
              `rests on ${R.gen} statistics only: ${R.gen} reported trade over ${self.gen} published totals`,
              `beruht allein auf der Statistik ${R.gen}: deren Angaben über den von ${self.dat} veröffentlichten Gesamtwerten`,
            ),
          }
        : undefined;
    const F: Figure =
      f.unit === "USD"
        ? ctx.usd(v, label[f.key])
        : f.key === "growth"
          ? ctx.growth(v, label[f.key])
          : ctx.pct(v, mirror?.label ?? label[f.key], mirror ? { caveat: mirror.caveat } : {});
    const basis =
      f.basis === "mirror"
        ? ctx.t(
            `${f.year}, from ${R.gen} report${f.ownYear ? `; ${self.gen} own figures end in ${f.ownYear}` : ""}`,
            `${f.year}, nach Angaben ${R.gen}${f.ownYear ? `; eigene Angaben ${self.gen} reichen bis ${f.ownYear}` : ""}`,
          )
        : ctx.t(`${f.year}, ${R.gen} statistics`, `${f.year}, Statistik ${R.gen}`);
    const record = f.record ? ctx.t(", a record", ", ein Rekord") : "";
    s.push(ctx.say(`${label[f.key]}: ${F.text} (${basis}${record}).`, [F]));
  }
  if (!s.length) return null;
  return ctx.section("latest", ctx.t("Latest figures", "Neueste Zahlen"), s);
}
