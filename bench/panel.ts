// Benchmark: the full dyad-year panel (all country pairs × all years) written by DuckDB, against the same
// panel computed row by row by a Python standard-library peer from the same tables, in one run.
// usage: nice node --import tsx bench/panel.ts [--sources DIR]
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writePanel } from "../src/panel/panel.ts";
import { BEYOND_TRADE_SOURCES } from "../src/sources/registry.ts";
import { Store } from "../src/store/index.ts";

const at = process.argv.indexOf("--sources");
const sources = at > 0 ? process.argv[at + 1] : (process.env.DYAD_SOURCES ?? resolve("../shared/data"));
const work = mkdtempSync(join(tmpdir(), "dyad-bench-panel-"));
const store = await Store.open({ home: work });

let t = performance.now();
for (const s of BEYOND_TRADE_SOURCES) await s.ingest(store, join(sources, s.defaultPaths[0]), {});
const ingestSeconds = (performance.now() - t) / 1000;

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 20);
const rssBefore = process.memoryUsage().rss;
t = performance.now();
const parquet = await writePanel(store, join(work, "panel.parquet"));
const parquetSeconds = (performance.now() - t) / 1000;
const parquetPeak = peakRss;
t = performance.now();
const csv = await writePanel(store, join(work, "panel.csv"));
const csvSeconds = (performance.now() - t) / 1000;
clearInterval(sampler);

// The peer reads the same normalised tables, exported as CSV (not timed).
const tables = join(work, "tables");
mkdirSync(tables);
for (const name of [
  "entities",
  "un_votes",
  "un_roll_calls",
  "un_ideal_points",
  "arms_transfers",
  "energy_trade",
  "wdi_values",
  "geo_dyads",
]) {
  await store.query(`COPY ${name} TO '${join(tables, `${name}.csv`)}' (FORMAT csv, HEADER true)`);
}
const check = await store.one<Record<string, unknown>>(
  `SELECT un_agreement, arms_tiv, energy_pipeline_gas_share FROM read_parquet('${parquet.path}') WHERE a = 'CHN' AND b = 'RUS' AND year = 2019`,
);
store.close();

t = performance.now();
const peerOut = execFileSync("python3", [resolve("bench/panel-peer.py"), tables, join(work, "peer.csv")], {
  encoding: "utf8",
  maxBuffer: 1 << 20,
});
const peerWall = (performance.now() - t) / 1000;
const peer = JSON.parse(peerOut.trim().split("\n").at(-1) ?? "{}") as {
  rows: number;
  seconds: number;
  peak_mib: number;
};

const mib = (b: number) => Math.round(b / 2 ** 20);
console.log(
  `panel: ${parquet.rows.toLocaleString("en")} dyad-years, ${parquet.countries} countries, ${parquet.years.join("–")}, ${parquet.columns.length} columns`,
);
console.log(`  ingest of the six sources          ${ingestSeconds.toFixed(1)} s`);
console.log(
  `  dyad panel → Parquet (DuckDB)      ${parquetSeconds.toFixed(1)} s, ${mib(statSync(parquet.path).size)} MiB file, peak RSS ${mib(parquetPeak)} MiB (${mib(rssBefore)} MiB before)`,
);
console.log(
  `  dyad panel → CSV (DuckDB)          ${csvSeconds.toFixed(1)} s, ${mib(statSync(csv.path).size)} MiB file`,
);
console.log(
  `  Python stdlib peer → CSV           ${peerWall.toFixed(1)} s wall (${peer.seconds} s inside), ${peer.rows.toLocaleString("en")} rows, peak RSS ${peer.peak_mib} MiB`,
);
console.log(`  ratio peer / dyad (CSV vs CSV)     ${(peerWall / csvSeconds).toFixed(1)}×`);
console.log(`  rows equal: ${peer.rows === csv.rows}; CHN–RUS 2019 check: ${JSON.stringify(check)}`);
console.log(
  `  load average at the end: ${(await import("node:os"))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(" ")}`,
);
