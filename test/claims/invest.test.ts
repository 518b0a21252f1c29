// Claims about direct investment between two economies (issue 15): the seed's investment sentence, the
// claims-dev articles' company and deal figures that must stay outside, and sentences written for these
// tests whose expected values are cells of the real files in ../shared/data (named at each test).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { before, describe, test } from "node:test";
import { type CheckResult, checkArticle } from "../../src/claims/check.ts";
import { extractClaims } from "../../src/claims/extract.ts";
import type { Claim } from "../../src/claims/types.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

const SOURCES = process.env.DYAD_SOURCES ?? resolve("../shared/data");
const SEED = resolve(SOURCES, "../seed/welt-2025-china-russland.txt");
const DEV = resolve(SOURCES, "../claims-dev");

/** The claims of one sentence; a title other than "Titel" marks an English article. */
const claims = (sentence: string, date = "2025-05-08", title = "Titel"): Claim[] =>
  extractClaims(`${title}\n${sentence}`, { date, lang: title === "Titel" ? "de" : "en" }).claims;
const one = (sentence: string, text: string, title?: string): Claim => {
  const c = claims(sentence, "2025-05-08", title).find((x) => x.text.includes(text));
  assert.ok(c, `no claim "${text}" in: ${sentence}`);
  return c;
};
/** A sentence of a claims-dev article, as the file has it. */
const devSentence = (file: string, start: string): string => {
  const body = readFileSync(resolve(DEV, file), "utf8");
  const at = body.indexOf(start);
  assert.ok(at >= 0, `"${start}" not in ${file}`);
  const end = body.slice(at).search(/\.(?:\s|$)/);
  return body.slice(at, at + end + 1);
};

describe("investment: what is and is not a claim", () => {
  test('the seed\'s "gegenseitige Investitionen …, doch die stagnieren" has no figure, so it is no claim (the dossier gives the figures)', () => {
    const seed = readFileSync(SEED, "utf8");
    const sentence =
      "Für mehr Handel könnten nur mehr gegenseitige Investitionen sorgen, doch die stagnieren.";
    assert.ok(seed.includes(sentence));
    const all = extractClaims(seed, { date: "2025-05-08" }).claims;
    const start = seed.indexOf(sentence);
    assert.deepEqual(
      all.filter((c) => c.start >= start && c.end <= start + sentence.length),
      [],
    );
    // Nor does any claim of the seed link to an investment indicator: it states no investment figure.
    assert.deepEqual(
      all.filter((c) => c.indicator?.startsWith("invest.")),
      [],
    );
  });

  test("a firm's investment in a product stays outside (claims-dev 14, Wikinews 2007: Venezuela, ethanol)", () => {
    const s = devSentence("14-de-suedamerika-energiegipfel-pipeline.txt", "Venezuela selbst investiert");
    const c = one(s, "900 Millionen US-Dollar");
    assert.equal(c.indicator, null);
    assert.match(c.outside ?? "", /investiert/);
  });

  test("a joint venture's initial investment stays outside (claims-dev 25, BBC 2005: Snecma and HAL)", () => {
    const s = devSentence("25-en-india-aviation-show.txt", "Meanwhile, France's Snecma");
    const c = one(s, "6.5m", "India aviation show");
    assert.equal(c.indicator, null);
  });

  test("stakes in companies stay outside (claims-dev 18 and 28, BBC 2005: Illva's 33% of Changyu, Shell's 30%)", () => {
    const illva = one(
      devSentence("18-en-illva-changyu-china-wine.txt", "Italy's Illva Saronno"),
      "33%",
      "Wine",
    );
    const shell = one(devSentence("28-en-qatar-shell-lng-deal.txt", "The UK-Dutch group"), "30%", "LNG");
    for (const c of [illva, shell]) assert.ok(!c.indicator?.startsWith("invest."), c.readAs);
  });
});

describe("investment: linking (sentences written for these tests)", () => {
  test("German: a sum of direct investment for a year is China's position in Russia at the end of that year", () => {
    const c = one("Chinas Direktinvestitionen in Russland beliefen sich 2020 auf 12 Mrd. Dollar.", "12 Mrd");
    assert.deepEqual([c.indicator, c.a, c.b, c.period.years], ["invest.position", "CHN", "RUS", [2020]]);
    assert.match(c.readAs, /stock at year end.*no word of flow/);
  });
  test('English: "FDI stock" is the position; "Russia\'s … position in China" is Russia\'s', () => {
    const c = one(
      "China's FDI stock in Russia stood at $6.6bn at the end of 2018.",
      "6.6bn",
      "China and Russia",
    );
    assert.deepEqual([c.indicator, c.a, c.b, c.period.years], ["invest.position", "CHN", "RUS", [2018]]);
    const r = one(
      "Russia's direct investment position in China was $341m at the end of 2021.",
      "341m",
      "China and Russia",
    );
    assert.deepEqual([r.indicator, r.a, r.b], ["invest.position", "RUS", "CHN"]);
  });
  test("a verb of investing makes it a flow within the year (UNCTAD), investor the subject, host after 'in'", () => {
    const c = one("China investierte 2012 rund 450 Millionen Dollar in Russland.", "450 Millionen");
    assert.deepEqual([c.indicator, c.a, c.b, c.period.years], ["invest.flow", "CHN", "RUS", [2012]]);
    const e = one("In 2012, Chinese direct investment flows into Russia reached $450m.", "450m", "FDI flows");
    assert.deepEqual([e.indicator, e.a, e.b], ["invest.flow", "CHN", "RUS"]);
  });
  test("shares: of the investor's outward position (German), of the host's inward position (English)", () => {
    const out = one(
      "Auf Russland entfielen Ende 2020 nur 0,5 Prozent der chinesischen Direktinvestitionen im Ausland.",
      "0,5 Prozent",
    );
    assert.deepEqual(
      [out.indicator, out.a, out.b, out.period.years],
      ["invest.outward_share", "CHN", "RUS", [2020]],
    );
    const inw = one(
      "China accounted for 2.7% of Russia's inward FDI stock in 2020.",
      "2.7%",
      "China and Russia",
    );
    assert.deepEqual([inw.indicator, inw.a, inw.b], ["invest.inward_share", "CHN", "RUS"]);
  });
  test("a change in per cent is the growth of the position; a sum without a host is not read", () => {
    const g = one("Chinas Direktinvestitionen in Russland sanken 2022 um 7 Prozent.", "7 Prozent");
    assert.deepEqual([g.indicator, g.derived, g.quantity], ["invest.position", "growth", -0.07]);
    const n = one("Chinas Direktinvestitionen beliefen sich 2020 auf 2,6 Billionen Dollar.", "2,6 Billionen");
    assert.ok(n.unsure || n.b === null || n.b === "WLD", n.readAs);
    assert.notEqual(n.b, "RUS");
  });
});

describe("investment: verdicts against the CDIS and UNCTAD cells", () => {
  let store: Store;
  before(async () => {
    store = await openRealStore();
  });
  const check = async (text: string, lang: "de" | "en" = "de"): Promise<CheckResult["claims"][number]> => {
    const r = await checkArticle(store, `Titel\n${text}`, { date: "2025-05-08", lang });
    assert.equal(r.claims.length, 1, r.claims.map((c) => c.readAs).join(" | "));
    return r.claims[0];
  };

  test("12 Mrd. Dollar at end-2020: consistent with China's CDIS cell, and the basis is named", async () => {
    const c = await check("Chinas Direktinvestitionen in Russland beliefen sich 2020 auf 12 Mrd. Dollar.");
    assert.equal(c.verdict, "consistent");
    const [a, b] = c.evidence.perYear[0].sides;
    // CDIS_Table_6_Direct_Investment_Position_2020.xlsx, sheet "Table 6", row 188 (Russian Federation),
    // column AD (China, P.R.: Mainland): 12,070.89 (US dollars, millions).
    assert.equal(Math.round((a.value as number) / 1e5) / 10, 12_070.9);
    assert.match(a.label, /stock at the end of the year \(IMF CDIS Table 6-o\)/);
    assert.ok(
      a.sources.some((s) => s.includes("Table 6!AD188")),
      a.sources.join("; "),
    );
    // Russia's inward table (6-i) is not in the data: its side says so instead of guessing.
    assert.equal(b.value, null);
    assert.match(b.reason ?? "", /Table 6-i/);
  });

  test("$6.6bn at end-2018 is consistent (2018 file, AD188: 6,577.6); 20 Mrd. for 2020 is inconsistent by 7.9 bn", async () => {
    const c = await check("China's FDI stock in Russia stood at $6.6bn at the end of 2018.", "en");
    assert.equal(c.verdict, "consistent");
    // CDIS_Table_6_Direct_Investment_Position_2018.xlsx, "Table 6", row 188 (Russian Federation), column AD (China): 6,577.6.
    assert.equal(Math.round((c.evidence.perYear[0].sides[0].value as number) / 1e5) / 10, 6_577.6);
    const wrong = await check(
      "Chinas Direktinvestitionen in Russland beliefen sich 2020 auf 20 Mrd. Dollar.",
    );
    assert.equal(wrong.verdict, "inconsistent");
    // 20 bn minus the 2020 cell (12,070.89 m) = 7.93 bn.
    assert.equal(Math.round((wrong.evidence.perYear[0].sides[0].difference as number) / 1e7) / 100, 7.93);
  });

  test("450 million invested in 2012 is consistent with UNCTAD's table for Russia (RUS.csv, line 72, 2012 column: 450)", async () => {
    const c = await check("China investierte 2012 rund 450 Millionen Dollar in Russland.");
    assert.equal(c.verdict, "consistent");
    const side = c.evidence.perYear[0].sides[0];
    assert.equal(side.value, 450e6);
    assert.match(side.label, /flows into it from China within the year \(UNCTAD/);
    assert.ok(
      side.sources.some((s) => s.includes("RUS.csv, line 72")),
      side.sources.join("; "),
    );
  });

  test("shares: 0.5 % of China's outward and 2.7 % of Russia's inward position at end-2020 are consistent", async () => {
    // 2020 file, "Table 6", column AD (China): row 188 (Russia) 12,070.89 over row 252 (World) 2,580,658.44 = 0.468 %.
    const out = await check(
      "Auf Russland entfielen Ende 2020 nur 0,5 Prozent der chinesischen Direktinvestitionen im Ausland.",
    );
    assert.equal(out.verdict, "consistent");
    assert.equal(Math.round((out.evidence.perYear[0].sides[0].value as number) * 1e5) / 1e3, 0.468);
    // CDIS_Reporters.xlsx, sheet "Inward Direct Investment Posit", row 98 (Russian Federation), column M (2020):
    // 449,047.26; 12,070.89 / 449,047.26 = 2.69 %.
    const inw = await check("China accounted for 2.7% of Russia's inward FDI stock in 2020.", "en");
    assert.equal(inw.verdict, "consistent");
    assert.equal(Math.round((inw.evidence.perYear[0].sides[0].value as number) * 1e4) / 100, 2.69);
  });

  test("a fall of 7 % in 2022 is consistent with the two cells (10,644.1 end-2021, 9,901.6 end-2022: −6.98 %)", async () => {
    const c = await check("Chinas Direktinvestitionen in Russland sanken 2022 um 7 Prozent.");
    assert.equal(c.verdict, "consistent");
    assert.equal(Math.round((c.evidence.perYear[0].sides[0].value as number) * 1e4) / 100, -6.98);
  });

  test("a year the CDIS does not cover is not checkable, with the reason", async () => {
    const c = await check("Chinas Direktinvestitionen in Russland beliefen sich 2005 auf 1 Mrd. Dollar.");
    assert.equal(c.verdict, "not checkable");
    assert.match(c.reason ?? "", /did not report outward positions|no inward table/);
  });
});
