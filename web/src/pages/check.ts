// The claim check: paste an article, see its numeric claims marked in the text with their verdicts and
// the evidence for each. The article is shown as text nodes, never parsed as HTML.
import { api, type CheckedClaim, type CheckResult, type Lang } from "../api.ts";
import { h, status } from "../dom.ts";
import { t } from "../i18n.ts";

const VERDICT_CLASS: Record<CheckedClaim["verdict"], string> = {
  consistent: "ok",
  "consistent with one side's statistics only": "partly",
  inconsistent: "bad",
  "not checkable": "none",
};

let lastInput: { text: string; date: string } = { text: "", date: "" };
let lastResult: CheckResult | undefined;

export function checkPage(root: HTMLElement, lang: Lang): void {
  const s = t(lang);
  document.title = `${s.checkTitle} · dyad`;
  const textarea = h("textarea", {
    id: "article",
    name: "article",
    rows: 12,
    required: true,
    spellcheck: false,
  });
  textarea.value = lastInput.text;
  const dateInput = h("input", { id: "date", name: "date", type: "date", value: lastInput.date });
  const results = h("div", { class: "results", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "check-form" },
    h("div", { class: "field" }, h("label", { for: "article" }, s.article), textarea),
    h("div", { class: "field" }, h("label", { for: "date" }, s.date), dateInput),
    h("button", { type: "submit" }, s.check),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    lastInput = { text: textarea.value, date: dateInput.value };
    results.replaceChildren(status(s.loading));
    try {
      lastResult = await api.check(textarea.value, dateInput.value || undefined);
      showResult(results, lastInput.text, lastResult, lang);
    } catch (err) {
      results.replaceChildren(status(`${s.error}: ${(err as Error).message}`, "error"));
    }
  });
  root.replaceChildren(h("h1", {}, s.checkTitle), h("p", {}, s.checkIntro), form, results);
  if (lastResult && lastInput.text) showResult(results, lastInput.text, lastResult, lang);
}

function verdictBadge(c: CheckedClaim, lang: Lang): HTMLElement {
  return h("span", { class: `verdict ${VERDICT_CLASS[c.verdict]}` }, t(lang).verdicts[c.verdict]);
}

function showResult(root: HTMLElement, text: string, result: CheckResult, lang: Lang): void {
  const s = t(lang);
  const claims = [...result.claims].sort((x, y) => x.start - y.start);
  const list = h(
    "ol",
    { class: "claims" },
    claims.map((c, i) =>
      h(
        "li",
        { id: `claim-${i + 1}`, "data-verdict": c.verdict, tabindex: -1 },
        h("q", {}, c.text),
        " ",
        verdictBadge(c, lang),
        // What was understood, so a wrong reading shows at a glance (the line is in English, as the evidence).
        c.readAs ? h("p", { class: "read-as" }, h("strong", {}, `${s.readAs}: `), c.readAs) : false,
        h(
          "p",
          { class: "evidence" },
          h("strong", {}, `${s.evidence}: `),
          c.evidence.summary || c.reason || "",
        ),
      ),
    ),
  );
  const out: HTMLElement[] = [h("h2", {}, claims.length ? s.claims(claims.length) : s.noClaims), list];
  if (result.format === "text" && claims.length) {
    // The claims marked in the article: plain text between them, a link to the claim's entry on each.
    const article = h("div", { class: "article" });
    let at = 0;
    claims.forEach((c, i) => {
      if (c.start < at) return;
      article.append(text.slice(at, c.start));
      article.append(
        h(
          "a",
          {
            href: `#claim-${i + 1}`,
            class: `claim ${VERDICT_CLASS[c.verdict]}`,
            title: `${s.verdicts[c.verdict]}: ${c.evidence.summary}`,
            "data-verdict": c.verdict,
          },
          h("mark", {}, text.slice(c.start, c.end)),
          h("sup", {}, `${i + 1}`),
        ),
      );
      at = c.end;
    });
    article.append(text.slice(at));
    out.push(h("h2", {}, s.markedArticle), article);
  }
  root.replaceChildren(...out);
}
