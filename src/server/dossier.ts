// The dossier (report, narrative and charts) for the API. Its data are gathered once per pair and kept:
// the store is read-only while the server runs, so they cannot go stale, and the eleven charts the
// dashboard and the report show would otherwise gather the same data eleven times (about 1.5 s each).
import {
  CHART_NAMES,
  chartOrEmpty,
  type DossierData,
  dossierHtml,
  gatherDossierData,
  htmlToPdf,
  narrate,
  serverChartEnv,
  svgToPng,
} from "../dossier/index.ts";
import { lruCache } from "./cache.ts";
import type { StorePool } from "./pool.ts";

export { CHART_NAMES };

import type { Lang } from "../countries/lang.ts";

export type { Lang };

export interface PairOptions {
  from?: number;
  to?: number;
}

/** The dossier data of the last 32 pairs asked for: a page's eleven charts gather them once. */
const cache = lruCache<DossierData>({ maxCost: 32, cost: () => 1 });

export function dossierData(
  pool: StorePool,
  a: string,
  b: string,
  options: PairOptions = {},
): Promise<DossierData> {
  const key = `${a}|${b}|${options.from ?? ""}|${options.to ?? ""}`;
  return cache.get(key, () => pool.use((store) => gatherDossierData(store, a, b, options)));
}

/** The narrative (sections of sentences with their figures) and the data the charts are drawn from. */
export async function dossierJson(
  pool: StorePool,
  a: string,
  b: string,
  lang: Lang,
  options: PairOptions = {},
) {
  return narrate(await dossierData(pool, a, b, options), lang);
}

export async function reportHtml(pool: StorePool, a: string, b: string, lang: Lang): Promise<string> {
  return dossierHtml(narrate(await dossierData(pool, a, b), lang));
}

export async function reportPdf(pool: StorePool, a: string, b: string, lang: Lang): Promise<Uint8Array> {
  return htmlToPdf(await reportHtml(pool, a, b, lang));
}

export async function chart(
  pool: StorePool,
  a: string,
  b: string,
  name: string,
  lang: Lang,
  format: "svg" | "png",
): Promise<string | Uint8Array> {
  const svg = chartOrEmpty(name, await dossierData(pool, a, b), lang, serverChartEnv());
  return format === "png" ? svgToPng(svg) : svg;
}
