// The dossier (report, narrative and charts) for the API. Its data are gathered once per pair and kept:
// the store is read-only while the server runs, so they cannot go stale, and the eleven charts the
// dashboard and the report show would otherwise gather the same data eleven times (about 1.5 s each).
import { CHART_NAMES as NAMES } from "../dossier/charts/names.ts";
import type { DossierData } from "../dossier/index.ts";
import { lruCache } from "./cache.ts";
import type { StorePool } from "./pool.ts";

// The dossier's modules (Plot, linkedom, resvg, playwright-core for the PDF) load at the first dossier
// request, not at the server's start: the value and profile routes need none of them.
const lib = () => import("../dossier/index.ts");

/** The chart names, as the dossier lists them (a plain string list, for the route's check). */
export const CHART_NAMES: string[] = [...NAMES];

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
  return cache.get(key, async () => {
    const { gatherDossierData } = await lib();
    return pool.use((store) => gatherDossierData(store, a, b, options));
  });
}

/** The narrative (sections of sentences with their figures) and the data the charts are drawn from. */
export async function dossierJson(
  pool: StorePool,
  a: string,
  b: string,
  lang: Lang,
  options: PairOptions = {},
) {
  const { narrate } = await lib();
  return narrate(await dossierData(pool, a, b, options), lang);
}

export async function reportHtml(pool: StorePool, a: string, b: string, lang: Lang): Promise<string> {
  const { dossierHtml, narrate } = await lib();
  return dossierHtml(narrate(await dossierData(pool, a, b), lang));
}

export async function reportPdf(pool: StorePool, a: string, b: string, lang: Lang): Promise<Uint8Array> {
  const { htmlToPdf } = await lib();
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
  const { chartOrEmpty, serverChartEnv, svgToPng } = await lib();
  const svg = chartOrEmpty(name, await dossierData(pool, a, b), lang, serverChartEnv());
  return format === "png" ? svgToPng(svg) : svg;
}
