// Where the server's CPU goes per gzipped random profile, thread by thread: one server (as bench/serve.ts
// starts it: from dist/ when current, no answer cache, workers warmed), one autocannon run of 64 connections
// over seeded random profile URLs (gzip), and each thread's CPU time from /proc/<pid>/task/*/stat before and
// after. The two busiest threads are the profile workers; "main" is HTTP and the route; the rest is V8's
// platform threads (GC helpers, concurrent marking, compiling), libuv's and DuckDB's. Robust to the machine's
// load where requests/s are not: a run alternated with another checkout's (ROOT) compares CPU per request.
//   DYAD_HOME=<data home> node --import tsx bench/serve-threads.ts [seconds] [seed]
//   (BENCH_SERVER_FLAGS: node options for the server, e.g. "--trace-gc"; TRACE_OUT: file for its stdout)
import { spawn } from "node:child_process";
import { createWriteStream, readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { registry } from "../src/countries/index.ts";
import { randomPairs } from "./helpers.ts";

const SECONDS = Number(process.argv[2] ?? 15);
const SEED = Number(process.argv[3] ?? 23);
const flags = process.env.BENCH_SERVER_FLAGS?.split(/\s+/).filter(Boolean) ?? [];
const serve = fileURLToPath(new URL("./serve.ts", import.meta.url));
const child = spawn(process.execPath, [...flags, "--import", "tsx", serve, "--child"], {
  env: { ...process.env, BENCH_CACHE_BYTES: "0" },
  stdio: ["ignore", "pipe", "inherit"],
});
const traceOut = createWriteStream(process.env.TRACE_OUT ?? "/dev/null");
const url = await new Promise<string>((resolve, reject) => {
  let found = false;
  child.stdout?.on("data", (d: Buffer) => {
    const text = d.toString();
    const m = found ? null : /^(http\S+)$/m.exec(text);
    if (m) {
      found = true;
      resolve(m[1]);
    }
    traceOut.write(text);
  });
  child.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
});
const pid = child.pid as number;

/** CPU milliseconds of each thread of the server, by thread id. */
function threads(): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      out.set(tid, (Number(f[11]) + Number(f[12])) * 10); // utime + stime in 1/100 s
    } catch {
      // A thread that ended between the listing and the read.
    }
  }
  return out;
}

const paths = randomPairs(
  registry.all("country").map((e) => e.code),
  20_000,
  SEED,
).map(([a, b]) => `/api/v1/profile/${a}/${b}`);
let next = 0;
const load0 = loadavg()[0];
const before = threads();
const r = await autocannon({
  url,
  connections: 64,
  duration: SECONDS,
  headers: { "accept-encoding": "gzip" },
  requests: [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length] }) }],
});
const after = threads();
const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
child.kill("SIGTERM");
const n = r.requests.total;
const spent = [...after].map(([tid, ms]) => [tid, ms - (before.get(tid) ?? 0)] as const);
const total = spent.reduce((s, [, ms]) => s + ms, 0);
const main = spent.find(([tid]) => tid === String(pid))?.[1] ?? 0;
const workers = spent
  .filter(([tid]) => tid !== String(pid))
  .map(([, ms]) => ms)
  .sort((x, y) => y - x)
  .slice(0, 2)
  .reduce((s, ms) => s + ms, 0);
const per = (ms: number) => (ms / n).toFixed(2);
console.log(
  `${process.env.LABEL ?? ""} ${r.requests.average.toFixed(0)} req/s, ${n} requests, ${r.errors + r.non2xx} errors; CPU ms per request: all ${per(total)} = workers ${per(workers)} + main ${per(main)} + rest ${per(total - workers - main)}; RSS ${rss.toFixed(0)} MiB; load ${load0.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
);
