// Who replaced whom: each side's main partners at the start and end of the partner data, the other side
// against the EU, and the year one overtook the other.
import type { PartnerLine } from "../data.ts";
import type { Figure, FigureSource, Sentence } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

function shareFigure(
  ctx: NarrativeContext,
  reporter: string,
  flow: "exports" | "imports",
  r: PartnerLine,
): Figure {
  const R = ctx.forms(reporter);
  const P = ctx.forms(r.partner, r[ctx.lang]);
  const source: FigureSource = { dataset: r.dataset, reporter, side: "reporter" };
  return ctx.derived({
    value: r.share!,
    kind: "pct",
    label:
      flow === "exports"
        ? ctx.t(`Share of ${R.gen} exports going ${P.to}`, `Anteil ${P.to} an den Exporten ${R.gen}`)
        : ctx.t(`Share of ${R.gen} imports coming ${P.from}`, `Anteil ${P.from} an den Importen ${R.gen}`),
    year: r.year,
    indicator: flow === "exports" ? "trade.export_share" : "trade.import_share",
    a: reporter,
    b: r.partner,
    sources: [source],
  });
}

function flowSentences(
  ctx: NarrativeContext,
  reporter: string,
  other: string,
  flow: "exports" | "imports",
  rows: PartnerLine[],
): Sentence[] {
  const withShare = rows.filter((r) => r.share !== null);
  if (!withShare.length) return [];
  const years = [...new Set(withShare.map((r) => r.year))].sort((x, y) => x - y);
  const first = years[Math.max(0, years.length - 11)]; // about ten years back, as the article looks back
  const last = years[years.length - 1];
  const at = (y: number) => withShare.filter((r) => r.year === y);
  const R = ctx.forms(reporter);
  const out: Sentence[] = [];
  const role = flow === "exports" ? ctx.t("buyer", "Abnehmer") : ctx.t("supplier", "Lieferant");
  const describe = (y: number) => {
    const rows = at(y);
    const top = rows.find((r) => r.rank === 1);
    const self = rows.find((r) => r.partner === other);
    const eu = rows.find((r) => r.partner === "EUU");
    const figs: Figure[] = [];
    const parts: string[] = [];
    if (top) {
      const F = shareFigure(ctx, reporter, flow, top);
      figs.push(F);
      parts.push(
        ctx.t(
          `${ctx.forms(top.partner, top.en).nom} was the largest single ${role} (${F.text})`,
          `${ctx.forms(top.partner, top.de).nom} größter einzelner ${role} (${F.text})`,
        ),
      );
    }
    if (self && self.partner !== top?.partner) {
      const F = shareFigure(ctx, reporter, flow, self);
      const K = ctx.derived({
        value: self.rank,
        kind: "rank",
        label: ctx.t(
          `Rank of ${ctx.forms(other).nom} among ${R.gen} partners (${flow})`,
          `Rang ${ctx.forms(other).gen} unter den Partnern ${R.gen} (${flowWordOf(flow, "de")})`,
        ),
        year: y,
        sources: F.sources,
        a: reporter,
        b: other,
      });
      figs.push(K, F);
      parts.push(
        ctx.t(
          `${ctx.forms(other).nom} ranked ${K.text} with ${F.text}`,
          `${ctx.forms(other).nom} auf ${K.text} mit ${F.text}`,
        ),
      );
    }
    if (eu) {
      const F = shareFigure(ctx, reporter, flow, eu);
      figs.push(F);
      parts.push(ctx.t(`the EU as a whole took ${F.text}`, `EU insgesamt ${F.text}`));
    }
    return { parts, figs, self, eu, top };
  };
  const flowWord = flow === "exports" ? ctx.t("exports", "Exporten") : ctx.t("imports", "Importen");
  for (const y of first === last ? [last] : [first, last]) {
    const d = describe(y);
    if (!d.parts.length) continue;
    const text =
      ctx.lang === "de"
        ? `Bei den ${flowWord} ${R.gen} im Jahr ${y}: ${d.parts.join("; ")}.`
        : `In ${R.gen} ${flowWord} in ${y}, ${d.parts.join("; ")}.`;
    out.push(ctx.say(text, d.figs));
  }
  // The year the other side overtook the EU (or fell behind it), where both are in the data.
  let crossing: { year: number; self: PartnerLine; eu: PartnerLine; ahead: boolean } | undefined;
  let prev: boolean | undefined;
  for (const y of years) {
    const self = at(y).find((r) => r.partner === other);
    const eu = at(y).find((r) => r.partner === "EUU");
    if (!self || !eu) {
      prev = undefined;
      continue;
    }
    const ahead = self.share! > eu.share!;
    if (prev !== undefined && ahead !== prev) crossing = { year: y, self, eu, ahead };
    prev = ahead;
  }
  if (crossing) {
    const S = shareFigure(ctx, reporter, flow, crossing.self);
    const E = shareFigure(ctx, reporter, flow, crossing.eu);
    const O = ctx.forms(other);
    out.push(
      ctx.say(
        crossing.ahead
          ? ctx.t(
              `In ${crossing.year}, ${O.nom} overtook the EU in ${R.gen} ${flowWord} (${S.text} against ${E.text}).`,
              `${crossing.year} überholte ${O.nom} bei den ${flowWord} ${R.gen} die EU (${S.text} gegenüber ${E.text}).`,
            )
          : ctx.t(
              `In ${crossing.year}, the EU moved ahead of ${O.dat} again in ${R.gen} ${flowWord} (${E.text} against ${S.text}).`,
              `${crossing.year} lag die EU bei den ${flowWord} ${R.gen} wieder vor ${O.dat} (${E.text} gegenüber ${S.text}).`,
            ),
        [S, E],
      ),
    );
  }
  const datasets = [...new Set(at(last).map((r) => r.dataset))];
  out.push(
    ctx.say(
      ctx.t(
        `${capitalise(R.gen)} ${flowWord} by partner end in ${last} in the loaded data (${ctx.sourceName(datasets.map((dataset) => ({ dataset })))}).`,
        `Die ${flowWord.replace(/n$/, "")} ${R.gen} nach Partnern reichen in den geladenen Daten bis ${last} (${ctx.sourceName(datasets.map((dataset) => ({ dataset })))}).`,
      ),
      [],
      true,
    ),
  );
  return out;
}

function flowWordOf(flow: "exports" | "imports", lang: "en" | "de"): string {
  return lang === "de" ? (flow === "exports" ? "Exporte" : "Importe") : flow;
}

export function partnersSection(ctx: NarrativeContext): Section | null {
  const { a, b } = ctx.profile;
  const s: Sentence[] = [];
  for (const [code, other, data] of [
    [b.code, a.code, ctx.data.partners.b],
    [a.code, b.code, ctx.data.partners.a],
  ] as const) {
    s.push(...flowSentences(ctx, code, other, "imports", data.imports));
    s.push(...flowSentences(ctx, code, other, "exports", data.exports));
  }
  if (!s.length) return null;
  return ctx.section("partners", ctx.t("Who replaced whom", "Wer wen ersetzt hat"), s, [
    "partners-a",
    "partners-b",
  ]);
}
