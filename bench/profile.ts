// Profile benchmark: `profile CHN RUS` over all years, in process, 200 runs after a warm-up. Uses the store
// in DYAD_HOME (run `dyad setup` first). Prints p50 and p99 in milliseconds.
//   DYAD_HOME=.dyad node --import tsx bench/profile.ts [A] [B] [--runs N]
import { cpus } from "node:os";
import { buildProfile } from "../src/profile/index.ts";
import { Store } from "../src/store/index.ts";

const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 200;
const args = argv.filter((x, i) => !x.startsWith("--") && i !== runsAt + 1);
const [a, b] = [args[0] ?? "CHN", args[1] ?? "RUS"];
const store = await Store.open({ readOnly: true });

const time = async () => {
  const t = performance.now();
  const p = await buildProfile(store, a, b);
  return { ms: performance.now() - t, years: p.years.length };
};
for (let i = 0; i < 10; i++) await time();
const samples: number[] = [];
let years = 0;
for (let i = 0; i < runs; i++) {
  const r = await time();
  samples.push(r.ms);
  years = r.years;
}
samples.sort((x, y) => x - y);
const q = (p: number, xs = samples) =>
  Number(xs[Math.min(xs.length - 1, Math.floor(p * xs.length))].toFixed(2));

// The trade part alone (the profile as issue 2 defined it: every trade indicator for both directions and
// every year with a bilateral figure, the table, ranks, record and estimate flags), without the sections.
const tradeSamples: number[] = [];
for (let i = 0; i < runs + 10; i++) {
  const t = performance.now();
  await buildProfile(store, a, b, { sections: false });
  if (i >= 10) tradeSamples.push(performance.now() - t);
}
tradeSamples.sort((x, y) => x - y);
console.log(
  JSON.stringify(
    {
      bench: `profile ${a} ${b}, all years`,
      machine: `${cpus().length} cores`,
      runs,
      years,
      full: { p50Ms: q(0.5), p90Ms: q(0.9), p99Ms: q(0.99) },
      tradeOnly: { p50Ms: q(0.5, tradeSamples), p90Ms: q(0.9, tradeSamples), p99Ms: q(0.99, tradeSamples) },
    },
    null,
    2,
  ),
);
store.close();
