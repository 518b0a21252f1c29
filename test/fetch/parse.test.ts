import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fromComtradeCode, toComtradeCode } from "../../src/countries/m49.ts";
import { buildComtradeRequests, checkComtradeParams } from "../../src/fetch/comtrade-fetch.ts";
import { buildImtsRequests, checkImtsParams, FetchParamError } from "../../src/fetch/imts-fetch.ts";
import { comtradeRecords, parseComtradeEnvelope } from "../../src/sources/comtrade-api.ts";
import { fromImfCode, imtsRecords, parseImtsCsv } from "../../src/sources/imts.ts";
import { toYearly } from "../../src/sources/trade/periods.ts";
import { SourceError, UnknownLabels } from "../../src/sources/types.ts";
import { FIXTURES } from "../helpers/fixture-server.ts";

const fixture = (p: string) => readFileSync(join(FIXTURES, p), "utf8");
const NOW = new Date("2025-06-01T12:00:00Z");

test("SDMX-CSV 2.0 with the leading metadata row: the row is skipped and OBS_VALUE is kept in plain USD (SCALE 6 not applied)", () => {
  const parsed = parseImtsCsv(fixture("imts/RUS-A.csv"), "RUS-A.csv");
  assert.equal(parsed.format, "SDMX-CSV 2.0");
  assert.equal(parsed.metadataRows, 1);
  // RUS-A.csv line 9: RUS,XG_FOB_USD,CHN,A,2023,127365000000,6,...,e
  const o = parsed.observations.find(
    (x) => x.counterpart === "CHN" && x.period === "2023" && x.indicator === "XG_FOB_USD",
  );
  assert.equal(o?.value, 127_365_000_000);
  assert.equal(o?.status, "e");
  assert.equal(o?.line, 9);
});

test("SDMX-CSV 1.0 (DATAFLOW column): the World reporter G001 becomes WLD and its row with itself is dropped", () => {
  const parsed = parseImtsCsv(fixture("imts/G001-A.csv"), "G001-A.csv");
  assert.equal(parsed.format, "SDMX-CSV 1.0");
  const { records } = imtsRecords(parsed, "G001-A.csv", "2025-06-01", new UnknownLabels());
  assert.ok(records.every((r) => r.reporter === "WLD" && r.partner !== "WLD"));
  assert.deepEqual([...new Set(records.map((r) => r.partner))].sort(), ["CHN", "RUS"]);
});

test("labels=both answers: extra columns are ignored and 'USA: United States' reads as USA", () => {
  const parsed = parseImtsCsv(fixture("imts/labels-both.csv"), "labels-both.csv");
  const { records } = imtsRecords(parsed, "labels-both.csv", "2025-06-01", new UnknownLabels());
  // PUBLISHER-APIS.md §1.6.2: USA -> G001 2024 = 2065411250609; G163 is the Euro Area
  assert.deepEqual(
    records.map((r) => [r.reporter, r.partner, r.period, r.value]),
    [
      ["USA", "CAN", "2024", 349397894619],
      ["USA", "WLD", "2024", 2065411250609],
      ["USA", "EMU", "2025", 376767676136],
    ],
  );
});

test("IMF groupings are left out, never summed: Russia's World exports equal the G001 row, not the sum over counterparts", () => {
  const parsed = parseImtsCsv(fixture("imts/RUS-A.csv"), "RUS-A.csv");
  const result = imtsRecords(parsed, "RUS-A.csv", "2025-06-01", new UnknownLabels());
  assert.deepEqual([...result.groupingsLeftOut.keys()].sort(), ["TX898"]);
  const world = result.records.filter(
    (r) => r.partner === "WLD" && r.flow === "exports" && r.period === "2023",
  );
  assert.equal(world.length, 1);
  assert.equal(world[0].value, 424_987_000_000);
  // G998 is the European Union, kept as itself (RUS-A.csv line 29: 2023 exports 39,850,000,000).
  const eu = result.records.find((r) => r.partner === "EUU" && r.flow === "exports" && r.period === "2023");
  assert.equal(eu?.value, 39_850_000_000);
});

test("codes the registry does not know are collected, not guessed", () => {
  const csv = `${fixture("imts/CHN-A.csv").split("\r\n")[0]}\r\ndataflow,IMF.STA:IMTS(1.0.0),R,CHN,XG_FOB_USD,ZZQ,A,2023,5,6,,,XG,FOB,USD,M,OL,\r\n`;
  const unknown = new UnknownLabels();
  imtsRecords(parseImtsCsv(csv, "x.csv"), "x.csv", "2025-06-01", unknown);
  assert.deepEqual([...unknown.seen.keys()], ["ZZQ"]);
  assert.deepEqual(fromImfCode("TX910"), { grouping: true, listed: true });
  assert.deepEqual(fromImfCode("KOS"), { code: "XKX" });
});

test("a truncated SDMX-CSV answer is rejected with its line number", () => {
  const text = fixture("imts/CHN-A.csv");
  const cut = text.slice(0, text.indexOf("\r\n", 500) + 40);
  assert.throws(
    () => parseImtsCsv(cut, "CHN-A.csv"),
    (err: unknown) =>
      err instanceof SourceError && /CHN-A\.csv:\d+: \d+ fields where the header has 18/.test(err.message),
  );
});

test("monthly series add up to a year only when all twelve months exist, and the missing ones are named", () => {
  const parsed = parseImtsCsv(fixture("imts/RUS-M.csv"), "RUS-M.csv");
  const { records } = imtsRecords(parsed, "RUS-M.csv", "2025-06-01", new UnknownLabels());
  const yearly = toYearly(records, () => "IMF IMTS");
  const x2024 = yearly.rows.find((r) => r.partner === "CHN" && r.flow === "exports" && r.year === 2024);
  // The twelve 2024 months of RUS-M.csv were made to add up to the annual RUS-A.csv value 128902000000.
  assert.equal(x2024?.value, 128_902_000_000);
  assert.equal(x2024?.estimate, true, "December 2024 carries STATUS e");
  assert.match(x2024?.note ?? "", /sum of the 12 months/);
  assert.ok(!yearly.rows.some((r) => r.year === 2025));
  assert.equal(yearly.incomplete.length, 4);
  assert.deepEqual(yearly.incomplete[0].months, ["2025-01", "2025-02", "2025-03", "2025-04"]);
});

test("Comtrade's own codes map through the one registry: 842 USA, 251 France, 699 India, 381 Italy, 0 World", () => {
  assert.equal(fromComtradeCode(842), "USA");
  assert.equal(fromComtradeCode(251), "FRA");
  assert.equal(fromComtradeCode(699), "IND");
  assert.equal(fromComtradeCode(381), "ITA");
  assert.equal(fromComtradeCode(0), "WLD");
  assert.equal(fromComtradeCode(156), "CHN");
  assert.equal(fromComtradeCode(643), "RUS");
  assert.equal(toComtradeCode("USA"), 842);
  assert.equal(toComtradeCode("FRA"), 251);
  assert.equal(toComtradeCode("IND"), 699);
  assert.equal(toComtradeCode("WLD"), 0);
  assert.equal(toComtradeCode("CHN"), 156);
});

test("the Comtrade envelope yields exports and imports, leaves re-exports out, and takes primaryValue", () => {
  const env = parseComtradeEnvelope(fixture("comtrade/156.json"), "156.json");
  const { records, skippedFlows } = comtradeRecords(env, "156.json", "2025-06-01", new UnknownLabels());
  assert.equal(skippedFlows, 2, "one RX record per year");
  const x = records.find((r) => r.partner === "RUS" && r.flow === "exports" && r.period === "2023");
  assert.equal(x?.value, 112_300_000_000);
  assert.ok(
    records.some((r) => r.partner === "FRA") &&
      records.some((r) => r.partner === "IND") &&
      records.some((r) => r.partner === "WLD"),
  );
});

test("Comtrade's empty envelope, an error envelope and invalid JSON", () => {
  assert.equal(parseComtradeEnvelope(fixture("comtrade/643.json"), "643.json").count, 0);
  assert.throws(
    () =>
      parseComtradeEnvelope(
        '{"statusCode":401,"message":"Access denied due to invalid subscription key."}',
        "x.json",
      ),
    /Comtrade error 401/,
  );
  assert.throws(
    () => parseComtradeEnvelope('{"elapsedTime":"0.1 secs","count":4,"data":[{"typeCode":', "x.json"),
    /not valid JSON/,
  );
});

test("the public preview is split so each call stays under its 500-record cap; a key asks for years and flows at once", () => {
  const preview = buildComtradeRequests(
    checkComtradeParams({ reporters: "CHN", from: 2021, to: 2024, apiKey: "" }, NOW),
  );
  assert.equal(preview.length, 8, "4 years x 2 flows");
  assert.match(
    preview[0].url,
    /\/public\/v1\/preview\/C\/A\/HS\?reporterCode=156&period=2021&partner2Code=0&cmdCode=TOTAL&flowCode=X/,
  );
  const keyed = buildComtradeRequests(
    checkComtradeParams({ reporters: "CHN", from: 2021, to: 2024, apiKey: "k" }, NOW),
  );
  assert.equal(keyed.length, 1);
  assert.match(
    keyed[0].url,
    /\/data\/v1\/get\/C\/A\/HS\?reporterCode=156&period=2021,2022,2023,2024&.*flowCode=X,M/,
  );
  assert.equal(keyed[0].headers?.["Ocp-Apim-Subscription-Key"], "k");
});

test("IMTS keys follow COUNTRY.INDICATOR.COUNTERPART.FREQUENCY with G001 for the World; 3.0 endpoints get '*'", () => {
  const q21 = checkImtsParams(
    { reporters: "Russland,WLD", from: 2021, to: 2024, endpoint: "https://api.imf.org/external/sdmx/2.1" },
    NOW,
  );
  const parts = buildImtsRequests(q21);
  assert.equal(
    parts[0].url,
    "https://api.imf.org/external/sdmx/2.1/data/IMF.STA,IMTS,1.0.0/RUS.XG_FOB_USD+MG_CIF_USD..A?startPeriod=2021&endPeriod=2024",
  );
  assert.match(parts[1].url, /\/G001\.XG_FOB_USD\+MG_CIF_USD\.\.A\?/);
  const q30 = checkImtsParams(
    {
      reporters: "CHN",
      partners: "RUS,WLD",
      from: 2021,
      to: 2024,
      endpoint: "https://api.imf.org/external/sdmx/3.0",
    },
    NOW,
  );
  assert.match(
    buildImtsRequests(q30)[0].url,
    /\/3\.0\/data\/dataflow\/IMF\.STA\/IMTS\/\+\/CHN\.XG_FOB_USD\+MG_CIF_USD\.RUS\+G001\.A\?c%5BTIME_PERIOD%5D=ge:2021-01-01\+le:2024-12-31$/,
  );
});

test("bad parameters are refused before any request, naming the option", () => {
  assert.throws(
    () => checkImtsParams({ reporters: "CHN", from: 2024, to: 2021 }, NOW),
    (e: unknown) =>
      e instanceof FetchParamError && /--from: 2024 is after --to 2021/.test((e as Error).message),
  );
  assert.throws(
    () => checkImtsParams({ reporters: "Atlantis" }, NOW),
    /--reporters: unknown country "Atlantis"/,
  );
  assert.throws(() => checkImtsParams({ reporters: "CHN", freq: "Q" }, NOW), /--freq/);
  assert.throws(() => checkImtsParams({ reporters: "CHN", endpoint: "ftp://x" }, NOW), /--endpoint/);
  assert.throws(() => checkImtsParams({ reporters: "CHN", to: 2031 }, NOW), /--to: "2031" is not a year/);
});
