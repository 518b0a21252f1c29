import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { type FixtureServer, startFixtureServer } from "../helpers/fixture-server.ts";

const BIN = resolve("bin/dyad.js");
let server: FixtureServer;

before(async () => {
  server = await startFixtureServer();
});
after(async () => {
  await server.close();
});

function dyad(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

test("`dyad fetch imts` with DYAD_IMF_URL fetches, ingests, and prints the snapshot and its retrieval date", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-fetch-cli-"));
  const r = await dyad(
    ["fetch", "imts", "--reporters", "CHN,RUS,WLD", "--from", "2021", "--to", "2024", "--throttle", "0"],
    {
      DYAD_HOME: home,
      DYAD_IMF_URL: server.imfUrl,
    },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /3 requests: 3 answered now; 0 retries\./);
  assert.match(r.stdout, /Snapshot \(retrieved \d{4}-\d{2}-\d{2}\): .*snapshots\/imts\/\d{4}-\d{2}-\d{2}\//);
  assert.match(r.stdout, /Ingested dataset "imts": 112 rows/);
  assert.match(r.stdout, /IMF groupings left out \(never summed\): GX170 TX898/);
  // Not a terminal here: one plain progress line per request on stderr.
  assert.match(r.stderr, /\[2\/3\] RUS 2021-2024 annual/);
});

test("a failing publisher: the person sees what failed, where the partial snapshot is, and how to resume; exit code 1", async () => {
  const home = mkdtempSync(join(tmpdir(), "dyad-fetch-cli-"));
  server.always("/RUS.", { kind: "500" });
  try {
    const r = await dyad(
      [
        "fetch",
        "imts",
        "--reporters",
        "CHN,RUS",
        "--from",
        "2021",
        "--to",
        "2024",
        "--throttle",
        "0",
        "--retries",
        "1",
        "--backoff",
        "1",
        "--quiet",
        "--endpoint",
        server.imfUrl,
      ],
      { DYAD_HOME: home },
    );
    assert.equal(r.code, 1);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      /^dyad: IMF IMTS: request 2 of 2 \(RUS 2021-2024 annual \(key RUS\.XG_FOB_USD\+MG_CIF_USD\.\.A\)\) failed: HTTP 500 Internal Server Error/,
    );
    assert.match(
      r.stderr,
      /1 of 2 answers are saved in .*; run the same command again to resume from there\. The store was not changed\./,
    );
  } finally {
    server.reset();
  }
});

test("bad options are refused before any request", async () => {
  const before = server.requests.length;
  const r = await dyad(
    ["fetch", "imts", "--reporters", "CHN", "--from", "2024", "--to", "2021", "--endpoint", server.imfUrl],
    {
      DYAD_HOME: mkdtempSync(join(tmpdir(), "dyad-fetch-cli-")),
    },
  );
  assert.equal(r.code, 1);
  assert.match(r.stderr, /dyad: --from: 2024 is after --to 2021/);
  assert.equal(server.requests.length, before);
});
