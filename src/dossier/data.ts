// Everything a dossier tells, gathered once: the profile, each side's main partners over time, the
// dimensions beyond trade, and the goods section. Plain JSON, so the dashboard can fetch it and hand it
// to the same chart functions the report uses.
import { countryName } from "../countries/index.ts";
import { computeIndicator } from "../indicators/catalogue.ts";
import { datasetProvenance } from "../indicators/ingest-provenance.ts";
import { type PartnerShare, topPartners } from "../indicators/partners.ts";
import type { Absent, ProductSection } from "../indicators/product.ts";
import type { IndicatorValue, Provenance } from "../indicators/types.ts";
import type { BeyondTradeSections } from "../profile/beyond-trade.ts";
import { buildProfile, type Profile } from "../profile/index.ts";
import type { Store } from "../store/index.ts";

export interface DossierOptions {
  from?: number;
  to?: number;
}

export interface PartnerLine extends PartnerShare {
  en: string;
  de: string;
}

export interface PartnerData {
  exports: PartnerLine[];
  imports: PartnerLine[];
}

/** The profile's sections but goods (DossierData.goods): UN votes, arms, energy, GDP, geography, investment, exercises. */
export type BeyondSections = Omit<BeyondTradeSections, "a" | "b" | "from" | "to">;

/**
 * The profile as the dossier carries it: without its sections, which are `beyond.sections` and `goods`, so
 * the dossier's JSON carries each section once and its readers have one place to read it from.
 */
export type DossierProfile = Omit<Profile, "sections">;

export interface BeyondData {
  /** UN votes, arms, energy, GDP, geography, investment and exercises, as the profile gives them. */
  sections: BeyondSections;
  /** Five-year supplier shares ending in the register's last year: A's share of B's arms imports, and B's of A's. */
  armsShareAB: IndicatorValue | null;
  armsShareBA: IndicatorValue | null;
  /** Who published each beyond-trade dataset, for the figures table. */
  provenance: Record<string, Provenance>;
}

export interface DossierData {
  profile: DossierProfile;
  partners: { a: PartnerData; b: PartnerData };
  beyond: BeyondData;
  goods: ProductSection | Absent;
}

async function partnerData(store: Store, code: string, options: DossierOptions): Promise<PartnerData> {
  const named = (rows: PartnerShare[]): PartnerLine[] =>
    rows.map((r) => ({ ...r, en: countryName(r.partner, "en"), de: countryName(r.partner, "de") }));
  // topPartners ranks only years whose data cover (nearly) all of the reporter's partners.
  const opts = { top: 5, from: options.from, to: options.to, groups: ["EUU"] };
  return {
    exports: named(await topPartners(store, code, { ...opts, flow: "exports" })),
    imports: named(await topPartners(store, code, { ...opts, flow: "imports" })),
  };
}

async function beyondData(
  store: Store,
  profile: DossierProfile,
  sections: BeyondSections,
): Promise<BeyondData> {
  const a = profile.a.code;
  const b = profile.b.code;
  let armsShareAB: IndicatorValue | null = null;
  let armsShareBA: IndicatorValue | null = null;
  if (!("absent" in sections.arms) && sections.arms.years.length) {
    // SIPRI compares suppliers over five-year windows because single years are lumpy.
    const last = sections.arms.years[sections.arms.years.length - 1].year;
    if (last - 4 >= sections.arms.years[0].year) {
      armsShareAB = await computeIndicator(store, "arms.supplier_share", a, b, last, { window: 5 });
      armsShareBA = await computeIndicator(store, "arms.supplier_share", b, a, last, { window: 5 });
    }
  }
  const provenance: Record<string, Provenance> = {};
  for (const dataset of [
    "unvotes",
    "voeten",
    "sipri",
    "ei-energy",
    "wdi",
    "cepii",
    "imf-cdis",
    "unctad-fdi",
    "mme",
  ]) {
    const p = await datasetProvenance(store, dataset);
    if (p) provenance[dataset] = p;
  }
  return { sections, armsShareAB, armsShareBA, provenance };
}

export async function gatherDossierData(
  store: Store,
  a: string,
  b: string,
  options: DossierOptions = {},
): Promise<DossierData> {
  // The profile's sections move out of it: the beyond-trade ones to `beyond`, goods to `goods`.
  const {
    sections: { goods, ...sections },
    ...profile
  }: Profile = await buildProfile(store, a, b, options);
  const [pa, pb] = [
    await partnerData(store, profile.a.code, options),
    await partnerData(store, profile.b.code, options),
  ];
  const beyond = await beyondData(store, profile, sections);
  return { profile, partners: { a: pa, b: pb }, beyond, goods };
}
