// Load test of the HTTP API on loopback with autocannon, against the limit of the machine in the same run.
//
// Traffic as an API's users make it: every request asks a different pair and year, drawn at random from
// the whole country registry (each URL at most once per run), taken from one shared queue so no two
// connections walk the same list in lockstep; beside it the hot set (8 well-known pairs × 10 years × 4
// indicators), also from a shared queue. The limit: a bare Hono app on @hono/node-server answering a
// constant 200-byte JSON, run under the same load in the same run; each dyad figure is given as a ratio
// to it. The server runs in a child process, so autocannon (in this process) does not share its event
// loop; both share the machine's two cores, as a real client on the same host would.
//
// Each run records requests/s, latency, errors, the server's CPU time per request and its memory, and the
// load average at its start and end (the machine is shared; figures move with the others' load).
//
// Run: DYAD_HOME=<a data home with the sources ingested> nice node --import tsx bench/serve.ts [seconds] [value|profile|gzip3|soak] [soak-minutes]
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { seededRandom } from "../test/helpers/seeded-random.ts";
import { builtIsFresh, randomPairs } from "./helpers.ts";

const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = 64;
/** Only this part: value, profile, gzip3 or soak (gzip3 and the soak run only when asked for). */
const ONLY = process.argv[3];
const SOAK_MINUTES = Number(process.argv[4] ?? 10);
/** The hot set's four indicators. */
const TRADE_INDICATORS = ["trade.export_share", "trade.import_share", "trade.turnover", "trade.exports"];
/**
 * Random traffic draws from every indicator the server answers from memory (values.ts): the 19 trade.*
 * indicators, ranks and the turnover rank included, un.*, arms.*, geo.*, macro.gdp, energy.*, invest.*,
 * mil.exercises and trade.gdp_dependence (from the relations in memory). Only trade.product_* (BACI, read
 * from Parquet) are still answered by DuckDB and are not in the random set.
 */
const FURTHER = [
  "un.agreement",
  "un.idealpoint_distance",
  "arms.tiv",
  "arms.supplier_share",
  "geo.distance",
  "geo.contiguity",
  "macro.gdp",
  ...["pipeline_gas", "lng", "oil", "coal"].flatMap((f) => [`energy.${f}`, `energy.${f}_share`]),
  "invest.position",
  "invest.position.mirror",
  "invest.outward_share",
  "invest.inward_share",
  "invest.flow",
  "mil.exercises",
  "trade.gdp_dependence",
];
const YEARS = [1960, 2024] as const;

/** `n` distinct value URLs: random trade indicator, ordered pair of distinct countries and year. */
function randomValuePaths(indicators: string[], countries: string[], n: number, seed: number): string[] {
  const next = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const seen = new Set<string>();
  while (seen.size < n) {
    const a = pick(countries);
    const b = pick(countries);
    if (a === b) continue;
    const year = YEARS[0] + Math.floor(next() * (YEARS[1] - YEARS[0] + 1));
    seen.add(`/api/v1/value?indicator=${pick(indicators)}&a=${a}&b=${b}&year=${year}`);
  }
  return [...seen];
}

/** `n` distinct unordered pairs as profile URLs. */
function randomProfilePaths(countries: string[], n: number, seed: number): string[] {
  return randomPairs(countries, n, seed).map(([a, b]) => `/api/v1/profile/${a}/${b}`);
}

function hotValuePaths(): string[] {
  const pairs = [
    ["CHN", "RUS"],
    ["RUS", "CHN"],
    ["DEU", "CHN"],
    ["USA", "CHN"],
    ["FRA", "DEU"],
    ["IND", "RUS"],
    ["JPN", "KOR"],
    ["BRA", "ARG"],
  ];
  const out: string[] = [];
  for (const i of TRADE_INDICATORS)
    for (const [a, b] of pairs)
      for (let y = 2011; y <= 2020; y++) out.push(`/api/v1/value?indicator=${i}&a=${a}&b=${b}&year=${y}`);
  return out;
}

interface Child {
  url: string;
  child: ChildProcess;
}

async function startChild(mode: "--child" | "--bare", cacheBytes = 0): Promise<Child> {
  // BENCH_SERVER_FLAGS: node options for the server's process only (e.g. "--cpu-prof --cpu-prof-dir=/tmp/p").
  const flags = process.env.BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...flags, "--import", "tsx", fileURLToPath(import.meta.url), mode], {
    env: { ...process.env, BENCH_CACHE_BYTES: String(cacheBytes) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usage(pid: number): { cpu: number; rssMiB: number; hwmMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cpu = (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpu, rssMiB: kb("VmRSS") / 1024, hwmMiB: kb("VmHWM") / 1024 };
}

interface Run {
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  total: number;
  errors: number;
  /** Of the errors: requests that got no answer within the timeout, and answers other than 2xx. */
  timeouts: number;
  non2xx: number;
  cpuMsPerRequest: number;
  rssMiB: number;
  loadStart: number;
  loadEnd: number;
  /** Distinct URLs asked for, and whether the run had to go round its list again. */
  distinct: number;
  wrapped: boolean;
}

/**
 * Requests from one shared queue: every connection takes the next URL, so the list is walked once across
 * all connections (no two ask the same URL at the same moment unless the list wraps).
 */
async function load(
  server: Child,
  paths: readonly string[],
  options: { connections?: number; headers?: Record<string, string>; seconds?: number } = {},
): Promise<Run> {
  let i = 0;
  const before = usage(server.child.pid!);
  const loadStart = loadavg()[0];
  const r = await autocannon({
    url: server.url,
    connections: options.connections ?? CONNECTIONS,
    duration: options.seconds ?? SECONDS,
    timeout: 60,
    headers: options.headers,
    requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  const after = usage(server.child.pid!);
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p90: r.latency.p90,
    p99: r.latency.p99,
    total: r.requests.total,
    // autocannon counts a timeout among its errors already.
    errors: r.errors + r.non2xx,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    cpuMsPerRequest: r.requests.total ? ((after.cpu - before.cpu) * 1000) / r.requests.total : 0,
    rssMiB: after.rssMiB,
    loadStart,
    loadEnd: loadavg()[0],
    distinct: Math.min(i, paths.length),
    wrapped: i > paths.length,
  };
}

const rows: string[] = [];
function report(route: string, server: string, r: Run, bare?: Run): void {
  const ratio = bare ? ` ${(r.rps / bare.rps).toFixed(3)} |` : " – |";
  const line = `| ${route} | ${server} | ${r.rps.toFixed(0)} |${ratio} ${r.p50} / ${r.p90} / ${r.p99} ms | ${r.total}${r.wrapped && r.distinct > 1 ? " (list wrapped)" : ""} | ${r.errors}${r.errors ? ` (${r.timeouts} timeouts, ${r.non2xx} non-2xx)` : ""} | ${r.cpuMsPerRequest.toFixed(2)} ms | ${r.rssMiB.toFixed(0)} MiB | ${r.loadStart.toFixed(1)} → ${r.loadEnd.toFixed(1)} |`;
  rows.push(line);
  process.stderr.write(`${line}\n`);
}

async function stop(c: Child): Promise<void> {
  c.child.kill("SIGTERM");
  await new Promise((resolve) => c.child.once("exit", resolve));
}

async function main(): Promise<void> {
  const { registry } = await import("../src/countries/index.ts");
  const countries = registry.all("country").map((e) => e.code);
  // Twice what the fastest run could ask for, so no URL comes twice in a run.
  // Imported here, in the benchmark's process only: the server's child loads nothing of src/ beyond itself.
  const { TRADE_INDICATORS: ALL_TRADE } = await import("../src/indicators/trade.ts");
  const indicators = [...ALL_TRADE.map((t) => t.name), ...FURTHER];
  const randomValues = randomValuePaths(indicators, countries, 30_000 * SECONDS, 17);
  const randomProfiles = randomProfilePaths(countries, 20_000, 23);

  const bare = await startChild("--bare");
  const bareRun = await load(bare, ["/"]);
  report("bare Hono, constant 200-byte JSON", "bare", bareRun);
  await stop(bare);

  if (!ONLY || ONLY === "value") {
    for (const [label, cacheBytes] of [
      ["no cache", 0],
      ["answer cache", 128 * 1024 * 1024],
    ] as const) {
      const server = await startChild("--child", cacheBytes);
      try {
        report(
          `value, random pairs and years (${countries.length} countries)`,
          label,
          await load(server, randomValues),
          bareRun,
        );
        report(
          "value, hot set (320 URLs, shared queue)",
          label,
          await load(server, hotValuePaths()),
          bareRun,
        );
      } finally {
        await stop(server);
      }
    }
  }
  if (!ONLY || ONLY === "profile") {
    const server = await startChild("--child", 0);
    try {
      report(
        "profile, random pairs, 1 client",
        "no cache",
        await load(server, randomProfiles, { connections: 1 }),
      );
      report(
        "profile, random pairs, gzip",
        "no cache",
        await load(server, randomProfiles.slice(5000), { headers: { "accept-encoding": "gzip" } }),
        bareRun,
      );
      // The same with every value's provenance written out (?provenance=inline), other pairs of the list.
      report(
        "profile, random pairs, gzip, ?provenance=inline",
        "no cache",
        await load(
          server,
          randomProfiles.slice(12_500).map((p) => `${p}?provenance=inline`),
          { headers: { "accept-encoding": "gzip" } },
        ),
        bareRun,
      );
    } finally {
      await stop(server);
    }
  }
  if (ONLY === "gzip3") {
    // The gzipped random profiles three times on one fresh server, the first run right after start (the
    // figure a user meets first), then one client.
    const server = await startChild("--child", 0);
    try {
      for (let run = 0; run < 3; run++)
        report(
          `profile, random pairs, gzip (run ${run + 1} after start)`,
          "no cache",
          await load(server, randomProfiles.slice(5000 * run), { headers: { "accept-encoding": "gzip" } }),
          bareRun,
        );
      report(
        "profile, random pairs, 1 client",
        "no cache",
        await load(server, randomProfiles.slice(15_000), { connections: 1 }),
      );
    } finally {
      await stop(server);
    }
  }
  if (ONLY === "soak") {
    // Random values and profiles for SOAK_MINUTES with the answer cache on (as served), the server's
    // memory read every minute.
    const server = await startChild("--child", 128 * 1024 * 1024);
    try {
      const mixed = randomValues.flatMap((v, k) =>
        k % 20 === 0 ? [v, randomProfiles[(k / 20) % randomProfiles.length]] : [v],
      );
      for (let m = 1; m <= SOAK_MINUTES; m++) {
        const r = await load(server, mixed.slice(((m - 1) * mixed.length) / SOAK_MINUTES), { seconds: 60 });
        const u = usage(server.child.pid!);
        report(
          `soak minute ${m} (values + 1 profile in 20)`,
          `answer cache, peak ${u.hwmMiB.toFixed(0)} MiB`,
          r,
        );
      }
    } finally {
      await stop(server);
    }
  }
  process.stdout.write(
    `${CONNECTIONS} connections (unless 1 client), ${SECONDS} s per run, loopback, ${new Date().toISOString()}\n\n| route | server | requests/s | ratio to bare | p50 / p90 / p99 | requests | errors | server CPU per request | server RSS after | load average (1 min) start → end |\n|---|---|---|---|---|---|---|---|---|---|\n${rows.join("\n")}\n`,
  );
}

// Last, so every constant above is initialised before any mode runs.
if (process.argv.includes("--child")) {
  // The server, opened read-only on DYAD_HOME; cache size from the parent. From the build (dist/) when it is
  // current, as `dyad serve` runs it; else from the sources through tsx.
  const { startServer } = (
    builtIsFresh()
      ? await import("../dist/server/serve.js" as string)
      : await import("../src/server/serve.ts")
  ) as typeof import("../src/server/serve.ts");
  process.stderr.write(`server from ${builtIsFresh() ? "dist/ (built)" : "src/ (tsx)"}\n`);
  const server = await startServer({
    port: 0,
    cacheBytes: Number(process.env.BENCH_CACHE_BYTES),
    log: (m) => process.stderr.write(`${m}\n`),
  });
  // Measured once the trade tables and the relations are in memory (until then the store answers, as at any
  // server's start): values and profiles from memory.
  await server.values?.ready;
  await server.values?.profileReady;
  // A normal exit on the parent's SIGTERM, so that --cpu-prof (BENCH_SERVER_FLAGS) writes its profiles.
  process.once("SIGTERM", () => process.exit(0));
  process.stdout.write(`${server.url}\n`);
} else if (process.argv.includes("--bare")) {
  // The limit: the same framework and adapter with no work behind the answer.
  const { Hono } = await import("hono");
  const { serve } = await import("@hono/node-server");
  const body = { message: "x".repeat(186) }; // 200 bytes of JSON
  const app = new Hono().get("/", (c) => c.json(body));
  const s = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
    process.stdout.write(`http://127.0.0.1:${info.port}/\n`);
  });
  process.once("SIGTERM", () => s.close(() => process.exit(0)));
} else {
  await main();
}
