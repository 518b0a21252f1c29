// Volume and record, growth and its trend break, asymmetric dependence: the trade half of the article.
import type { IndicatorValue } from "../../indicators/types.ts";
import { type Figure, type Sentence, sourcesOf } from "../figures.ts";
import { percent, signedPercent } from "../format.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

/** The turnover in a year from A's report, else B's, with whose statistics it is. */
function turnoverIn(
  ctx: NarrativeContext,
  year: number,
): { v: IndicatorValue; reporter: string } | undefined {
  const { a, b } = ctx.profile;
  const va = ctx.value("trade.turnover", a.code, year);
  if (va) return { v: va, reporter: a.code };
  const vb = ctx.value("trade.turnover", b.code, year);
  return vb ? { v: vb, reporter: b.code } : undefined;
}

/** The growth within one reporter's series, the one the profile's table names for the year. */
function growthIn(ctx: NarrativeContext, year: number): IndicatorValue | undefined {
  const row = ctx.profile.trade.table.find((r) => r.year === year);
  return row?.growthReporter ? ctx.value("trade.turnover.growth", row.growthReporter, year) : undefined;
}

function tradeYears(ctx: NarrativeContext): number[] {
  return ctx.profile.trade.table.filter((r) => r.turnover !== null).map((r) => r.year);
}

function whose(ctx: NarrativeContext, reporter: string): string {
  const f = ctx.forms(reporter);
  return ctx.t(`${f.gen} statistics`, `Statistik ${f.gen}`);
}

export function volumeSection(ctx: NarrativeContext): Section {
  const s: Sentence[] = [];
  const { A, B } = ctx;
  const title = ctx.t("Volume and record", "Volumen und Rekord");
  const years = tradeYears(ctx);
  if (!years.length) {
    const period = ctx.profile.from || ctx.profile.to;
    s.push(
      ctx.say(
        ctx.t(
          `The loaded sources hold no trade between ${A.nom} and ${B.nom}${period ? " for these years" : ""}.`,
          `Die geladenen Quellen enthalten keinen Handel zwischen ${A.dat} und ${B.dat}${period ? " für diese Jahre" : ""}.`,
        ),
        [],
        true,
      ),
    );
    return ctx.section("volume", title, s);
  }
  const last = years[years.length - 1];
  const first = years[0];
  const t = turnoverIn(ctx, last)!;
  const label = ctx.t(`Trade between ${A.nom} and ${B.nom}`, `Handel zwischen ${A.dat} und ${B.dat}`);
  const T = ctx.usd(t.v, `${label}, ${whose(ctx, t.reporter)}`);
  const src = ctx.sourceName(T.sources);
  const row = ctx.profile.trade.table.find((r) => r.year === last)!;
  // A record is the highest in the same reporter's figures: since the first year that side reported.
  const since = years.find((y) => ctx.value("trade.turnover", t.reporter, y)) ?? first;
  if (row.record && years.length > 1) {
    s.push(
      ctx.say(
        ctx.t(
          `In ${last}, trade between ${A.nom} and ${B.nom} reached a record ${T.text}, the highest value in ${whose(ctx, t.reporter)} since ${since} (${src}).`,
          `${last} erreichte der Handel zwischen ${A.dat} und ${B.dat} den Rekordwert von ${T.text}, den höchsten Wert in der ${whose(ctx, t.reporter)} seit ${since} (${src}).`,
        ),
        [T],
      ),
    );
  } else {
    // The record to compare with is the same reporter's: another side's figures are no yardstick.
    const best = ctx.profile.trade.table
      .filter((r) => r.turnover !== null && r.turnoverReporter === t.reporter)
      .reduce((x, y) => (y.turnover! > x.turnover! ? y : x));
    const below = years.length > 1 && best.year !== last;
    const tb = turnoverIn(ctx, best.year)!;
    const R = ctx.usd(tb.v, `${label}, ${whose(ctx, tb.reporter)}`);
    s.push(
      ctx.say(
        ctx.t(
          `In ${last}, trade between ${A.nom} and ${B.nom} came to ${T.text} (${src})${below ? `, below the record of ${R.text} in ${best.year}` : ""}.`,
          `${last} belief sich der Handel zwischen ${A.dat} und ${B.dat} auf ${T.text} (${src})${below ? `, weniger als der Rekord von ${R.text} im Jahr ${best.year}` : ""}.`,
        ),
        below ? [T, R] : [T],
      ),
    );
  }
  // The flows behind the turnover, as the same side reports them.
  const x = ctx.value("trade.exports", t.reporter, last);
  const m = ctx.value("trade.imports", t.reporter, last);
  const R = ctx.forms(t.reporter);
  const P = t.reporter === ctx.profile.a.code ? B : A;
  if (x && m) {
    const X = ctx.usd(x, ctx.t(`${R.gen} exports ${P.to}`, `Exporte ${R.gen} ${P.to}`));
    const M = ctx.usd(m, ctx.t(`${R.gen} imports ${P.from}`, `Importe ${R.gen} ${P.from}`));
    s.push(
      ctx.say(
        ctx.t(
          `${capitalise(R.nom)} exported goods worth ${X.text} ${P.to} and imported ${M.text} ${P.from}.`,
          `${capitalise(R.nom)} exportierte Waren für ${X.text} ${P.to} und importierte für ${M.text} ${P.from}.`,
        ),
        [X, M],
      ),
    );
  }
  // A flow whose two sides' reports differ beyond valuation (3× and more): say so where it is used.
  for (const [field, exporter] of [
    ["abExports", ctx.profile.a.code],
    ["baExports", ctx.profile.b.code],
  ] as const) {
    if (!row.gaps.includes(field)) continue;
    const own = ctx.value("trade.exports", exporter, last);
    const mirror = ctx.value("trade.exports.mirror", exporter, last);
    if (!own?.value || !mirror?.value) continue;
    const Xf = ctx.forms(exporter);
    const Mf = ctx.forms(exporter === ctx.profile.a.code ? ctx.profile.b.code : ctx.profile.a.code);
    const O = ctx.usd(own, ctx.t(`${Xf.gen} exports ${Mf.to}`, `Exporte ${Xf.gen} ${Mf.to}`));
    const M = ctx.usd(
      mirror,
      ctx.t(`${Xf.gen} exports ${Mf.to}, ${Mf.gen} report`, `Exporte ${Xf.gen} ${Mf.to}, laut ${Mf.dat}`),
    );
    const ratio = Math.max(own.value, mirror.value) / Math.min(own.value, mirror.value);
    const Rg = ctx.derived({
      value: ratio,
      kind: "times",
      label: ctx.t("Ratio of the two sides' reports", "Verhältnis der Angaben beider Seiten"),
      year: last,
      sources: [...O.sources, ...M.sources],
    });
    s.push(
      ctx.say(
        ctx.t(
          `${capitalise(Xf.gen)} exports ${Mf.to} in ${last} are ${O.text} as ${Xf.nom} reports them and ${M.text} as ${Mf.nom} reports them, ${Rg.text} apart: far more than valuation explains, so one of the two reports is likely wrong (see \`dyad sources diff\`).`,
          `Die Exporte ${Xf.gen} ${Mf.to} betrugen ${last} laut ${Xf.dat} ${O.text} und laut ${Mf.dat} ${M.text}, ${Rg.text} so viel: weit mehr, als die Bewertung erklärt; eine der beiden Angaben ist wahrscheinlich falsch (siehe \`dyad sources diff\`).`,
        ),
        [O, M, Rg],
        true,
      ),
    );
  }
  // The other side's own figure for the same year, where it reported one.
  const other = t.reporter === ctx.profile.a.code ? ctx.profile.b.code : ctx.profile.a.code;
  const OF = ctx.forms(other);
  const ov = ctx.value("trade.turnover", other, last);
  if (ov) {
    const O = ctx.usd(ov, `${label}, ${whose(ctx, other)}`);
    s.push(
      ctx.say(
        ctx.t(
          `By ${OF.gen} own statistics the figure was ${O.text}; the two differ because each side values its imports including freight and insurance, and records them at different times.`,
          `Nach der eigenen Statistik ${OF.gen} waren es ${O.text}; die Zahlen weichen ab, weil jede Seite ihre Importe einschließlich Fracht und Versicherung bewertet und zu anderen Zeitpunkten verbucht.`,
        ),
        [O],
      ),
    );
  } else {
    s.push(
      ctx.say(
        ctx.t(
          `For ${last} the figure rests on ${whose(ctx, t.reporter)} only: ${OF.nom} published no trade with ${P.dat === OF.dat ? R.dat : P.dat} for that year in the loaded sources.`,
          `Für ${last} beruht die Zahl allein auf der ${whose(ctx, t.reporter)}: Von ${OF.dat} liegen für dieses Jahr in den geladenen Quellen keine Angaben zum Handel mit ${R.dat} vor.`,
        ),
        [],
        true,
      ),
    );
  }
  // The series changes hands where one side stops reporting: say so, since levels of two reporters differ.
  const spans: { reporter: string; from: number; to: number }[] = [];
  for (const r of ctx.profile.trade.table) {
    if (!r.turnoverReporter) continue;
    const span = spans[spans.length - 1];
    if (span && span.reporter === r.turnoverReporter) span.to = r.year;
    else spans.push({ reporter: r.turnoverReporter, from: r.year, to: r.year });
  }
  if (spans.length > 1) {
    const list = spans
      .map((x) => {
        const range = x.from === x.to ? `${x.from}` : `${x.from}–${x.to}`;
        return ctx.t(`${whose(ctx, x.reporter)} for ${range}`, `die ${whose(ctx, x.reporter)} für ${range}`);
      })
      .join(ctx.t(", then ", ", danach "));
    s.push(
      ctx.say(
        ctx.t(
          `The figures quoted change reporter within the series: ${list}; growth rates and records here compare one side's figures only.`,
          `Die zitierten Zahlen wechseln innerhalb der Reihe die Quelle: ${list}; Wachstumsraten und Rekorde vergleichen hier nur Zahlen derselben Seite.`,
        ),
        [],
        true,
      ),
    );
  }
  s.push(
    ctx.say(
      ctx.t(
        `The series here runs from ${first} to ${last}; later years are not in the loaded data.`,
        `Die Reihe reicht hier von ${first} bis ${last}; spätere Jahre fehlen in den geladenen Daten.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("volume", title, s, ["turnover", "flows"]);
}

/**
 * The growth rate the reporter itself published with the figure ("+1.9 % year on year" in the customs
 * release), which can differ from the rate computed from the published levels when the previous year
 * was revised.
 */
function publishedGrowth(ctx: NarrativeContext, g: IndicatorValue, label: string): Figure | undefined {
  const now = g.provenance.find((p) => p.year === g.year && p.flow === "turnover");
  const m = now?.note?.match(/^([+\-−]?\d+(?:\.\d+)?)\s?% year on year/);
  if (!now || !m) return undefined;
  const value = Number(m[1].replace("−", "-")) / 100;
  return ctx.book.add({
    label: `${label}${ctx.t(" (as published)", " (wie veröffentlicht)")}`,
    text: signedPercent(value, ctx.lang),
    value,
    unit: "fraction",
    year: g.year,
    indicator: "trade.turnover.growth",
    a: g.a,
    b: g.b,
    sources: sourcesOf([now]),
  });
}

export function growthSection(ctx: NarrativeContext): Section | null {
  const years = tradeYears(ctx);
  const withGrowth = years.filter((y) => growthIn(ctx, y));
  if (!withGrowth.length) return null;
  const { A, B } = ctx;
  const s: Sentence[] = [];
  const last = withGrowth[withGrowth.length - 1];
  const label = ctx.t(
    `Growth of trade between ${A.nom} and ${B.nom}`,
    `Wachstum des Handels zwischen ${A.dat} und ${B.dat}`,
  );
  const g = growthIn(ctx, last)!;
  const computed = ctx.growth(
    g,
    `${label}${ctx.t(" (computed from the levels)", " (aus den Werten berechnet)")}`,
  );
  const published = publishedGrowth(ctx, g, label);
  const G = published ?? computed;
  const verb = G.value >= 0 ? ctx.t("grew by", "wuchs um") : ctx.t("fell by", "sank um");
  // "grew by 1.9%": the sentence carries the sign in its verb, so the figure is the magnitude.
  const Gm = ctx.book.add({ ...G, text: percent(Math.abs(G.value), ctx.lang) });
  s.push(
    ctx.say(
      ctx.t(
        `Compared with ${last - 1}, trade in ${last} ${verb} ${Gm.text} (${ctx.sourceName(G.sources)}${published ? ", as published" : ""}).`,
        `Im Vergleich zu ${last - 1} ${verb.split(" ")[0]} der Handel ${last} um ${Gm.text} (${ctx.sourceName(G.sources)}${published ? ", wie veröffentlicht" : ""}).`,
      ),
      [Gm],
    ),
  );
  if (published && computed.text !== published.text) {
    s.push(
      ctx.say(
        ctx.t(
          `Computed from the published levels the change is ${computed.text}; the publisher compares with revised figures for the previous year.`,
          `Aus den veröffentlichten Werten berechnet beträgt die Veränderung ${computed.text}; der Herausgeber vergleicht mit revidierten Vorjahreszahlen.`,
        ),
        [computed],
        true,
      ),
    );
  }
  const before = [last - 1, last - 2].map((y) => ({ y, v: growthIn(ctx, y) })).filter((x) => x.v);
  if (before.length) {
    const figs = before.map((x) => publishedGrowth(ctx, x.v!, label) ?? ctx.growth(x.v!, label));
    const list = before.map((x, i) => `${figs[i].text} (${x.y})`).join(ctx.t(" and ", " und "));
    s.push({
      text: ctx.t(
        `In the years before, it had changed by ${list}.`,
        `In den Jahren davor hatte er sich um ${list} verändert.`,
      ),
      figures: figs.map((f) => f.id),
    });
    const prior = figs.map((f) => f.value);
    if (Math.min(...prior) > 0.1 && G.value < Math.min(...prior) / 2) {
      s.push({
        text: ctx.t(
          `The growth of the previous years has broken off: ${G.text} against at least ${figs.reduce((x, y) => (y.value < x.value ? y : x)).text} before.`,
          `Das Wachstum der Vorjahre ist abgebrochen: ${G.text} nach mindestens ${figs.reduce((x, y) => (y.value < x.value ? y : x)).text} zuvor.`,
        ),
        figures: [G.id, figs.reduce((x, y) => (y.value < x.value ? y : x)).id],
      });
    } else if (Math.max(...prior) < 0 && G.value > 0) {
      s.push({
        text: ctx.t(
          `After falling in the previous years, trade grew again (${G.text}).`,
          `Nach dem Rückgang der Vorjahre wuchs der Handel wieder (${G.text}).`,
        ),
        figures: [G.id],
      });
    }
  }
  // A change of publisher between the two years (IMF DOTS to UN Comtrade, say) can account for part of the
  // change; a newer file of the same publisher's series (China's customs, 2024 then 2025) cannot.
  const yearSources = (y: number) => ctx.sourceName(sourcesOf(g.provenance.filter((p) => p.year === y)));
  const [nowSource, beforeSource] = [yearSources(last), yearSources(last - 1)];
  if (nowSource && beforeSource && nowSource !== beforeSource) {
    s.push(
      ctx.say(
        ctx.t(
          `The two years of this comparison come from different publishers (${beforeSource} for ${last - 1}, ${nowSource} for ${last}), so part of the change may be a change of source.`,
          `Die beiden verglichenen Jahre stammen von verschiedenen Herausgebern (${beforeSource} für ${last - 1}, ${nowSource} für ${last}); ein Teil der Veränderung kann daher ein Quellenwechsel sein.`,
        ),
        [],
        true,
      ),
    );
  }
  // The long view: how many times larger trade is now than in the first year of the data.
  const first = years[0];
  const lastT = years[years.length - 1];
  if (lastT - first >= 5) {
    const t0 = turnoverIn(ctx, first)!;
    const t1 = turnoverIn(ctx, lastT)!;
    const label = ctx.t(`Trade between ${A.nom} and ${B.nom}`, `Handel zwischen ${A.dat} und ${B.dat}`);
    const T0 = ctx.usd(t0.v, `${label}, ${whose(ctx, t0.reporter)}`);
    const T1 = ctx.usd(t1.v, `${label}, ${whose(ctx, t1.reporter)}`);
    const ratio = t1.v.value! / t0.v.value!;
    const Rt = ctx.derived({
      value: ratio,
      kind: "times",
      label: ctx.t(
        `Trade in ${lastT} as a multiple of ${first}`,
        `Handel ${lastT} als Vielfaches von ${first}`,
      ),
      year: `${first}–${lastT}`,
      sources: [...T0.sources, ...T1.sources],
      caveat:
        t0.reporter !== t1.reporter
          ? ctx.t(
              "the two years come from different sides' statistics",
              "die beiden Jahre stammen aus der Statistik verschiedener Seiten",
            )
          : undefined,
    });
    s.push({
      text:
        ratio >= 1
          ? ctx.t(
              `Over the whole period, trade grew from ${T0.text} in ${first} to ${T1.text} in ${lastT}, ${Rt.text} the starting value.`,
              `Über den ganzen Zeitraum wuchs der Handel von ${T0.text} (${first}) auf ${T1.text} (${lastT}), ${Rt.text} so viel wie zu Beginn.`,
            )
          : ctx.t(
              `Over the whole period, trade went from ${T0.text} in ${first} to ${T1.text} in ${lastT}.`,
              `Über den ganzen Zeitraum ging der Handel von ${T0.text} (${first}) auf ${T1.text} (${lastT}) zurück.`,
            ),
      figures: ratio >= 1 ? [T0.id, T1.id, Rt.id] : [T0.id, T1.id],
    });
  }
  return ctx.section("growth", ctx.t("Growth and trend", "Wachstum und Trendbruch"), s, ["growth"]);
}
