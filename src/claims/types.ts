// The claim as the pipeline hands it on: its span, what it measures, the two sides, the period.
import type { Lang, Quantity } from "./numbers.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Period {
  /** The calendar years the claim is about; empty when it could not be resolved. */
  years: number[];
  /** The words that gave the period ("im vergangenen Jahr", "2023"), null when none was written. */
  text: string | null;
  basis: "explicit" | "relative" | "base-year" | "context" | "default" | "unresolved";
  /** Why it resolved as it did, or why it could not. */
  note?: string;
  /** Part of a year only (a quarter, a month): annual data cannot check it. */
  partial?: boolean;
}

export interface Claim {
  id: number;
  /** The quantity phrase as written (hedge and unit included); start/end are its offsets in the input. */
  text: string;
  start: number;
  end: number;
  sentence: Span & { text: string };
  kind: Quantity["kind"];
  /** The quantity in base units: USD (or the currency in `unit`), a fraction for shares and rates. */
  quantity: number;
  quantityHigh?: number;
  /** The number as written and its scale word's multiplier (245 and 1e9 for "245 Milliarden"). */
  number: number;
  scale: number;
  unit: string;
  precision: number;
  hedge: Quantity["hedge"] | null;
  /** The interval the phrase admits from rounding and hedge (before any data allowance). */
  low: number | null;
  high: number | null;
  /** What the figure measures, in words: "turnover", "export share", "growth of turnover", ... */
  measure: string;
  /** An indicator of the catalogue, or null when the claim is outside it. */
  indicator: string | null;
  /** A claim about a change of an indicator: growth rate (fraction) or absolute change. */
  derived?: "growth" | "change";
  /** The claim is stated as not holding ("nicht der wichtigste Absatzmarkt"). */
  negated?: boolean;
  /** When indicator is null: what the figure is about. */
  outside?: string;
  a: string | null;
  b: string | null;
  /** How a and b were found: in the clause, in the sentence, or from the article's main pair. */
  countriesFrom: "clause" | "sentence" | "article" | "context";
  period: Period;
  /** Goods (what the trade data cover), goods and services (headline figures), or one product. */
  scope: "goods" | "goods and services" | "product" | "n/a";
  product?: string;
  /** How the figure was read where the sentence leaves room: a direct-investment sum as a stock or a flow. */
  basis?: string;
  /** Why the claim could not be read with confidence ("could not tell ..."): it gets no verdict. */
  unsure?: string;
  /** One line saying what was understood: "China's total exports (to the World), 2004, goods, annual". */
  readAs: string;
}

export interface ExtractOptions {
  /** Publication date (YYYY-MM-DD): resolves "im vergangenen Jahr". Found in the text if not given. */
  date?: string;
  lang?: Lang;
}

export interface Extraction {
  lang: Lang;
  date: string | null;
  dateSource: "option" | "article" | "none";
  /** The two countries the article is mostly about, by mentions (title counted three times). */
  pair: [string, string] | null;
  claims: Claim[];
}
