// What every section of the narrative shares: the data, the language, the figure book, names in the cases
// sentences need, and figures made from indicator values with their sources.
import type { IndicatorValue } from "../../indicators/types.ts";
import type { DossierData, DossierProfile } from "../data.ts";
import { type Figure, FigureBook, type FigureSource, fromValue, type Sentence } from "../figures.ts";
import { type Lang, percent, quantity, rank, signedPercent, times, usd } from "../format.ts";
import { type NameForms, nameForms } from "../names.ts";

export interface Section {
  id: string;
  title: string;
  sentences: Sentence[];
  /** The charts that illustrate the section, by name. */
  charts: string[];
}

export class NarrativeContext {
  readonly book = new FigureBook();
  readonly A: NameForms;
  readonly B: NameForms;
  constructor(
    readonly data: DossierData,
    readonly lang: Lang,
  ) {
    this.A = this.forms(data.profile.a.code);
    this.B = this.forms(data.profile.b.code);
  }

  get profile(): DossierProfile {
    return this.data.profile;
  }

  /** English or German. */
  t(en: string, de: string): string {
    return this.lang === "de" ? de : en;
  }

  forms(code: string, name?: string): NameForms {
    const p = this.profile;
    const plain =
      name ??
      (code === p.a.code ? p.a[this.lang] : code === p.b.code ? p.b[this.lang] : undefined) ??
      this.partnerName(code);
    return nameForms(code, plain, this.lang);
  }

  private partnerName(code: string): string {
    for (const side of [this.data.partners.a, this.data.partners.b])
      for (const r of [...side.exports, ...side.imports]) if (r.partner === code) return r[this.lang];
    return code;
  }

  /** The value of a trade indicator from one side's series. */
  value(indicator: string, from: string, year: number): IndicatorValue | undefined {
    const s = this.profile.trade.series.find((x) => x.indicator === indicator && x.a === from);
    const v = s?.values.find((x) => x.year === year);
    return v && v.value !== null ? v : undefined;
  }

  usd(v: IndicatorValue, label: string, extra: Partial<Figure> = {}): Figure {
    return this.book.add({ ...fromValue(v), unit: "USD", label, text: usd(v.value!, this.lang), ...extra });
  }

  pct(v: IndicatorValue, label: string, extra: Partial<Figure> = {}): Figure {
    return this.book.add({
      ...fromValue(v),
      unit: "fraction",
      label,
      text: percent(v.value!, this.lang),
      ...extra,
    });
  }

  growth(v: IndicatorValue, label: string, extra: Partial<Figure> = {}): Figure {
    return this.book.add({
      ...fromValue(v),
      unit: "fraction",
      label,
      text: signedPercent(v.value!, this.lang),
      ...extra,
    });
  }

  ratio(v: IndicatorValue, label: string, extra: Partial<Figure> = {}): Figure {
    return this.book.add({
      ...fromValue(v),
      unit: "ratio",
      label,
      text: times(v.value!, this.lang),
      ...extra,
    });
  }

  rank(v: IndicatorValue, label: string): Figure {
    return this.book.add({ ...fromValue(v), unit: "rank", label, text: rank(v.value!, this.lang) });
  }

  /** A figure computed here from others (a multiple, a sum); its sources are theirs. */
  derived(spec: {
    value: number;
    kind: "usd" | "pct" | "growth" | "times" | "quantity" | "rank";
    unit?: string;
    label: string;
    year: number | string;
    sources: FigureSource[];
    indicator?: string;
    a?: string;
    b?: string;
    caveat?: string;
    digits?: number;
  }): Figure {
    const { kind, digits, ...rest } = spec;
    const text =
      kind === "usd"
        ? usd(spec.value, this.lang)
        : kind === "pct"
          ? percent(spec.value, this.lang, digits ?? 1)
          : kind === "growth"
            ? signedPercent(spec.value, this.lang)
            : kind === "times"
              ? times(spec.value, this.lang)
              : kind === "rank"
                ? rank(spec.value, this.lang)
                : quantity(spec.value, spec.unit ?? "", this.lang, digits ?? 1);
    return this.book.add({
      ...rest,
      unit:
        spec.unit ??
        (kind === "usd" ? "USD" : kind === "times" ? "ratio" : kind === "rank" ? "rank" : "fraction"),
      text,
    });
  }

  /** A short source name for the text: "IMF DOTS", "China's customs (GACC)". */
  sourceName(sources: FigureSource[]): string {
    const names = new Set<string>();
    for (const s of sources) names.add(shortSource(s, this.lang));
    return [...names].join(this.t(" and ", " und "));
  }

  /** A sentence citing the figures whose text it carries. */
  say(text: string, figures: Figure[], caveat = false): Sentence {
    return { text, figures: [...new Set(figures.map((f) => f.id))], ...(caveat ? { caveat: true } : {}) };
  }

  section(id: string, title: string, sentences: Sentence[], charts: string[] = []): Section {
    return { id, title, sentences, charts };
  }
}

export function shortSource(s: FigureSource, lang: Lang): string {
  const d = s.dataset.toLowerCase();
  if (d.startsWith("imf-dots")) return "IMF DOTS";
  if (d.startsWith("imts")) return "IMF IMTS";
  if (d.includes("comtrade")) return "UN Comtrade";
  if (d.includes("unctad")) return "UNCTADstat";
  if (d.includes("china-customs")) return lang === "de" ? "Chinas Zoll (GACC)" : "China's customs (GACC)";
  if (d.includes("russia-customs")) return lang === "de" ? "Russlands Zoll (FTS)" : "Russia's customs (FCS)";
  if (d === "unvotes") return lang === "de" ? "UN-Abstimmungen (Voeten)" : "UN roll calls (Voeten)";
  if (d === "voeten") return "Bailey, Strezhnev & Voeten";
  if (d === "sipri") return "SIPRI";
  if (d === "ei-energy") return "Energy Institute";
  if (d === "imf-cdis") return lang === "de" ? "IWF (CDIS)" : "IMF CDIS";
  if (d === "unctad-fdi")
    return lang === "de" ? "UNCTAD (bilaterale FDI-Statistik)" : "UNCTAD bilateral FDI statistics";
  if (d === "mme") return "Multinational Military Exercises v7";
  if (d === "wdi") return lang === "de" ? "Weltbank (WDI)" : "World Bank (WDI)";
  if (d.startsWith("baci")) return "CEPII BACI";
  return s.publisher ?? s.dataset;
}

export { percent, signedPercent, times, usd };
