// The dossier as JSON to send: its profile with provenance by reference, as GET /api/v1/profile answers
// (src/profile/json.ts), without its sections (the dossier carries them once, as data.beyond.sections and
// data.goods). The profile is most of a dossier's JSON (CHN–RUS: 1.63 MB of 1.90 MB inline).
import { type Compacted, compactProfile, expandProfile, type ProvenanceForm } from "../profile/json.ts";
import type { DossierData, DossierProfile } from "./data.ts";
import type { Dossier } from "./dossier.ts";

/** The dossier with its profile's provenance by reference. */
export interface CompactDossier extends Omit<Dossier, "data"> {
  data: Omit<DossierData, "profile"> & { profile: Compacted<DossierProfile> };
}

/** The dossier as its JSON answer: the profile by reference unless `form` is "inline". */
export function dossierAnswer(
  dossier: Dossier,
  form: ProvenanceForm = "reference",
): Dossier | CompactDossier {
  if (form === "inline") return dossier;
  return { ...dossier, data: { ...dossier.data, profile: compactProfile(dossier.data.profile) } };
}

/** The dossier with its profile's provenance inline again (a dossier already inline is returned as it is). */
export function expandDossier(dossier: CompactDossier | Dossier): Dossier {
  return {
    ...dossier,
    data: { ...dossier.data, profile: expandProfile<DossierProfile>(dossier.data.profile) },
  };
}
