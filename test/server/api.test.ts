// The HTTP API in-process (app.request): every route, and every kind of bad input answered as 4xx JSON.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import type { Hono } from "hono";
import { checkArticle } from "../../src/claims/check.ts";
import { expandDossier } from "../../src/dossier/json.ts";
import { INDICATORS } from "../../src/indicators/catalogue.ts";
import { expandProfile } from "../../src/profile/json.ts";
import { createApp } from "../../src/server/app.ts";
import { createPool, type StorePool } from "../../src/server/pool.ts";
import { dotsCell } from "../helpers/dots-cells.ts";
import { openRealStore, SOURCES_DIR } from "../helpers/real-store.ts";

const SEED = resolve(SOURCES_DIR, "../seed/welt-2025-china-russland.txt");

let pool: StorePool;
let app: Hono;
let web: string;

before(async () => {
  pool = await createPool(await openRealStore(), 2);
  // A stand-in dashboard build, so the static-file rules are tested without running Vite.
  web = mkdtempSync(join(tmpdir(), "dyad-server-web-"));
  mkdirSync(join(web, "assets"));
  writeFileSync(join(web, "index.html"), "<!doctype html><title>dyad</title><div id=app></div>");
  writeFileSync(join(web, "assets", "app.js"), "console.log('dyad')");
  app = createApp({ pool, webDir: web, log: () => {} });
});
after(() => {
  pool.close();
  rmSync(web, { recursive: true, force: true });
});

async function get(path: string, init?: RequestInit) {
  const res = await app.request(path, init);
  const type = res.headers.get("content-type") ?? "";
  const body = type.includes("json") ? await res.json() : await res.text();
  // biome-ignore lint/suspicious/noExplicitAny: each test reads the few fields it checks
  return { res, status: res.status, body: body as any };
}

/** A 4xx answer: JSON `{error: {message}}`, the status given, no stack trace, and the message mentions `mention`. */
async function expectError(path: string, status: number, mention: RegExp, init?: RequestInit) {
  const { res, body } = await get(path, init);
  assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
  assert.match(res.headers.get("content-type") ?? "", /application\/json/);
  assert.equal(typeof body.error?.message, "string");
  assert.match(body.error.message, mention);
  assert.doesNotMatch(JSON.stringify(body), /\n\s+at |\.ts:\d+/);
  return body;
}

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) <= Math.abs(expected) * 1e-9, `${actual} != ${expected}`);

describe("countries and indicators", () => {
  test("GET /api/v1/countries lists China and Russia with English and German names", async () => {
    const { status, body } = await get("/api/v1/countries");
    assert.equal(status, 200);
    const rus = body.countries.find((c: { code: string }) => c.code === "RUS");
    assert.deepEqual([rus.en, rus.de, rus.kind], ["Russia", "Russland", "country"]);
    assert.ok(body.countries.some((c: { code: string }) => c.code === "WLD"));
  });

  test("?kind=aggregate keeps the aggregates (World, EU) apart from countries", async () => {
    const { body } = await get("/api/v1/countries?kind=aggregate");
    const codes = body.countries.map((c: { code: string }) => c.code);
    assert.ok(codes.includes("WLD") && codes.includes("EUU"));
    assert.ok(!codes.includes("CHN"));
  });

  test("an unknown kind is a 400 naming the kinds", () =>
    expectError("/api/v1/countries?kind=planet", 400, /country, aggregate, historical/));

  test("GET /api/v1/indicators is the whole catalogue with definitions and formulas", async () => {
    const { body } = await get("/api/v1/indicators");
    assert.equal(body.indicators.length, INDICATORS.length);
    const share = body.indicators.find((d: { name: string }) => d.name === "trade.export_share");
    assert.equal(share.unit, "fraction");
    assert.ok(share.definition.length > 10 && share.formula.length > 3 && share.citation);
  });
});

describe("value", () => {
  test("Russia's export share to China in 2020 equals its IMF workbook's cells (DOTS_162.xlsx, Exports, China row over World row, 2020)", async () => {
    const x = await dotsCell("DOTS_162.xlsx", "Exports", "China, P.R.: Mainland", 2020);
    const w = await dotsCell("DOTS_162.xlsx", "Exports", "World", 2020);
    const { status, body } = await get("/api/v1/value?indicator=trade.export_share&a=RUS&b=CHN&year=2020");
    assert.equal(status, 200);
    close(body.value, x.usd / w.usd);
    assert.equal(body.unit, "fraction");
    assert.equal(body.provenance[0].file, "DOTS_162.xlsx");
  });

  test("German names and ISO2 codes answer the same as ISO3 codes", async () => {
    const a = await get("/api/v1/value?indicator=trade.export_share&a=Russland&b=CN&year=2020");
    const b = await get("/api/v1/value?indicator=trade.export_share&a=RUS&b=CHN&year=2020");
    assert.equal(a.body.value, b.body.value);
    assert.equal(a.body.a, "RUS");
  });

  test("China's turnover with Russia in 2024 is its customs figure, 244.81 bn USD (china-customs-russia-2021-2024.csv, 2024 turnover)", async () => {
    const { body } = await get("/api/v1/value?indicator=trade.turnover&a=CHN&b=RUS&year=2024");
    assert.equal(body.value, 244_810_000_000);
  });

  test("China's direct-investment position in Russia, end 2020, is the CDIS cell (Table 6 2020, AD188: 12,070.89393567 m USD), and the exercise count over a window names its data's end", async () => {
    const { status, body } = await get("/api/v1/value?indicator=invest.position&a=CHN&b=RUS&year=2020");
    assert.equal(status, 200);
    close(body.value, 12070.89393567e6);
    assert.match(body.provenance[0].sheet, /Table 6!AD188/);
    // mme_v7.csv: the 10 rows naming both China and Russia, 1999–2010.
    const mil = await get("/api/v1/value?indicator=mil.exercises&a=CHN&b=RUS&year=2010&window=31");
    assert.equal(mil.body.value, 10);
    assert.equal(mil.body.detail.dataEnd, 2010);
  });

  test("a year without data answers value null and a reason, not an error", async () => {
    const { status, body } = await get("/api/v1/value?indicator=trade.exports&a=RUS&b=CHN&year=1901");
    assert.equal(status, 200);
    assert.equal(body.value, null);
    assert.ok(body.reason);
  });

  test("an unknown country is a 400 naming it and how to list countries", async () => {
    const body = await expectError(
      "/api/v1/value?indicator=trade.exports&a=Atlantis&b=CHN&year=2020",
      400,
      /Atlantis.*\/api\/v1\/countries/,
    );
    assert.equal(body.error.parameter, "a");
  });

  test("a bad year is a 400 saying what a year looks like", async () => {
    for (const y of ["20x0", "1800", "2020.5", "99999", "-2020"]) {
      await expectError(
        `/api/v1/value?indicator=trade.exports&a=RUS&b=CHN&year=${y}`,
        400,
        /not a year.*1900/,
      );
    }
    await expectError("/api/v1/value?indicator=trade.exports&a=RUS&b=CHN", 400, /"year" is required/);
  });

  test("an unknown indicator is a 400 pointing at the catalogue", () =>
    expectError(
      "/api/v1/value?indicator=trade.happiness&a=RUS&b=CHN&year=2020",
      400,
      /Unknown indicator "trade.happiness".*\/api\/v1\/indicators/,
    ));

  test("a misspelt parameter is a 400 listing the parameters", () =>
    expectError(
      "/api/v1/value?indicator=trade.exports&a=RUS&b=CHN&yaer=2020",
      400,
      /"yaer".*indicator, a, b, year/,
    ));

  test("the same country twice is a 400", () =>
    expectError(
      "/api/v1/value?indicator=trade.exports&a=RUS&b=Russland&year=2020",
      400,
      /two different countries/,
    ));
});

describe("profile and partners", () => {
  test("the China–Russia profile's 2024 turnover is China's customs figure and marked a record", async () => {
    const { status, body } = await get("/api/v1/profile/CHN/RUS");
    assert.equal(status, 200);
    assert.deepEqual([body.a.code, body.b.de], ["CHN", "Russland"]);
    const y2024 = body.trade.table.find((r: { year: number }) => r.year === 2024);
    assert.equal(y2024.turnover, 244_810_000_000);
    assert.equal(y2024.record, true);
  });

  test("a client that accepts gzip gets the same profile gzipped", async () => {
    const plain = await app.request("/api/v1/profile/CHN/RUS");
    const zipped = await app.request("/api/v1/profile/CHN/RUS", {
      headers: { "accept-encoding": "gzip, br" },
    });
    assert.equal(zipped.headers.get("content-encoding"), "gzip");
    assert.equal(plain.headers.get("content-encoding"), null);
    const bytes = Buffer.from(await zipped.arrayBuffer());
    assert.equal(gunzipSync(bytes).toString(), await plain.text());
    const text = gunzipSync(bytes).toString();
    // JSON of many similar records: gzip makes it several times smaller.
    assert.ok(bytes.length * 4 < Buffer.byteLength(text), `${bytes.length} of ${Buffer.byteLength(text)}`);
  });

  test("the profile's provenance is by reference unless ?provenance=inline, and expands to the inline answer", async () => {
    const compact = await get("/api/v1/profile/CHN/RUS?from=2019&to=2021");
    const inline = await get("/api/v1/profile/CHN/RUS?from=2019&to=2021&provenance=inline");
    assert.equal(inline.status, 200);
    assert.ok(compact.body.provenance.cells.length > 10);
    const first = compact.body.trade.series[0].values[0];
    assert.equal(typeof first.provenance[0], "number");
    assert.equal(typeof inline.body.trade.series[0].values[0].provenance[0].publisher, "string");
    assert.equal(inline.body.provenance, undefined);
    assert.deepStrictEqual(expandProfile(compact.body), inline.body);
  });

  test("an unknown provenance form is a 400 naming the two", () =>
    expectError("/api/v1/profile/CHN/RUS?provenance=full", 400, /reference, inline/));

  test("?from&to limit the years", async () => {
    const { body } = await get("/api/v1/profile/china/russland?from=2015&to=2018");
    assert.deepEqual(body.years, [2015, 2016, 2017, 2018]);
  });

  test("an unknown country in the path is a 404 naming it", () =>
    expectError("/api/v1/profile/CHN/Narnia", 404, /Unknown country "Narnia"/));

  test("from after to, and a bad from, are 400s", async () => {
    await expectError("/api/v1/profile/CHN/RUS?from=2020&to=2010", 400, /after/);
    await expectError("/api/v1/profile/CHN/RUS?from=last", 400, /"last" is not a year/);
  });

  test("Russia's imports from China in 2020 are rank 1 with the value of Russia's workbook (DOTS_162.xlsx, Imports, China row, 2020)", async () => {
    const cell = await dotsCell("DOTS_162.xlsx", "Imports", "China, P.R.: Mainland", 2020);
    const { status, body } = await get("/api/v1/partners/RUS?flow=imports&from=2020&to=2020");
    assert.equal(status, 200);
    const first = body.partners.find((p: { rank: number }) => p.rank === 1);
    assert.equal(first.partner, "CHN");
    assert.equal(first.de, "China");
    close(first.value, cell.usd);
    // The EU is shown beside the countries, unranked.
    assert.ok(
      body.partners.some((p: { partner: string; rank: number }) => p.partner === "EUU" && p.rank === 0),
    );
  });

  test("a bad flow or top is a 400", async () => {
    await expectError("/api/v1/partners/RUS?flow=both", 400, /exports, imports/);
    await expectError("/api/v1/partners/RUS?top=1000", 400, /between 1 and 50/);
  });
});

describe("dossier, report and charts", () => {
  test("GET /api/v1/dossier/CHN/RUS?lang=de is the German narrative with the data the charts draw", async () => {
    const { status, body } = await get("/api/v1/dossier/CHN/RUS?lang=de");
    assert.equal(status, 200);
    assert.equal(body.lang, "de");
    assert.ok(body.sections.length >= 3);
    assert.ok(
      body.sections.some((x: { sentences: { text: string }[] }) =>
        x.sentences.some((t) => /Russland/.test(t.text)),
      ),
    );
    assert.equal(body.data.profile.a.code, "CHN");
  });

  test("the dossier's profile is by reference unless ?provenance=inline, and expands to the inline dossier", async () => {
    const compact = await get("/api/v1/dossier/CHN/RUS?from=2018&to=2021");
    const inline = await get("/api/v1/dossier/CHN/RUS?from=2018&to=2021&provenance=inline");
    assert.equal(inline.status, 200);
    assert.ok(compact.body.data.profile.provenance.cells.length > 10);
    assert.equal(inline.body.data.profile.provenance, undefined);
    assert.deepStrictEqual(expandDossier(compact.body), inline.body);
  });

  test("the dossier's JSON carries each section once: in data.beyond.sections and data.goods, not in its profile", async () => {
    const profile = await get("/api/v1/profile/CHN/RUS?from=2018&to=2021");
    const names = Object.keys(profile.body.sections);
    // The profile's sections as the profile route gives them (every dimension the profile has, goods too).
    for (const k of [
      "un",
      "arms",
      "energy",
      "macro",
      "geo",
      "invest",
      "military",
      "energySince2000",
      "goods",
    ])
      assert.ok(names.includes(k), `the profile has no section ${k}`);
    for (const form of ["reference", "inline"]) {
      const { body } = await get(`/api/v1/dossier/CHN/RUS?from=2018&to=2021&provenance=${form}`);
      assert.equal(body.data.profile.sections, undefined, form);
      // Every place in the JSON where a key is a section's name and its value is an object, by path.
      const found = new Map<string, string[]>(names.map((k) => [k, []]));
      const walk = (x: unknown, path: string) => {
        if (!x || typeof x !== "object") return;
        for (const [k, v] of Object.entries(x)) {
          if (v && typeof v === "object" && !Array.isArray(v)) found.get(k)?.push(`${path}.${k}`);
          walk(v, `${path}.${k}`);
        }
      };
      walk(body, "");
      for (const [k, paths] of found)
        assert.deepEqual(
          paths,
          [k === "goods" ? ".data.goods" : `.data.beyond.sections.${k}`],
          `${form}: ${k}`,
        );
      // Nothing of the profile's sections is lost: they are the dossier's, as the profile route gives them.
      const { goods, ...beyond } = profile.body.sections;
      assert.deepStrictEqual(body.data.beyond.sections, beyond, form);
      assert.deepStrictEqual(body.data.goods, goods, form);
    }
  });

  test("GET /api/v1/charts lists the dossier's charts; a chart comes as SVG and as PNG", async () => {
    const { body } = await get("/api/v1/charts");
    assert.ok(body.charts.includes("turnover"));
    const svg = await get("/api/v1/chart/CHN/RUS/turnover.svg?lang=de");
    assert.equal(svg.status, 200);
    assert.match(svg.res.headers.get("content-type") ?? "", /image\/svg\+xml/);
    assert.match(svg.body, /^<svg[^>]*>/);
    assert.match(svg.body, /Russland/);
    const png = await app.request("/api/v1/chart/CHN/RUS/turnover.png");
    assert.equal(png.headers.get("content-type"), "image/png");
    const bytes = new Uint8Array(await png.arrayBuffer());
    assert.deepEqual([...bytes.slice(0, 4)], [0x89, 0x50, 0x4e, 0x47]);
  });

  test("an unknown chart, another image type or a bad language is a 4xx naming what is allowed", async () => {
    await expectError("/api/v1/chart/CHN/RUS/pie.svg", 404, /No chart named "pie".*turnover/);
    await expectError("/api/v1/chart/CHN/RUS/turnover.gif", 404, /\.svg or \.png/);
    await expectError("/api/v1/chart/CHN/RUS/turnover.svg?lang=fr", 400, /en, de/);
    await expectError("/api/v1/report/CHN/RUS?format=doc", 400, /html, pdf/);
    await expectError("/api/v1/report/CHN/Atlantis", 404, /Atlantis/);
  });

  test("the report is HTML in the language asked for, and a PDF", async () => {
    const html = await get("/api/v1/report/CHN/RUS?lang=de");
    assert.equal(html.status, 200);
    assert.match(html.res.headers.get("content-type") ?? "", /text\/html/);
    assert.match(html.body, /<html[^>]*lang="de"/);
    const pdf = await app.request("/api/v1/report/CHN/RUS?format=pdf");
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get("content-type"), "application/pdf");
    assert.equal(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
      "%PDF-",
    );
  });
});

describe("check", () => {
  const seed = readFileSync(SEED, "utf8");
  const postJson = (body: string) =>
    ({ method: "POST", headers: { "content-type": "application/json" }, body }) as RequestInit;

  test("the seed article's 245 billion claim comes back as checkArticle judges it: consistent with China's customs turnover", async () => {
    const { status, body } = await get(
      "/api/v1/check",
      postJson(JSON.stringify({ text: seed, date: "2025-05-08" })),
    );
    assert.equal(status, 200);
    const claim = body.claims.find((c: { text: string }) => c.text.includes("245 Milliarden Dollar"));
    assert.ok(claim, "no 245 billion claim");
    assert.equal(seed.slice(claim.start, claim.end), "245 Milliarden Dollar");
    // The verdict is the claim checker's; the API passes it on unchanged. 244.81 bn in China's customs
    // file (china-customs-russia-2021-2024.csv, 2024 turnover) agrees; Russia published none for 2024.
    const direct = await pool.use((store) => checkArticle(store, seed, { date: "2025-05-08" }));
    const same = direct.claims.find((c) => c.start === claim.start);
    assert.equal(claim.verdict, same?.verdict);
    assert.match(claim.verdict, /^consistent/);
    assert.ok(
      claim.evidence.perYear[0].sides.some((x: { value: number | null }) => x.value === 244_810_000_000),
    );
  });

  test("the article as text/plain with the date in the query answers the same claims", async () => {
    const json = await get("/api/v1/check", postJson(JSON.stringify({ text: seed, date: "2025-05-08" })));
    const plain = await get("/api/v1/check?date=2025-05-08", {
      method: "POST",
      headers: { "content-type": "text/plain; charset=utf-8" },
      body: seed,
    });
    assert.equal(plain.status, 200);
    assert.deepEqual(
      plain.body.claims.map((c: { verdict: string }) => c.verdict),
      json.body.claims.map((c: { verdict: string }) => c.verdict),
    );
  });

  test("malformed JSON is a 400 saying what to send", () =>
    expectError("/api/v1/check", 400, /not valid JSON.*"text"/, postJson('{"text": "Der Handel')));

  test("JSON that is not an object, a missing text, a non-string field or an unknown field is a 400", async () => {
    await expectError("/api/v1/check", 400, /must be an object/, postJson("[1,2]"));
    await expectError("/api/v1/check", 400, /"text" is required|"text" is empty/, postJson("{}"));
    await expectError("/api/v1/check", 400, /must be a string/, postJson('{"text": 245}'));
    await expectError("/api/v1/check", 400, /Unknown field "txt"/, postJson('{"txt": "x"}'));
    await expectError("/api/v1/check", 400, /not a date/, postJson('{"text": "x", "date": "8.5.2025"}'));
  });

  test("a body over 1 MB is a 413", () =>
    expectError("/api/v1/check", 413, /larger than 1 MB/, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "x".repeat(1024 * 1024 + 1),
    }));

  test("another media type is a 415, and GET is a 405", async () => {
    await expectError("/api/v1/check", 415, /application\/json/, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "text=x",
    });
    await expectError("/api/v1/check", 405, /use POST/);
  });
});

describe("openapi, headers, static files", () => {
  test("the OpenAPI 3.1 document lists every route, with the validation's own limits", async () => {
    const { body } = await get("/api/v1/openapi.json");
    assert.equal(body.openapi, "3.1.0");
    for (const p of [
      "/api/v1/value",
      "/api/v1/profile/{a}/{b}",
      "/api/v1/partners/{a}",
      "/api/v1/dossier/{a}/{b}",
      "/api/v1/charts",
      "/api/v1/report/{a}/{b}",
      "/api/v1/chart/{a}/{b}/{file}",
      "/api/v1/countries",
      "/api/v1/indicators",
    ]) {
      assert.ok(body.paths[p]?.get, `no GET ${p}`);
    }
    assert.ok(
      body.paths["/api/v1/check"].post.requestBody.content["application/json"].schema.properties.text,
    );
    const params = body.paths["/api/v1/value"].get.parameters;
    const year = params.find((p: { name: string }) => p.name === "year");
    assert.deepEqual([year.schema.minimum, year.schema.maximum, year.required], [1900, 2100, true]);
    const indicator = params.find((p: { name: string }) => p.name === "indicator");
    assert.deepEqual(
      indicator.schema.enum,
      INDICATORS.map((d) => d.name),
    );
    // The profile documents its two forms of provenance and the tables the default form refers to.
    const profile = body.paths["/api/v1/profile/{a}/{b}"].get;
    const form = profile.parameters.find((p: { name: string }) => p.name === "provenance");
    assert.deepEqual([form.schema.enum, form.schema.default], [["reference", "inline"], "reference"]);
    const answer = profile.responses["200"].content["application/json"].schema;
    assert.deepEqual(Object.keys(answer.properties.provenance.properties), ["datasets", "cells"]);
    // The dossier's profile is documented without sections: they are data.beyond.sections and data.goods.
    const dossier =
      body.paths["/api/v1/dossier/{a}/{b}"].get.responses["200"].content["application/json"].schema;
    const data = dossier.properties.data.properties;
    assert.equal(data.profile.properties.sections, undefined);
    assert.ok(!data.profile.required.includes("sections"));
    assert.ok(data.profile.properties.provenance);
    assert.ok(data.beyond.properties.sections && data.goods);
  });

  test("answers carry the security headers", async () => {
    for (const path of ["/api/v1/countries", "/dyad/CHN/RUS", "/api/v1/nothing"]) {
      const { res } = await get(path);
      assert.match(
        res.headers.get("content-security-policy") ?? "",
        /default-src 'self'.*frame-ancestors 'self'/,
      );
      assert.equal(res.headers.get("x-content-type-options"), "nosniff");
      assert.equal(res.headers.get("referrer-policy"), "no-referrer");
    }
  });

  test("an unknown API route is a JSON 404 pointing at the OpenAPI document", () =>
    expectError("/api/v1/nothing", 404, /openapi\.json/));

  test("the dashboard's routes answer index.html; its files are served", async () => {
    for (const path of ["/", "/dyad/CHN/RUS?lang=de", "/country/RUS", "/check"]) {
      const { status, body } = await get(path);
      assert.equal(status, 200, path);
      assert.match(body, /<div id=app>/);
    }
    const js = await get("/assets/app.js");
    assert.match(js.res.headers.get("content-type") ?? "", /javascript/);
  });

  test("path traversal attempts are refused with a JSON 4xx and never reach a file outside web/dist", async () => {
    for (const path of [
      "/assets/..%2f..%2fpackage.json",
      "/..%2f..%2f..%2fetc%2fpasswd",
      "/assets/%2e%2e/%2e%2e/package.json",
      "/assets/..%5c..%5cpackage.json",
      "/assets/app.js%00.png",
      "/%E0%A4%A",
    ]) {
      const { status, body } = await get(path);
      assert.ok(status === 400 || status === 404, `${path}: ${status}`);
      assert.equal(typeof body.error?.message, "string", path);
      assert.doesNotMatch(JSON.stringify(body), /"name": "dyad"|root:/);
    }
    await expectError("/assets/nothing.js", 404, /Nothing at/);
  });

  test("an unexpected failure is a 500 with a plain message and no stack trace", async () => {
    const broken: StorePool = {
      size: 1,
      storePath: ":memory:",
      onClose() {},
      close() {},
      use: () => Promise.reject(new Error("boom at /secret/path.ts:12")),
    };
    const logged: string[] = [];
    const app2 = createApp({ pool: broken, log: (m) => logged.push(m) });
    const res = await app2.request("/api/v1/profile/CHN/RUS");
    const body = (await res.json()) as { error: { message: string } };
    assert.equal(res.status, 500);
    assert.doesNotMatch(body.error.message, /boom|secret/);
    assert.match(logged[0], /boom/);
  });
});
