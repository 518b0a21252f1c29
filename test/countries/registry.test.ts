import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { resolve } from "node:path";
import { test } from "node:test";
import { registry, resolveCountry, UnknownCountryError } from "../../src/countries/index.ts";
import { readWorkbook } from "../../src/sources/xlsx.ts";
import { SOURCES_DIR } from "../helpers/real-store.ts";

test("a country is found by ISO3, ISO2, English or German name, in any case", () => {
  for (const q of ["CHN", "cn", "China", "china", "Volksrepublik China"])
    assert.equal(resolveCountry(q).code, "CHN", q);
  for (const q of ["RUS", "RU", "Russia", "Russland", "Russian Federation", "Russische Föderation"])
    assert.equal(resolveCountry(q).code, "RUS", q);
  assert.equal(resolveCountry("Vereinigte Staaten").code, "USA");
  assert.equal(resolveCountry("Deutschland").code, "DEU");
  assert.equal(resolveCountry("Russland").de, "Russland");
  assert.equal(resolveCountry("CHN").en, "China");
});

test("the two Koreas and the two Congos stay apart under the IMF's names", () => {
  assert.equal(resolveCountry("Korea, Rep. of").code, "KOR");
  assert.equal(resolveCountry("Korea, Dem. People's Rep. of").code, "PRK");
  assert.equal(resolveCountry("Congo, Dem. Rep. of the").code, "COD");
  assert.equal(resolveCountry("Congo, Rep. of").code, "COG");
});

test("aggregates and historical entities have their own codes and kinds", () => {
  assert.deepEqual([resolveCountry("World").code, resolveCountry("World").kind], ["WLD", "aggregate"]);
  assert.equal(resolveCountry("Euro Area").code, "EMU");
  assert.equal(resolveCountry("European Union").code, "EUU");
  assert.deepEqual([resolveCountry("USSR").code, resolveCountry("USSR").kind], ["SUN", "historical"]);
  assert.equal(resolveCountry("Eastern Germany").code, "DDR");
  assert.equal(resolveCountry("Czechoslovakia").kind, "historical");
  // Comtrade's "not elsewhere specified" areas never merge with each other or with a country.
  assert.notEqual(resolveCountry("Other Asia, nes").code, resolveCountry("Areas, nes").code);
  assert.notEqual(resolveCountry("Other Asia, nes").code, "TWN");
});

test("an unknown country is an error that suggests and says how to list countries", () => {
  assert.throws(
    () => resolveCountry("Chna"),
    (err: Error) => err instanceof UnknownCountryError && /dyad countries/.test(err.message),
  );
  assert.throws(
    () => resolveCountry("Russ"),
    (err: Error) => /Russia \(RUS\)/.test(err.message),
  );
});

test("every reporter and partner label in the 235 IMF DOTS workbooks is classified by the registry", async () => {
  const dir = resolve(SOURCES_DIR, "imf-dots");
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx"));
  assert.equal(files.length, 235);
  const labels = new Map<string, string>();
  for (const f of files) {
    for (const sheet of await readWorkbook(resolve(dir, f))) {
      // Row 4, column B holds the reporter; partner labels are in column B from row 8 on.
      labels.set(String(sheet.rows[4][2]), `${f} reporter`);
      for (let r = 8; r < sheet.rows.length; r++) {
        const label = sheet.rows[r]?.[2];
        if (typeof label === "string" && label.trim()) labels.set(label.trim(), `${f}:${sheet.name}!B${r}`);
      }
    }
  }
  const unknown = [...labels].filter(([l]) => !registry.tryResolve(l));
  assert.deepEqual(unknown, []);
  const kinds = new Map<string, number>();
  for (const l of labels.keys()) {
    const k = registry.tryResolve(l)!.kind;
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  assert.ok((kinds.get("aggregate") ?? 0) >= 15, "World, Euro Area, IMF regions ...");
  assert.ok((kinds.get("historical") ?? 0) >= 8, "USSR, Yugoslavia, Czechoslovakia, GDR ...");
  assert.ok((kinds.get("country") ?? 0) >= 200);
});
