// The dashboard's view of the API: typed fetches, and the API's own error message on failure.
// The shapes the API answers with are the library's own types, imported (types only) from src/.
import type { Lang } from "../../src/countries/lang.ts";
import type { Party, Profile, TradeYear } from "../../src/profile/index.ts";
import type { KeyFigure } from "../../src/profile/key-figures.ts";

export type { KeyFigure, Lang, Party, Profile, TradeYear };

export interface Country {
  code: string;
  iso2?: string;
  kind: "country" | "aggregate" | "historical";
  en: string;
  de: string;
}

export interface DossierSentence {
  text: string;
  figures: string[];
  caveat?: boolean;
}

export interface DossierSection {
  id: string;
  title: string;
  sentences: DossierSentence[];
  charts: string[];
}

/** The dossier as the API sends it; `data` goes to the dossier's own chart functions unchanged. */
export interface Dossier {
  lang: Lang;
  title: string;
  empty?: string;
  sections: DossierSection[];
  data: { profile: Profile };
}

export interface PartnerShare {
  year: number;
  partner: string;
  en: string;
  de: string;
  kind: string;
  value: number;
  share: number | null;
  rank: number;
  dataset: string;
}

export interface Partners {
  country: Party;
  flow: "exports" | "imports";
  partners: PartnerShare[];
  /** Later or other years with figures for too few partners to rank. */
  incomplete: { year: number; dataset: string; partners: number }[];
  threshold: number;
}

export type Verdict =
  | "consistent"
  | "consistent with one side's statistics only"
  | "inconsistent"
  | "not checkable";

export interface CheckedClaim {
  text: string;
  start: number;
  end: number;
  verdict: Verdict;
  reason?: string;
  indicator?: string | null;
  /** What the checker understood, in one line ("China's total exports (with the World), 2004, goods, annual"). */
  readAs?: string;
  evidence: { summary: string; sources: string[] };
}

export interface CheckResult {
  format: "text" | "html";
  lang: Lang;
  date: string | null;
  claims: CheckedClaim[];
  counts: Record<Verdict, number>;
}

export class ApiFailure extends Error {}

async function answer<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: { message?: string } };
      if (body.error?.message) message = body.error.message;
    } catch {
      // Not JSON: the status line is all there is to say.
    }
    throw new ApiFailure(message);
  }
  return (await res.json()) as T;
}

export const api = {
  countries: () => fetch("/api/v1/countries").then((r) => answer<{ countries: Country[] }>(r)),
  profile: (a: string, b: string) =>
    fetch(`/api/v1/profile/${encodeURIComponent(a)}/${encodeURIComponent(b)}`).then((r) =>
      answer<Profile>(r),
    ),
  partners: (a: string, flow: "exports" | "imports") =>
    fetch(`/api/v1/partners/${encodeURIComponent(a)}?flow=${flow}&top=6`).then((r) => answer<Partners>(r)),
  dossier: (a: string, b: string, lang: Lang) =>
    fetch(`/api/v1/dossier/${encodeURIComponent(a)}/${encodeURIComponent(b)}?lang=${lang}`).then((r) =>
      answer<Dossier>(r),
    ),
  check: (text: string, date: string | undefined) =>
    fetch("/api/v1/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(date ? { text, date } : { text }),
    }).then((r) => answer<CheckResult>(r)),
};
