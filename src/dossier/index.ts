// The dossier's library entry points, for the CLI and the server.
import type { Store } from "../store/index.ts";
import { CHART_NAMES, chartOrEmpty } from "./charts/index.ts";
import { gatherDossierData } from "./data.ts";
import { type BuildOptions, buildDossier } from "./dossier.ts";
import { dossierHtml } from "./render/html.ts";
import { htmlToPdf } from "./render/pdf.ts";
import { svgToPng } from "./render/png.ts";
import { serverChartEnv } from "./render/server-dom.ts";

export async function renderReportHtml(
  store: Store,
  a: string,
  b: string,
  options: BuildOptions = {},
): Promise<string> {
  return dossierHtml(await buildDossier(store, a, b, options));
}

export async function renderReportPdf(
  store: Store,
  a: string,
  b: string,
  options: BuildOptions = {},
): Promise<Buffer> {
  return htmlToPdf(await renderReportHtml(store, a, b, options));
}

export interface ChartOptions extends BuildOptions {
  format?: "svg" | "png";
}

/** One chart of the pair as SVG text or PNG bytes; a chart with no data says so inside its frame. */
export async function renderChart(
  store: Store,
  a: string,
  b: string,
  name: string,
  options: ChartOptions = {},
): Promise<string | Buffer> {
  if (!CHART_NAMES.includes(name))
    throw new Error(`Unknown chart "${name}". Charts: ${CHART_NAMES.join(", ")}.`);
  const data = await gatherDossierData(store, a, b, options);
  const svg = chartOrEmpty(name, data, options.lang ?? "en", serverChartEnv());
  return options.format === "png" ? svgToPng(svg) : svg;
}

export { CHART_NAMES, chartOrEmpty, chartSvg } from "./charts/index.ts";
export type { DossierData } from "./data.ts";
export { gatherDossierData } from "./data.ts";
export type { Dossier } from "./dossier.ts";
export { buildDossier, narrate } from "./dossier.ts";
export type { Figure, Sentence } from "./figures.ts";
export type { Lang } from "./format.ts";
export type { BuildOptions };
export { dossierHtml, htmlToPdf, serverChartEnv, svgToPng };
