// Ingest benchmark: all 235 IMF DOTS workbooks into a fresh store. Prints seconds, rows/s and peak memory.
//   node --import tsx bench/ingest.ts [--sources DIR] [--runs N]
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ingestImfDots, readImfDots } from "../src/sources/imf-dots.ts";
import { Store } from "../src/store/index.ts";

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const dir = resolve(opt("--sources", process.env.DYAD_SOURCES ?? "../shared/data"), "imf-dots");
const runs = Number(opt("--runs", "3"));

const results: { seconds: number; rows: number }[] = [];
for (let i = 0; i < runs; i++) {
  const home = mkdtempSync(join(tmpdir(), "dyad-bench-ingest-"));
  const store = await Store.open({ home });
  const started = performance.now();
  const r = await ingestImfDots(store, dir);
  results.push({ seconds: (performance.now() - started) / 1000, rows: r.rows });
  store.close();
  rmSync(home, { recursive: true, force: true });
}
const ingestPeakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
// Parsing alone, into row objects, for comparison (after the ingests, so its memory does not count above).
const parseStart = performance.now();
const parsed = await readImfDots(dir);
const parseSeconds = (performance.now() - parseStart) / 1000;

const seconds = results.map((r) => r.seconds).sort((a, b) => a - b);
const median = seconds[Math.floor(seconds.length / 2)];
const rows = results[0].rows;
console.log(
  JSON.stringify(
    {
      bench: "ingest imf-dots (235 workbooks, both sheets)",
      machine: `${cpus().length} cores`,
      runs,
      rows,
      parseOnlySeconds: Number(parseSeconds.toFixed(2)),
      parsedRows: parsed.rows.length,
      seconds: seconds.map((s) => Number(s.toFixed(2))),
      medianSeconds: Number(median.toFixed(2)),
      rowsPerSecond: Math.round(rows / median),
      ingestPeakRssMiB,
    },
    null,
    2,
  ),
);
