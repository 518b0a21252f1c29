// What the profile's invest, military, energySince2000 and goods sections cost per pair, built from the store
// (the relations' SQL) against built from memory (RelationMemory, as the server holds it), in process, on
// seeded random pairs of the registry's countries (drawn as bench/profile-json.ts draws them) and on pairs
// with data. CPU time of this process (process.cpuUsage: DuckDB's threads are in it, so a query's work is
// counted) and wall time, per pair, each section alone and the four together as beyondTradeSections runs them
// (side by side). The memory's load is measured once. The load average is printed beside the figures.
//   DYAD_HOME=<a data home with every source> node --import tsx bench/profile-sections.ts [--pairs 100] [--seed 23] [--repeat 3]
import { loadavg } from "node:os";
import { registry } from "../src/countries/index.ts";
import { productSection } from "../src/indicators/product.ts";
import { RelationMemory } from "../src/indicators/relation-memory.ts";
import { energySeriesSection } from "../src/profile/energy-series.ts";
import { investSection, militarySection } from "../src/profile/invest-military.ts";
import { Store } from "../src/store/index.ts";
import { numberOption, randomPairs, startClock } from "./helpers.ts";

const PAIRS = numberOption("--pairs", 100);
const SEED = numberOption("--seed", 23);
const REPEAT = numberOption("--repeat", 3);
const COUNTRIES = registry.all("country").map((e) => e.code);
const NAMED: [string, string][] = [
  ["CHN", "RUS"],
  ["USA", "KOR"],
  ["RUS", "IND"],
  ["DEU", "FRA"],
  ["USA", "JPN"],
  ["USA", "CAN"],
];

/** CPU and wall ms per pair of `f`, REPEAT rounds after one to warm up (every memo of the store filled). */
async function cost(
  pairs: readonly [string, string][],
  f: (a: string, b: string) => Promise<unknown>,
): Promise<{ cpu: number; wall: number }> {
  for (const [a, b] of pairs) await f(a, b);
  const clock = startClock();
  for (let r = 0; r < REPEAT; r++) for (const [a, b] of pairs) await f(a, b);
  return clock.per(pairs.length * REPEAT);
}

const fmt = (x: { cpu: number; wall: number }) =>
  `${x.cpu.toFixed(3).padStart(7)} ms CPU ${x.wall.toFixed(3).padStart(7)} ms wall`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");

const store = await Store.open({ readOnly: true });
const t0 = performance.now();
const c0 = process.cpuUsage();
const memory = await RelationMemory.load(store);
const c = process.cpuUsage(c0);
console.log(
  `RelationMemory.load: ${(performance.now() - t0).toFixed(0)} ms wall, ${((c.user + c.system) / 1000).toFixed(0)} ms CPU, ${(memory.bytes / 2 ** 20).toFixed(1)} MiB typed arrays; load average ${load()}`,
);
const loaded = new Set(
  (await store.query<{ dataset: string }>("SELECT dataset FROM ingests")).map((r) => r.dataset),
);
const has = (d: string) => loaded.has(d);
const FROM = 1946;
const TO = new Date().getFullYear();

type Section = (a: string, b: string, m?: RelationMemory) => Promise<unknown>;
const SECTIONS: [string, Section][] = [
  ["invest", (a, b, m) => investSection(store, a, b, FROM, TO, has, m)],
  ["military", (a, b, m) => militarySection(store, a, b, FROM, TO, has, m)],
  ["energySince2000", (a, b, m) => energySeriesSection(store, a, b, has, m)],
  ["goods", (a, b, m) => productSection(store, a, b, undefined, m)],
];
const together: Section = (a, b, m) => Promise.all(SECTIONS.map(([, f]) => f(a, b, m)));

for (const [label, pairs] of [
  [`${PAIRS} random pairs (seed ${SEED})`, randomPairs(COUNTRIES, PAIRS, SEED)],
  ["pairs with data (CHN-RUS, USA-KOR, RUS-IND, DEU-FRA, USA-JPN, USA-CAN)", NAMED],
] as const) {
  console.log(`\n${label}, ×${REPEAT}; load average before ${load()}`);
  for (const [name, f] of [...SECTIONS, ["all four side by side", together] as [string, Section]]) {
    const fromStore = await cost(pairs, (a, b) => f(a, b));
    const fromMemory = await cost(pairs, (a, b) => f(a, b, memory));
    console.log(
      `  ${name.padEnd(22)} store ${fmt(fromStore)} | memory ${fmt(fromMemory)} | CPU ratio ${(fromStore.cpu / Math.max(fromMemory.cpu, 1e-6)).toFixed(0)}×`,
    );
  }
  console.log(`  load average after ${load()}`);
}
store.close();
