// The dashboard's view of the API: typed fetches, and the API's own error message on failure.
// The shapes the API answers with are the library's own types, imported (types only, so nothing of src/
// reaches the bundle but what the pages import themselves) from src/; the expansion of provenance sent
// by reference (src/profile/json.ts, src/dossier/json.ts: nothing but types imported) is taken from there.
import type { CheckedClaim, CheckResult } from "../../src/claims/check.ts";
import type { Verdict } from "../../src/claims/verify.ts";
import type { Lang } from "../../src/countries/lang.ts";
import type { Entity as Country } from "../../src/countries/registry.ts";
import type { DossierProfile } from "../../src/dossier/data.ts";
import type { Dossier } from "../../src/dossier/dossier.ts";
import { type CompactDossier, expandDossier } from "../../src/dossier/json.ts";
import type { PartnerOptions, PartnerRanking, PartnerShare } from "../../src/indicators/partners.ts";
import type { Party, Profile, TradeYear } from "../../src/profile/index.ts";
import { type CompactProfile, expandProfile } from "../../src/profile/json.ts";
import type { KeyFigure } from "../../src/profile/key-figures.ts";

export type {
  CheckedClaim,
  CheckResult,
  Country,
  Dossier,
  DossierProfile,
  KeyFigure,
  Lang,
  Party,
  Profile,
  TradeYear,
  Verdict,
};

/** A partner's row as `GET /api/v1/partners` sends it: the ranking's row with the partner's names. */
export type NamedPartnerShare = PartnerShare & Pick<Country, "en" | "de">;

/** `GET /api/v1/partners/{a}`: the ranking of the country's partners per year, named. */
export interface Partners extends Omit<PartnerRanking, "partners"> {
  country: Party;
  flow: PartnerOptions["flow"];
  partners: NamedPartnerShare[];
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
  // The profile comes with provenance by reference (several times smaller); expanded, every value carries
  // its own again, as the library's Profile does.
  profile: (a: string, b: string) =>
    fetch(`/api/v1/profile/${encodeURIComponent(a)}/${encodeURIComponent(b)}`)
      .then((r) => answer<CompactProfile>(r))
      .then(expandProfile),
  partners: (a: string, flow: "exports" | "imports") =>
    fetch(`/api/v1/partners/${encodeURIComponent(a)}?flow=${flow}&top=6`).then((r) => answer<Partners>(r)),
  // The dossier's profile comes by reference too; the charts read each value's provenance, so it is expanded.
  dossier: (a: string, b: string, lang: Lang) =>
    fetch(`/api/v1/dossier/${encodeURIComponent(a)}/${encodeURIComponent(b)}?lang=${lang}`)
      .then((r) => answer<CompactDossier>(r))
      .then(expandDossier),
  check: (text: string, date: string | undefined) =>
    fetch("/api/v1/check", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(date ? { text, date } : { text }),
    }).then((r) => answer<CheckResult>(r)),
};
