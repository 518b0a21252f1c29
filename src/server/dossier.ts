// The dossier (report and charts) is another module's; the server loads it when a report or chart is
// asked for, so the API still serves everything else while the dossier is absent from a build.

import type { Store } from "../store/index.ts";
import { ApiError } from "./errors.ts";

export interface DossierModule {
  CHART_NAMES: readonly string[];
  renderReportHtml(store: Store, a: string, b: string, options: { lang: "en" | "de" }): Promise<string>;
  renderReportPdf(store: Store, a: string, b: string, options: { lang: "en" | "de" }): Promise<Uint8Array>;
  renderChart(
    store: Store,
    a: string,
    b: string,
    name: string,
    options: { lang: "en" | "de"; format: "svg" | "png" },
  ): Promise<string | Uint8Array>;
}

let loaded: Promise<DossierModule | null> | undefined;

export async function loadDossier(): Promise<DossierModule> {
  // A variable specifier keeps the type checker from requiring the module at compile time.
  const specifier = "../dossier/index.ts";
  loaded ??= import(specifier).then(
    (m) => m as DossierModule,
    () => null,
  );
  const dossier = await loaded;
  if (!dossier) {
    throw new ApiError(
      501,
      "Reports and charts are not available in this build: the dossier module is missing.",
    );
  }
  return dossier;
}
