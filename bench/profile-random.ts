// Profile benchmark on random pairs: `buildProfile` with every section for ordered pairs drawn (seeded) from
// the registry's countries, in process, one client. Uses the store in DYAD_HOME. Prints p50/p90/p99 wall
// and the CPU per profile (DuckDB's threads included), with the load average.
//   DYAD_HOME=.dyad node --import tsx bench/profile-random.ts [--runs N] [--seed S]
import { loadavg } from "node:os";
import { registry } from "../src/countries/index.ts";
import { buildProfile } from "../src/profile/index.ts";
import { Store } from "../src/store/index.ts";

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : dflt;
};
const runs = opt("--runs", 100);
let seed = opt("--seed", 17);
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const countries = registry
  .all()
  .filter((e) => e.kind === "country")
  .map((e) => e.code);
const draw = () => {
  const a = countries[Math.floor(random() * countries.length)];
  let b = a;
  while (b === a) b = countries[Math.floor(random() * countries.length)];
  return [a, b] as const;
};
const store = await Store.open({ readOnly: true });
for (let i = 0; i < 5; i++) await buildProfile(store, ...draw());
const load = loadavg()[0].toFixed(1);
const samples: number[] = [];
const c0 = process.cpuUsage();
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  await buildProfile(store, ...draw());
  samples.push(performance.now() - t);
}
const cpu = process.cpuUsage(c0);
samples.sort((x, y) => x - y);
const q = (p: number) =>
  Number(samples[Math.min(samples.length - 1, Math.floor(p * samples.length))].toFixed(1));
console.log(
  JSON.stringify({
    bench: "profile of random pairs, every section, one client",
    runs,
    p50Ms: q(0.5),
    p90Ms: q(0.9),
    p99Ms: q(0.99),
    cpuMsPerProfile: Number(((cpu.user + cpu.system) / 1000 / runs).toFixed(1)),
    load: `${load} → ${loadavg()[0].toFixed(1)}`,
  }),
);
store.close();
