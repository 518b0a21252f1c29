// The figures a dossier cites: every number in its text is one of these, with the data it rests on.
// Sentences are built with a tagged template so a figure cannot reach the text without being cited.
import type { IndicatorValue, Provenance } from "../indicators/types.ts";

export interface FigureSource {
  dataset: string;
  publisher?: string;
  citation?: string;
  /** The economy whose statistics the number is, and whether it is that side's own report or the mirror. */
  reporter?: string;
  side?: "reporter" | "partner";
  file?: string | null;
  version?: string | null;
}

export interface Figure {
  /** "F1", "F2", …: the number the text and the table share. */
  id: string;
  /** What the figure is, in the dossier's language. */
  label: string;
  /** The figure as the text writes it. */
  text: string;
  value: number;
  unit: string;
  /** A year, or a span of years ("2019–2023"). */
  year: number | string;
  indicator?: string;
  a?: string;
  b?: string;
  sources: FigureSource[];
  /** Set where the figure rests on one side's (the partner's) statistics only, or has another limit. */
  caveat?: string;
}

export interface Sentence {
  text: string;
  /** Ids of the figures the sentence cites, in order of appearance. */
  figures: string[];
  /** A sentence that states a limit of the data (where they end, whose statistics they are). */
  caveat?: boolean;
}

export type FigureSpec = Omit<Figure, "id">;

export function sourcesOf(provenance: Provenance[]): FigureSource[] {
  const out = new Map<string, FigureSource>();
  for (const p of provenance) {
    const key = `${p.dataset}|${p.reporter ?? ""}|${p.side ?? ""}`;
    if (out.has(key)) continue;
    out.set(key, {
      dataset: p.dataset,
      publisher: p.publisher,
      citation: p.citation,
      reporter: p.reporter,
      side: p.side,
      file: p.file,
      version: p.version,
    });
  }
  return [...out.values()];
}

/** Figure spec fields taken from an indicator value. */
export function fromValue(
  v: IndicatorValue,
): Pick<FigureSpec, "value" | "year" | "indicator" | "a" | "b" | "sources"> {
  return {
    value: v.value ?? Number.NaN,
    year: v.year,
    indicator: v.indicator,
    a: v.a,
    b: v.b,
    sources: sourcesOf(v.provenance),
  };
}

export class FigureBook {
  readonly figures: Figure[] = [];
  private byKey = new Map<string, Figure>();

  add(input: FigureSpec & { id?: unknown }): Figure {
    const { id: _ignored, ...spec } = input;
    const key = [spec.indicator ?? spec.label, spec.a, spec.b, spec.year, spec.text].join("|");
    const known = this.byKey.get(key);
    if (known) return known;
    const figure = { id: `F${this.figures.length + 1}`, ...spec };
    this.figures.push(figure);
    this.byKey.set(key, figure);
    return figure;
  }

  /**
   * A sentence from a template: a Figure interpolates as its text and is cited; a number interpolates
   * as a year (the only bare number a sentence may carry); a string as it is.
   */
  s(strings: TemplateStringsArray, ...parts: (Figure | string | number)[]): Sentence {
    let text = strings[0];
    const figures: string[] = [];
    parts.forEach((part, i) => {
      if (typeof part === "object") {
        text += part.text;
        if (!figures.includes(part.id)) figures.push(part.id);
      } else text += String(part);
      text += strings[i + 1];
    });
    return { text, figures };
  }

  /** The same, marked as a statement about the data's limits. */
  caveat(strings: TemplateStringsArray, ...parts: (Figure | string | number)[]): Sentence {
    return { ...this.s(strings, ...parts), caveat: true };
  }
}
