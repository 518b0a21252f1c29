// Profile A/B: CPU and wall per profile for the code of one checkout (ROOT, default this one) on one store —
// the CHN–RUS trade part, the full CHN–RUS profile and random ordered pairs of the registry's countries
// (fixed seed, every section). Run it for two checkouts alternately to compare them on the same store under
// the same load:
//   ROOT=/path/to/other/checkout LABEL=before DYAD_HOME=.dyad node --import tsx bench/profile-ab.ts
//   LABEL=after DYAD_HOME=.dyad node --import tsx bench/profile-ab.ts
import { loadavg } from "node:os";
import { resolve } from "node:path";

const root = resolve(process.env.ROOT ?? ".");
// Imported from the checkout being measured, whose modules this file cannot name statically: their types are
// those of this checkout's modules.
const { buildProfile } = (await import(
  `${root}/src/profile/index.ts`
)) as typeof import("../src/profile/index.ts");
const { Store } = (await import(`${root}/src/store/index.ts`)) as typeof import("../src/store/index.ts");
const { registry } = (await import(
  `${root}/src/countries/index.ts`
)) as typeof import("../src/countries/index.ts");

const store = await Store.open({ readOnly: true });
const countries = registry
  .all()
  .filter((e) => e.kind === "country")
  .map((e) => e.code);
let seed = 17;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pair = (): [string, string] => {
  const a = countries[Math.floor(random() * countries.length)];
  let b = a;
  while (b === a) b = countries[Math.floor(random() * countries.length)];
  return [a, b];
};
const measure = async (label: string, n: number, fn: () => Promise<unknown>) => {
  for (let i = 0; i < 5; i++) await fn();
  const walls: number[] = [];
  const c0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    walls.push(performance.now() - t);
  }
  const c = process.cpuUsage(c0);
  walls.sort((x, y) => x - y);
  return `${label}: p50 ${walls[Math.floor(n / 2)].toFixed(1)} ms, CPU ${((c.user + c.system) / 1000 / n).toFixed(1)} ms`;
};
const load = loadavg()[0].toFixed(1);
const out = [
  await measure("CHN–RUS trade", 60, () => buildProfile(store, "CHN", "RUS", { sections: false })),
  await measure("CHN–RUS full", 40, () => buildProfile(store, "CHN", "RUS")),
  await measure("random full", 60, () => buildProfile(store, ...pair())),
];
console.log(`${process.env.LABEL ?? root} (load ${load} → ${loadavg()[0].toFixed(1)}): ${out.join("; ")}`);
store.close();
