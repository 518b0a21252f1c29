// Property tests: whatever the text, the parser and the extractor return well-formed results and never throw.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { extractClaims, splitSentences } from "../../src/claims/extract.ts";
import { htmlToAlignedText } from "../../src/claims/html-input.ts";
import { parseQuantities } from "../../src/claims/numbers.ts";

// Pieces that exercise the number grammar: digits, separators, scale words, units, hedges, no-break spaces.
const PIECES = [
  "1",
  "9",
  "245",
  "1,9",
  "1.9",
  "1.250.000",
  "1,250,000",
  "2023",
  "80.",
  " ",
  "\u00A0",
  "\u202F",
  "\u2009",
  ",",
  ".",
  "-",
  "−",
  "Milliarden",
  "Mrd.",
  "Mio.",
  "Billionen",
  "bn",
  "billion",
  "trillion",
  "Dollar",
  "$",
  "€",
  "US$",
  "Prozent",
  "%",
  "per cent",
  "Prozentpunkte",
  "rund",
  "mehr als",
  "knapp",
  "gut",
  "über",
  "about",
  "nearly",
  "ein Drittel",
  "die Hälfte",
  "doppelt so",
  "größter",
  "second-largest",
  "top",
  "Russland",
  "China",
  "russischen",
  "Exporte",
  "Importe",
  "Handel",
  "nach",
  "aus",
  "\n",
  "im vergangenen Jahr",
  "in den letzten zwei Jahren",
  "In den Vorjahren",
  "last year",
  "<p>",
  "</p>",
  "&nbsp;",
  "&amp;",
  "<",
  "Kubikmeter",
  "Tonnen",
  "zwischen",
  "und",
  "bis",
  "Jahrestag",
  "seit",
  "08.05.2025",
];
const adversarial = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((xs) => xs.join(""));
const anyText = fc.oneof(
  fc.string({ maxLength: 300 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  adversarial,
);

test("random and adversarial text never makes the number parser throw, and every span lies inside the text", () => {
  fc.assert(
    fc.property(anyText, fc.constantFrom("de" as const, "en" as const), (text, lang) => {
      const qs = parseQuantities(text, lang);
      let last = -1;
      for (const q of qs) {
        assert.ok(q.start >= 0 && q.end <= text.length && q.start < q.end, `span ${q.start}-${q.end}`);
        assert.equal(text.slice(q.start, q.end), q.text);
        assert.ok(!Number.isNaN(q.value));
        assert.ok(q.low <= q.high);
        assert.ok(q.start >= last || q.kind === "rank", "quantities come in order");
        last = q.start;
      }
    }),
    { numRuns: 800 },
  );
});

test("random and adversarial text never makes the extractor throw; claims are in order with offsets into the input", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const r = extractClaims(text, { date: "2025-05-08" });
      let last = -1;
      for (const c of r.claims) {
        assert.ok(c.start >= last && c.end <= text.length);
        assert.equal(text.slice(c.start, c.end), c.text);
        last = c.start;
      }
    }),
    { numRuns: 500 },
  );
});

test("sentences never overlap and stay within the text", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      let end = 0;
      for (const s of splitSentences(text)) {
        assert.ok(s.start >= end && s.end <= text.length && s.start < s.end);
        end = s.end;
      }
    }),
  );
});

test("stripping HTML keeps the length, so every offset in the text is the same offset in the HTML", () => {
  fc.assert(
    fc.property(anyText, (html) => {
      assert.equal(htmlToAlignedText(html).length, html.length);
    }),
    { numRuns: 500 },
  );
  const html = "<p>Der Handel erreichte <b>245&nbsp;Milliarden</b> Dollar.</p>";
  const r = extractClaims(htmlToAlignedText(html), { date: "2025-05-08" });
  assert.equal(r.claims.length, 1);
  assert.equal(html.slice(r.claims[0].start, r.claims[0].end), "245&nbsp;Milliarden</b> Dollar");
});
