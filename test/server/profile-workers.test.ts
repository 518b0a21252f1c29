// The profile route through the profile workers (src/server/profile-runner.ts, profile-worker.ts) answers the
// very bytes the main thread would build from the same memory: seeded random pairs of the registry and
// CHN–RUS, provenance by reference and inline, gzipped and not; a bad request gives the same JSON error as
// without workers; closing the memory terminates the workers.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { Hono } from "hono";
import { registry } from "../../src/countries/index.ts";
import { buildProfile } from "../../src/profile/index.ts";
import { profileJson } from "../../src/profile/json.ts";
import { createApp } from "../../src/server/app.ts";
import type { StorePool } from "../../src/server/pool.ts";
import { type MemoryValues, memoryValues } from "../../src/server/values.ts";
import type { Store } from "../../src/store/index.ts";
import { memoryApp } from "../helpers/memory-app.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

let store: Store;
let pool: StorePool;
let values: MemoryValues;
let app: Hono;
let storeUses: () => number;

before(async () => {
  ({ store, pool, values, app, storeUses } = await memoryApp({ profileWorkers: 2 }));
});
after(async () => {
  await values.close();
});

/** The profile's JSON as the main thread builds it from the same memory (the route without workers). */
async function inProcess(a: string, b: string, query: URLSearchParams): Promise<string> {
  const from = query.get("from");
  const to = query.get("to");
  const profile = await buildProfile(store, a, b, {
    from: from ? Number(from) : undefined,
    to: to ? Number(to) : undefined,
    memory: values.profile,
  });
  const form = query.get("provenance") === "inline" ? "inline" : "reference";
  return JSON.stringify(profileJson(profile, form));
}

describe("profile route through the profile workers", () => {
  test("random pairs and CHN–RUS, reference and inline, gzip and not: the bytes built in process", async () => {
    assert.equal(await values.profileReady, true);
    const runner = values.profileRunner;
    assert.ok(runner, "the workers started once the relations were in");
    assert.equal(runner.workers, 2);
    const next = seededRandom(1717);
    const countries = registry.all("country").map((e) => e.code);
    const pick = () => countries[Math.floor(next() * countries.length)];
    const pairs: [string, string][] = [["CHN", "RUS"]];
    while (pairs.length < 9) {
      const [a, b] = [pick(), pick()];
      if (a !== b) pairs.push([a, b]);
    }
    const answeredBefore = runner.stats.answered;
    let requests = 0;
    for (const [a, b] of pairs) {
      for (const q of ["", "from=2000&to=2010", "provenance=inline", "provenance=inline&from=2015"]) {
        const query = new URLSearchParams(q);
        const expected = await inProcess(a, b, query);
        const path = `/api/v1/profile/${a}/${b}${q ? `?${q}` : ""}`;
        const plain = await app.request(path);
        assert.equal(plain.status, 200, path);
        assert.equal(plain.headers.get("content-encoding"), null, path);
        assert.equal(await plain.text(), expected, path);
        const zipped = await app.request(path, { headers: { "accept-encoding": "gzip, deflate" } });
        assert.equal(zipped.status, 200, path);
        const raw = Buffer.from(await zipped.arrayBuffer());
        // Answers under GZIP_FROM (1 KiB) go out as they are, as from the cache's gzipOf.
        const text =
          zipped.headers.get("content-encoding") === "gzip"
            ? gunzipSync(raw).toString("utf8")
            : raw.toString();
        assert.equal(text, expected, `${path} (gzip)`);
        requests += 2;
      }
    }
    assert.equal(
      runner.stats.answered - answeredBefore,
      requests,
      "every one of these profiles was answered by a worker",
    );
  });

  test("with the answer cache: a profile kept gzipped only is answered plain too, gunzipped once", async () => {
    assert.equal(await values.profileReady, true);
    const cached = createApp({ pool, values, cacheBytes: 64 * 1024 * 1024, log: () => {} });
    const expected = await inProcess("DEU", "FRA", new URLSearchParams());
    const path = "/api/v1/profile/DEU/FRA";
    const answered = values.profileRunner?.stats.answered ?? 0;
    const zipped = await cached.request(path, { headers: { "accept-encoding": "gzip" } });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    assert.equal(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString("utf8"), expected);
    for (let i = 0; i < 2; i++) {
      const plain = await cached.request(path);
      assert.equal(plain.headers.get("content-encoding"), null);
      assert.equal(await plain.text(), expected, `plain answer ${i + 1} from the cache`);
    }
    assert.equal(values.profileRunner?.stats.answered, answered + 1, "built once, by a worker");
  });

  test("bad pairs and years: the same 4xx JSON error as without workers", async () => {
    assert.equal(await values.profileReady, true);
    const without = createApp({ pool, cacheBytes: 0, log: () => {} });
    for (const path of [
      "/api/v1/profile/CHN/CHN",
      "/api/v1/profile/CHN/XXQ",
      "/api/v1/profile/CHN/RUS?from=2010&to=2000",
      "/api/v1/profile/CHN/RUS?from=1200",
      "/api/v1/profile/CHN/RUS?provenance=both",
    ]) {
      const [served, plain] = await Promise.all([app.request(path), without.request(path)]);
      assert.ok(served.status >= 400 && served.status < 500, `${path}: ${served.status}`);
      assert.equal(served.status, plain.status, path);
      assert.match(served.headers.get("content-type") ?? "", /application\/json/, path);
      assert.deepEqual(await served.json(), await plain.json(), path);
    }
  });

  test("closing the memory terminates the workers; a profile asked after is built in process", async () => {
    assert.equal(await values.profileReady, true);
    const own = memoryValues(store, () => {}, { profileWorkers: 1 });
    assert.equal(await own.profileReady, true);
    const runner = own.profileRunner;
    assert.ok(runner);
    const bytes = await own.profileBytes({ a: "CHN", b: "RUS", provenance: "reference", gzip: false });
    assert.ok(bytes?.body && bytes.body.length > 1000, "the worker answered before the close");
    assert.equal(bytes.length, bytes.body.length);
    assert.equal(bytes.gzip, undefined, "not gzipped when not asked for");
    // Asked for gzip, a worker sends the gzipped bytes only (and the JSON's length).
    const zipped = await own.profileBytes({ a: "CHN", b: "RUS", provenance: "reference", gzip: true });
    assert.ok(zipped?.gzip && zipped.body === undefined, "gzipped only");
    assert.deepEqual(gunzipSync(zipped.gzip), Buffer.from(bytes.body));
    assert.equal(zipped.length, bytes.body.length);
    await own.close();
    assert.equal(
      await own.profileBytes({ a: "CHN", b: "RUS", provenance: "reference", gzip: false }),
      undefined,
      "a closed pool hands every profile back",
    );
    const uses = storeUses();
    const res = await createApp({ pool, values: own, cacheBytes: 0, log: () => {} }).request(
      "/api/v1/profile/CHN/RUS",
    );
    assert.equal(res.status, 200);
    assert.equal(await res.text(), await inProcess("CHN", "RUS", new URLSearchParams()));
    assert.ok(storeUses() > uses, "built on the main thread");
  });
});
