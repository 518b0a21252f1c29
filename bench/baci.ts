// BACI at scale: our ingest of a release zip against DuckDB's own read_csv-to-Parquet over the unpacked CSVs
// (the limit), then the product queries. Each phase runs in its own process so its peak memory (VmHWM) is its
// own. Prints figures; writes nothing into the repository.
//
//   nice node --import tsx bench/gen-baci.ts /tmp/dyad-baci-bench            # once, ~4 min, 2.1 GiB
//   nice node --import tsx bench/baci.ts [/tmp/dyad-baci-bench/BACI_HS92_V202601.zip] [--work DIR] [--skip-baseline] [--keep-unpacked]
//   nice node --import tsx bench/baci.ts ZIP --work DIR --phase unpack|baseline|ours|queries    # one phase
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import {
  baciRelease,
  dyadProductYears,
  PRODUCT_INDICATORS,
  productSection,
  substitution,
} from "../src/indicators/product.ts";
import { PRODUCT_GROUPS } from "../src/products/groups.ts";
import { ingestBaci } from "../src/sources/baci/ingest.ts";
import { openZip } from "../src/sources/baci/zip.ts";
import { Store } from "../src/store/index.ts";

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const zipPath = resolve(
  args.find((a, i) => !a.startsWith("--") && !args[i - 1]?.startsWith("--")) ??
    "/tmp/dyad-baci-bench/BACI_HS92_V202601.zip",
);
const work = resolve(flag("--work") ?? join(dirname(zipPath), "work"));
const phase = flag("--phase");

function peakRssMiB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}
const du = (path: string) => Number(execFileSync("du", ["-sb", path], { encoding: "utf8" }).split("\t")[0]);
const gib = (b: number) => `${(b / 2 ** 30).toFixed(2)} GiB`;
// CPU seconds of the process (all threads) and the load average beside it: the machine is shared, so wall
// time alone says little about the method.
const cpuSeconds = () => {
  const u = process.resourceUsage();
  return (u.userCPUTime + u.systemCPUTime) / 1e6;
};
const emit = (o: Record<string, unknown>) =>
  process.stdout.write(
    `RESULT ${JSON.stringify({ ...o, cpuSeconds: cpuSeconds(), loadavg: readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ") })}\n`,
  );

async function unpack(): Promise<void> {
  const dir = join(work, "unpacked");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const zip = await openZip(zipPath);
  for (const name of zip.entries.keys()) await zip.extractTo(name, join(dir, name));
  zip.close();
  emit({
    phase: "unpack",
    seconds: (performance.now() - t0) / 1000,
    bytes: du(dir),
    peakRssMiB: peakRssMiB(),
  });
}

async function baseline(): Promise<void> {
  // DuckDB alone, given the unpacked CSVs: read_csv with its own sniffing, Parquet partitioned by year.
  const out = join(work, "baseline");
  rmSync(out, { recursive: true, force: true });
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run(`SET temp_directory = '${join(work, "spill")}'`);
  const t0 = performance.now();
  await c.run(
    `COPY (SELECT * FROM read_csv('${join(work, "unpacked", "BACI_*_Y*.csv")}')) TO '${out}' (FORMAT parquet, PARTITION_BY (t))`,
  );
  const seconds = (performance.now() - t0) / 1000;
  const rows = Number(
    (
      await c.runAndReadAll(`SELECT count(*) AS n FROM read_parquet('${out}/*/*.parquet')`)
    ).getRowObjectsJS()[0].n,
  );
  emit({
    phase: "baseline",
    seconds,
    rows,
    rowsPerSecond: rows / seconds,
    bytes: du(out),
    peakRssMiB: peakRssMiB(),
  });
}

async function ours(): Promise<void> {
  const home = join(work, "home");
  rmSync(home, { recursive: true, force: true });
  const store = await Store.open({ home });
  const r = await ingestBaci(store, zipPath, {
    onProgress: (d, t, f) => process.stderr.write(`\r  ingest ${d}/${t} ${f}        `),
  });
  process.stderr.write("\n");
  store.close();
  emit({
    phase: "ours",
    seconds: r.seconds,
    rows: r.flows,
    rowsPerSecond: r.flows / r.seconds,
    bytes: du(join(home, "baci")),
    storeBytes: du(join(home, "dyad.duckdb")),
    peakRssMiB: peakRssMiB(),
  });
}

async function timed<T>(
  fn: () => Promise<T>,
  runs = 5,
): Promise<{ firstMs: number; medianMs: number; maxMs: number; cpuMsPerRun: number }> {
  const ms: number[] = [];
  const cpu0 = cpuSeconds();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  return {
    firstMs: ms[0],
    medianMs: sorted[Math.floor(runs / 2)],
    maxMs: sorted[runs - 1],
    // CPU time of all DuckDB threads: what the query costs, whatever else the shared machine is running.
    cpuMsPerRun: ((cpuSeconds() - cpu0) * 1000) / runs,
  };
}

async function queries(): Promise<void> {
  const store = await Store.open({ home: join(work, "home"), readOnly: true });
  const rel = await baciRelease(store);
  if ("absent" in rel) throw new Error(rel.absent);
  const out: Record<string, unknown> = {};
  const named = PRODUCT_GROUPS;
  for (const [a, b] of [
    ["RUS", "CHN"],
    ["CHN", "RUS"],
    ["DEU", "USA"],
    ["TON", "BRA"],
  ]) {
    out[`dyad product shares, all years, 8 groups: ${a}→${b}`] = await timed(() =>
      dyadProductYears(store, rel, a, b, named),
    );
  }
  out["substitution: RUS imports of cars (8703), all years"] = await timed(() =>
    substitution(store, "RUS", "8703", { include: ["CHN", "DEU"] }),
  );
  out["substitution: CHN imports of HS 27, all years"] = await timed(() => substitution(store, "CHN", "27"));
  out["substitution: DEU imports of HS 84, all years"] = await timed(() => substitution(store, "DEU", "84"));
  for (const def of PRODUCT_INDICATORS) {
    out[`${def.name} RUS CHN 2023 --product 27`] = await timed(() =>
      def.compute(store, "RUS", "CHN", 2023, { product: "27" }),
    );
  }
  out["productSection RUS CHN (8 groups both ways + 2 substitution passes)"] = await timed(
    () => productSection(store, "RUS", "CHN"),
    3,
  );
  store.close();
  emit({ phase: "queries", latencies: out, peakRssMiB: peakRssMiB() });
}

function runPhase(name: string): Record<string, unknown> {
  process.stderr.write(`phase ${name} ...\n`);
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", process.argv[1], zipPath, "--work", work, "--phase", name],
    {
      stdio: ["ignore", "pipe", "inherit"],
      encoding: "utf8",
      maxBuffer: 1 << 26,
    },
  );
  const line = r.stdout.split("\n").find((l) => l.startsWith("RESULT "));
  if (r.status !== 0 || !line) throw new Error(`phase ${name} failed (${r.status}):\n${r.stdout}`);
  return JSON.parse(line.slice(7));
}

if (phase === "unpack") await unpack();
else if (phase === "baseline") await baseline();
else if (phase === "ours") await ours();
else if (phase === "queries") await queries();
else {
  mkdirSync(work, { recursive: true });
  const results: Record<string, Record<string, unknown>> = {};
  if (!args.includes("--skip-baseline")) {
    results.unpack = runPhase("unpack");
    results.baseline = runPhase("baseline");
    if (!args.includes("--keep-unpacked")) rmSync(join(work, "unpacked"), { recursive: true, force: true });
    rmSync(join(work, "baseline"), { recursive: true, force: true });
  }
  results.ours = runPhase("ours");
  results.queries = runPhase("queries");
  console.log(JSON.stringify(results, null, 2));
  const o = results.ours as { seconds: number; rows: number; peakRssMiB: number; bytes: number };
  const b = results.baseline as { seconds: number; bytes: number; peakRssMiB: number } | undefined;
  console.log(`\nours: ${o.rows.toLocaleString("en")} rows in ${o.seconds.toFixed(1)} s`);
  console.log(
    `  ${Math.round(o.rows / o.seconds).toLocaleString("en")} rows/s, peak RSS ${o.peakRssMiB.toFixed(0)} MiB, Parquet ${gib(o.bytes)}`,
  );
  if (b) {
    console.log(
      `baseline (DuckDB read_csv → Parquet by year, CSVs already unpacked): ${b.seconds.toFixed(1)} s, peak RSS ${b.peakRssMiB.toFixed(0)} MiB, ${gib(b.bytes)}`,
    );
    console.log(`ratio ours / baseline: ${(o.seconds / b.seconds).toFixed(2)}`);
  }
  console.log(`files in ${work}: ${readdirSync(work).join(", ")} (delete when done)`);
}
