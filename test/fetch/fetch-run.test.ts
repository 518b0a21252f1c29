import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import {
  type FetchOptions,
  FetchRunError,
  fetchComtrade,
  fetchImts,
  ingestImtsSnapshot,
} from "../../src/fetch/index.ts";
import { diffSources } from "../../src/fetch/source-diff.ts";
import { getSource } from "../../src/sources/registry.ts";
import { Store } from "../../src/store/index.ts";
import { type FixtureServer, startFixtureServer } from "../helpers/fixture-server.ts";

let server: FixtureServer;
let home: string;
let store: Store;

before(async () => {
  server = await startFixtureServer();
});
after(async () => {
  await server.close();
});
beforeEach(async () => {
  store?.close();
  home = mkdtempSync(join(tmpdir(), "dyad-fetch-"));
  store = await Store.open({ home });
  server.reset();
});
after(() => store?.close());

// Fast settings: no throttle, short back-off and timeout; the behaviour, not the waiting, is under test.
const opts = (extra: Partial<FetchOptions> = {}): FetchOptions => ({
  home,
  http: { minIntervalMs: 0, backoffMs: 5, maxBackoffMs: 20, timeoutMs: 2000, retries: 3, ...extra.http },
  openStore: async () => store,
  ...extra,
});
const query = (reporters = "CHN,RUS,WLD") => ({ reporters, from: 2021, to: 2024, endpoint: server.imfUrl });

async function flow(reporter: string, partner: string, year: number, f: string) {
  return store.one<{
    value_usd: number;
    dataset: string;
    priority: number;
    estimate: boolean;
    note: string;
    file: string;
  }>(
    "SELECT value_usd, dataset, priority, estimate, note, file FROM trade_flows WHERE reporter=? AND partner=? AND year=? AND flow=?",
    [reporter, partner, year, f],
  );
}

async function fingerprint(): Promise<string> {
  return store.fingerprint();
}

async function expectFailureLeavesStore(
  run: () => Promise<unknown>,
  message: RegExp,
): Promise<FetchRunError> {
  const before = await fingerprint();
  let caught: unknown;
  await run().catch((err) => {
    caught = err;
  });
  assert.ok(caught instanceof FetchRunError, `expected a FetchRunError, got ${caught}`);
  assert.match(caught.message, message);
  assert.match(caught.message, /The store was not changed\./);
  assert.equal(await fingerprint(), before, "the store is unchanged after the failed run");
  return caught;
}

test("China, Russia and the World 2021-2024 land with Russia as reporter, so Russia's export share to China in 2023 computes (127.365 / 424.987)", async () => {
  const out = await fetchImts(query(), opts());
  assert.equal(out.run.manifest.parts.length, 3);
  assert.equal(out.ingest?.dataset, "imts");
  const x = await flow("RUS", "CHN", 2023, "exports");
  const w = await flow("RUS", "WLD", 2023, "exports");
  // RUS-A.csv lines 9 and 5
  assert.equal(x?.value_usd, 127_365_000_000);
  assert.equal(w?.value_usd, 424_987_000_000);
  assert.equal(x?.priority, 15);
  assert.equal(x?.estimate, true);
  assert.ok(Math.abs(x!.value_usd / w!.value_usd - 0.2997) < 0.0001);
  // The other side: China's imports from Russia (CHN-A.csv), for the mirror view.
  assert.equal((await flow("CHN", "RUS", 2023, "imports"))?.value_usd, 129_139_000_000);
  // Provenance names the retrieval date, in the ingest record and on every row.
  const date = out.run.manifest.date;
  const ingest = await store.one<{ retrieved: string }>(
    "SELECT retrieved FROM ingests WHERE dataset = 'imts'",
  );
  assert.equal(ingest?.retrieved, date);
  assert.match(x!.note, new RegExp(`retrieved ${date}`));
  assert.ok(existsSync(join(home, x!.file)), "the row points at its snapshot file in the data home");
});

test("a 429 is retried after Retry-After and the run completes", async () => {
  server.misbehave("/RUS.", { kind: "429", retryAfter: "0" });
  const out = await fetchImts(query("RUS"), opts());
  assert.equal(out.run.retries, 1);
  assert.equal(server.requests.filter((r) => r.includes("/RUS.")).length, 2);
  assert.ok(await flow("RUS", "CHN", 2023, "exports"));
});

test("a 500 that persists fails the run after its retries, says how to resume, and leaves the store unchanged", async () => {
  await fetchImts(query("CHN"), opts());
  server.always("/RUS.", { kind: "500" });
  try {
    const err = await expectFailureLeavesStore(
      () => fetchImts(query("RUS"), opts()),
      /request 1 of 1 \(RUS 2021-2024 annual .*\) failed: HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/.* \(after 4 attempts\)\. The publisher's server failed; try again later\./,
    );
    assert.match(err.message, /0 of 1 answers are saved in .*; run the same command again to resume/);
    assert.equal(server.requests.filter((r) => r.includes("/RUS.")).length, 4);
  } finally {
    server.reset();
  }
});

test("an empty HTTP 200 for a named reporter is an error naming the key, and the store is unchanged", async () => {
  server.misbehave("/RUS.", { kind: "empty200" });
  await expectFailureLeavesStore(
    () => fetchImts(query("RUS"), opts()),
    /empty body: no observations for key RUS\.XG_FOB_USD\+MG_CIF_USD\.\.A/,
  );
});

test("a body cut short is retried; cut short every time, the run fails and the store is unchanged", async () => {
  server.misbehave("/CHN.", { kind: "truncated" });
  const out = await fetchImts(query("CHN"), opts());
  assert.equal(out.run.retries, 1);
  server.misbehave("/RUS.", ...Array(4).fill({ kind: "truncated" }));
  await expectFailureLeavesStore(() => fetchImts(query("RUS"), opts()), /truncated body/);
});

test("an HTML page instead of SDMX-CSV is refused, kept for inspection, and the store is unchanged", async () => {
  server.misbehave("/RUS.", { kind: "html" });
  const err = await expectFailureLeavesStore(
    () => fetchImts(query("RUS"), opts()),
    /answered an HTML page \(Content-Type text\/html; charset=utf-8\), not SDMX-CSV/,
  );
  const rejected = join(err.dir, "rejected");
  assert.match(readFileSync(join(rejected, readdirSync(rejected)[0]), "utf8"), /Access Denied/);
});

test("a slow answer hits the timeout and is retried", async () => {
  server.misbehave("/CHN.", { kind: "slow", ms: 400 });
  const out = await fetchImts(query("CHN"), opts({ http: { timeoutMs: 150 } }));
  assert.equal(out.run.retries, 1);
  assert.ok(await flow("CHN", "RUS", 2024, "exports"));
});

test("a run that dies resumes where it stopped: answers already saved are not asked again", async () => {
  server.misbehave("/RUS.", { kind: "500" });
  await expectFailureLeavesStore(() => fetchImts(query(), opts({ http: { retries: 0 } })), /request 2 of 3/);
  const first = server.requests.length;
  const out = await fetchImts(query(), opts({ http: { retries: 0 } }));
  const second = server.requests.slice(first);
  assert.equal(out.run.resumed, 1);
  assert.equal(out.run.fetched, 2);
  assert.ok(!second.some((r) => r.includes("/CHN.")), "China was not fetched again");
  assert.equal(
    await store.one<{ n: bigint }>("SELECT count(*) AS n FROM trade_flows").then((r) => Number(r?.n)),
    // 104 country rows and 8 with the European Union (RUS-A.csv, G998 lines 27-30 and 59-62)
    112,
  );
});

test("a re-fetch replaces the rows it covers instead of adding to them", async () => {
  await fetchImts(query(), opts());
  const n1 = Number((await store.one<{ n: bigint }>("SELECT count(*) AS n FROM trade_flows"))?.n);
  const again = await fetchImts(query("RUS"), opts());
  const n2 = Number((await store.one<{ n: bigint }>("SELECT count(*) AS n FROM trade_flows"))?.n);
  assert.equal(n2, n1);
  assert.equal(
    again.ingest?.replaced,
    56,
    "Russia's 7 partners (G998, the EU, among them) x 2 flows x 4 years",
  );
  assert.equal(again.ingest?.kept, 56);
});

test("monthly: 2024 is summed from its twelve months, 2025 (four months) is not, and the run says so", async () => {
  const out = await fetchImts(
    { reporters: "RUS", from: 2024, to: 2025, freq: "M", endpoint: server.imfUrl },
    opts({ now: () => new Date("2025-06-01T00:00:00Z") }),
  );
  assert.equal((await flow("RUS", "CHN", 2024, "exports"))?.value_usd, 128_902_000_000);
  assert.equal(await flow("RUS", "CHN", 2025, "exports"), undefined);
  assert.ok(
    out.ingest?.messages.includes(
      "RUS->CHN exports 2025: 4 of 12 months (2025-01..2025-04), not aggregated to the year",
    ),
  );
});

test("a snapshot ingests offline into another store with the same rows and the retrieval date", async () => {
  const out = await fetchImts(query(), opts());
  const otherHome = mkdtempSync(join(tmpdir(), "dyad-fetch-other-"));
  const other = await Store.open({ home: otherHome });
  try {
    const res = await ingestImtsSnapshot(other, out.run.dir, { home });
    assert.equal(res.rows, 112);
    assert.equal(res.retrieved, out.run.manifest.date);
    const sum = "SELECT sum(value_usd) AS s FROM trade_flows";
    assert.deepEqual(await other.one(sum), await store.one(sum));
  } finally {
    other.close();
  }
});

test("Comtrade through the public preview, then `sources diff` lists the flow where Comtrade and IMTS disagree", async () => {
  await fetchImts(query("CHN"), opts());
  const out = await fetchComtrade(
    { reporters: "CHN,RUS", from: 2023, to: 2024, endpoint: server.url, apiKey: "" },
    opts(),
  );
  assert.equal(
    out.run.manifest.parts.filter((p) => p.status === "empty").length,
    4,
    "Russia reports nothing to Comtrade",
  );
  assert.ok(
    server.requests.every(
      (r) => !r.includes("/public/") || r.includes("/public/v1/preview/C/A/HS?reporterCode="),
    ),
  );
  assert.equal((await flow("CHN", "FRA", 2023, "exports"))?.value_usd, 41_820_000_000);
  const diffs = await diffSources(store, "CHN", "RUS");
  // comtrade/156.json gives 112.300 bn for China's 2023 exports to Russia, CHN-A.csv 110.971 bn.
  assert.equal(diffs.length, 1);
  assert.deepEqual(
    diffs[0].values.map((v) => [v.dataset, v.value_usd]),
    [
      ["imts", 110_971_000_000],
      ["comtrade-api", 112_300_000_000],
    ],
  );
});

test("Comtrade's wrong content type and an empty 200 are refused with the store unchanged", async () => {
  server.misbehave("reporterCode=156", { kind: "xml" });
  await expectFailureLeavesStore(
    () => fetchComtrade({ reporters: "CHN", from: 2023, to: 2023, endpoint: server.url, apiKey: "" }, opts()),
    /Content-Type application\/xml, not JSON/,
  );
  server.misbehave("reporterCode=156", { kind: "empty200" });
  await expectFailureLeavesStore(
    () => fetchComtrade({ reporters: "CHN", from: 2022, to: 2022, endpoint: server.url, apiKey: "" }, opts()),
    /empty body/,
  );
});

test("the imts and comtrade sources let `dyad ingest imts|comtrade <snapshot>` ingest a snapshot offline", async () => {
  const out = await fetchImts(query("RUS"), opts({ noIngest: true }));
  assert.equal(out.ingest, undefined);
  assert.equal(Number((await store.one<{ n: bigint }>("SELECT count(*) AS n FROM trade_flows"))?.n), 0);
  const imts = getSource("imts");
  assert.deepEqual(imts.defaultPaths, [], "a snapshot lives in the data home, not in the data folder");
  const summary = await imts.ingest(store, out.run.dir, {});
  assert.equal(summary.rows, 56);
  assert.deepEqual(summary.years, [2021, 2024]);
  await assert.rejects(
    () => getSource("comtrade").ingest(store, out.run.dir, {}),
    /a snapshot of `dyad fetch imts`, not of `dyad fetch comtrade`/,
  );
});

test("an unfinished snapshot is never ingested", async () => {
  server.always("/RUS.", { kind: "500" });
  const err = await expectFailureLeavesStore(
    () => fetchImts(query(), opts({ http: { retries: 0 } })),
    /request 2 of 3/,
  );
  await assert.rejects(
    () => ingestImtsSnapshot(store, err.dir, { home }),
    /the run is incomplete \(1 of 3 requests answered\)/,
  );
});
