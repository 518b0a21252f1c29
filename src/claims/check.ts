// The claim checker as a library: text (or HTML) in, claims with verdicts and evidence out. The CLI and
// the server call this; input and output are plain JSON-serialisable values.
import type { Store } from "../store/index.ts";
import { type Claim, extractClaims } from "./extract.ts";
import { htmlToAlignedText, looksLikeHtml } from "./html-input.ts";
import type { Lang } from "./numbers.ts";
import { type Compute, type Evidence, type Verdict, verifyClaim } from "./verify.ts";

export interface CheckOptions {
  /** Publication date, YYYY-MM-DD: resolves "im vergangenen Jahr", "last year". Else a date in the article. */
  date?: string;
  lang?: Lang;
  /** "auto" (default) treats input that looks like HTML as HTML. */
  format?: "auto" | "text" | "html";
  /** For tests: another way to compute indicators than the catalogue. */
  compute?: Compute;
}

export interface CheckedClaim extends Omit<Claim, "text"> {
  /** The claim's words with runs of white space collapsed (for HTML input the tags are gone). */
  text: string;
  verdict: Verdict;
  reason?: string;
  evidence: Evidence;
}

export interface CheckResult {
  /** What start/end refer to: offsets (UTF-16 code units, as JavaScript counts) into the input as given. */
  offsets: "input";
  format: "text" | "html";
  lang: Lang;
  date: string | null;
  dateSource: "option" | "article" | "none";
  pair: [string, string] | null;
  claims: CheckedClaim[];
  counts: Record<Verdict, number>;
}

export class CheckInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CheckInputError";
  }
}

export async function checkArticle(
  store: Store,
  input: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  return checkRead(store, readArticle(input, options), options);
}

/** An article read: its claims found, not yet checked (which needs no store). */
export interface ReadArticle {
  format: "text" | "html";
  extraction: ReturnType<typeof extractClaims>;
}

/** The first half of checkArticle: the input's format and its claims. The CLI opens the store meanwhile. */
export function readArticle(input: string, options: CheckOptions = {}): ReadArticle {
  if (options.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.date)) {
    throw new CheckInputError(
      `--date "${options.date}" is not a date: give it as YYYY-MM-DD, e.g. 2025-05-08.`,
    );
  }
  if (options.date && Number.isNaN(Date.parse(options.date))) {
    throw new CheckInputError(`--date "${options.date}" is not a calendar date: give it as YYYY-MM-DD.`);
  }
  const format =
    options.format === "text" || options.format === "html"
      ? options.format
      : looksLikeHtml(input)
        ? "html"
        : "text";
  const text = format === "html" ? htmlToAlignedText(input) : input;
  return { format, extraction: extractClaims(text, { date: options.date, lang: options.lang }) };
}

/** The second half of checkArticle: each claim found checked against the store. */
export async function checkRead(
  store: Store,
  { format, extraction }: ReadArticle,
  options: Pick<CheckOptions, "compute"> = {},
): Promise<CheckResult> {
  const claims: CheckedClaim[] = [];
  // One load of the article's data for all its claims (see lookup.ts), unless a test brings its own.
  const compute =
    options.compute ?? (await (await import("./lookup.ts")).articleCompute(store, extraction.claims));
  for (const claim of extraction.claims) {
    const v = await verifyClaim(store, claim, compute);
    claims.push({
      ...claim,
      text: claim.text.replace(/\s+/g, " ").trim(),
      sentence: { ...claim.sentence, text: claim.sentence.text.replace(/\s+/g, " ").trim() },
      verdict: v.verdict,
      ...(v.reason ? { reason: v.reason } : {}),
      evidence: v.evidence,
    });
  }
  const counts: Record<Verdict, number> = {
    consistent: 0,
    "consistent with one side's statistics only": 0,
    inconsistent: 0,
    "not checkable": 0,
  };
  for (const c of claims) counts[c.verdict]++;
  return {
    offsets: "input",
    format,
    lang: extraction.lang,
    date: extraction.date,
    dateSource: extraction.dateSource,
    pair: extraction.pair,
    claims,
    counts,
  };
}
