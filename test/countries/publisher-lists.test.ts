// The registry against the publishers' own complete code lists: UN Comtrade's reporter and partner lists
// (../shared/publisher-samples/comtrade/extracted/, as comtradr ships them, last modified 2025-06-05, and
// the API's Reporters.json) and the country_codes files of five BACI releases (V202001 to V202501).
import assert from "node:assert/strict";
import { test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import { fromComtradeCode, toComtradeCode } from "../../src/countries/m49.ts";
import { parseCountryCodes } from "../../src/sources/baci/files.ts";
import { parseCsv } from "../../src/sources/csv.ts";
import { readSample } from "../helpers/publisher-samples.ts";

interface ListEntry {
  code: number;
  name: string;
  iso3: string;
  exitYear: string;
  group: boolean;
}

function comtradeList(kind: "partner" | "reporter"): ListEntry[] {
  const file = `${kind}.csv`;
  const rows = parseCsv(readSample("comtrade", "extracted", file), file, 1, { skipBlank: true }).map(
    (r) => r.fields,
  );
  const header = rows[0];
  const col = (name: string) => header.indexOf(name);
  return rows.slice(1).map((r) => ({
    code: Number(r[col("id")]),
    name: r[col("country")],
    iso3: r[col("iso_3")],
    exitYear: r[col("exit_year")],
    group: r[col("group")] === "TRUE",
  }));
}

const partners = comtradeList("partner");
const reporters = comtradeList("reporter");

// Comtrade codes that name the same entity in different periods or with a different extent of the same
// state; every other pair of codes must map to two entities, so nothing merges silently into a neighbour.
const SAME_ENTITY: Record<string, number[]> = {
  USA: [840, 841, 842], // United States of America (ISO), USA and Puerto Rico (...1980), USA
  FRA: [250, 251], // Metropolitan France, France (with Monaco)
  CHE: [756, 757], // Switzerland (ISO), Switzerland with Liechtenstein
  NOR: [578, 579], // Norway without and with Svalbard and Jan Mayen
  IND: [356, 699], // India (...1974), India
  DEU: [276, 280], // Germany, Fed. Rep. of Germany (...1990)
  ANT: [530, 532], // Netherlands Antilles (...2010), Netherlands Antilles and Aruba (...1985)
  PAN: [590, 591], // Panama excl. Canal Zone (...1977), Panama
};

test("every one of Comtrade's 310 partner codes and names maps to one entity, the code and the name to the same", () => {
  // partner.csv: 310 data lines (SOURCES.md: "partner list (310 entries)").
  assert.equal(partners.length, 310);
  const failures: string[] = [];
  for (const p of partners) {
    const byCode = fromComtradeCode(p.code);
    const byName = registry.tryResolve(p.name)?.code;
    if (!byCode || byCode !== byName)
      failures.push(`${p.code} "${p.name}": code -> ${byCode}, name -> ${byName}`);
  }
  assert.deepEqual(failures, []);
});

test("every one of Comtrade's 255 reporter codes and names maps, in comtradr's table and in the API's Reporters.json", () => {
  assert.equal(reporters.length, 255);
  const failures: string[] = [];
  for (const r of reporters) {
    const byCode = fromComtradeCode(r.code);
    if (!byCode || byCode !== registry.tryResolve(r.name)?.code) failures.push(`${r.code} "${r.name}"`);
  }
  const api = JSON.parse(readSample("comtrade", "extracted", "Reporters.json.body")) as {
    results: { reporterCode: number; text: string; reporterDesc: string }[];
  };
  assert.equal(api.results.length, 255);
  for (const r of api.results) {
    const byCode = fromComtradeCode(r.reporterCode);
    for (const name of [r.text, r.reporterDesc])
      if (!byCode || byCode !== registry.tryResolve(name)?.code) failures.push(`${r.reporterCode} "${name}"`);
  }
  assert.deepEqual(failures, []);
});

test("Comtrade's areas, groups and former states keep entities of their own: no two codes merge unless they are one state", () => {
  const byEntity = new Map<string, number[]>();
  for (const p of [...partners, ...reporters]) {
    const code = fromComtradeCode(p.code)!;
    const list = byEntity.get(code) ?? [];
    if (!list.includes(p.code)) list.push(p.code);
    byEntity.set(code, list);
  }
  const merged = Object.fromEntries(
    [...byEntity]
      .filter(([, codes]) => codes.length > 1)
      .map(([e, codes]) => [e, codes.sort((a, b) => a - b)]),
  );
  assert.deepEqual(merged, SAME_ENTITY);
  for (const p of partners) {
    const entity = registry.get(fromComtradeCode(p.code)!)!;
    // "nes" areas and groups (World, EU, ASEAN, Other Asia) are aggregates, never a country.
    if (/\bnes\b/.test(p.name) || p.group) assert.equal(entity.kind, "aggregate", `${p.code} ${p.name}`);
  }
  // The partners the issue names: each its own entity, none of them a neighbour.
  const own = (code: number) => registry.get(fromComtradeCode(code)!)!;
  assert.equal(own(849).en, "US Miscellaneous Pacific Islands");
  assert.notEqual(own(849).code, "UMI");
  assert.deepEqual([own(830).code, own(830).kind], ["XCI", "aggregate"]); // Channel Islands
  assert.equal(own(472).kind, "aggregate"); // Africa CAMEU region, nes
  assert.notEqual(own(488).code, own(872).code); // Midway, Wake
  assert.equal(own(647).kind, "historical"); // Ryukyu Isd (...1972)
  // 868 "Rep. of Vietnam (...1974)": Comtrade's ISO column says VNM, but it is South Vietnam alone.
  assert.equal(partners.find((p) => p.code === 868)?.iso3, "VNM");
  assert.equal(own(868).kind, "historical");
  assert.equal(own(711).code, "XSA");
});

test("a query for a registry entity asks Comtrade for its current code, and every mapped entity has one", () => {
  assert.equal(toComtradeCode("USA"), 842);
  assert.equal(toComtradeCode("IND"), 699);
  assert.equal(toComtradeCode("DEU"), 276);
  assert.equal(toComtradeCode("FRA"), 251);
  assert.equal(toComtradeCode("ITA"), 380);
  for (const p of partners) {
    const entity = fromComtradeCode(p.code)!;
    assert.equal(fromComtradeCode(toComtradeCode(entity)!), entity, `${p.code} ${p.name}`);
  }
  // A current reporter (no exit year) is asked for by exactly the code in Comtrade's reporter list.
  const current = reporters.filter((r) => r.exitYear === "NA");
  assert.ok(current.length > 200);
  for (const r of current) assert.equal(toComtradeCode(fromComtradeCode(r.code)!), r.code, r.name);
});

const BACI_LISTS: [string, string][] = [
  ["R-IO-PS", "country_codes_V202001.csv"],
  ["R-IO-PS", "country_codes_V202201.csv"],
  ["DataDive_Ukraine", "country_codes.csv"],
  ["IaBrilliant", "country_codes_V202301.csv"],
  ["Trade-Finance", "country_codes_V202501.csv"],
];

test("every code of five real BACI country lists maps to the entity Comtrade's code has (490 aside: Taiwan)", () => {
  let checked = 0;
  const failures: string[] = [];
  for (const [dir, file] of BACI_LISTS) {
    for (const c of parseCountryCodes(readSample("baci", dir, file), file)) {
      checked++;
      const expected = c.code === 490 ? "TWN" : fromComtradeCode(c.code);
      if (!c.entity || c.entity !== expected)
        failures.push(`${file}:${c.line} ${c.code} ${c.iso3} -> ${c.entity}`);
    }
  }
  assert.deepEqual(failures, []);
  // 227 + 238 + 238 + 238 + 238 data lines (V202001, V202201 twice, V202301, V202501)
  assert.equal(checked, 1179);
});

test("BACI's 849 is the US Misc. Pacific Islands and 711 the Southern African Customs Union, whatever the ISO3 column says", () => {
  const entity = (dir: string, file: string, code: number) => {
    const c = parseCountryCodes(readSample("baci", dir, file), file).find((x) => x.code === code);
    return c && { iso3: c.iso3, entity: c.entity };
  };
  // country_codes_V202501.csv: 849,US Misc. Pacific Isds,PU,PUS and 711,...(...1999),,ZA1
  assert.deepEqual(entity("Trade-Finance", "country_codes_V202501.csv", 849), { iso3: "PUS", entity: "PUS" });
  assert.deepEqual(entity("Trade-Finance", "country_codes_V202501.csv", 711), { iso3: "ZA1", entity: "XSA" });
  // country_codes_V202301.csv: 849,...,N/A,N/A and 711,So. African Customs Union,...,ZA,ZAF
  assert.deepEqual(entity("IaBrilliant", "country_codes_V202301.csv", 849), { iso3: "N/A", entity: "PUS" });
  assert.deepEqual(entity("IaBrilliant", "country_codes_V202301.csv", 711), { iso3: "ZAF", entity: "XSA" });
  assert.deepEqual(entity("IaBrilliant", "country_codes_V202301.csv", 710), { iso3: "ZAF", entity: "ZAF" });
  // country_codes_V202001.csv line 5: 28,Antigua and Barbuda,...,ATA (Antarctica's ISO3, a slip in the file)
  assert.deepEqual(entity("R-IO-PS", "country_codes_V202001.csv", 28), { iso3: "ATA", entity: "ATG" });
});
