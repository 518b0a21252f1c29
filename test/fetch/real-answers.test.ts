// The IMF's and UN Comtrade's parsers on their real answers (../shared/publisher-samples, SOURCES.md):
// IMTS as SDMX-ML 2.1 (Laos's exports 2019, api.imf.org, prepared 2026-09-02) and SDMX-ML 3.0 (USA's
// exports to G001 and G998 2023-2024, recorded by OpenBB 2025-12-16), DOT's retired CompactData JSON, and
// Comtrade API v1 answers recorded by comtradr (2024-11-15, 2025-12-07). Read at test time, never copied.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, beforeEach, test } from "node:test";
import { buildImtsRequests, checkImtsParams } from "../../src/fetch/imts-fetch.ts";
import { type FetchOptions, FetchRunError, fetchComtrade, fetchImts } from "../../src/fetch/index.ts";
import { comtradeRecords, parseComtradeEnvelope } from "../../src/sources/comtrade-api.ts";
import {
  fromImfCode,
  IMTS_FLOWS,
  imtsRecords,
  parseImtsAnswer,
  parseImtsCsv,
  parseImtsXml,
} from "../../src/sources/imts.ts";
import { readSdmxMl } from "../../src/sources/sdmx-ml.ts";
import { SourceError, UnknownLabels } from "../../src/sources/types.ts";
import { Store } from "../../src/store/index.ts";
import { type FixtureServer, startFixtureServer } from "../helpers/fixture-server.ts";
import { readSample } from "../helpers/publisher-samples.ts";

const LAO_XML = readSample("imf", "imts_lao_2019_exports.xml");
const USA_XML = readSample("imf", "imts_usa_2023_2024_sdmx30.xml");
const COMTRADE_CHN = readSample("comtrade", "extracted", "HS-5e2730.body");

test("SDMX-ML 2.1 (real IMTS answer, Laos 2019): 105 observations in 125 series, three cells as in the file", () => {
  const ml = readSdmxMl(LAO_XML, "imts_lao_2019_exports.xml");
  assert.equal(ml.version, "2.1");
  // 125 <Series> elements, 105 <Obs> elements; 20 series (ABW ...) carry no observation.
  assert.equal(ml.observations.length, 105);
  assert.equal(ml.emptySeries, 20);
  const parsed = parseImtsXml(LAO_XML, "imts_lao_2019_exports.xml");
  assert.equal(parsed.format, "SDMX-ML 2.1");
  const cell = (cp: string) => parsed.observations.find((o) => o.counterpart === cp);
  // <Series COUNTRY="LAO" INDICATOR="XG_FOB_USD" COUNTERPART_COUNTRY="ARE" ...><Obs TIME_PERIOD="2019" OBS_VALUE="8399496" .../>
  assert.deepEqual(cell("ARE"), {
    country: "LAO",
    indicator: "XG_FOB_USD",
    counterpart: "ARE",
    frequency: "A",
    period: "2019",
    value: 8_399_496,
    status: "",
    line: 1,
  });
  assert.equal(cell("ARG")?.value, 76_347); // OBS_VALUE="76347"
  assert.equal(cell("ARM")?.value, 3_500); // OBS_VALUE="3500"
});

test("SDMX-ML 3.0 (real recorded IMTS answer): USA's exports to the World and to G998, the European Union", () => {
  const parsed = parseImtsAnswer(USA_XML, "imts_usa_2023_2024_sdmx30.xml");
  assert.equal(parsed.format, "SDMX-ML 3.0");
  const values = parsed.observations.map((o) => [o.counterpart, o.period, o.value]);
  // <Obs OBS_VALUE="2019551635133" ... TIME_PERIOD="2023"/> and so on, in file order
  assert.deepEqual(values, [
    ["G001", "2023", 2_019_551_635_133],
    ["G001", "2024", 2_065_411_250_609],
    ["G998", "2023", 369_756_760_426],
    ["G998", "2024", 371_064_529_410],
  ]);
  const unknown = new UnknownLabels();
  const result = imtsRecords(parsed, "usa.xml", "2025-12-16", unknown);
  assert.equal(unknown.size, 0);
  assert.equal(result.groupingsLeftOut.size, 0);
  assert.deepEqual(
    result.records.map((r) => [r.reporter, r.partner, r.flow, r.period]),
    [
      ["USA", "WLD", "exports", "2023"],
      ["USA", "WLD", "exports", "2024"],
      ["USA", "EUU", "exports", "2023"],
      ["USA", "EUU", "exports", "2024"],
    ],
  );
});

test("G998 is the European Union: its 2023 value equals DOT's B0 (European Union) figure to the dollar", () => {
  // dot_compactdata_US_2020_2023.json: Series COUNTERPART_AREA "B0", UNIT_MULT 6, 2023 OBS_VALUE "369756.760426"
  const dot = JSON.parse(readSample("imf", "dot_compactdata_US_2020_2023.json")) as {
    CompactData: {
      DataSet: {
        Series: {
          "@COUNTERPART_AREA": string;
          "@UNIT_MULT": string;
          Obs: { "@TIME_PERIOD": string; "@OBS_VALUE": string }[];
        }[];
      };
    };
  };
  const b0 = dot.CompactData.DataSet.Series.find((s) => s["@COUNTERPART_AREA"] === "B0")!;
  const dot2023 = b0.Obs.find((o) => o["@TIME_PERIOD"] === "2023")!["@OBS_VALUE"];
  const imts = parseImtsXml(USA_XML, "usa.xml").observations.find(
    (o) => o.counterpart === "G998" && o.period === "2023",
  );
  assert.equal(b0["@UNIT_MULT"], "6");
  assert.equal(Math.round(Number(dot2023) * 1e6), imts?.value);
});

test("every COUNTRY and COUNTERPART_COUNTRY code of the IMF's real availability answers is an entity or a named grouping", () => {
  // imts_availability_codes.json: the 237 COUNTRY codes and the 242 counterparts of USA's exports (2025-12-16)
  const lists = JSON.parse(readSample("imf", "imts_availability_codes.json")) as Record<string, string[]>;
  const codes = [...lists.COUNTRY, ...lists.COUNTERPART_COUNTRY_for_USA_XG_FOB_USD];
  assert.equal(codes.length, 237 + 242);
  const unknown = codes.filter((c) => "unknown" in fromImfCode(c));
  assert.deepEqual(unknown, []);
  assert.deepEqual(fromImfCode("G998"), { code: "EUU" });
  assert.deepEqual(fromImfCode("G001"), { code: "WLD" });
  // The three indicators offered for USA are the two dyad keeps and one it knows to leave out.
  assert.deepEqual(lists.INDICATOR_for_USA, ["MG_CIF_USD", "TBG_USD", "XG_FOB_USD"]);
  assert.ok(lists.INDICATOR_for_USA.every((i) => i in IMTS_FLOWS || i === "TBG_USD"));
});

test("the SDMX-CSV made from the real XML (codes and values unchanged) reads to the same observations", () => {
  for (const [xml, csv] of [
    [LAO_XML, "LAO-2019-2019-A.from-real-xml.csv"],
    [USA_XML, "USA-2023-2024-A.from-real-xml.csv"],
  ]) {
    const fromXml = parseImtsXml(xml, "x").observations.map((o) => [o.counterpart, o.period, o.value]);
    const parsed = parseImtsCsv(readSample("imf", "derived", csv), csv);
    assert.equal(parsed.format, "SDMX-CSV 2.0");
    assert.deepEqual(
      parsed.observations.map((o) => [o.counterpart, o.period, o.value]),
      fromXml,
    );
  }
});

test("a truncated or foreign XML answer is an error that names the file and quotes at most a line", () => {
  const cut = LAO_XML.slice(0, 5000);
  assert.throws(
    () => parseImtsAnswer(cut, "LAO-2019-2019-A.xml"),
    (err: Error) =>
      err instanceof SourceError && /^LAO-2019-2019-A\.xml:1: not well-formed XML/.test(err.message),
  );
  assert.throws(
    () => parseImtsAnswer("<html><head><title>Access Denied</title></head><body>x</body></html>", "a.xml"),
    (err: Error) => err instanceof SourceError && /root element is <html>.*a web page/.test(err.message),
  );
});

test("the SDMX 3.0 request has the real recorded request's path, key form and time filter form", () => {
  // The recorded request (data-interaction.yaml, `uri:`):
  // .../3.0/data/dataflow/IMF.STA/IMTS/+/USA.XG_FOB_USD.G001+G998.A?c%5BTIME_PERIOD%5D=ge:2023-01-01+le:2026-01-01&...
  const uri = /uri: (\S+)/.exec(
    readSample("imf", "test_imf_direction_of_trade_fetcher_urllib3_v2.data-interaction.yaml"),
  )![1];
  const [recordedPath, recordedQuery] = uri.split("?");
  const q = checkImtsParams(
    {
      reporters: "USA",
      partners: "WLD,EUU",
      from: "2023",
      to: "2025",
      endpoint: "https://api.imf.org/external/sdmx/3.0",
    },
    new Date("2026-02-01T00:00:00Z"),
  );
  const [path, query] = buildImtsRequests(q)[0].url.split("?");
  // Ours asks for both indicators (exports and imports) where the recording asked for exports only.
  assert.equal(path, recordedPath.replace("XG_FOB_USD", "XG_FOB_USD+MG_CIF_USD"));
  const filter = /^c%5BTIME_PERIOD%5D=ge:\d{4}-\d{2}-\d{2}\+le:\d{4}-\d{2}-\d{2}$/;
  assert.match(recordedQuery.split("&")[0], filter);
  assert.match(query, filter);
  assert.equal(query, "c%5BTIME_PERIOD%5D=ge:2023-01-01+le:2025-12-31");
});

test("Comtrade's real answers: China 2010 with Argentina and Germany, both flows, four cells as recorded", () => {
  for (const [file, text] of [
    ["HS-5e2730.body", COMTRADE_CHN],
    ["HS-60a6ad.json", readSample("comtrade", "HS-60a6ad.json")],
  ]) {
    const env = parseComtradeEnvelope(text, file);
    assert.equal(env.count, 4);
    const unknown = new UnknownLabels();
    const { records } = comtradeRecords(env, file, "2024-11-15", unknown);
    assert.equal(unknown.size, 0);
    const v = (partner: string, flow: string) =>
      records.find((r) => r.partner === partner && r.flow === flow && r.reporter === "CHN")?.value;
    // "partnerCode":32,"flowCode":"M",..."primaryValue":6804128143.0 and the three records after it
    assert.equal(v("ARG", "imports"), 6_804_128_143);
    assert.equal(v("ARG", "exports"), 6_115_764_185);
    assert.equal(v("DEU", "imports"), 74_251_272_075);
    assert.equal(v("DEU", "exports"), 68_047_133_397);
  }
  // Two real empty answers (count 0) and the real 401 body of the gateway
  for (const file of ["EB-b31ccb.body"]) {
    assert.equal(parseComtradeEnvelope(readSample("comtrade", "extracted", file), file).count, 0);
  }
  assert.equal(parseComtradeEnvelope(readSample("comtrade", "HS-a503f3.json"), "HS-a503f3.json").count, 0);
  assert.throws(
    () => parseComtradeEnvelope(readSample("comtrade", "extracted", "HS-7db768.body"), "HS-7db768.body"),
    (err: Error) => /Comtrade error 401: Access denied due to missing subscription key/.test(err.message),
  );
});

// Replayed fetches: a loopback server answers with the real bytes, and the run ends with rows in the store.
let server: FixtureServer;
let home: string;
let store: Store;
before(async () => {
  server = await startFixtureServer();
});
after(async () => {
  store?.close();
  await server.close();
});
beforeEach(async () => {
  store?.close();
  home = mkdtempSync(join(tmpdir(), "dyad-real-answers-"));
  store = await Store.open({ home });
  server.reset();
});
const opts = (): FetchOptions => ({
  home,
  http: { minIntervalMs: 0, backoffMs: 5, maxBackoffMs: 20, timeoutMs: 2000, retries: 0 },
  openStore: async () => store,
});
const value = async (reporter: string, partner: string, year: number, flow: string) =>
  (
    await store.one<{ value_usd: number }>(
      "SELECT value_usd FROM trade_flows WHERE reporter=? AND partner=? AND year=? AND flow=?",
      [reporter, partner, year, flow],
    )
  )?.value_usd;

test("replayed: the IMF's real SDMX-ML 2.1 answer for Laos 2019 is fetched, kept as .xml, and its rows are stored", async () => {
  server.always("/LAO.", { kind: "replay", body: LAO_XML, type: "application/xml" });
  const out = await fetchImts({ reporters: "LAO", from: 2019, to: 2019, endpoint: server.imfUrl }, opts());
  assert.equal(out.ingest?.dataset, "imts");
  const part = out.run.manifest.parts[0];
  assert.match(part.file, /\.xml$/);
  assert.ok(existsSync(join(out.run.dir, part.file)));
  assert.equal(part.records, 105);
  // OBS_VALUE="8399496" (ARE), "76347" (ARG), "3500" (ARM)
  assert.equal(await value("LAO", "ARE", 2019, "exports"), 8_399_496);
  assert.equal(await value("LAO", "ARG", 2019, "exports"), 76_347);
  assert.equal(await value("LAO", "ARM", 2019, "exports"), 3_500);
  assert.ok((await value("LAO", "EUU", 2019, "exports")) !== undefined, "G998 is stored as the EU");
});

test("replayed: the real SDMX-ML 3.0 answer on a 3.0 endpoint stores USA's exports to the World and the EU", async () => {
  server.always("/USA.", { kind: "replay", body: USA_XML, type: "application/xml;charset=UTF-8" });
  const out = await fetchImts(
    {
      reporters: "USA",
      partners: "WLD,EUU",
      from: 2023,
      to: 2024,
      endpoint: `${server.url}/external/sdmx/3.0`,
    },
    opts(),
  );
  assert.match(
    server.requests[0],
    /\/3\.0\/data\/dataflow\/IMF\.STA\/IMTS\/\+\/USA\..*\.G001\+G998\.A\?c\[TIME_PERIOD\]=ge:2023-01-01\+le:2024-12-31$/,
  );
  assert.equal(out.ingest?.rows, 4);
  assert.equal(await value("USA", "WLD", 2024, "exports"), 2_065_411_250_609);
  assert.equal(await value("USA", "EUU", 2023, "exports"), 369_756_760_426);
  assert.equal(await value("USA", "EUU", 2024, "exports"), 371_064_529_410);
});

test("replayed: Comtrade's real answer (and one with partner 849) ends with the rows in the store", async () => {
  const plus849 = readSample("comtrade", "derived", "HS-5e2730.plus-partner-849.json");
  server.always("reporterCode=156", {
    kind: "replay",
    body: plus849,
    type: "application/json; charset=utf-8",
  });
  const out = await fetchComtrade(
    { reporters: "CHN", from: 2010, to: 2010, endpoint: server.url, apiKey: "replay" },
    opts(),
  );
  assert.equal(out.ingest?.dataset, "comtrade-api");
  assert.equal(await value("CHN", "ARG", 2010, "imports"), 6_804_128_143);
  assert.equal(await value("CHN", "DEU", 2010, "exports"), 68_047_133_397);
  // The added record: partnerCode 849, "primaryValue":1234567.0 — the US Misc. Pacific Islands, not UMI
  assert.equal(await value("CHN", "PUS", 2010, "exports"), 1_234_567);
});

test("replayed: Comtrade's real 401 fails the run with one line of what the gateway said", async () => {
  const body = readSample("comtrade", "extracted", "HS-7db768.body");
  server.always("reporterCode=156", { kind: "replay", body, type: "application/json", status: 401 });
  let caught: unknown;
  await fetchComtrade(
    { reporters: "CHN", from: 2010, to: 2010, endpoint: server.url, apiKey: "x" },
    opts(),
  ).catch((err) => {
    caught = err;
  });
  assert.ok(caught instanceof FetchRunError);
  const said = /The server said: (.*)$/m.exec(caught.message)?.[1] ?? "";
  assert.match(said, /"statusCode": 401, "message": "Access denied due to missing subscription key/);
  assert.ok(!said.includes("\n"));
});

test("a rejected answer is kept under its real extension: an HTML page as .html", async () => {
  server.always("/LAO.", { kind: "html" });
  const err = await fetchImts(
    { reporters: "LAO", from: 2019, to: 2019, endpoint: server.imfUrl },
    opts(),
  ).catch((e: unknown) => e);
  assert.ok(err instanceof FetchRunError);
  const rejected = readdirSync(join(err.dir, "rejected"));
  assert.deepEqual(rejected, ["0001-LAO-2019-2019-A.html"]);
});
