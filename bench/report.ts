// Time to produce the CHN–RUS dossier: the HTML report and the PDF, p50 (and p90) over 20 runs each,
// on a store in DYAD_HOME (default .dyad). Prints the figures for bench/RESULTS.md.
import { renderReportHtml, renderReportPdf } from "../src/dossier/index.ts";
import { Store } from "../src/store/index.ts";

const RUNS = Number(process.env.RUNS ?? 20);
const store = await Store.open({ readOnly: true });

async function time(label: string, f: () => Promise<unknown>) {
  await f(); // warm-up: module loading and DuckDB caches
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await f();
    ms.push(performance.now() - t0);
  }
  ms.sort((x, y) => x - y);
  const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  console.log(
    `${label}: p50 ${q(0.5).toFixed(0)} ms, p90 ${q(0.9).toFixed(0)} ms, min ${ms[0].toFixed(0)} ms (${RUNS} runs)`,
  );
}

await time("HTML report CHN–RUS (de)", () => renderReportHtml(store, "CHN", "RUS", { lang: "de" }));
await time("PDF report CHN–RUS (de)", () => renderReportPdf(store, "CHN", "RUS", { lang: "de" }));
store.close();
