// The checked article for people: a terminal listing (coloured on a terminal) and a self-contained HTML
// page with each claim marked by its verdict, the evidence on hover and in a list below.
import { countryName } from "../countries/index.ts";
import type { CheckedClaim, CheckResult } from "./check.ts";
import { htmlToAlignedText } from "./html-input.ts";
import type { Verdict } from "./verify.ts";

const COLOUR: Record<Verdict, string> = {
  consistent: "\x1b[32m",
  "consistent with one side's statistics only": "\x1b[36m",
  inconsistent: "\x1b[31m",
  "not checkable": "\x1b[33m",
};
const RESET = "\x1b[0m";
const DIM = "\x1b[2m";

function periodText(c: CheckedClaim): string {
  const y = c.period.years;
  if (!y.length) return "period unresolved";
  return y.length === 1 ? String(y[0]) : `${y[0]}–${y[y.length - 1]}`;
}

function pairText(c: CheckedClaim): string {
  if (!c.a || !c.b) return "countries unknown";
  return `${countryName(c.a)} (${c.a}) – ${countryName(c.b)} (${c.b})`;
}

export function renderTerminal(result: CheckResult, colour: boolean): string {
  const paint = (v: Verdict, s: string) => (colour ? `${COLOUR[v]}${s}${RESET}` : s);
  const dim = (s: string) => (colour ? `${DIM}${s}${RESET}` : s);
  const lines: string[] = [];
  const date = result.date
    ? `${result.date} (${result.dateSource === "option" ? "--date" : "found in the article"})`
    : "none (relative periods cannot be resolved; pass --date)";
  lines.push(
    `Language: ${result.lang}. Publication date: ${date}. Main pair: ${result.pair ? result.pair.join("–") : "none found"}.`,
  );
  lines.push(`${result.claims.length} numeric claim(s).`);
  lines.push("");
  for (const c of result.claims) {
    lines.push(`${c.id}. "${c.text}" ${dim(`[${c.start}–${c.end}]`)}`);
    lines.push(
      `   ${c.measure}${c.indicator ? ` → ${c.indicator}${c.derived ? ` (${c.derived})` : ""}` : ""}; ${pairText(c)}; ${periodText(c)}${c.period.text ? ` ("${c.period.text}")` : ""}`,
    );
    lines.push(`   read as: ${c.readAs}`);
    lines.push(`   ${paint(c.verdict, c.verdict.toUpperCase())}${c.reason ? `: ${c.reason}` : ""}`);
    if (c.evidence.tolerance) lines.push(`   accepted: ${c.evidence.tolerance.text}`);
    for (const y of c.evidence.perYear) {
      for (const s of y.sides) {
        const v =
          s.value === null
            ? `— ${s.reason}`
            : `${formatSide(s.value, c)}${s.agrees ? (s.valuation ? " ✓ (valuation difference)" : " ✓") : " ✗"}`;
        lines.push(dim(`     ${y.year} ${s.label} [${s.indicator}]: ${v}`));
      }
    }
    if (c.evidence.sources.length) lines.push(dim(`   sources: ${c.evidence.sources.join("; ")}`));
    lines.push("");
  }
  const counts = Object.entries(result.counts)
    .filter(([, n]) => n > 0)
    .map(([v, n]) => `${n} ${v}`)
    .join(", ");
  lines.push(`Summary: ${counts || "no claims"}.`);
  return lines.join("\n");
}

function formatSide(v: number, c: CheckedClaim): string {
  if (c.kind === "rank") return `rank ${v}`;
  if (
    c.kind === "percent" ||
    c.kind === "fraction" ||
    c.kind === "points" ||
    c.indicator?.includes("share") ||
    c.indicator?.endsWith("growth") ||
    c.derived === "growth"
  )
    return `${(v * 100).toFixed(2)} %`;
  if (c.unit === "USD" || c.kind === "amount") return `${(v / 1e9).toFixed(2)} bn USD`;
  return `${Number(v.toPrecision(4))} ${c.unit}`;
}

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );
}

const CSS_CLASS: Record<Verdict, string> = {
  consistent: "ok",
  "consistent with one side's statistics only": "one",
  inconsistent: "bad",
  "not checkable": "nc",
};

/** A self-contained HTML page: the article text with claims marked, then the list of claims with evidence. */
export function renderHtml(result: CheckResult, input: string, title = "dyad claim check"): string {
  const text = result.format === "html" ? htmlToAlignedText(input) : input;
  const parts: string[] = [];
  let pos = 0;
  // Claims never overlap by construction, but guard anyway: a claim starting inside the previous is skipped.
  for (const c of [...result.claims].sort((x, y) => x.start - y.start)) {
    if (c.start < pos) continue;
    parts.push(escapeHtml(text.slice(pos, c.start)));
    const tip = `${c.verdict}: ${c.evidence.summary}`;
    parts.push(
      `<mark class="${CSS_CLASS[c.verdict]}" id="m${c.id}" title="${escapeHtml(tip)}"><a href="#c${c.id}">${escapeHtml(text.slice(c.start, c.end))}</a><sup>${c.id}</sup></mark>`,
    );
    pos = c.end;
  }
  parts.push(escapeHtml(text.slice(pos)));
  const article = parts.join("").replace(/[ \t]{2,}/g, " ");
  const items = result.claims
    .map((c) => {
      const years = c.evidence.perYear
        .map((y) => {
          const sides = y.sides
            .map(
              (s) =>
                `<li>${escapeHtml(s.label)} <code>${escapeHtml(s.indicator)}</code>: ${s.value === null ? `<em>${escapeHtml(s.reason ?? "no data")}</em>` : `${escapeHtml(formatSide(s.value, c))} ${s.agrees ? "✓" : "✗"}`}</li>`,
            )
            .join("");
          return `<li><strong>${y.year}</strong>: ${escapeHtml(y.verdict)}<ul>${sides}</ul></li>`;
        })
        .join("");
      return `<li id="c${c.id}" class="${CSS_CLASS[c.verdict]}"><p><a href="#m${c.id}">“${escapeHtml(c.text)}”</a> — <span class="v">${escapeHtml(c.verdict)}</span></p>
<p class="read-as">Read as: ${escapeHtml(c.readAs)}</p>
<p>${escapeHtml(c.measure)}${c.indicator ? ` (<code>${escapeHtml(c.indicator)}</code>${c.derived ? `, ${escapeHtml(c.derived)}` : ""})` : ""}; ${escapeHtml(pairText(c))}; ${escapeHtml(periodText(c))}${c.period.note ? ` — ${escapeHtml(c.period.note)}` : ""}</p>
${c.reason ? `<p>${escapeHtml(c.reason)}</p>` : ""}${c.evidence.tolerance ? `<p>Accepted: ${escapeHtml(c.evidence.tolerance.text)}</p>` : ""}
${years ? `<ul>${years}</ul>` : ""}${c.evidence.sources.length ? `<p class="src">Sources: ${escapeHtml(c.evidence.sources.join("; "))}</p>` : ""}</li>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="${result.lang}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
body{font:16px/1.55 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#222}
.article{white-space:pre-wrap;border-bottom:1px solid #ccc;padding-bottom:1.5rem}
mark{padding:0 .15em;border-radius:3px}mark a{color:inherit;text-decoration:none}
mark.ok,li.ok .v{background:#c8f0c8}mark.one,li.one .v{background:#c8e8f0}mark.bad,li.bad .v{background:#f6c4c4}mark.nc,li.nc .v{background:#f3eab8}
ol.claims>li{margin-bottom:1.2rem}.src{color:#555;font-size:.9em}code{font-size:.9em}
.legend span{padding:0 .3em;margin-right:.5em;border-radius:3px}
</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p class="legend"><span class="v" style="background:#c8f0c8">consistent</span><span style="background:#c8e8f0">consistent with one side's statistics only</span><span style="background:#f6c4c4">inconsistent</span><span style="background:#f3eab8">not checkable</span></p>
<p>Publication date: ${escapeHtml(result.date ?? "unknown")}. Claims: ${result.claims.length}.</p>
<div class="article">${article}</div>
<h2>Claims</h2>
<ol class="claims">
${items}
</ol>
</body></html>
`;
}
