// End to end: the CHN–RUS report opened in Debian's Chromium — every chart drawn, no console errors,
// a screenshot under test-output/ — and the PDF and PNG outputs are real files of their kind.
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { renderChart, renderReportHtml, renderReportPdf } from "../../src/dossier/index.ts";
import { launchChromium } from "../../src/dossier/render/pdf.ts";
import type { Store } from "../../src/store/index.ts";
import { openRealStore } from "../helpers/real-store.ts";

let store: Store;
before(async () => {
  store = await openRealStore();
  mkdirSync("test-output/dossier", { recursive: true });
});
after(() => store.close());

test("the German CHN–RUS report renders in Chromium with every chart drawn and no console errors", async () => {
  const html = await renderReportHtml(store, "CHN", "RUS", { lang: "de" });
  writeFileSync("test-output/dossier/bericht-chn-rus.html", html);
  const browser = await launchChromium();
  try {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    const charts = await page.$$eval("figure.chart svg[data-chart]", (svgs) =>
      svgs.map((s) => {
        const box = s.getBoundingClientRect();
        return {
          name: s.getAttribute("data-chart"),
          w: box.width,
          h: box.height,
          marks: s.querySelectorAll("path, rect, circle").length,
        };
      }),
    );
    assert.ok(charts.length >= 6, `${charts.length} charts`);
    for (const c of charts) {
      assert.ok(c.w > 300 && c.h > 150, `${c.name} drawn at ${c.w}×${c.h}`);
      assert.ok(c.marks > 5, `${c.name} has ${c.marks} marks`);
    }
    assert.deepEqual(errors, []);
    await page.setViewportSize({ width: 1000, height: 1400 });
    await page.screenshot({ path: "test-output/dossier/bericht-chn-rus.png", fullPage: true });
  } finally {
    await browser.close();
  }
});

test("the PDF and the PNG chart are files of their kind", async () => {
  const pdf = await renderReportPdf(store, "CHN", "RUS", { lang: "en" });
  assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
  writeFileSync("test-output/dossier/report-chn-rus.pdf", pdf);
  const png = (await renderChart(store, "CHN", "RUS", "turnover", { format: "png" })) as Buffer;
  assert.deepEqual([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join(""), "PNG");
  const svg = (await renderChart(store, "CHN", "RUS", "turnover", { format: "svg", lang: "de" })) as string;
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, />2020</, "years as 2020, not 2,020");
  assert.doesNotMatch(svg, />2[.,]020</);
});
