// What the benchmarks share: their numeric options, the seeded random pairs they draw, CPU and wall time
// per item, and whether the build (dist/) is current. Nothing here measures by itself, and nothing here
// imports src/ (bench/serve.ts's server process imports it, and its memory is measured).
import { readdirSync, statSync } from "node:fs";
import { seededRandom } from "../test/helpers/seeded-random.ts";

/** The number after `name` on the command line, else `dflt`. */
export function numberOption(name: string, dflt: number, argv = process.argv.slice(2)): number {
  const at = argv.indexOf(name);
  return at >= 0 ? Number(argv[at + 1]) : dflt;
}

/**
 * `n` distinct unordered pairs (each sorted) of `countries` (the registry's, `registry.all("country")`),
 * drawn with the seed: the same pairs for the same seed in every benchmark, bench/serve.ts's profile URLs
 * included.
 */
export function randomPairs(countries: string[], n: number, seed: number): [string, string][] {
  const next = seededRandom(seed);
  const seen = new Map<string, [string, string]>();
  const most = (countries.length * (countries.length - 1)) / 2;
  while (seen.size < Math.min(n, most)) {
    const a = countries[Math.floor(next() * countries.length)];
    const b = countries[Math.floor(next() * countries.length)];
    if (a === b) continue;
    const pair = [a, b].sort() as [string, string];
    seen.set(pair.join("/"), pair);
  }
  return [...seen.values()];
}

/**
 * A clock started now: `per(n)` gives the CPU (process.cpuUsage: every thread of the process, DuckDB's and
 * the GC's included) and wall milliseconds per item of the `n` items run since.
 */
export function startClock(): { per(n: number): { cpu: number; wall: number } } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  return {
    per(n) {
      const c = process.cpuUsage(c0);
      return { cpu: (c.user + c.system) / 1000 / n, wall: (performance.now() - t0) / n };
    },
  };
}

/** Whether dist/ was built after the last change in src/ (as bin/dyad.js decides). */
export function builtIsFresh(): boolean {
  const root = new URL("../", import.meta.url);
  let built: number;
  try {
    built = statSync(new URL("dist/.built", root)).mtimeMs;
  } catch {
    return false;
  }
  for (const entry of readdirSync(new URL("src/", root), { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && statSync(`${entry.parentPath}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}

/** A module of dyad (`profile/json`) from dist/ when it is current, else from src/, relative to bench/. */
export function modulePath(path: string): string {
  return builtIsFresh() ? `../dist/${path}.js` : `../src/${path}.ts`;
}

/**
 * The modules a profile is built and encoded with, from dist/ when it is current (as `dyad serve` runs them),
 * else the sources through tsx.
 */
export async function profileModules() {
  const from = modulePath;
  return {
    built: builtIsFresh(),
    ...((await import(from("countries/index"))) as typeof import("../src/countries/index.ts")),
    ...((await import(
      from("indicators/relation-memory")
    )) as typeof import("../src/indicators/relation-memory.ts")),
    ...((await import(from("indicators/trade-index"))) as typeof import("../src/indicators/trade-index.ts")),
    ...((await import(from("profile/index"))) as typeof import("../src/profile/index.ts")),
    json: (await import(from("profile/json"))) as typeof import("../src/profile/json.ts"),
    ...((await import(from("store/index"))) as typeof import("../src/store/index.ts")),
  };
}
