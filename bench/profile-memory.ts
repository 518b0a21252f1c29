// The profile of random pairs built from the store (as the CLI builds it) against from memory (as the server
// builds it once TradeIndex and RelationMemory are loaded), in process: CPU per profile for the build alone and
// for the build with the route's encoding (provenance by reference, JSON, gzip level 1), and the memory held.
// Run: DYAD_HOME=<a data home with the sources ingested> node --import tsx bench/profile-memory.ts [pairs]
// Uses the build (dist/) when it is current, as `dyad serve` does, else the sources through tsx.
import { loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { seededRandom } from "../test/helpers/seeded-random.ts";
import { profileModules, startClock } from "./helpers.ts";

const PAIRS = Number(process.argv[2] ?? 300);

const { built, registry, RelationMemory, TradeIndex, buildProfile, json, Store } = await profileModules();
const { profileJson } = json;

const store = await Store.open({ readOnly: true });
const rss0 = process.memoryUsage().rss;
let t0 = performance.now();
const trade = await TradeIndex.load(store);
const tradeSeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const relations = await RelationMemory.load(store);
const relationSeconds = (performance.now() - t0) / 1000;
const memory = { trade, relations };

// Random unordered pairs of the registry's countries, drawn as bench/serve.ts draws profile URLs.
const next = seededRandom(7);
const countries = registry.all("country").map((e) => e.code);
const pairs: [string, string][] = [];
while (pairs.length < PAIRS) {
  const a = countries[Math.floor(next() * countries.length)];
  const b = countries[Math.floor(next() * countries.length)];
  if (a !== b) pairs.push([a, b].sort() as [string, string]);
}

/** CPU (process.cpuUsage: every thread, DuckDB's and the GC's included) and wall per pair, after a warm-up. */
async function measure(label: string, fn: (a: string, b: string) => Promise<unknown>): Promise<void> {
  for (const [a, b] of pairs.slice(0, 20)) await fn(a, b);
  const load = loadavg()[0];
  const clock = startClock();
  for (const [a, b] of pairs) await fn(a, b);
  const { cpu, wall } = clock.per(pairs.length);
  process.stdout.write(
    `| ${label} | ${cpu.toFixed(2)} ms | ${wall.toFixed(2)} ms | ${load.toFixed(1)} → ${loadavg()[0].toFixed(1)} |\n`,
  );
}

process.stdout.write(
  `code from ${built ? "dist/ (built)" : "src/ (tsx)"}; ${PAIRS} random pairs (seed 7); TradeIndex ${(trade.bytes / 2 ** 20).toFixed(0)} MiB in ${tradeSeconds.toFixed(1)} s, RelationMemory ${(relations.bytes / 2 ** 20).toFixed(1)} MiB in ${relationSeconds.toFixed(1)} s; RSS +${((process.memoryUsage().rss - rss0) / 2 ** 20).toFixed(0)} MiB\n\n| per profile | CPU | wall | load average |\n|---|---|---|---|\n`,
);
await measure("build from the store (every section)", (a, b) => buildProfile(store, a, b));
await measure("build from memory (every section)", (a, b) => buildProfile(store, a, b, { memory }));
await measure("build from memory, trade part only", (a, b) =>
  buildProfile(store, a, b, { memory, sections: false }),
);
await measure("build from memory + by reference + JSON + gzip level 1", async (a, b) =>
  gzipSync(Buffer.from(JSON.stringify(profileJson(await buildProfile(store, a, b, { memory })))), {
    level: 1,
  }),
);
store.close();
