// What a profile worker spends per answer (src/server/profile-worker.ts), step by step, in process: the build
// from memory, compaction (provenance by reference), JSON.stringify, UTF-8 and gzip level 1, on seeded random
// pairs of the registry's countries (drawn as bench/serve.ts draws its profile URLs). CPU of this process per
// profile (process.cpuUsage: GC threads included), several rounds after a warm-up round, with the load average.
// With --dump FILE it writes instead each pair's answer (both provenance forms, the bytes the route sends, as
// JSON lines), and with --compare FILE it checks this checkout's answers against such a file, parsed: equal
// content, field for field, whatever the JSON text's escapes or number spelling.
//   DYAD_HOME=<a data home with every source> node --import tsx bench/profile-answer.ts [--pairs 300] [--seed 23] [--repeat 3]
//   ... bench/profile-answer.ts --pairs 300 --seed 5 --dump /tmp/before.jsonl   (then --compare /tmp/before.jsonl)
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { isDeepStrictEqual } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { modulePath, numberOption, profileModules, randomPairs, startClock } from "./helpers.ts";

const PAIRS = numberOption("--pairs", 300);
const SEED = numberOption("--seed", 23);
const REPEAT = numberOption("--repeat", 3);
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const DUMP = option("--dump");
const COMPARE = option("--compare");

const { built, registry, RelationMemory, TradeIndex, buildProfile, json, Store } = await profileModules();

const store = await Store.open({ readOnly: true });
const memory = { trade: await TradeIndex.load(store), relations: await RelationMemory.load(store) };
store.close();
// The worker's store: none (a profile that would read it fails here, as it is handed back there).
const noStore = new Proxy(
  {},
  {
    get(_t, key) {
      if (key === "then") return undefined;
      throw new Error(`the store's ${String(key)}`);
    },
  },
) as import("../src/store/index.ts").Store;

const pairs = randomPairs(
  registry.all("country").map((e) => e.code),
  PAIRS,
  SEED,
);
const encoder = new TextEncoder();
type Form = "reference" | "inline";
/** The answer's bytes, as the worker makes them (this checkout's encoding). */
// The bytes writer where this checkout has it (src/profile/json-bytes.ts), else JSON.stringify and UTF-8.
const bytesModule = (await import(modulePath("profile/json-bytes")).catch(() => undefined)) as
  | { profileBytes: (p: unknown, f: Form) => Uint8Array }
  | undefined;
const viaString = (p: unknown, form: Form) =>
  encoder.encode(JSON.stringify(json.profileJson(p as Parameters<typeof json.profileJson>[0], form)));
const encode = process.argv.includes("--string") ? viaString : (bytesModule?.profileBytes ?? viaString);
const build = (a: string, b: string) => buildProfile(noStore, a, b, { memory });

if (DUMP || COMPARE) {
  const lines: string[] = [];
  const before = COMPARE ? readFileSync(COMPARE, "utf8").trimEnd().split("\n") : [];
  let same = 0;
  let differ = 0;
  let failed = 0;
  let i = 0;
  for (const [a, b] of pairs) {
    for (const form of ["reference", "inline"] as Form[]) {
      let text: string;
      try {
        const bytes = encode(await build(a, b), form);
        // The gzipped bytes the route sends, read back as a client reads them.
        text = gunzipSync(gzipSync(bytes, { level: 1 })).toString("utf8");
      } catch (err) {
        text = JSON.stringify({ error: (err as Error).message });
        failed++;
      }
      if (DUMP) lines.push(JSON.stringify({ a, b, form, text }));
      if (COMPARE) {
        const old = JSON.parse(before[i]) as { a: string; b: string; form: Form; text: string };
        if (old.a !== a || old.b !== b || old.form !== form) throw new Error(`line ${i + 1}: other pair`);
        if (isDeepStrictEqual(JSON.parse(old.text), JSON.parse(text))) same++;
        else {
          differ++;
          if (differ <= 3) console.log(`differs: ${a}–${b} ${form}`);
        }
      }
      i++;
    }
  }
  if (DUMP) writeFileSync(DUMP, `${lines.join("\n")}\n`);
  console.log(
    `${pairs.length} pairs (seed ${SEED}) × 2 forms: ${DUMP ? `written to ${DUMP}` : `${same} equal once parsed, ${differ} differ`}; ${failed} failed to build`,
  );
  process.exit(differ ? 1 : 0);
}

const profiles = [];
for (const [a, b] of pairs) profiles.push(await build(a, b));
const compacted = profiles.map((p) => json.profileJson(p, "reference"));
const texts = compacted.map((c) => JSON.stringify(c));
const bodies = profiles.map((p) => encode(p, "reference"));

function cost<T>(items: readonly T[], f: (x: T) => unknown): number {
  for (const x of items) f(x);
  const clock = startClock();
  for (let r = 0; r < REPEAT; r++) for (const x of items) f(x);
  return clock.per(items.length * REPEAT).cpu;
}
async function costAsync<T>(items: readonly T[], f: (x: T) => Promise<unknown>): Promise<number> {
  for (const x of items) await f(x);
  const clock = startClock();
  for (let r = 0; r < REPEAT; r++) for (const x of items) await f(x);
  return clock.per(items.length * REPEAT).cpu;
}

const load0 = loadavg()[0];
const ascii = texts.filter((t) => Buffer.byteLength(t, "utf8") === t.length);
const rows: [string, number][] = [
  ["build (buildProfile from memory)", await costAsync(pairs, ([a, b]) => build(a, b))],
  ["compact (profileJson by reference)", cost(profiles, (p) => json.profileJson(p, "reference"))],
  ["JSON.stringify of the compacted", cost(compacted, (c) => JSON.stringify(c))],
  ["UTF-8 of that text (TextEncoder)", cost(texts, (t) => encoder.encode(t))],
  ["encode: profile → bytes (this checkout's)", cost(profiles, (p) => encode(p, "reference"))],
  ["gzip level 1", cost(bodies, (b) => gzipSync(b, { level: 1 }))],
  [
    "whole answer (build + encode + gzip)",
    await costAsync(pairs, async ([a, b]) => gzipSync(encode(await build(a, b), "reference"), { level: 1 })),
  ],
];
console.log(
  `code from ${built ? "dist/" : "src/ (tsx)"}; ${pairs.length} random pairs (seed ${SEED}), ${REPEAT} rounds; ` +
    `JSON ${(texts.reduce((s, t) => s + t.length, 0) / texts.length / 1000).toFixed(1)} k chars avg, ${ascii.length} of ${texts.length} texts ASCII only\n`,
);
console.log("| per profile | CPU ms |\n|---|---|");
for (const [label, ms] of rows) console.log(`| ${label} | ${ms.toFixed(3)} |`);
console.log(`\nload average ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`);
