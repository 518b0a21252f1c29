// profileBytes writes a profile's JSON answer piece by piece into bytes: they must be exactly the bytes of
// `new TextEncoder().encode(JSON.stringify(profileJson(profile, form)))`, the answer as it was made before —
// for real profiles (built from memory as the server builds them: seeded random pairs and pairs with every
// section, a window too, both provenance forms) and for made-up ones with what JSON has rules for: escapes,
// lone surrogates, characters beyond the BMP, members JSON leaves out, more provenance cells than one piece.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { registry } from "../../src/countries/index.ts";
import { RelationMemory } from "../../src/indicators/relation-memory.ts";
import { TradeIndex } from "../../src/indicators/trade-index.ts";
import type { IndicatorValue, Provenance } from "../../src/indicators/types.ts";
import { buildProfile, type Profile, type ProfileMemory } from "../../src/profile/index.ts";
import { profileJson } from "../../src/profile/json.ts";
import { profileBytes } from "../../src/profile/json-bytes.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";
import { seededRandom } from "../helpers/seeded-random.ts";

const encoder = new TextEncoder();

/** The bytes must be the old answer's, byte for byte; on a difference, say where and show both texts there. */
function sameBytes(profile: Profile, label: string): void {
  for (const form of ["reference", "inline"] as const) {
    const expected = encoder.encode(JSON.stringify(profileJson(profile, form)));
    const got = profileBytes(profile, form);
    if (Buffer.compare(Buffer.from(expected), Buffer.from(got)) === 0) continue;
    const at = expected.findIndex((x, i) => x !== got[i]);
    const around = (b: Uint8Array) => Buffer.from(b.subarray(Math.max(0, at - 60), at + 60)).toString();
    assert.fail(
      `${label} (${form}): ${got.length} bytes against ${expected.length}, first difference at ${at}:\n${around(got)}\n${around(expected)}`,
    );
  }
}

describe("profileBytes: the JSON answer's bytes, written in pieces", () => {
  let store: Store;
  let memory: ProfileMemory;
  before(async () => {
    store = await openRealStore();
    memory = { trade: await TradeIndex.load(store), relations: await RelationMemory.load(store) };
  });

  test("real profiles: named pairs with every section, a window, and 120 seeded random pairs", async () => {
    const pairs: [string, string, { from?: number; to?: number }][] = [
      ["CHN", "RUS", {}],
      ["DEU", "FRA", {}],
      ["RUS", "DEU", {}],
      ["USA", "ISR", {}],
      ["BLZ", "LAO", {}],
      ["CHN", "RUS", { from: 2000, to: 2015 }],
    ];
    const next = seededRandom(31);
    const countries = registry.all("country").map((e) => e.code);
    while (pairs.length < 126) {
      const a = countries[Math.floor(next() * countries.length)];
      const b = countries[Math.floor(next() * countries.length)];
      if (a !== b) pairs.push([a, b, {}]);
    }
    let dashes = 0;
    for (const [a, b, range] of pairs) {
      const profile = await buildProfile(store, a, b, { ...range, memory });
      if (JSON.stringify(profile).includes("–")) dashes++;
      sameBytes(profile, `${a}-${b}`);
    }
    // The case the pieces are for: text beyond Latin-1 (the reasons' en dashes) in most profiles.
    assert.ok(dashes > pairs.length / 2, `${dashes} of ${pairs.length} profiles have an en dash`);
  });

  test("made-up profiles: escapes, surrogates, members JSON leaves out, many cells", () => {
    const strings = [
      'quote " and backslash \\',
      "controls \b\f\n\r\t \u0000 \u001f \u007f",
      "dash – ’ é ß",
      "emoji 🛢 and lone surrogates \ud800 x \udc00",
      "",
    ];
    const cell = (i: number): Provenance => ({
      source: "made-up",
      dataset: i % 3 ? "one" : strings[i % strings.length],
      reporter: "AAA",
      side: "reporter",
      flow: "exports",
      year: 1990 + i,
      value: i + 0.5,
      file: strings[i % strings.length],
      sheet: null,
      line: i,
      estimate: i % 2 === 0,
      note: i % 4 ? null : strings[(i + 1) % strings.length],
      why: i % 5 ? undefined : strings[(i + 2) % strings.length],
    });
    const value = (i: number): IndicatorValue => ({
      indicator: "x.y",
      a: "AAA",
      b: "BBB",
      year: 1990 + i,
      value: i % 3 ? i * 1.25 : null,
      unit: "USD",
      reason: i % 3 ? undefined : strings[i % strings.length],
      caveat: i % 7 ? undefined : strings[(i + 3) % strings.length],
      // 150 distinct cells: more than one piece of them (json-bytes.ts writes 64 per piece).
      provenance: [cell(i), cell(i + 1)],
      detail: i % 6 ? undefined : { note: strings[i % strings.length], n: Number.NaN, m: -0, big: 1e21 },
    });
    const base = {
      a: { code: "AAA", en: strings[0], de: strings[2] },
      b: { code: "BBB", en: "B", de: "B" },
      from: null,
      to: undefined,
      years: [1990, 1991],
      gone: () => 1,
      trade: {
        table: [{ year: 1990, x: undefined, y: [undefined, Number.POSITIVE_INFINITY, strings[3]] }],
        series: [
          {
            indicator: "x.y",
            a: "AAA",
            b: "BBB",
            unit: "USD",
            values: Array.from({ length: 150 }, (_, i) => value(i)),
          },
          { indicator: "x.z", a: "BBB", b: "AAA", unit: strings[1], values: [] },
        ],
      },
      sections: { un: { absent: strings[2] }, nested: { deep: [strings[3], { k: strings[1] }] } },
      keyFigures: [],
      sources: [{ dataset: strings[3] }],
    };
    const made = (extra: Record<string, unknown>) => ({ ...base, ...extra }) as unknown as Profile;
    sameBytes(made({}), "made-up");
    // Members JSON leaves out or treats specially, where the pieces must agree with the whole.
    sameBytes(made({ trade: { ...base.trade, table: undefined } }), "no table");
    sameBytes(made({ toJSON: () => ({ replaced: strings[0] }) }), "toJSON");
    sameBytes(made({ provenance: "own" }), "a provenance of its own");
    sameBytes(made({ [Symbol("s")]: 1, 'key "quoted" –': strings[2] }), "odd keys");
  });
});
