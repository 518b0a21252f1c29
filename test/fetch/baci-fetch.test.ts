// `dyad baci fetch` against a local server standing in for CEPII's download folder (no internet here).
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";
import { baciUrl, checkBaciParams, fetchBaci } from "../../src/fetch/baci-fetch.ts";

const GOOD = readFileSync(resolve("test/fixtures/baci/good/BACI_HS92_V202601.zip"));
const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), "dyad-baci-fetch-"));
  dirs.push(d);
  return d;
};

/** Serves the fixture zip; `cutFirst` sends only that many bytes on the first request, then drops it. */
async function serve(options: { cutFirst?: number; body?: Buffer; status?: number } = {}) {
  const body = options.body ?? GOOD;
  const requests: { url: string; range?: string }[] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ url: req.url ?? "", range: req.headers.range });
    if (options.status) {
      res.writeHead(options.status).end();
      return;
    }
    if (!req.url?.endsWith("/BACI_HS92_V202601.zip")) {
      res.writeHead(404).end("not found");
      return;
    }
    const m = /bytes=(\d+)-/.exec(req.headers.range ?? "");
    const start = m ? Number(m[1]) : 0;
    const slice = body.subarray(start);
    res.writeHead(m ? 206 : 200, {
      "content-length": String(slice.length),
      "content-type": "application/zip",
      ...(m ? { "content-range": `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (requests.length === 1 && options.cutFirst) {
      // The cut is a reset, which lets the client's kernel drop bytes it has not read yet: give the client
      // time to read the partial body first (20 ms was too little on a busy machine).
      res.write(slice.subarray(0, options.cutFirst), () => setTimeout(() => res.destroy(), 300));
    } else res.end(slice);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/DATA_DOWNLOAD/baci/data`;
  return { endpoint, requests, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test("the URL follows CEPII's naming: <endpoint>/BACI_HS92_V202601.zip", () => {
  const q = checkBaciParams({ version: "V202601", hs: "hs92", endpoint: "https://example.org/baci/" });
  assert.equal(baciUrl(q), "https://example.org/baci/BACI_HS92_V202601.zip");
  assert.throws(() => checkBaciParams({ version: "2026" }), /V202601/);
  assert.throws(() => checkBaciParams({ hs: "HS93" }), /HS92, HS96/);
});

test("a release is downloaded, checked as a zip with year files, and given its final name", async () => {
  const srv = await serve();
  const dir = tmp();
  try {
    const r = await fetchBaci({ endpoint: srv.endpoint }, { dir });
    assert.equal(r.path, join(dir, "BACI_HS92_V202601.zip"));
    assert.deepEqual(readFileSync(r.path), GOOD);
    assert.deepEqual(r.years, [2021, 2022, 2023]);
    assert.equal(existsSync(`${r.path}.part`), false);
  } finally {
    await srv.close();
  }
});

test("a connection cut half-way is resumed with a Range request", async () => {
  const srv = await serve({ cutFirst: 700 });
  const dir = tmp();
  const retries: string[] = [];
  try {
    const r = await fetchBaci(
      { endpoint: srv.endpoint },
      { dir, sleep: async () => {}, onRetry: (_n, why) => retries.push(why) },
    );
    assert.deepEqual(readFileSync(r.path), GOOD);
    assert.equal(r.resumed, true);
    assert.equal(retries.length, 1);
    assert.equal(srv.requests[1].range, "bytes=700-");
  } finally {
    await srv.close();
  }
});

test("an unknown version answers 404 and the error says where to find the current one", async () => {
  const srv = await serve();
  try {
    await assert.rejects(
      fetchBaci({ endpoint: srv.endpoint, version: "V209912" }, { dir: tmp() }),
      /404.*BACI_HS92_V209912\.zip.*--version/,
    );
  } finally {
    await srv.close();
  }
});

test("server errors are retried, then reported with how to resume", async () => {
  const srv = await serve({ status: 503 });
  try {
    await assert.rejects(
      fetchBaci({ endpoint: srv.endpoint }, { dir: tmp(), retries: 2, sleep: async () => {} }),
      /HTTP 503.*after 3 attempts.*resumes/,
    );
    assert.equal(srv.requests.length, 3);
  } finally {
    await srv.close();
  }
});

test("a download that is not a BACI zip is refused and not kept", async () => {
  const srv = await serve({ body: Buffer.from("<html>maintenance</html>") });
  const dir = tmp();
  try {
    await assert.rejects(fetchBaci({ endpoint: srv.endpoint }, { dir }), /not a complete zip archive/);
    assert.equal(existsSync(join(dir, "BACI_HS92_V202601.zip")), false);
    assert.equal(existsSync(join(dir, "BACI_HS92_V202601.zip.part")), false);
  } finally {
    await srv.close();
  }
});
