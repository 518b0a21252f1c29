// The charts' names alone, in the report's order: the CLI lists them in its help without loading Plot.
// `CHARTS` in index.ts is typed by this list, so the two cannot drift apart.
export const CHART_NAMES = [
  "turnover",
  "flows",
  "growth",
  "shares",
  "asymmetry",
  "partners-a",
  "partners-b",
  "energy",
  "energy-since-2000",
  "invest",
  "arms",
  "exercises",
  "un",
  "gdp",
] as const;

export type ChartName = (typeof CHART_NAMES)[number];
