// Energy, arms, UN alignment and dependence relative to GDP, from the beyond-trade sections of the
// profile. Where a section is absent the text says so, with the reason the section gives.
import { type Figure, type FigureSource, type Sentence, sourcesOf } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";
import { energySinceSentences } from "./energy-since.ts";

function src(ctx: NarrativeContext, dataset: string): FigureSource[] {
  const p = ctx.data.beyond.provenance[dataset];
  return [
    {
      dataset,
      publisher: p?.publisher,
      citation: p?.citation,
      file: p?.file,
      version: p?.version,
    },
  ];
}

function absent(ctx: NarrativeContext, what: string, reason: string): Sentence {
  return ctx.say(ctx.t(`${what}: no data — ${reason}.`, `${what}: keine Daten — ${reason}.`), [], true);
}

const FUEL_NAMES: Record<string, [string, string]> = {
  pipeline_gas: ["pipeline gas", "Pipelinegas"],
  lng: ["liquefied natural gas (LNG)", "Flüssigerdgas (LNG)"],
  oil: ["oil (crude and products)", "Öl (Rohöl und Produkte)"],
  coal: ["coal", "Kohle"],
};

export function energySection(ctx: NarrativeContext): Section {
  const title = ctx.t("Energy", "Energie");
  const e = ctx.data.beyond.sections.energy;
  if ("absent" in e) return ctx.section("energy", title, [absent(ctx, title, e.absent)]);
  const s: Sentence[] = [];
  const { a, b } = ctx.profile;
  // One sentence per direction and fuel: the latest year, against the first year of the editions here, so
  // the reader sees whether a supplier's share rose or fell (the seed's diversification question).
  for (const [from, to, qty, share] of [
    [a.code, b.code, "aToB", "shareOfBImportsFromA"],
    [b.code, a.code, "bToA", "shareOfAImportsFromB"],
  ] as const) {
    const F = ctx.forms(from);
    const T = ctx.forms(to);
    for (const fuel of [...new Set(e.years.map((y) => y.fuel))]) {
      const series = e.years.filter((y) => y.fuel === fuel && y[qty] !== null);
      if (!series.some((y) => y[qty])) continue;
      const [en, de] = FUEL_NAMES[fuel] ?? [fuel, fuel];
      const figures = (y: (typeof series)[number], label: [string, string], shareOnly = false) => {
        const Q = shareOnly
          ? undefined
          : ctx.derived({
              value: y[qty]!,
              kind: "quantity",
              unit: y.unit,
              digits: y.unit === "EJ" ? 2 : 1,
              label: ctx.t(
                `${capitalise(en)} from ${F.nom} to ${T.nom}, ${label[0]}`,
                `${de} ${F.from} ${T.to}, ${label[1]}`,
              ),
              year: y.year,
              indicator: `energy.${fuel}`,
              a: from,
              b: to,
              sources: src(ctx, "ei-energy"),
            });
        const sh = y[share];
        const S =
          sh !== null
            ? ctx.derived({
                value: sh,
                kind: "pct",
                label: ctx.t(
                  `${F.gen} share of ${T.gen} imports of ${en}, ${label[0]}`,
                  `Anteil ${F.gen} an den Importen ${T.gen} (${de}), ${label[1]}`,
                ),
                year: y.year,
                indicator: `energy.${fuel}_share`,
                a: from,
                b: to,
                sources: src(ctx, "ei-energy"),
              })
            : undefined;
        return { Q: Q!, S };
      };
      const last = series[series.length - 1];
      const L = figures(last, [String(last.year), String(last.year)]);
      // The share year by year: the supplier's place in the other's imports over the editions.
      const earlier = series
        .slice(0, -1)
        .filter((y) => y[share] !== null)
        .map((y) => ({ year: y.year, S: figures(y, [String(y.year), String(y.year)], true).S! }));
      const trail = earlier.length
        ? ctx.t(
            `; earlier: ${earlier.map((x) => `${x.S.text} (${x.year})`).join(", ")}`,
            `; zuvor: ${earlier.map((x) => `${x.S.text} (${x.year})`).join(", ")}`,
          )
        : "";
      s.push(
        ctx.say(
          ctx.t(
            `In ${last.year}, ${F.nom} delivered ${L.Q.text} of ${en} ${T.to}${L.S ? `, ${L.S.text} of ${T.gen} imports of it` : ""}${trail} (Statistical Review of World Energy).`,
            `${last.year} lieferte ${F.nom} ${L.Q.text} ${de} ${T.to}${L.S ? `, ${L.S.text} der Importe ${T.gen}` : ""}${trail} (Statistical Review of World Energy).`,
          ),
          [L.Q, ...(L.S ? [L.S] : []), ...earlier.map((x) => x.S)],
        ),
      );
    }
  }
  // Since 2000: the regional gas series, where one side names the other in its pipeline imports.
  const since = ctx.data.beyond.sections.energySince2000;
  if (since && !("absent" in since))
    for (const series of since.series) {
      const I = ctx.forms(series.importer);
      const X = ctx.forms(series.exporter);
      const ys = series.years;
      const last = ys[ys.length - 1];
      const firstFlow = ys.find((y) => y.fromPartner > 0);
      if (!last || !firstFlow || last.fromPartner <= 0) continue;
      const sources = src(ctx, "ei-energy");
      const Q = ctx.derived({
        value: last.fromPartner,
        kind: "quantity",
        unit: "bcm",
        label: ctx.t(
          `Pipeline gas imports of ${I.nom} from ${X.nom}, ${last.year} (regional series)`,
          `Pipelinegas-Importe ${I.gen} ${X.from}, ${last.year} (Regionalreihe)`,
        ),
        year: last.year,
        indicator: "energy.pipeline_gas",
        a: series.exporter,
        b: series.importer,
        sources,
      });
      const S = last.total
        ? ctx.derived({
            value: last.fromPartner / last.total,
            kind: "pct",
            label: ctx.t(
              `${X.gen} share of ${I.gen} pipeline gas imports, ${last.year} (regional series)`,
              `Anteil ${X.gen} an den Pipelinegas-Importen ${I.gen}, ${last.year} (Regionalreihe)`,
            ),
            year: last.year,
            indicator: "energy.pipeline_gas_share",
            a: series.exporter,
            b: series.importer,
            sources,
          })
        : undefined;
      const before =
        firstFlow.year > ys[0].year
          ? ctx.t(
              `nil from ${ys[0].year} to ${firstFlow.year - 1}, first recorded in ${firstFlow.year}, and`,
              `von ${ys[0].year} bis ${firstFlow.year - 1} null, erstmals ${firstFlow.year} verzeichnet, und`,
            )
          : ctx.t(`recorded since ${ys[0].year} and`, `seit ${ys[0].year} verzeichnet und`);
      s.push(
        ctx.say(
          ctx.t(
            `In the Statistical Review's regional series since ${ys[0].year}, ${I.gen} pipeline gas imports from ${X.nom} were ${before} ${Q.text} in ${last.year}${S ? `, ${S.text} of its pipeline imports` : ""}.`,
            `In der Regionalreihe der Statistical Review seit ${ys[0].year} waren die Pipelinegas-Importe ${I.gen} ${X.from} ${before} ${last.year} ${Q.text}${S ? `, ${S.text} seiner Pipeline-Importe` : ""}.`,
          ),
          S ? [Q, S] : [Q],
        ),
      );
    }
  s.push(...energySinceSentences(ctx));
  if (!s.length)
    s.push(
      ctx.say(
        ctx.t(
          `The Statistical Review's bilateral tables list both countries but record no energy flows between them.`,
          `Die bilateralen Tabellen der Statistical Review führen beide Länder, verzeichnen aber keine Energieströme zwischen ihnen.`,
        ),
        [],
        true,
      ),
    );
  const years = [...new Set(e.years.map((y) => y.year))].sort((x, y) => x - y);
  const span = years.length > 1 ? `${years[0]}–${years[years.length - 1]}` : String(years[0]);
  s.push(
    ctx.say(
      ctx.t(
        `The bilateral energy tables cover one year per edition of the Statistical Review (here ${span}); countries the publisher groups into regions have no value.`,
        `Die bilateralen Energietabellen decken je Ausgabe der Statistical Review ein Jahr ab (hier ${span}); Länder, die der Herausgeber in Regionen zusammenfasst, haben keinen Wert.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("energy", title, s, ["energy", "energy-since-2000"]);
}

export function armsSection(ctx: NarrativeContext): Section {
  const title = ctx.t("Arms transfers", "Rüstungsexporte");
  const arms = ctx.data.beyond.sections.arms;
  if ("absent" in arms) return ctx.section("arms", title, [absent(ctx, title, arms.absent)]);
  const s: Sentence[] = [];
  const { a, b } = ctx.profile;
  const first = arms.years[0].year;
  const last = arms.years[arms.years.length - 1].year;
  for (const [from, to, key, share] of [
    [a.code, b.code, "tivAtoB", ctx.data.beyond.armsShareAB],
    [b.code, a.code, "tivBtoA", ctx.data.beyond.armsShareBA],
  ] as const) {
    const F = ctx.forms(from);
    const T = ctx.forms(to);
    const total = arms.years.reduce((x, y) => x + y[key], 0);
    if (!total) {
      s.push(
        ctx.say(
          ctx.t(
            `SIPRI records no major-arms deliveries from ${F.nom} ${T.to} in ${first}–${last}.`,
            `SIPRI verzeichnet ${first}–${last} keine Lieferungen von Großwaffensystemen ${F.from} ${T.to}.`,
          ),
          [],
        ),
      );
      continue;
    }
    const peak = arms.years.reduce((x, y) => (y[key] > x[key] ? y : x));
    const TT = ctx.derived({
      value: total,
      kind: "quantity",
      unit: "TIV",
      digits: 0,
      label: ctx.t(`Major arms delivered by ${F.nom} to ${T.nom}`, `Großwaffensysteme ${F.from} ${T.to}`),
      year: `${first}–${last}`,
      indicator: "arms.tiv",
      a: from,
      b: to,
      sources: src(ctx, "sipri"),
    });
    const P = ctx.derived({
      value: peak[key],
      kind: "quantity",
      unit: "TIV",
      digits: 0,
      label: ctx.t(`Major arms delivered by ${F.nom} to ${T.nom}`, `Großwaffensysteme ${F.from} ${T.to}`),
      year: peak.year,
      indicator: "arms.tiv",
      a: from,
      b: to,
      sources: src(ctx, "sipri"),
    });
    const figs: Figure[] = [TT, P];
    let shareText = "";
    if (share && share.value !== null) {
      const d = share.detail as { from: number; to: number };
      const S = ctx.derived({
        value: share.value,
        kind: "pct",
        label: ctx.t(
          `${F.gen} share of ${T.gen} major arms imports`,
          `Anteil ${F.gen} an den Rüstungsimporten ${T.gen}`,
        ),
        year: `${d.from}–${d.to}`,
        indicator: "arms.supplier_share",
        a: from,
        b: to,
        sources: src(ctx, "sipri"),
      });
      figs.push(S);
      shareText = ctx.t(
        ` In ${d.from}–${d.to}, ${F.nom} supplied ${S.text} of ${T.gen} imports of major arms.`,
        ` ${d.from}–${d.to} stammten ${S.text} der Rüstungsimporte ${T.gen} ${F.from}.`,
      );
    }
    s.push(
      ctx.say(
        ctx.t(
          `From ${first} to ${last}, ${F.nom} delivered major arms worth ${TT.text} ${T.to}, most in ${peak.year} (${P.text}).${shareText}`,
          `Von ${first} bis ${last} lieferte ${F.nom} Großwaffensysteme im Umfang von ${TT.text} ${T.to}, die meisten ${peak.year} (${P.text}).${shareText}`,
        ),
        figs,
      ),
    );
  }
  s.push(
    ctx.say(
      ctx.t(
        `SIPRI's trend-indicator value (TIV) measures the military capability transferred, not the price paid; the register here ends in ${last}.`,
        `SIPRIs Trendindikatorwert (TIV) misst die übertragene militärische Fähigkeit, nicht den gezahlten Preis; das Register reicht hier bis ${last}.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("arms", title, s, ["arms"]);
}

export function unSection(ctx: NarrativeContext): Section {
  const title = ctx.t("Votes at the United Nations", "Abstimmungen in den Vereinten Nationen");
  const un = ctx.data.beyond.sections.un;
  if ("absent" in un) return ctx.section("un", title, [absent(ctx, title, un.absent)]);
  const s: Sentence[] = [];
  const { A, B } = ctx;
  // A year with a handful of roll calls says little; the comparison starts where the trade data start.
  const start = ctx.profile.trade.table.find((r) => r.turnover !== null)?.year ?? 0;
  const agree = un.years.filter((y) => y.agreement !== null && !y.thin && y.year >= start);
  const fig = (y: (typeof un.years)[number]) =>
    ctx.derived({
      value: y.agreement!,
      kind: "pct",
      label: ctx.t(
        `UNGA roll calls on which ${A.nom} and ${B.nom} voted alike`,
        `UN-Abstimmungen, in denen ${A.nom} und ${B.nom} gleich stimmten`,
      ),
      year: y.year,
      indicator: "un.agreement",
      a: ctx.profile.a.code,
      b: ctx.profile.b.code,
      sources: src(ctx, "unvotes"),
    });
  if (agree.length) {
    const last = agree[agree.length - 1];
    const first = agree[0];
    const L = fig(last);
    const F = fig(first);
    s.push(
      ctx.say(
        ctx.t(
          `In ${last.year}, ${A.nom} and ${B.nom} voted alike on ${L.text} of the UN General Assembly roll calls in which both took part${first.year !== last.year ? `, against ${F.text} in ${first.year}` : ""} (${ctx.sourceName(L.sources)}).`,
          `${last.year} stimmten ${A.nom} und ${B.nom} in der UN-Generalversammlung bei ${L.text} der Abstimmungen, an denen beide teilnahmen, gleich${first.year !== last.year ? `, gegenüber ${F.text} im Jahr ${first.year}` : ""} (${ctx.sourceName(L.sources)}).`,
        ),
        first.year !== last.year ? [L, F] : [L],
      ),
    );
    s.push(
      ctx.say(
        ctx.t(
          `The roll-call data here end in ${last.year}.`,
          `Die Abstimmungsdaten reichen hier bis ${last.year}.`,
        ),
        [],
        true,
      ),
    );
  }
  const dist = un.years.filter((y) => y.idealPointDistance !== null && y.year >= start);
  if (dist.length) {
    const last = dist[dist.length - 1];
    const D = ctx.derived({
      value: last.idealPointDistance!,
      kind: "quantity",
      unit: "",
      digits: 2,
      label: ctx.t(
        `Distance between the UNGA ideal points of ${A.nom} and ${B.nom}`,
        `Abstand der UN-Idealpunkte von ${A.dat} und ${B.dat}`,
      ),
      year: last.year,
      indicator: "un.idealpoint_distance",
      a: ctx.profile.a.code,
      b: ctx.profile.b.code,
      sources: src(ctx, "voeten"),
    });
    D.text = D.text.trim();
    const first = dist[0];
    const D0 =
      first.year !== last.year
        ? ctx.derived({
            value: first.idealPointDistance!,
            kind: "quantity",
            unit: "",
            digits: 2,
            label: D.label,
            year: first.year,
            indicator: "un.idealpoint_distance",
            a: ctx.profile.a.code,
            b: ctx.profile.b.code,
            sources: src(ctx, "voeten"),
          })
        : undefined;
    if (D0) D0.text = D0.text.trim();
    s.push(
      ctx.say(
        ctx.t(
          `In the session that opened in ${last.year}, their ideal points (Bailey, Strezhnev & Voeten) lay ${D.text} apart${D0 ? `, against ${D0.text} in ${first.year}` : ""}; a smaller distance means more similar voting, and differences of about a tenth of a point lie within the estimates' uncertainty.`,
          `In der ${last.year} eröffneten Sitzungsperiode lagen ihre Idealpunkte (Bailey, Strezhnev & Voeten) ${D.text} auseinander${D0 ? `, gegenüber ${D0.text} im Jahr ${first.year}` : ""}; ein kleinerer Abstand bedeutet ähnlicheres Stimmverhalten, Unterschiede von etwa einem Zehntelpunkt liegen innerhalb der Schätzunsicherheit.`,
        ),
        D0 ? [D, D0] : [D],
      ),
    );
  }
  return ctx.section("un", title, s, ["un"]);
}

export function gdpSection(ctx: NarrativeContext): Section {
  const title = ctx.t("Dependence relative to GDP", "Abhängigkeit im Verhältnis zur Wirtschaftsleistung");
  const macro = ctx.data.beyond.sections.macro;
  if ("absent" in macro) return ctx.section("gdp", title, [absent(ctx, title, macro.absent)]);
  const table = ctx.profile.trade.table;
  const rows = macro.years
    .map((m) => ({ m, t: table.find((r) => r.year === m.year && r.turnover !== null) }))
    .filter((x) => x.t && x.m.gdpA && x.m.gdpB);
  if (!rows.length)
    return ctx.section("gdp", title, [
      absent(
        ctx,
        title,
        ctx.t(
          "no year has both the trade figure and both GDPs",
          "kein Jahr hat sowohl die Handelszahl als auch beide BIP-Werte",
        ),
      ),
    ]);
  const { m, t } = rows[rows.length - 1];
  const { a, b } = ctx.profile;
  const turnover = ctx.value("trade.turnover", a.code, m.year) ?? ctx.value("trade.turnover", b.code, m.year);
  const sources = [...(turnover ? sourcesOf(turnover.provenance) : []), ...src(ctx, "wdi")];
  const fig = (gdp: number, self: string, other: string) =>
    ctx.derived({
      value: t!.turnover! / gdp,
      kind: "pct",
      label: ctx.t(
        `Trade with ${ctx.forms(other).dat} relative to ${ctx.forms(self).gen} GDP`,
        `Handel mit ${ctx.forms(other).dat} im Verhältnis zum BIP ${ctx.forms(self).gen}`,
      ),
      year: m.year,
      indicator: "trade.gdp_dependence",
      a: self,
      b: other,
      sources,
    });
  const GA = fig(m.gdpA!, a.code, b.code);
  const GB = fig(m.gdpB!, b.code, a.code);
  const s: Sentence[] = [
    ctx.say(
      ctx.t(
        `In ${m.year}, trade between the two equalled ${GA.text} of ${ctx.A.gen} GDP and ${GB.text} of ${ctx.B.gen} (${ctx.sourceName(sources)}).`,
        `${m.year} entsprach der Handel zwischen beiden ${GA.text} des BIP ${ctx.A.gen} und ${GB.text} des BIP ${ctx.B.gen} (${ctx.sourceName(sources)}).`,
      ),
      [GA, GB],
    ),
    ctx.say(
      ctx.t(
        "Trade is a gross flow and GDP a value added, so the ratio measures exposure, not a share of GDP.",
        "Handel ist ein Bruttostrom, das BIP eine Wertschöpfung; das Verhältnis misst daher die Verflechtung, keinen Anteil am BIP.",
      ),
      [],
      true,
    ),
  ];
  return ctx.section("gdp", title, s, ["gdp"]);
}
