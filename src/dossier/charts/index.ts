// The chart catalogue: one function per chart, each taking the dossier data and a language and returning
// an SVG string, or null when it has nothing to draw. Shared by the report, the CLI and the dashboard.
import type { DossierData } from "../data.ts";
import type { Lang } from "../format.ts";
import { armsChart, energyChart, gdpChart, partnersAChart, partnersBChart, unChart } from "./beyond.ts";
import { energySinceChart } from "./energy-since.ts";
import { type ChartEnv, emptyChart } from "./frame.ts";
import { exercisesChart, investChart } from "./invest-military.ts";
import { type ChartName, CHART_NAMES as NAMES } from "./names.ts";
import { asymmetryChart, flowsChart, growthChart, sharesChart, turnoverChart } from "./trade.ts";

export type ChartFunction = (data: DossierData, lang: Lang, env?: ChartEnv) => string | null;

export const CHARTS: Record<ChartName, ChartFunction> = {
  turnover: turnoverChart,
  flows: flowsChart,
  growth: growthChart,
  shares: sharesChart,
  asymmetry: asymmetryChart,
  "partners-a": partnersAChart,
  "partners-b": partnersBChart,
  energy: energyChart,
  "energy-since-2000": energySinceChart,
  invest: investChart,
  arms: armsChart,
  exercises: exercisesChart,
  un: unChart,
  gdp: gdpChart,
};

export const CHART_NAMES: string[] = [...NAMES];

export function chartSvg(name: string, data: DossierData, lang: Lang, env?: ChartEnv): string | null {
  const f = (CHARTS as Record<string, ChartFunction | undefined>)[name];
  if (!f) throw new Error(`Unknown chart "${name}". Charts: ${CHART_NAMES.join(", ")}.`);
  return f(data, lang, env);
}

/** The chart, or a frame saying there is nothing to draw (for a file the user asked for by name). */
export function chartOrEmpty(name: string, data: DossierData, lang: Lang, env?: ChartEnv): string {
  return (
    chartSvg(name, data, lang, env) ??
    emptyChart(
      name,
      name,
      lang === "de"
        ? `Keine Daten für dieses Diagramm (${data.profile.a.de}–${data.profile.b.de}) in den geladenen Quellen.`
        : `No data for this chart (${data.profile.a.en}–${data.profile.b.en}) in the loaded sources.`,
      env,
    )
  );
}

export type { ChartEnv };
export { emptyChart };
