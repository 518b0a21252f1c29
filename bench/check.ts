// Claim checker benchmark: (1) precision and recall of claim finding on the hand-labelled fixtures,
// (2) claims per second and p50 latency of checkArticle on the seed after warm-up, (3) the parser and
// extractor on 256 KB to 1 MB inputs, to show the time grows linearly.
// Run: nice node --import tsx bench/check.ts
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkArticle } from "../src/claims/check.ts";
import { extractClaims } from "../src/claims/extract.ts";
import { htmlToAlignedText, looksLikeHtml } from "../src/claims/html-input.ts";
import { parseQuantities } from "../src/claims/numbers.ts";
import { ingestTidyTrade } from "../src/sources/tidy-trade.ts";
import { Store } from "../src/store/index.ts";

const SOURCES = process.env.DYAD_SOURCES ?? resolve("../shared/data");
const SEED = resolve(SOURCES, "../seed/welt-2025-china-russland.txt");
const FIXTURES = resolve("test/fixtures/claims");

interface Label {
  text: string;
  measure: string;
  a: string;
  b: string;
  years: number[];
}

function claimFinding(): void {
  let found = 0;
  let labelled = 0;
  let matchedFound = 0;
  let matchedLabels = 0;
  let linkedFound = 0;
  let linkedMatched = 0;
  let measureOk = 0;
  let pairOk = 0;
  let yearsOk = 0;
  const misses: string[] = [];
  const extras: string[] = [];
  const wrong: string[] = [];
  const files = readdirSync(FIXTURES).filter((f) => /\.(txt|html)$/.test(f));
  for (const f of files) {
    const input = readFileSync(join(FIXTURES, f), "utf8");
    const labels: Label[] = JSON.parse(
      readFileSync(join(FIXTURES, f.replace(/\.(txt|html)$/, ".labels.json")), "utf8"),
    );
    const text = looksLikeHtml(input) ? htmlToAlignedText(input) : input;
    const { claims } = extractClaims(text);
    found += claims.length;
    labelled += labels.length;
    const spans = labels.map((l) => {
      const at = input.indexOf(l.text);
      if (at < 0) throw new Error(`${f}: label "${l.text}" is not in the article`);
      return { l, start: at, end: at + l.text.length, hit: false };
    });
    for (const c of claims) {
      if (c.indicator) linkedFound++;
      const s = spans.find((x) => c.start < x.end && x.start < c.end);
      if (!s) {
        extras.push(`${f}: "${c.text.replace(/\s+/g, " ")}" (${c.indicator ?? c.outside})`);
        continue;
      }
      matchedFound++;
      if (c.indicator) linkedMatched++;
      if (s.hit) continue;
      s.hit = true;
      matchedLabels++;
      const measure = c.indicator ? `${c.indicator}${c.derived ? `:${c.derived}` : ""}` : "outside";
      const labelMeasure = s.l.measure.startsWith("outside:") ? "outside" : s.l.measure;
      if (measure === labelMeasure) measureOk++;
      else wrong.push(`${f}: "${s.l.text}" measure ${measure}, labelled ${s.l.measure}`);
      const sym = !c.indicator || c.indicator === "trade.turnover" || c.indicator === "trade.turnover.growth";
      const pair = sym
        ? [c.a, c.b].sort().join() === [s.l.a, s.l.b].sort().join()
        : c.a === s.l.a && c.b === s.l.b;
      if (pair) pairOk++;
      else wrong.push(`${f}: "${s.l.text}" countries ${c.a}-${c.b}, labelled ${s.l.a}-${s.l.b}`);
      if (c.period.years.join() === s.l.years.join()) yearsOk++;
      else
        wrong.push(`${f}: "${s.l.text}" years ${c.period.years.join(",")}, labelled ${s.l.years.join(",")}`);
    }
    for (const s of spans) if (!s.hit) misses.push(`${f}: "${s.l.text}" (${s.l.measure})`);
  }
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : "n/a");
  console.log(`Claim finding on ${files.length} hand-labelled articles (${labelled} labelled claims):`);
  console.log(`  found ${found}, matching a label ${matchedFound}: precision ${pct(matchedFound, found)}`);
  console.log(`  labels found ${matchedLabels} of ${labelled}: recall ${pct(matchedLabels, labelled)}`);
  console.log(
    `  linked to an indicator: ${linkedFound} found, ${linkedMatched} matching a label: precision ${pct(linkedMatched, linkedFound)}`,
  );
  console.log(
    `  of the found labels: measure right ${pct(measureOk, matchedLabels)}, countries and direction right ${pct(pairOk, matchedLabels)}, years right ${pct(yearsOk, matchedLabels)}`,
  );
  if (wrong.length) console.log(`  wrong in found claims:\n    ${wrong.join("\n    ")}`);
  if (misses.length) console.log(`  missed:\n    ${misses.join("\n    ")}`);
  if (extras.length) console.log(`  found but not labelled:\n    ${extras.join("\n    ")}`);
}

async function seedSpeed(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), "dyad-bench-check-"));
  const store = await Store.open({ home });
  try {
    await ingestTidyTrade(store, join(SOURCES, "reference"));
    const seed = readFileSync(SEED, "utf8");
    for (let i = 0; i < 5; i++) await checkArticle(store, seed, { date: "2025-05-08" });
    const times: number[] = [];
    let claims = 0;
    const runs = 30;
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      const r = await checkArticle(store, seed, { date: "2025-05-08" });
      times.push(performance.now() - t0);
      claims += r.claims.length;
    }
    times.sort((a, b) => a - b);
    const total = times.reduce((a, b) => a + b, 0) / 1000;
    console.log(
      `Seed, checkArticle with verdicts (store: the reference files), ${runs} runs after 5 warm-up:`,
    );
    console.log(
      `  p50 ${times[Math.floor(runs / 2)].toFixed(1)} ms, p90 ${times[Math.floor(runs * 0.9)].toFixed(1)} ms; ${(claims / total).toFixed(0)} claims/s (${claims / runs} claims per run)`,
    );
    const ex: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      extractClaims(seed, { date: "2025-05-08" });
      ex.push(performance.now() - t0);
    }
    ex.sort((a, b) => a - b);
    console.log(`  extraction only (no store): p50 ${ex[100].toFixed(2)} ms`);
  } finally {
    store.close();
    rmSync(home, { recursive: true, force: true });
  }
}

function linearity(): void {
  const seed = readFileSync(SEED, "utf8");
  const adversarial =
    "1.2.3.4,5,6 Mrd. Mrd. 7\u00A08\u00A09 Prozent mehr als über rund 10 bis 20 bis 30 – ".repeat(8);
  const make = (bytes: number, unit: string) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
  console.log("Linear time: parse and extract on growing inputs, best of 3 (ms; ms per 100 KB):");
  for (const [name, unit] of [
    ["seed repeated", seed],
    ["adversarial numbers", adversarial],
    ["one long line of digits and dots", "1.2,3.4 "],
  ] as const) {
    const row: string[] = [];
    for (const kb of [256, 512, 1024]) {
      const text = make(kb * 1024, unit);
      // Best of three: the machine is shared, and the fastest run is the one least disturbed.
      let ms = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        parseQuantities(text, "de");
        extractClaims(text, { date: "2025-05-08", lang: "de" });
        ms = Math.min(ms, performance.now() - t0);
      }
      row.push(`${kb} KB ${ms.toFixed(0)} ms (${((ms / kb) * 100).toFixed(0)})`);
    }
    console.log(`  ${name}: ${row.join(", ")}`);
  }
}

claimFinding();
if (!process.argv.includes("--finding-only")) {
  await seedSpeed();
  linearity();
}
