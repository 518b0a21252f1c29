// Claims about energy volumes for a year, checked against the Statistical Review's bilateral matrix of the
// edition that answers for that year (issue 15: energy as a time series). The sentences are written for
// these tests; the expected values are cells of the workbooks in ../shared/data/energy, named at each test.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { type CheckResult, checkArticle } from "../../src/claims/check.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
});

const check = async (text: string, lang: "de" | "en"): Promise<CheckResult["claims"]> =>
  (
    await checkArticle(store, `${lang === "de" ? "Titel" : "China and Russia"}\n${text}`, {
      date: "2025-05-08",
      lang,
    })
  ).claims;

test("pipeline gas Russia→China, one sentence per year, each against its own edition's matrix", async () => {
  // The cell "Russian Federation"/"Russia" (exporter column) × "China" (importer row) of the pipeline sheet:
  // 2019: bp-statistical-review-2020-all-data.xlsx, "Gas - Trade movts - pipeline"!L36 = 0.3104;
  // 2020: bp-statistical-review-2021-all-data.xlsx, same sheet, L36 = 3.8812;
  // 2021: bp-statistical-review-2022-all-data.xlsx, same sheet, L27 = 7.5848;
  // 2023: ei-statistical-review-2024-all-data.xlsx, "Gas trade - pipeline"!L27 = 21.2942.
  const cases: [string, "de" | "en", number, string, string][] = [
    [
      "In 2019 Russia shipped 0.31 bcm of gas to China by pipeline.",
      "en",
      2019,
      "bp-statistical-review-2020",
      "L36",
    ],
    [
      "Russia delivered 3.88 billion cubic metres of pipeline gas to China in 2020.",
      "en",
      2020,
      "bp-statistical-review-2021",
      "L36",
    ],
    [
      "Russland lieferte 2021 rund 7,6 Milliarden Kubikmeter Pipelinegas nach China.",
      "de",
      2021,
      "bp-statistical-review-2022",
      "L27",
    ],
    [
      "Russland lieferte 2023 rund 21,3 Milliarden Kubikmeter Pipelinegas nach China.",
      "de",
      2023,
      "ei-statistical-review-2024",
      "L27",
    ],
  ];
  for (const [text, lang, year, file, cell] of cases) {
    const [c] = await check(text, lang);
    assert.deepEqual(
      [c.indicator, c.a, c.b, c.period.years],
      ["energy.pipeline_gas", "RUS", "CHN", [year]],
      text,
    );
    assert.equal(c.verdict, "consistent", c.evidence.summary);
    const side = c.evidence.perYear[0].sides[0];
    assert.match(side.label, /bilateral pipeline gas matrix for the year \(the newest edition that has it\)/);
    assert.ok(
      side.sources.some((s) => s.includes(`${file}-all-data.xlsx`) && s.endsWith(`!${cell}`)),
      `${year}: ${side.sources.join("; ")}`,
    );
  }
});

test("a wrong year's volume is inconsistent: 21.3 bcm was 2023's, not 2021's (7.58)", async () => {
  const [c] = await check(
    "Russland lieferte 2021 rund 21,3 Milliarden Kubikmeter Pipelinegas nach China.",
    "de",
  );
  assert.equal(c.verdict, "inconsistent");
  assert.equal(Math.round((c.evidence.perYear[0].sides[0].value as number) * 100) / 100, 7.58);
});

test("a supplier's share whose supplier is the subject of the sentence's other clause (2023: 21.29 / 61.34 = 34.7 %)", async () => {
  // ei-statistical-review-2024-all-data.xlsx, "Gas trade - pipeline": L27 (Russia → China) 21.2942 over
  // X27 (China's total pipeline imports) 61.3433.
  const claims = await check(
    "Russland lieferte 2023 rund 21 Milliarden Kubikmeter Gas per Pipeline nach China, 35 Prozent der chinesischen Pipelinegas-Importe.",
    "de",
  );
  const share = claims.find((c) => c.text.includes("35 Prozent"));
  assert.ok(share);
  assert.deepEqual([share.indicator, share.a, share.b], ["energy.pipeline_gas_share", "RUS", "CHN"]);
  assert.equal(share.verdict, "consistent", share.evidence.summary);
  assert.equal(Math.round((share.evidence.perYear[0].sides[0].value as number) * 1000) / 10, 34.7);
});
