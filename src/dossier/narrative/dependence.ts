// Asymmetric dependence: each side's shares of the other side side by side, how many times more one
// depends on the other, ranks, and — where a side stopped reporting by partner — the mirror shares.
import type { Sentence } from "../figures.ts";
import { capitalise } from "../names.ts";
import type { NarrativeContext, Section } from "./context.ts";

export function dependenceSection(ctx: NarrativeContext): Section | null {
  const { a, b } = ctx.profile;
  const s: Sentence[] = [];
  const own = (from: string, y: number) =>
    ctx.value("trade.export_share", from, y) && ctx.value("trade.import_share", from, y);
  const years = ctx.profile.years;
  const both = years.filter((y) => own(a.code, y) && own(b.code, y));
  const anyOwn = years.filter((y) => own(a.code, y) || own(b.code, y));
  const yr = both.length ? both[both.length - 1] : anyOwn[anyOwn.length - 1];
  if (yr === undefined) return null;

  // The side that depends more (larger trade share) is told first, as the article tells Russia first.
  const ta = ctx.value("trade.trade_share", a.code, yr)?.value ?? 0;
  const tb = ctx.value("trade.trade_share", b.code, yr)?.value ?? 0;
  const [dep, other] = tb > ta ? [b.code, a.code] : [a.code, b.code];
  for (const [x, y] of [
    [dep, other],
    [other, dep],
  ]) {
    const X = ctx.forms(x);
    const Y = ctx.forms(y);
    const ex = ctx.value("trade.export_share", x, yr);
    const im = ctx.value("trade.import_share", x, yr);
    if (!ex || !im) continue;
    const E = ctx.pct(
      ex,
      ctx.t(`Share of ${X.gen} exports going ${Y.to}`, `Anteil ${Y.to} an den Exporten ${X.gen}`),
    );
    const I = ctx.pct(
      im,
      ctx.t(`Share of ${X.gen} imports coming ${Y.from}`, `Anteil ${Y.from} an den Importen ${X.gen}`),
    );
    const src = ctx.sourceName([...E.sources, ...I.sources]);
    s.push(
      ctx.say(
        ctx.t(
          `In ${yr}, ${E.text} of ${X.gen} exports went ${Y.to} and ${I.text} of its imports came ${Y.from} (${X.gen} own figures, ${src}).`,
          `${yr} gingen ${E.text} der Exporte ${X.gen} ${Y.to}, und ${I.text} der Importe kamen ${Y.from} (eigene Angaben ${X.gen}, ${src}).`,
        ),
        [E, I],
      ),
    );
    const rx = ctx.value("trade.export_rank", x, yr);
    const rm = ctx.value("trade.import_rank", x, yr);
    if (rx && rm) {
      const RX = ctx.rank(
        rx,
        ctx.t(
          `Rank of ${Y.nom} among ${X.gen} export destinations`,
          `Rang ${Y.gen} unter den Exportzielen ${X.gen}`,
        ),
      );
      const RM = ctx.rank(
        rm,
        ctx.t(
          `Rank of ${Y.nom} among ${X.gen} import origins`,
          `Rang ${Y.gen} unter den Herkunftsländern der Importe ${X.gen}`,
        ),
      );
      s.push(
        ctx.say(
          ctx.t(
            `${capitalise(Y.nom)} ranked ${RX.text} among ${X.gen} export destinations and ${RM.text} among its suppliers.`,
            `Unter den Abnehmern ${X.gen} stand ${Y.nom} auf ${RX.text}, unter den Lieferanten auf ${RM.text}.`,
          ),
          [RX, RM],
        ),
      );
    }
  }
  // How many times more one side depends on the other, by total trade.
  const asym = ctx.value("trade.asymmetry", dep, yr);
  const sd = ctx.value("trade.trade_share", dep, yr);
  const so = ctx.value("trade.trade_share", other, yr);
  if (asym && sd && so) {
    const D = ctx.forms(dep);
    const O = ctx.forms(other);
    const SD = ctx.pct(
      sd,
      ctx.t(`Share of ${O.nom} in ${D.gen} total trade`, `Anteil ${O.gen} am gesamten Handel ${D.gen}`),
    );
    const SO = ctx.pct(
      so,
      ctx.t(`Share of ${D.nom} in ${O.gen} total trade`, `Anteil ${D.gen} am gesamten Handel ${O.gen}`),
    );
    const R = ctx.ratio(
      asym,
      ctx.t(
        `How many times more ${D.nom} depends on ${O.dat} than the reverse`,
        `Wie viel mal stärker ${D.nom} von ${O.dat} abhängt als umgekehrt`,
      ),
    );
    s.push(
      ctx.say(
        asym.value! >= 1.25
          ? ctx.t(
              `The dependence is not mutual: ${O.nom} accounted for ${SD.text} of ${D.gen} total trade, ${D.nom} for only ${SO.text} of ${O.gen} — ${D.nom} depends ${R.text} as much on ${O.dat} as the other way round.`,
              `Die Abhängigkeit ist nicht wechselseitig: Auf ${O.nom} entfielen ${SD.text} des gesamten Handels ${D.gen}, auf ${D.nom} nur ${SO.text} des Handels ${O.gen} — ${D.nom} hängt ${R.text} so stark von ${O.dat} ab wie umgekehrt.`,
            )
          : ctx.t(
              `The dependence is roughly mutual: ${O.nom} accounted for ${SD.text} of ${D.gen} total trade and ${D.nom} for ${SO.text} of ${O.gen} (ratio ${R.text}).`,
              `Die Abhängigkeit ist annähernd wechselseitig: Auf ${O.nom} entfielen ${SD.text} des gesamten Handels ${D.gen}, auf ${D.nom} ${SO.text} des Handels ${O.gen} (Verhältnis ${R.text}).`,
            ),
        [SD, SO, R],
      ),
    );
  }
  // Years after the last own report: the partner's figures over the side's own published totals.
  for (const x of [dep, other]) {
    const y = x === a.code ? b.code : a.code;
    const later = years.filter(
      (yy) =>
        yy > yr &&
        !ctx.value("trade.export_share", x, yy) &&
        ctx.value("trade.export_share.mirror", x, yy) &&
        ctx.value("trade.import_share.mirror", x, yy),
    );
    if (!later.length) continue;
    const ly = later[later.length - 1];
    const X = ctx.forms(x);
    const Y = ctx.forms(y);
    const em = ctx.value("trade.export_share.mirror", x, ly)!;
    const im = ctx.value("trade.import_share.mirror", x, ly)!;
    const caveat = ctx.t(
      `rests on ${Y.gen} statistics only: ${Y.gen} reported trade over ${X.gen} published totals`,
      `beruht allein auf der Statistik ${Y.gen}: deren Angaben über den von ${X.dat} veröffentlichten Gesamtwerten`,
    );
    const E = ctx.pct(
      em,
      ctx.t(
        `Share of ${X.gen} exports going ${Y.to} (mirror)`,
        `Anteil ${Y.to} an den Exporten ${X.gen} (Spiegeldaten)`,
      ),
      { caveat },
    );
    const I = ctx.pct(
      im,
      ctx.t(
        `Share of ${X.gen} imports coming ${Y.from} (mirror)`,
        `Anteil ${Y.from} an den Importen ${X.gen} (Spiegeldaten)`,
      ),
      { caveat },
    );
    const ownEnd = [...years].reverse().find((yy) => ctx.value("trade.export_share", x, yy));
    s.push(
      ctx.say(
        ctx.t(
          `${capitalise(X.nom)} has published no trade by partner after ${ownEnd}. Measured by ${Y.gen} figures against ${X.gen} published totals, ${E.text} of ${X.gen} exports went ${Y.to} in ${ly} and ${I.text} of its imports came ${Y.from} (${ctx.sourceName([...E.sources, ...I.sources])}).`,
          `Nach ${ownEnd} hat ${X.nom} keinen Handel nach Partnern mehr veröffentlicht. Gemessen an den Angaben ${Y.gen} und den von ${X.dat} veröffentlichten Gesamtwerten gingen ${ly} ${E.text} der Exporte ${X.gen} ${Y.to}, und ${I.text} der Importe kamen ${Y.from} (${ctx.sourceName([...E.sources, ...I.sources])}).`,
        ),
        [E, I],
      ),
    );
    s.push(
      ctx.say(
        ctx.t(
          `These shares rest on ${Y.gen} statistics only; the numerator counts ${Y.gen} imports including freight, so the export share is somewhat overstated.`,
          `Diese Anteile beruhen allein auf der Statistik ${Y.gen}; der Zähler enthält bei den Importen ${Y.gen} Fracht und Versicherung, der Exportanteil ist daher etwas überzeichnet.`,
        ),
        [],
        true,
      ),
    );
  }
  const lastOwn = (x: string) => [...years].reverse().find((yy) => own(x, yy));
  const ea = lastOwn(a.code);
  const eb = lastOwn(b.code);
  s.push(
    ctx.say(
      ctx.t(
        `Own shares by partner end in ${ea ?? "—"} for ${ctx.A.nom} and in ${eb ?? "—"} for ${ctx.B.nom} in the loaded data.`,
        `Eigene Anteile nach Partnern reichen in den geladenen Daten für ${ctx.A.nom} bis ${ea ?? "—"}, für ${ctx.B.nom} bis ${eb ?? "—"}.`,
      ),
      [],
      true,
    ),
  );
  return ctx.section("dependence", ctx.t("Asymmetric dependence", "Asymmetrische Abhängigkeit"), s, [
    "shares",
    "asymmetry",
  ]);
}
