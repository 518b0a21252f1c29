// Direct investment and joint military exercises, from the profile's sections of the same names. Every
// number is a figure with its source; where data are withheld, negative or end early, a caveat says so.
import type { InvestYear } from "../../profile/invest-military.ts";
import type { FigureSource, Sentence } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

function src(ctx: NarrativeContext, dataset: string): FigureSource[] {
  const p = ctx.data.beyond.provenance[dataset];
  return [{ dataset, publisher: p?.publisher, citation: p?.citation, file: p?.file, version: p?.version }];
}

function absent(ctx: NarrativeContext, what: string, reason: string): Sentence {
  return ctx.say(ctx.t(`${what}: no data — ${reason}.`, `${what}: keine Daten — ${reason}.`), [], true);
}

type Side = "AinB" | "BinA";

/** One investor's positions over the years: the latest, the first and the largest, as one or two sentences. */
function positionSentences(ctx: NarrativeContext, years: InvestYear[], side: Side): Sentence[] {
  const { a, b } = ctx.profile;
  const [investor, host] = side === "AinB" ? [a.code, b.code] : [b.code, a.code];
  const I = ctx.forms(investor);
  const H = ctx.forms(host);
  const value = (y: InvestYear) => (side === "AinB" ? y.positionAinB : y.positionBinA);
  const withheld = (y: InvestYear) => (side === "AinB" ? y.positionAinBWithheld : y.positionBinAWithheld);
  const share = (y: InvestYear) => (side === "AinB" ? y.shareOfAOutward : y.shareOfBOutward);
  const known = years.filter((y) => value(y) !== null);
  const out: Sentence[] = [];
  const sources = src(ctx, "imf-cdis");
  const fig = (y: InvestYear, label: string) =>
    ctx.derived({
      value: value(y)!,
      kind: "usd",
      label,
      year: y.year,
      indicator: "invest.position",
      a: investor,
      b: host,
      sources,
    });
  if (known.length) {
    const last = known[known.length - 1];
    const L = fig(
      last,
      ctx.t(
        `${I.gen} direct investment in ${H.nom}, end ${last.year}`,
        `Direktinvestitionen ${I.gen} in ${H.dat}, Ende ${last.year}`,
      ),
    );
    const s = share(last);
    const S =
      s !== null
        ? ctx.derived({
            value: s,
            kind: "pct",
            digits: s < 0.01 ? 2 : 1,
            label: ctx.t(
              `${H.gen} share of ${I.gen} direct investment abroad, end ${last.year}`,
              `Anteil ${H.gen} an den Direktinvestitionen ${I.gen} im Ausland, Ende ${last.year}`,
            ),
            year: last.year,
            indicator: "invest.outward_share",
            a: investor,
            b: host,
            sources,
          })
        : undefined;
    out.push(
      ctx.say(
        ctx.t(
          `At the end of ${last.year}, ${I.nom} held direct investment of ${L.text} in ${H.nom}${S ? `, ${S.text} of its direct investment abroad` : ""} (${I.gen} own report to the IMF's CDIS).`,
          `Ende ${last.year} hielt ${I.nom} Direktinvestitionen von ${L.text} in ${H.dat}${S ? `, ${S.text} seiner Direktinvestitionen im Ausland` : ""} (eigene Meldung ${I.gen} an den CDIS des IWF).`,
        ),
        S ? [L, S] : [L],
      ),
    );
    if (known.length > 1) {
      const first = known[0];
      const peak = known.reduce((m, y) => (value(y)! > value(m)! ? y : m), first);
      const F = fig(first, ctx.t(`the same, end ${first.year}`, `dieselben, Ende ${first.year}`));
      const figures = [F];
      let peakText = "";
      if (peak !== first && peak !== last) {
        const P = fig(peak, ctx.t(`the same, end ${peak.year}`, `dieselben, Ende ${peak.year}`));
        figures.push(P);
        peakText = ctx.t(
          `, with a peak of ${P.text} at the end of ${peak.year}`,
          `, mit einem Höchststand von ${P.text} Ende ${peak.year}`,
        );
      }
      out.push(
        ctx.say(
          ctx.t(
            `At the end of ${first.year}, the first year it reported for ${H.nom}, the figure was ${F.text}${peakText}.`,
            `Ende ${first.year}, im ersten Jahr mit einer Meldung für ${H.nom}, waren es ${F.text}${peakText}.`,
          ),
          figures,
        ),
      );
    }
    const lastReport = Math.max(...years.map((y) => y.year));
    if (last.year < lastReport && !withheld(years[years.length - 1]))
      out.push(
        ctx.say(
          ctx.t(
            `${capitalise(I.nom)} has reported no figure for ${H.nom} since the end of ${last.year}.`,
            `Seit Ende ${last.year} hat ${I.nom} keine Zahl für ${H.nom} gemeldet.`,
          ),
          [],
          true,
        ),
      );
    if (value(last)! < 0)
      out.push(
        ctx.say(
          ctx.t(
            `A negative position means the enterprises in ${H.nom} hold more claims on their investors in ${I.nom} than the reverse (loans to the parent, reverse investment, accumulated losses).`,
            `Eine negative Position bedeutet, dass die Unternehmen in ${H.dat} mehr Forderungen an ihre Investoren in ${I.dat} haben als umgekehrt (Kredite an die Muttergesellschaft, Rückinvestitionen, aufgelaufene Verluste).`,
          ),
          [],
          true,
        ),
      );
  }
  const hidden = years.filter(withheld).map((y) => y.year);
  if (hidden.length)
    out.push(
      ctx.say(
        ctx.t(
          `For the end of ${hidden.join(", ")}, ${I.nom} withheld its figure for ${H.nom} as confidential: not zero, and not missing.`,
          `Für das Ende von ${hidden.join(", ")} hat ${I.nom} seine Zahl für ${H.nom} als vertraulich zurückgehalten: nicht null und nicht fehlend.`,
        ),
        [],
        true,
      ),
    );
  return out;
}

function flowSentence(ctx: NarrativeContext, years: InvestYear[], side: Side): Sentence | undefined {
  const { a, b } = ctx.profile;
  const [origin, host] = side === "AinB" ? [a.code, b.code] : [b.code, a.code];
  const flow = (y: InvestYear) => (side === "AinB" ? y.flowAtoB : y.flowBtoA);
  const known = years.filter((y) => flow(y) !== null);
  if (!known.length) return undefined;
  const last = known[known.length - 1];
  const O = ctx.forms(origin);
  const H = ctx.forms(host);
  const F = ctx.derived({
    value: flow(last)!,
    kind: "usd",
    label: ctx.t(
      `direct-investment flow from ${O.nom} into ${H.nom}, ${last.year}`,
      `Direktinvestitionsstrom ${O.from} ${H.to}, ${last.year}`,
    ),
    year: last.year,
    indicator: "invest.flow",
    a: origin,
    b: host,
    sources: src(ctx, "unctad-fdi"),
  });
  return ctx.say(
    ctx.t(
      `In ${last.year}, the last year of UNCTAD's bilateral tables, ${H.nom} recorded a direct-investment flow of ${F.text} from ${O.nom}${flow(last)! < 0 ? " (a net withdrawal)" : ""}.`,
      `${last.year}, im letzten Jahr der bilateralen Tabellen der UNCTAD, verzeichnete ${H.nom} einen Direktinvestitionsstrom von ${F.text} ${O.from}${flow(last)! < 0 ? " (ein Nettoabzug)" : ""}.`,
    ),
    [F],
  );
}

export function investSection(ctx: NarrativeContext): Section | null {
  const title = ctx.t("Direct investment", "Direktinvestitionen");
  const inv = ctx.data.beyond.sections.invest;
  if (!inv) return null;
  if ("absent" in inv) return ctx.section("invest", title, [absent(ctx, title, inv.absent)]);
  const s: Sentence[] = [
    ...positionSentences(ctx, inv.years, "AinB"),
    ...positionSentences(ctx, inv.years, "BinA"),
  ];
  for (const side of ["AinB", "BinA"] as const) {
    const f = flowSentence(ctx, inv.years, side);
    if (f) s.push(f);
  }
  s.push(
    ctx.say(
      ctx.t(
        "Positions are stocks at the end of the year by the immediate counterpart: investment routed through financial centres (Hong Kong, Cyprus, the Netherlands) counts there, not at its source. The IMF's survey covers 2009–2022, UNCTAD's flows 2001–2012.",
        "Positionen sind Bestände zum Jahresende nach dem unmittelbaren Gegenüber: Investitionen über Finanzzentren (Hongkong, Zypern, die Niederlande) zählen dort, nicht beim eigentlichen Investor. Die Erhebung des IWF reicht von 2009 bis 2022, die Ströme der UNCTAD von 2001 bis 2012.",
      ),
      [],
      true,
    ),
  );
  return ctx.section("invest", title, s, ["invest"]);
}

export function exercisesSection(ctx: NarrativeContext): Section | null {
  const title = ctx.t("Joint military exercises", "Gemeinsame Militärübungen");
  const mil = ctx.data.beyond.sections.military;
  if (!mil) return null;
  if ("absent" in mil) return ctx.section("exercises", title, [absent(ctx, title, mil.absent)]);
  const { a, b } = ctx.profile;
  const sources = src(ctx, "mme");
  const total = mil.years.reduce((sum, y) => sum + y.exercises, 0);
  const first = mil.years[0]?.year;
  const s: Sentence[] = [];
  const count = (n: number, label: string, year: number | string) =>
    ctx.derived({
      value: n,
      kind: "quantity",
      unit: n === 1 ? ctx.t("exercise", "Übung") : ctx.t("exercises", "Übungen"),
      digits: 0,
      label,
      year,
      indicator: "mil.exercises",
      a: a.code,
      b: b.code,
      sources,
    });
  if (total > 0) {
    const T = count(
      total,
      ctx.t(`joint exercises, ${first}–${mil.dataEnd}`, `gemeinsame Übungen, ${first}–${mil.dataEnd}`),
      `${first}–${mil.dataEnd}`,
    );
    const busiest = mil.years.reduce((m, y) => (y.exercises > m.exercises ? y : m), mil.years[0]);
    const Bz = count(
      busiest.exercises,
      ctx.t(`joint exercises, ${busiest.year}`, `gemeinsame Übungen, ${busiest.year}`),
      busiest.year,
    );
    s.push(
      ctx.say(
        ctx.t(
          `Between ${first} and ${mil.dataEnd}, ${ctx.A.nom} and ${ctx.B.nom} took part together in ${T.text}, the most in ${busiest.year} (${Bz.text}).`,
          `Zwischen ${first} und ${mil.dataEnd} nahmen ${ctx.A.nom} und ${ctx.B.nom} gemeinsam an ${T.text} teil, die meisten ${busiest.year} (${Bz.text}).`,
        ),
        [T, Bz],
      ),
    );
    // Names are the data's own; a number inside one ("Safe Pass 80") is part of the name, not a figure, so
    // only names whose only digits are a year are quoted, the most recent eight.
    const quotable = mil.exercises.filter(
      (e) => !e.name.startsWith("unnamed") && !/\d/.test(e.name.replace(/\b(19|20)\d\d\b/g, "")),
    );
    const named = quotable.slice(-8);
    const all = named.length === mil.exercises.length;
    if (named.length)
      s.push(
        ctx.say(
          ctx.t(
            `${all ? "They were" : quotable.length > named.length ? "Among the most recent" : "Among them"}: ${named.map((e) => e.name).join(", ")}.`,
            `${all ? "Es waren" : quotable.length > named.length ? "Zu den jüngsten gehören" : "Darunter"}: ${named.map((e) => e.name).join(", ")}.`,
          ),
          [],
        ),
      );
  } else
    s.push(
      ctx.say(
        ctx.t(
          `The exercise data record no military exercise in which both ${ctx.A.nom} and ${ctx.B.nom} took part in ${first}–${mil.dataEnd}.`,
          `Die Daten verzeichnen für ${first}–${mil.dataEnd} keine Militärübung, an der ${ctx.A.nom} und ${ctx.B.nom} beide teilnahmen.`,
        ),
        [],
      ),
    );
  s.push(
    ctx.say(
      ctx.t(
        `The exercise data (Multinational Military Exercises, MME v7) end in ${mil.dataEnd}: nothing later is covered here.`,
        `Die Daten zu Militärübungen (Multinational Military Exercises, MME v7) enden ${mil.dataEnd}: Späteres ist hier nicht erfasst.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("exercises", title, s, ["exercises"]);
}
