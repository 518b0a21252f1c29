// The dashboard in Chromium against a server on a random loopback port and the real (read-only) store:
// the dyad page's charts and figures, the language switch, the country page, the claim check, a phone-
// sized screen, and no console errors. Screenshots go to test-output/e2e/.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import type { Page } from "playwright-core";
import type { KeyFigure } from "../../src/profile/key-figures.ts";
import { type RunningServer, startServer } from "../../src/server/serve.ts";
import { buildWeb, WEB_DIST, webBuildNeeded } from "../../src/server/web-build.ts";
import { type Browser, launchBrowser } from "../helpers/browser.ts";
import { openRealStore, SOURCES_DIR } from "../helpers/real-store.ts";
import { tidyRows } from "../helpers/tidy-rows.ts";

const SHOTS = resolve("test-output/e2e");
const SEED = resolve(SOURCES_DIR, "../seed/welt-2025-china-russland.txt");

let server: RunningServer;
let browser: Browser;
let page: Page;
const problems: string[] = [];

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  if (webBuildNeeded()) await buildWeb();
  server = await startServer({ store: await openRealStore(), host: "127.0.0.1", port: 0, webDir: WEB_DIST });
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string): Promise<void> {
  await page.goto(new URL(path, server.url).href);
  await page.waitForSelector("body[data-ready=true]");
}

async function api<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, server.url));
  assert.equal(res.status, 200, path);
  return (await res.json()) as T;
}

type Row = Record<string, number | boolean | null> & { year: number };

test("the China–Russia page draws the dossier's charts, and its key figures are the API's", async () => {
  await page.setViewportSize({ width: 1100, height: 900 });
  await open("/dyad/CHN/RUS");
  assert.equal(await page.textContent("h1"), "China – Russia");

  const charts = await page.$$eval("figure.chart svg", (svgs) =>
    svgs.map((s) => {
      const box = s.getBoundingClientRect();
      return {
        width: box.width,
        height: box.height,
        marks: s.querySelectorAll("path, rect, circle, line").length,
      };
    }),
  );
  assert.ok(charts.length >= 5, `only ${charts.length} charts`);
  for (const c of charts) assert.ok(c.width > 200 && c.height > 100 && c.marks > 3, JSON.stringify(c));
  assert.ok(await page.$('figure[data-chart="turnover"] svg'));
  // The since-2000 view of the regional gas series: China's imports and the part from Russia (issue 15).
  assert.match(
    (await page.textContent('figure[data-chart="energy-since-2000"]')) ?? "",
    /China: of which from Russia/,
  );

  // The key figures are the API's (GET /api/v1/profile/CHN/RUS, keyFigures), each the latest year with a
  // value, own report else mirror: never older than the latest own value in the profile's table.
  const profile = await api<{ trade: { table: Row[] }; keyFigures: KeyFigure[] }>("/api/v1/profile/CHN/RUS");
  const shown = await page.$$eval("tr[data-figure]", (rows) =>
    rows.map((r) => ({
      key: r.getAttribute("data-figure")!,
      year: Number(r.getAttribute("data-year")),
      value: Number(r.getAttribute("data-value")),
      basis: r.getAttribute("data-basis"),
      text: r.querySelector("td")!.textContent!,
      when: r.querySelectorAll("td")[1]!.textContent!,
    })),
  );
  assert.ok(shown.length >= 6);
  assert.deepEqual(
    shown.map((f) => [f.key, f.year, f.value, f.basis]),
    profile.keyFigures.map((f) => [f.key, f.year, f.value, f.basis]),
  );
  for (const f of shown) {
    const own = [...profile.trade.table].reverse().find((r) => r[f.key] !== null);
    if (own) assert.ok(f.year >= own.year, `${f.key}: ${f.year} older than the own ${own.year}`);
  }
  // Russia's export share to China: Russia's own figures end in 2021 (UN Comtrade); China's customs report its
  // imports from Russia for later years (reference/china-customs-russia-*.csv), so the key figure is the mirror
  // of the latest of those years, labelled with China's report.
  const ruExports = shown.find((f) => f.key === "bExportShare")!;
  const gaccYears = tidyRows("reference", "china-customs-russia")
    .filter((r) => r.flow === "imports")
    .map((r) => r.year);
  const fcsYears = tidyRows("reference", "russia-customs-totals")
    .filter((r) => r.flow === "exports")
    .map((r) => r.year);
  const mirrorYear = Math.max(...gaccYears.filter((y) => fcsYears.includes(y)));
  assert.deepEqual([ruExports.year, ruExports.basis], [mirrorYear, "mirror"]);
  assert.match(ruExports.when, new RegExp(`^${mirrorYear}, from China's report`));
  // China's customs turnover of the latest year in its files, as written; "(record)" only if it is the largest.
  const gacc = tidyRows("reference", "china-customs-russia").filter((r) => r.flow === "turnover");
  const latest = gacc.reduce((x, y) => (y.year > x.year ? y : x));
  const isRecord = gacc.every((r) => r === latest || r.value < latest.value);
  const turnover = shown.find((f) => f.key === "turnover")!;
  assert.deepEqual([turnover.year, turnover.value], [latest.year, latest.value]);
  assert.equal(turnover.text, `${(latest.value / 1e9).toFixed(1)} bn USD${isRecord ? " (record)" : ""}`);
  // The narrative comes with it.
  assert.match((await page.textContent(".narrative")) ?? "", /record/);
  await page.screenshot({ path: `${SHOTS}/dyad-CHN-RUS-en.png`, fullPage: true });
});

test("the language switch turns the page German and puts ?lang=de in the shareable URL", async () => {
  await open("/dyad/CHN/RUS");
  await page.click('button[data-lang="de"]');
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForFunction(() => document.documentElement.lang === "de");
  assert.equal(new URL(page.url()).search, "?lang=de");
  assert.equal(await page.textContent("h1"), "China – Russland");
  assert.equal(await page.textContent("#key-figures"), "Kennzahlen");
  // The latest China's customs turnover (reference/china-customs-russia-*.csv), written the German way.
  const latest = tidyRows("reference", "china-customs-russia")
    .filter((r) => r.flow === "turnover")
    .reduce((x, y) => (y.year > x.year ? y : x));
  assert.match(
    (await page.textContent('tr[data-figure="turnover"] td')) ?? "",
    new RegExp(`^${(latest.value / 1e9).toFixed(1).replace(".", ",")} Mrd\\. USD`),
  );
  assert.match((await page.textContent('tr[data-figure="bExportShare"]')) ?? "", /nach Angaben Chinas/);
  assert.equal(await page.getAttribute('button[data-lang="de"]', "aria-pressed"), "true");
  await page.screenshot({ path: `${SHOTS}/dyad-CHN-RUS-de.png`, fullPage: true });

  // The shared URL opens in German by itself; and back to English.
  await open("/dyad/CHN/RUS?lang=de");
  assert.equal(await page.textContent("h1"), "China – Russland");
  await page.click('button[data-lang="en"]');
  await page.waitForFunction(() => document.documentElement.lang === "en");
  assert.equal(new URL(page.url()).search, "");
  assert.equal(await page.textContent("h1"), "China – Russia");
});

test("picking two countries by their German names with the keyboard opens their page", async () => {
  await open("/?lang=de");
  await page.focus("#country-a");
  await page.keyboard.type("Russland");
  await page.keyboard.press("Tab");
  await page.keyboard.type("china");
  await page.keyboard.press("Enter");
  await page.waitForURL(/\/dyad\/RUS\/CHN\?lang=de$/);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("h1"), "Russland – China");

  await open("/");
  await page.fill("#country-one", "Russland");
  await page.press("#country-one", "Enter");
  await page.waitForURL(/\/country\/RUS$/);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.textContent("h1"), "Russia's trade partners over time");

  await open("/");
  await page.fill("#country-a", "Atlantis");
  await page.fill("#country-b", "China");
  await page.press("#country-b", "Enter");
  assert.match((await page.textContent(".form-error")) ?? "", /Atlantis/);
  assert.equal(await page.getAttribute("#country-a", "aria-invalid"), "true");
  await page.screenshot({ path: `${SHOTS}/home-en.png`, fullPage: true });
});

test("Russia's country page shows its import partners over time, China first in the latest year", async () => {
  await open("/country/RUS?flow=imports");
  assert.ok(await page.$("figure.chart svg"));
  const first = await page.$eval("tbody tr", (r) => r.getAttribute("data-partner"));
  const partners = await api<{ partners: { partner: string; rank: number; year: number }[] }>(
    "/api/v1/partners/RUS?flow=imports&top=6",
  );
  const last = Math.max(...partners.partners.map((p) => p.year));
  assert.equal(first, partners.partners.find((p) => p.year === last && p.rank === 1)?.partner);
  assert.equal(first, "CHN");
  await page.screenshot({ path: `${SHOTS}/country-RUS-imports.png`, fullPage: true });
});

test("Russia's export partners are ranked only where the data cover them all; later BRICS-only years are named", async () => {
  await open("/country/RUS?flow=exports");
  const partners = await api<{
    partners: { partner: string; rank: number; year: number; kind: string }[];
    incomplete: { year: number; partners: number }[];
  }>("/api/v1/partners/RUS?flow=exports&top=6");
  const last = Math.max(...partners.partners.map((p) => p.year));
  // The ranked year has several countries, all from one dataset year; any later year is listed as
  // incomplete (UNCTAD's BRICS table, reference/unctad-brics-exports-2003-2024.csv, has 2024).
  const ranked = partners.partners.filter((p) => p.year === last && p.kind === "country");
  assert.ok(ranked.length > 1, JSON.stringify(ranked));
  const later = partners.incomplete.filter((y) => y.year > last);
  assert.ok(later.length, JSON.stringify(partners.incomplete));
  const note = await page.getAttribute("p.note[data-incomplete]", "data-incomplete");
  assert.deepEqual(
    note?.split(",").map(Number),
    later.map((y) => y.year),
  );
  assert.match((await page.textContent("h2#latest")) ?? "", new RegExp(String(last)));
});

test("the seed article pasted into the claim check has its 245-billion claim marked with the API's verdict", async () => {
  await open("/check");
  await page.fill("#article", readFileSync(SEED, "utf8"));
  await page.fill("#date", "2025-05-08");
  await page.click("form.check-form button[type=submit]");
  await page.waitForSelector(".article mark", { timeout: 60_000 });
  const marked = await page.$$eval(".article a.claim", (as) =>
    as.map((a) => ({ text: a.querySelector("mark")!.textContent, verdict: a.getAttribute("data-verdict") })),
  );
  const claim = marked.find((m) => m.text === "245 Milliarden Dollar");
  assert.ok(claim, `marked: ${marked.map((m) => m.text).join(" | ")}`);
  // The verdict shown is the API's for the same article (244.81 bn in China's customs file agrees).
  const res = await fetch(new URL("/api/v1/check", server.url), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: readFileSync(SEED, "utf8"), date: "2025-05-08" }),
  });
  const checked = (await res.json()) as { claims: { text: string; verdict: string }[] };
  const expected = checked.claims.find((c) => c.text === "245 Milliarden Dollar")?.verdict;
  assert.equal(claim.verdict, expected);
  assert.match(claim.verdict ?? "", /^consistent/);
  const entry = await page.$$eval(".claims li", (lis) =>
    lis.map((li) => li.textContent ?? "").find((t) => t.includes("245 Milliarden Dollar")),
  );
  assert.match(entry ?? "", /consistent/);
  await page.screenshot({ path: `${SHOTS}/check-seed-en.png`, fullPage: true });
});

test("on a phone-sized screen the dyad page fits the width", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open("/dyad/CHN/RUS");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  // Each chart is scaled into the screen, not cut off at its right edge.
  const charts = await page.$$eval("figure.chart > svg", (svgs) =>
    svgs.map((s) => s.getBoundingClientRect().right),
  );
  assert.ok(charts.length >= 5);
  for (const right of charts) assert.ok(right <= 390, `a chart ends at ${right}px`);
  await page.screenshot({ path: `${SHOTS}/dyad-CHN-RUS-phone.png` });
  await page.setViewportSize({ width: 1100, height: 900 });
});

test("no console errors, page errors or failed requests on any page", () => {
  assert.deepEqual(problems, []);
});
