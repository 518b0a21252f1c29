// What a profile's answer costs to send: bytes (JSON and gzipped) and CPU (JSON.stringify, gzip at several
// levels) per profile, inline provenance against provenance by reference (src/profile/json.ts), in process,
// on seeded random pairs of the registry's countries (drawn as bench/serve.ts draws its profile URLs) and on
// a few named pairs. Building the profiles is not measured: they are built first and held, then each step
// runs over all of them `--repeat` times and is measured in CPU time of this process (process.cpuUsage;
// gzip runs synchronously on this thread, so it is counted), which moves less with the machine's load than
// wall time. With --memory the profiles are built from memory as the server builds them (values.ts), and
// that build is measured too, so the figures add up to the server's work per profile but HTTP. The load
// average is printed beside the figures (the machine is shared).
//   DYAD_HOME=<a data home with every source> node --import tsx bench/profile-json.ts [--pairs 100] [--seed 23] [--repeat 5] [--memory]
import { loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { registry } from "../src/countries/index.ts";
import { buildProfile, type Profile } from "../src/profile/index.ts";
import { compactProfile } from "../src/profile/json.ts";
import { memoryValues } from "../src/server/values.ts";
import { Store } from "../src/store/index.ts";
import { numberOption, randomPairs, startClock } from "./helpers.ts";

const PAIRS = numberOption("--pairs", 100);
const SEED = numberOption("--seed", 23);
const REPEAT = numberOption("--repeat", 5);
const COUNTRIES = registry.all("country").map((e) => e.code);
const LEVELS = [1, 3, 6, 9] as const;
const NAMED = [
  ["CHN", "RUS"],
  ["DEU", "FRA"],
  ["BLZ", "LAO"],
] as const;

/** CPU and wall ms per item of `f` over `items`, REPEAT rounds (after one round to warm up). */
function cost<T>(items: readonly T[], f: (x: T) => unknown): { cpu: number; wall: number } {
  for (const x of items) f(x);
  const clock = startClock();
  for (let r = 0; r < REPEAT; r++) for (const x of items) f(x);
  return clock.per(items.length * REPEAT);
}

const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const kb = (b: number) => `${(b / 1000).toFixed(1)} kB`;
const ms = (x: { cpu: number; wall: number }) => `${x.cpu.toFixed(2)} ms CPU (${x.wall.toFixed(2)} wall)`;

function report(label: string, profiles: Profile[]): string[] {
  const out: string[] = [`${label}:`];
  for (const [form, encode] of [
    ["inline", (p: Profile) => JSON.stringify(p)],
    ["by reference", (p: Profile) => JSON.stringify(compactProfile(p))],
  ] as const) {
    const bodies = profiles.map((p) => Buffer.from(encode(p)));
    const sizes = bodies.map((b) => b.length);
    out.push(
      `  ${form}: JSON ${kb(avg(sizes))} avg (median ${kb(median(sizes))}, max ${kb(Math.max(...sizes))}); encode ${ms(cost(profiles, (p) => Buffer.from(encode(p))))}`,
    );
    if (form === "by reference")
      out.push(`    of which compactProfile ${ms(cost(profiles, compactProfile))}`);
    for (const level of LEVELS) {
      const zipped = bodies.map((b) => gzipSync(b, { level }).length);
      out.push(
        `    gzip level ${level}: ${kb(avg(zipped))} avg, ${ms(cost(bodies, (b) => gzipSync(b, { level })))}`,
      );
    }
  }
  return out;
}

const store = await Store.open({ readOnly: true });
const values = process.argv.includes("--memory") ? memoryValues(store) : undefined;
if (values && !(await values.profileReady)) throw new Error("the profile's tables did not load into memory");
const memory = values?.profile;
const loadStart = loadavg()[0];
const pairs = randomPairs(COUNTRIES, PAIRS, SEED);
const random: Profile[] = [];
for (const [a, b] of pairs) random.push(await buildProfile(store, a, b, { memory }));
const build: string[] = [];
if (memory) {
  // The build from memory, measured as the steps below: REPEAT rounds over every pair.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < REPEAT; r++) for (const [a, b] of pairs) await buildProfile(store, a, b, { memory });
  const c = process.cpuUsage(c0);
  const n = pairs.length * REPEAT;
  build.push(
    `  buildProfile from memory: ${ms({ cpu: (c.user + c.system) / 1000 / n, wall: (performance.now() - t0) / n })}`,
  );
}
const out = [
  `per profile, ${REPEAT} rounds; CPU of this process (wall in brackets)`,
  ...build,
  ...report(`${PAIRS} seeded random pairs (seed ${SEED})`, random),
];
for (const [a, b] of NAMED) out.push(...report(`${a}–${b}`, [await buildProfile(store, a, b, { memory })]));
out.push(`load average ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log(out.join("\n"));
await values?.close();
store.close();
