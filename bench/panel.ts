// Benchmark: the dyad-year panel (every ordered pair of countries × every year) written by DuckDB, against
// a vectorised pandas peer (bench/panel-peer-pandas.py: integer positions, matrix products, no string
// merges) building the same columns from the same tables, in one run; the rows are compared column by
// column. The store holds the six sources the peer reproduces (UN votes, ideal points, SIPRI, EI energy,
// WDI, CEPII), so both build the same grid. `--stdlib` also runs the old row-by-row standard-library peer
// (bench/panel-peer.py, minutes).
// usage: nice node --import tsx bench/panel.ts [--sources DIR] [--runs N] [--stdlib]
// (--runs: each run writes dyad's Parquet and CSV, then runs the pandas peer three times: the frame alone twice,
// cold and then warm, and the frame written as CSV)
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { writePanel } from "../src/panel/panel.ts";
import { BEYOND_TRADE_SOURCES } from "../src/sources/registry.ts";
import { Store } from "../src/store/index.ts";

const PEER_SOURCES = ["unvotes", "voeten", "sipri", "ei-energy", "wdi", "cepii"];
const at = process.argv.indexOf("--sources");
const sources = at > 0 ? process.argv[at + 1] : (process.env.DYAD_SOURCES ?? resolve("../shared/data"));
const work = mkdtempSync(join(tmpdir(), "dyad-bench-panel-"));
const store = await Store.open({ home: work });
const load = () => loadavg()[0].toFixed(1);
const mib = (b: number) => Math.round(b / 2 ** 20);
const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  process.stderr.write(`${line}\n`);
};

const t = performance.now();
for (const s of BEYOND_TRADE_SOURCES.filter((s) => PEER_SOURCES.includes(s.info.name)))
  await s.ingest(store, join(sources, s.defaultPaths[0]), {});
say(`ingest of the six sources: ${((performance.now() - t) / 1000).toFixed(1)} s`);

/** Wall and CPU seconds of one step in this process (DuckDB's threads included). */
async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; wall: number; cpu: number; user: number; sys: number; load: string }> {
  const l = load();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await fn();
  const c = process.cpuUsage(c0);
  return {
    value,
    wall: (performance.now() - t0) / 1000,
    cpu: (c.user + c.system) / 1e6,
    user: c.user / 1e6,
    sys: c.system / 1e6,
    load: `${l} → ${load()}`,
  };
}

// The peers read the same normalised tables, exported as CSV (not timed).
const tables = join(work, "tables");
mkdirSync(tables);
for (const name of [
  "entities",
  "un_votes",
  "un_roll_calls",
  "un_ideal_points",
  "arms_transfers",
  "energy_trade",
  "wdi_values",
  "geo_dyads",
]) {
  await store.query(`COPY ${name} TO '${join(tables, `${name}.csv`)}' (FORMAT csv, HEADER true)`);
}

interface PeerRun {
  rows: number;
  columns: number;
  build_seconds: number;
  build_cpu: number;
  build_user: number;
  build_sys: number;
  seconds: number;
  cpu: number;
  peak_mib: number;
}
// Debian's python3-pandas lives with the system interpreter, which a python3 earlier on PATH may not be.
const PYTHON = process.env.PYTHON ?? "/usr/bin/python3";
function peer(script: string, out: string): { run: PeerRun; wall: number; load: string } {
  const l = load();
  const t0 = performance.now();
  const stdout = execFileSync(PYTHON, [resolve(script), tables, out], {
    encoding: "utf8",
    maxBuffer: 1 << 20,
  });
  const wall = (performance.now() - t0) / 1000;
  return {
    run: JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as PeerRun,
    wall,
    load: `${l} → ${load()}`,
  };
}

const runsAt = process.argv.indexOf("--runs");
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 1;

let p: Awaited<ReturnType<typeof writePanel>> | undefined;
let pandasRows = 0;
const pandasCsv = join(work, "pandas.csv");
for (let run = 1; run <= runs; run++) {
  const label = runs > 1 ? `run ${run}: ` : "";
  const parquet = await timed(() => writePanel(store, join(work, "panel.parquet")));
  const csv = await timed(() => writePanel(store, join(work, "panel.csv")));
  p = parquet.value;
  say(
    `${label}dyad panel: ${p.rows.toLocaleString("en")} dyad-years, ${p.countries} countries, ${p.years.join("–")}, ${p.columns.length} columns`,
  );
  const split = (x: { user: number; sys: number }) => `${x.user.toFixed(2)} user + ${x.sys.toFixed(2)} sys`;
  say(
    `${label}dyad → Parquet: ${parquet.wall.toFixed(2)} s wall, ${parquet.cpu.toFixed(2)} s CPU (${split(parquet)}), ${(statSync(p.path).size / 2 ** 20).toFixed(1)} MiB (load ${parquet.load})`,
  );
  say(
    `${label}dyad → CSV:     ${csv.wall.toFixed(2)} s wall, ${csv.cpu.toFixed(2)} s CPU (${split(csv)}), ${mib(statSync(csv.value.path).size)} MiB (load ${csv.load})`,
  );
  // The pandas peer building the frame twice, back to back: the first time its 1.5 GB of fresh arrays
  // are faulted in by this VM's kernel (system time that ranges from 1 to 9 s between runs), the second time
  // the memory comes back warm. Then once building and writing CSV.
  const cold = peer("bench/panel-peer-pandas.py", "-");
  const warm = peer("bench/panel-peer-pandas.py", "-");
  const written = peer("bench/panel-peer-pandas.py", pandasCsv);
  pandasRows = written.run.rows;
  for (const [name, built] of [
    ["cold", cold],
    ["warm", warm],
  ] as const) {
    const r = built.run;
    say(
      `${label}pandas, frame in memory (${name}): ${built.wall.toFixed(2)} s wall (process), build ${r.build_seconds} s wall / ${r.build_cpu} s CPU (${r.build_user} user + ${r.build_sys} sys), ${r.rows.toLocaleString("en")} rows × ${r.columns} columns, peak RSS ${r.peak_mib} MiB (load ${built.load})`,
    );
  }
  say(
    `${label}pandas → CSV: ${written.wall.toFixed(2)} s wall (process), ${written.run.seconds} s / ${written.run.cpu} s CPU inside (load ${written.load})`,
  );
  // Ratios, pandas over dyad: wall is the peer's whole process against dyad's writePanel, CPU the peer's build
  // (user + sys) against dyad's writePanel (user + sys, every thread); "user" compares user CPU alone, the
  // view in which the kernel's page faults count for neither.
  const ratios = (built: typeof cold) =>
    `${(built.wall / parquet.wall).toFixed(2)}× wall, ${(built.run.build_cpu / parquet.cpu).toFixed(2)}× CPU, ${(built.run.build_user / parquet.user).toFixed(2)}× user CPU`;
  say(
    `${label}ratios (pandas / dyad), in-memory frame vs dyad Parquet: cold ${ratios(cold)}; warm ${ratios(warm)}`,
  );
  say(
    `${label}ratios (pandas / dyad), CSV vs CSV: ${(written.wall / csv.wall).toFixed(2)}× wall, ${(written.run.cpu / csv.cpu).toFixed(2)}× CPU`,
  );
}
if (!p) throw new Error("--runs must be at least 1");

// Rows agree? Join dyad's Parquet and the peer's CSV on (a, b, year); count differing cells per shared column.
const peerColumns = (
  await store.query<{ column_name: string }>(
    `SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv('${pandasCsv}', header = true, sample_size = -1))`,
  )
).map((r) => r.column_name);
const shared = peerColumns.filter((c) => !["a", "b", "year"].includes(c) && p.columns.includes(c));
const differs = (c: string) =>
  `count(*) FILTER (WHERE NOT ((d.${c} IS NULL AND q.${c} IS NULL) OR abs(d.${c}::DOUBLE - q.${c}::DOUBLE) <= 1e-9 * greatest(1, abs(q.${c}::DOUBLE)))) AS ${c}`;
const cmp = await store.one<Record<string, bigint>>(
  `SELECT count(*) AS joined, ${shared.map(differs).join(", ")}
     FROM read_parquet('${p.path}') AS d
     JOIN read_csv('${pandasCsv}', header = true, sample_size = -1) AS q USING (a, b, year)`,
);
const bad = shared.filter((c) => Number(cmp?.[c] ?? 0) > 0);
say(
  `rows: dyad ${p.rows.toLocaleString("en")}, pandas ${pandasRows.toLocaleString("en")}, joined ${Number(cmp?.joined ?? 0).toLocaleString("en")}; ${shared.length} shared columns, cells differing: ${bad.length ? bad.map((c) => `${c} ${cmp?.[c]}`).join(", ") : "none"}`,
);

if (process.argv.includes("--stdlib")) {
  const std = peer("bench/panel-peer.py", join(work, "stdlib.csv"));
  say(
    `Python stdlib peer → CSV: ${std.wall.toFixed(1)} s wall, ${std.run.rows.toLocaleString("en")} rows (load ${std.load})`,
  );
}
store.close();
rmSync(work, { recursive: true, force: true });
process.stdout.write(`${new Date().toISOString()}\n${lines.join("\n")}\n`);
