// A DOM for Observable Plot on the server: linkedom, one document reused for every chart.
import { parseHTML } from "linkedom";
import type { ChartEnv } from "../charts/frame.ts";

let env: ChartEnv | undefined;

export function serverChartEnv(): ChartEnv {
  env ??= {
    document: parseHTML("<!doctype html><html><body></body></html>").document as unknown as Document,
  };
  return env;
}
