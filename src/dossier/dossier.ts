// The dossier as data: sections of sentences, each sentence with the figures it cites, and the figures
// table with provenance. The HTML and PDF reports, the CLI and the server all start here.
import type { Store } from "../store/index.ts";
import { type DossierData, type DossierOptions, gatherDossierData } from "./data.ts";
import type { Figure } from "./figures.ts";
import type { Lang } from "./format.ts";
import { armsSection, energySection, gdpSection, unSection } from "./narrative/beyond.ts";
import { NarrativeContext, type Section } from "./narrative/context.ts";
import { dependenceSection } from "./narrative/dependence.ts";
import { goodsSection } from "./narrative/goods.ts";
import { exercisesSection, investSection } from "./narrative/invest-military.ts";
import { latestSection } from "./narrative/latest.ts";
import { partnersSection } from "./narrative/partners.ts";
import { growthSection, volumeSection } from "./narrative/trade.ts";

export interface BuildOptions extends DossierOptions {
  lang?: Lang;
}

export interface Dossier {
  lang: Lang;
  a: { code: string; name: string };
  b: { code: string; name: string };
  title: string;
  /** Set when the loaded data hold nothing at all for the pair: the one thing to say instead of a report. */
  empty?: string;
  sections: Section[];
  figures: Figure[];
  data: DossierData;
}

export class NoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NoDataError";
  }
}

export function narrate(data: DossierData, lang: Lang): Dossier {
  const ctx = new NarrativeContext(data, lang);
  const { a, b } = data.profile;
  const beyond = data.beyond.sections;
  const nothingBeyond = ["un", "arms", "energy"].every((k) => "absent" in (beyond[k as "un"] as object));
  const title = ctx.t(`${a.en} and ${b.en}: a dossier`, `${a.de} und ${b.de}: ein Dossier`);
  const base = {
    lang,
    a: { code: a.code, name: a[lang] },
    b: { code: b.code, name: b[lang] },
    title,
    data,
  };
  const noTrade = data.profile.trade.table.every(
    (r) => r.turnover === null && r.abExports === null && r.baExports === null,
  );
  if (noTrade && nothingBeyond) {
    const period =
      data.profile.from || data.profile.to ? ` (${data.profile.from ?? "…"}–${data.profile.to ?? "…"})` : "";
    return {
      ...base,
      empty: ctx.t(
        `No data at all for ${ctx.A.nom} and ${ctx.B.nom}${period} in the loaded sources: no trade, no UN votes, arms transfers or energy flows. Check the country codes, or load more sources with \`dyad setup\` or \`dyad fetch\`.`,
        `Keine Daten zu ${ctx.A.dat} und ${ctx.B.dat}${period} in den geladenen Quellen: kein Handel, keine UN-Abstimmungen, Rüstungs- oder Energielieferungen. Prüfen Sie die Ländercodes oder laden Sie weitere Quellen mit \`dyad setup\` oder \`dyad fetch\`.`,
      ),
      sections: [],
      figures: [],
    };
  }
  const sections = [
    latestSection(ctx),
    volumeSection(ctx),
    growthSection(ctx),
    dependenceSection(ctx),
    partnersSection(ctx),
    energySection(ctx),
    investSection(ctx),
    armsSection(ctx),
    exercisesSection(ctx),
    unSection(ctx),
    gdpSection(ctx),
    goodsSection(ctx),
  ].filter((s): s is Section => s !== null && s.sentences.length > 0);
  return { ...base, sections, figures: ctx.book.figures };
}

/** The dossier of a pair in one language: gathers the data, then tells it. */
export async function buildDossier(
  store: Store,
  a: string,
  b: string,
  options: BuildOptions = {},
): Promise<Dossier> {
  const data = await gatherDossierData(store, a, b, options);
  return narrate(data, options.lang ?? "en");
}
