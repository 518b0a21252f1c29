// The point of the fetchers: with the publisher's latest series in the store, the seed article's 2023-2024
// shares become checkable from both sides' statistics. The IMF answers here come from the synthetic fixture
// set (test/fixtures/fetch/README.md), so this shows the plumbing, not the real figures.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { checkArticle } from "../../src/claims/check.ts";
import { fetchImts } from "../../src/fetch/index.ts";
import { Store } from "../../src/store/index.ts";
import { type FixtureServer, startFixtureServer } from "../helpers/fixture-server.ts";

const SEED = resolve(
  process.env.DYAD_SOURCES ?? resolve("../shared/data"),
  "../seed/welt-2025-china-russland.txt",
);
let server: FixtureServer;
let store: Store;

before(async () => {
  server = await startFixtureServer();
  const home = mkdtempSync(join(tmpdir(), "dyad-fetch-seed-"));
  store = await Store.open({ home });
  await fetchImts(
    { reporters: "CHN,RUS,WLD", from: 2021, to: 2024, endpoint: server.imfUrl },
    { home, http: { minIntervalMs: 0 }, openStore: async () => store },
  );
});
after(async () => {
  store.close();
  await server.close();
});

test("after `fetch imts`, the seed's 30 % and 40 % claims get verdicts from Russia's and China's statistics for 2023 and 2024", async () => {
  const result = await checkArticle(store, readFileSync(SEED, "utf8"), { date: "2025-05-08" });
  for (const [words, indicator, expected] of [
    // RUS-A.csv: 127.365/424.987 = 29.97 % (2023), 128.902/433.215 = 29.75 % (2024)
    ["30 Prozent", "trade.export_share", [0.2997, 0.2975]],
    // RUS-A.csv: 111.049/285.134 = 38.95 % (2023), 115.621/283.407 = 40.80 % (2024)
    ["40 Prozent", "trade.import_share", [0.3895, 0.408]],
  ] as const) {
    const claim = result.claims.find((c) => c.text === words);
    assert.ok(claim, `the checker finds "${words}"`);
    assert.equal(claim.evidence.indicator, indicator);
    assert.deepEqual(claim.evidence.years, [2023, 2024]);
    assert.equal(claim.verdict, "consistent");
    for (const [i, year] of claim.evidence.perYear.entries()) {
      assert.equal(year.sides.length, 2, `${words} ${year.year}: Russia's own figures and China's mirror`);
      const own = year.sides.find((s) => s.label.startsWith("Russia's own"));
      assert.ok(own?.value !== null && own?.value !== undefined);
      assert.ok(
        Math.abs((own.value as number) - expected[i]) < 0.0001,
        `${words} ${year.year}: ${own.value}`,
      );
    }
  }
});
