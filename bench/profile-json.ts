// What a profile's answer costs to send: bytes (JSON and gzipped) and CPU (JSON.stringify, gzip at several
// levels) per profile, inline provenance against provenance by reference (src/profile/json.ts), in process,
// on seeded random pairs of the registry's countries (drawn as bench/serve.ts draws its profile URLs) and on
// a few named pairs. Building the profiles is not measured. Each operation is timed `--repeat` times per
// profile and its median kept; the load average is printed beside the figures (the machine is shared).
//   DYAD_HOME=<a data home with every source> node --import tsx bench/profile-json.ts [--pairs 100] [--seed 23] [--repeat 3]
import { loadavg } from "node:os";
import { constants, gzipSync } from "node:zlib";
import { registry } from "../src/countries/index.ts";
import { buildProfile, type Profile } from "../src/profile/index.ts";
import { compactProfile } from "../src/profile/json.ts";
import { Store } from "../src/store/index.ts";
import { seededRandom } from "../test/helpers/seeded-random.ts";

const argv = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : dflt;
};
const PAIRS = opt("--pairs", 100);
const SEED = opt("--seed", 23);
const REPEAT = opt("--repeat", 3);
const LEVELS = [1, 3, 6, 9] as const;
const NAMED = [
  ["CHN", "RUS"],
  ["DEU", "FRA"],
  ["BLZ", "LAO"],
] as const;

/** Distinct unordered pairs, as bench/serve.ts's randomProfilePaths draws them. */
function randomPairs(n: number, seed: number): [string, string][] {
  const countries = registry.all("country").map((e) => e.code);
  const next = seededRandom(seed);
  const seen = new Map<string, [string, string]>();
  while (seen.size < n) {
    const a = countries[Math.floor(next() * countries.length)];
    const b = countries[Math.floor(next() * countries.length)];
    if (a === b) continue;
    const pair = [a, b].sort() as [string, string];
    seen.set(pair.join("/"), pair);
  }
  return [...seen.values()];
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

/** The median wall time of `f` over REPEAT runs, in ms, and its last result. */
function timed<T>(f: () => T): { ms: number; out: T } {
  const times: number[] = [];
  let out!: T;
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    out = f();
    times.push(performance.now() - t);
  }
  return { ms: median(times), out };
}

interface Measure {
  jsonBytes: number;
  /** compactProfile + JSON.stringify for the compact form, JSON.stringify alone for the inline one. */
  encodeMs: number;
  gzip: Record<number, { bytes: number; ms: number }>;
}

function measure(encode: () => string): Measure {
  const { ms, out: text } = timed(encode);
  const body = Buffer.from(text);
  const gzip: Measure["gzip"] = {};
  for (const level of LEVELS) {
    const g = timed(() => gzipSync(body, { level, memLevel: constants.Z_DEFAULT_MEMLEVEL }));
    gzip[level] = { bytes: g.out.length, ms: g.ms };
  }
  return { jsonBytes: body.length, encodeMs: ms, gzip };
}

function both(profile: Profile): { inline: Measure; reference: Measure } {
  return {
    inline: measure(() => JSON.stringify(profile)),
    reference: measure(() => JSON.stringify(compactProfile(profile))),
  };
}

const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const kb = (b: number) => `${(b / 1000).toFixed(1)} kB`;
const ms = (x: number) => `${x.toFixed(2)} ms`;

function summary(label: string, ms_: Measure[]): string[] {
  const lines = [
    `${label}: JSON ${kb(avg(ms_.map((m) => m.jsonBytes)))} avg (median ${kb(median(ms_.map((m) => m.jsonBytes)))}, max ${kb(Math.max(...ms_.map((m) => m.jsonBytes)))}), encode ${ms(avg(ms_.map((m) => m.encodeMs)))} avg`,
  ];
  for (const level of LEVELS) {
    const bytes = avg(ms_.map((m) => m.gzip[level].bytes));
    const t = avg(ms_.map((m) => m.gzip[level].ms));
    const total = avg(ms_.map((m) => m.encodeMs + m.gzip[level].ms));
    lines.push(`  gzip level ${level}: ${kb(bytes)} avg, ${ms(t)} avg; encode + gzip ${ms(total)} avg`);
  }
  return lines;
}

const store = await Store.open({ readOnly: true });
const loadStart = loadavg()[0];
const pairs = randomPairs(PAIRS, SEED);
const inline: Measure[] = [];
const reference: Measure[] = [];
// Warm the JIT on a few profiles before measuring.
for (const [a, b] of pairs.slice(0, 3)) both(await buildProfile(store, a, b));
for (const [a, b] of pairs) {
  const m = both(await buildProfile(store, a, b));
  inline.push(m.inline);
  reference.push(m.reference);
}
const out = [
  `${PAIRS} seeded random pairs (seed ${SEED}), median of ${REPEAT} runs per operation:`,
  ...summary("inline provenance", inline),
  ...summary("provenance by reference", reference),
];
for (const [a, b] of NAMED) {
  const m = both(await buildProfile(store, a, b));
  out.push(
    `${a}–${b}: inline ${kb(m.inline.jsonBytes)} (gzip 1: ${kb(m.inline.gzip[1].bytes)}, 6: ${kb(m.inline.gzip[6].bytes)}), encode + gzip 1 ${ms(m.inline.encodeMs + m.inline.gzip[1].ms)}; by reference ${kb(m.reference.jsonBytes)} (gzip 1: ${kb(m.reference.gzip[1].bytes)}, 6: ${kb(m.reference.gzip[6].bytes)}), encode + gzip 1 ${ms(m.reference.encodeMs + m.reference.gzip[1].ms)}`,
  );
}
out.push(`load average ${loadStart.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
console.log(out.join("\n"));
store.close();
