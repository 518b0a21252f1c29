// Load test of the HTTP API on loopback with autocannon: the value and profile routes, 64 connections for
// 30 s each, with the answer cache (the server as it runs) and without it (the cost of each computation).
// The server runs in a child process so autocannon does not share its event loop.
//
// Run: DYAD_HOME=<a data home with the sources ingested> nice node --import tsx bench/serve.ts [seconds] [value|profile]
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const SECONDS = Number(process.argv[2] ?? 30);
const CONNECTIONS = 64;
/** Only the runs whose route starts with this word (value, profile), when given. */
const ONLY = process.argv[3];

async function startChild(cacheBytes: number): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child"], {
    env: { ...process.env, BENCH_CACHE_BYTES: String(cacheBytes) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.once("data", (d: Buffer) => resolve(d.toString().trim()));
    child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url, child };
}

// A realistic spread of distinct value requests: 4 indicators × 8 pairs × 10 years = 320 URLs.
function valuePaths(): string[] {
  const indicators = ["trade.export_share", "trade.import_share", "trade.turnover", "trade.exports"];
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
  for (const i of indicators)
    for (const [a, b] of pairs)
      for (let y = 2011; y <= 2020; y++) out.push(`/api/v1/value?indicator=${i}&a=${a}&b=${b}&year=${y}`);
  return out;
}

const PROFILE_PATHS = [
  "/api/v1/profile/CHN/RUS",
  "/api/v1/profile/DEU/CHN",
  "/api/v1/profile/USA/MEX",
  "/api/v1/profile/IND/RUS",
];

async function load(url: string, paths: readonly string[], headers: Record<string, string> = {}) {
  const r = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: paths.map((path) => ({ method: "GET", path, headers })),
    timeout: 60,
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
    mb: r.throughput.average / 1e6,
  };
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const [label, cacheBytes] of [
    ["with the answer cache", 128 * 1024 * 1024],
    ["no cache", 0],
  ] as const) {
    const { url, child } = await startChild(cacheBytes);
    try {
      for (const [route, paths, headers] of [
        ["value (320 distinct URLs)", valuePaths(), {}],
        ["profile (4 pairs)", PROFILE_PATHS, {}],
        ["profile (4 pairs), gzip", PROFILE_PATHS, { "accept-encoding": "gzip" }],
      ] as const) {
        if (cacheBytes === 0 && route.endsWith("gzip")) continue;
        if (ONLY && !route.startsWith(ONLY)) continue;
        const r = await load(url, paths, headers);
        const line = `| ${route} | ${label} | ${r.rps.toFixed(0)} | ${r.p50} ms | ${r.p99} ms | ${r.total} | ${r.errors} | ${r.mb.toFixed(1)} MB/s |`;
        rows.push(line);
        process.stderr.write(`${line}\n`);
      }
    } finally {
      child.kill("SIGTERM");
    }
  }
  process.stdout.write(
    `${CONNECTIONS} connections, ${SECONDS} s per run, loopback, ${new Date().toISOString().slice(0, 10)}\n\n| route | server | requests/s | p50 | p99 | requests | errors | throughput |\n|---|---|---|---|---|---|---|---|\n${rows.join("\n")}\n`,
  );
}

// Last, so every constant above is initialised before either mode runs.
if (process.argv.includes("--child")) {
  // The server, opened read-only on DYAD_HOME; cache size from the parent.
  const { startServer } = await import("../src/server/serve.ts");
  const server = await startServer({ port: 0, cacheBytes: Number(process.env.BENCH_CACHE_BYTES) });
  process.stdout.write(`${server.url}\n`);
} else {
  await main();
}
