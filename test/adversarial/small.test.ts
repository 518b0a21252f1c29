// The small ones of issue 16 (item 11): each was accepted or answered badly before.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { createApp } from "../../src/server/app.ts";
import { createPool, type StorePool } from "../../src/server/pool.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { isCalendarDate } from "../../src/store/checks.ts";
import { Store } from "../../src/store/index.ts";
import { runNode } from "../helpers/run.ts";
import { tempDir } from "./mutate.ts";

let home: string;
let pool: StorePool;

before(async () => {
  // An empty store: none of these requests gets as far as the data.
  home = tempDir("dyad-small-home-");
  (await Store.open({ home })).close();
  pool = await createPool(await Store.open({ home, readOnly: true }), 1);
});
after(() => pool.close());

function dyad(args: string[]) {
  return runNode(["bin/dyad.js", ...args], { env: { ...process.env, DYAD_HOME: home, DYAD_DEBUG: "" } });
}

test("dyad value for a country with itself fails, as the API and profile do", () => {
  const r = dyad(["value", "trade.export_share", "RUS", "RUS", "2020"]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /A dyad needs two different countries; both are Russia \(RUS\)/);
  assert.equal(r.out, "");
});

test("dyad countries --kind bogus fails naming the kinds instead of printing []", () => {
  const r = dyad(["countries", "--kind", "bogus", "--json"]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /--kind "bogus": give country, aggregate or historical/);
  assert.equal(r.out, "");
});

test("--date 2025-02-30 is not a calendar date, for dyad check and for the API", async () => {
  const file = join(tempDir(), "article.txt");
  writeFileSync(file, "Der Handel zwischen Russland und China erreichte 2023 240 Milliarden US-Dollar.\n");
  const r = dyad(["check", file, "--date", "2025-02-30"]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /--date "2025-02-30" is not a calendar date/);
  const app = createApp({ pool, log: () => {}, checkWorkers: 0 });
  const res = await app.request("/api/v1/check?date=2025-02-30", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: "Russland und China.",
  });
  assert.equal(res.status, 400);
  assert.match(
    ((await res.json()) as { error: { message: string } }).error.message,
    /"2025-02-30" is not a date/,
  );
  assert.equal(isCalendarDate("2024-02-29"), true);
  assert.equal(isCalendarDate("2025-02-29"), false);
  assert.equal(isCalendarDate("2025-13-01"), false);
});

test("a query parameter given twice is refused instead of silently taking the first value", async () => {
  const app = createApp({ pool, log: () => {}, checkWorkers: 0 });
  const res = await app.request("/api/v1/countries?kind=country&kind=aggregate");
  assert.equal(res.status, 400);
  const body = (await res.json()) as { error: { message: string; parameter: string } };
  assert.match(body.error.message, /"kind" is given 2 times: give it once/);
  assert.equal(body.error.parameter, "kind");
});

let server: RunningServer | undefined;
after(async () => server?.close());

/** Sends a raw request line (bytes as written, no URL encoding) and returns the raw answer. */
function rawRequest(port: number, path: string): Promise<string> {
  return new Promise((resolveAnswer, reject) => {
    const socket = connect(port, "127.0.0.1");
    let answer = "";
    socket.on("data", (d) => {
      answer += d;
    });
    socket.on("end", () => resolveAnswer(answer));
    socket.on("error", reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`);
  });
}

test("a raw backslash in the path gets a JSON 400 with the security headers, not an empty answer", async () => {
  server = await startServer({ port: 0, store: await Store.open({ home, readOnly: true }), log: () => {} });
  const answer = await rawRequest(server.port, "/api/v1/countries\\..\\package.json");
  const [head, body] = answer.split("\r\n\r\n");
  assert.match(head, /^HTTP\/1\.1 400/);
  assert.match(head, /content-type: application\/json/i);
  assert.match(head, /content-security-policy: default-src 'self'/i);
  assert.match(head, /x-content-type-options: nosniff/i);
  assert.match(body, /cannot be read as a URL/);
});
