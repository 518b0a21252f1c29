// One request cannot take the server down (issue 16, item 3): the claim check runs in worker threads, with a
// cap on claims and on time that answers 413/422 JSON saying which, and stops when the client disconnects.
import assert from "node:assert/strict";
import { request } from "node:http";
import { after, before, test } from "node:test";
import type { Hono } from "hono";
import { createApp } from "../../src/server/app.ts";
import { createPool, type StorePool } from "../../src/server/pool.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { Store } from "../../src/store/index.ts";
import { openRealStore, testHome } from "../helpers/real-store.ts";

// Each sentence is one claim the checker finds: a turnover figure for a named pair and year.
const SENTENCE =
  "Der Handel zwischen Russland und China erreichte 2023 ein Volumen von 240 Milliarden US-Dollar. ";
const article = (sentences: number) => SENTENCE.repeat(sentences);

let pool: StorePool;
let app: Hono;

before(async () => {
  pool = await createPool(await openRealStore(), 2);
  app = createApp({ pool, log: () => {}, checkBudget: { maxClaims: 20, maxSeconds: 30, maxQueued: 1 } });
});
after(() => pool.close());

const post = (body: string, init: RequestInit = {}) =>
  app.request("/api/v1/check", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body,
    ...init,
  });

test("an article within the budget is checked in a worker thread and answered with its claims", async () => {
  const res = await post(article(3));
  assert.equal(res.status, 200);
  const body = (await res.json()) as { claims: { verdict: string }[] };
  assert.equal(body.claims.length, 3);
});

test("an article with more claims than the cap is refused with 413 saying the limit is claims, before any is verified", async () => {
  const res = await post(article(50));
  assert.equal(res.status, 413);
  const body = (await res.json()) as {
    error: { message: string; limit: string; max: number; found: number };
  };
  assert.equal(body.error.limit, "claims");
  assert.equal(body.error.max, 20);
  assert.equal(body.error.found, 50);
  assert.match(body.error.message, /50 claims; one request checks at most 20/);
});

test("a 1 MB claim-dense body is answered with 413 (claims), not minutes of work", async () => {
  const body = article(Math.floor((1024 * 1024 - 100) / Buffer.byteLength(SENTENCE)));
  assert.ok(Buffer.byteLength(body) <= 1024 * 1024);
  const res = await post(body);
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { error: { limit: string } }).error.limit, "claims");
});

test("a check that exceeds its time budget is stopped and answered with 422 saying the limit is time", async () => {
  const tight = createApp({
    pool,
    log: () => {},
    checkBudget: { maxClaims: 1000, maxSeconds: 0.001, maxQueued: 1 },
  });
  const res = await tight.request("/api/v1/check", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: article(5),
  });
  assert.equal(res.status, 422);
  const body = (await res.json()) as { error: { message: string; limit: string } };
  assert.equal(body.error.limit, "time");
  assert.match(body.error.message, /budget of 0\.001 s/);
});

let server: RunningServer;

test("a client that disconnects stops its check, and the server answers other requests meanwhile", async () => {
  server = await startServer({
    port: 0,
    store: await Store.open({ home: testHome(), readOnly: true }),
    checkBudget: { maxClaims: 5000, maxSeconds: 60, maxQueued: 4 },
    log: () => {},
  });
  const checker = server.checker;
  assert.ok(checker, "the server checks in worker threads");
  const started = checker.stats.started;
  // A long check: 1,500 claims, each verified against the store.
  const req = request(`${server.url}api/v1/check`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
  });
  req.on("error", () => {});
  req.end(article(1500));
  while (checker.stats.started === started) await new Promise((r) => setTimeout(r, 20));
  // The event loop is free while the worker checks: another route answers before the check is done.
  const countries = await fetch(`${server.url}api/v1/countries`);
  assert.equal(countries.status, 200);
  assert.equal(checker.stats.completed, 0, "the long check is still running");
  req.destroy();
  while (checker.stats.aborted === 0) await new Promise((r) => setTimeout(r, 20));
  assert.equal(checker.stats.completed, 0, "the abandoned check never completed");
  // The worker was replaced: the next check is answered.
  const next = await fetch(`${server.url}api/v1/check`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: article(2),
  });
  assert.equal(next.status, 200);
  assert.equal(checker.stats.completed, 1);
});

after(async () => server?.close());
