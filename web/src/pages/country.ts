// A country's partners over time: the share of its exports (or imports) each large partner took, with
// the EU beside them, so "who replaced whom" shows as crossing lines.
import { api, type Lang } from "../api.ts";
import { partnersChart } from "../charts.ts";
import { h, status } from "../dom.ts";
import { percent, t, usd } from "../i18n.ts";
import { href } from "../state.ts";

export async function countryPage(
  root: HTMLElement,
  lang: Lang,
  code: string,
  flow: "exports" | "imports",
): Promise<void> {
  const s = t(lang);
  root.replaceChildren(status(s.loading));
  const data = await api.partners(code, flow);
  const name = data.country[lang];
  document.title = `${name} · dyad`;
  const flowWord = flow === "exports" ? s.exports : s.imports;
  const toggle = h(
    "div",
    { class: "toggle", role: "group", "aria-label": s.flow },
    (["exports", "imports"] as const).map((f) =>
      h(
        "a",
        {
          href: `${href(`/country/${data.country.code}`, lang)}${lang === "en" ? "?" : "&"}flow=${f}`,
          "data-link": true,
          "aria-current": f === flow ? "true" : undefined,
        },
        f === "exports" ? s.exports : s.imports,
      ),
    ),
  );
  const section = h("section", { class: "charts" });
  root.replaceChildren(h("h1", {}, s.partnersOf(name)), toggle, section);
  if (!data.partners.length) {
    section.append(h("p", {}, s.noData(name, "–")));
    return;
  }
  const width = Math.max(280, Math.min(760, section.clientWidth - 8));
  section.append(partnersChart(data.partners, name, flowWord.toLowerCase(), lang, width));

  const lastYear = Math.max(...data.partners.map((p) => p.year));
  const top = data.partners.filter((p) => p.year === lastYear);
  const later = data.incomplete.filter((y) => y.year > lastYear).map((y) => y.year);
  if (later.length)
    root.append(
      h(
        "p",
        { class: "note", "data-incomplete": later.join(",") },
        s.incompleteYears(
          later.length > 1 ? `${later[0]}–${later[later.length - 1]}` : String(later[0]),
          lastYear,
          data.threshold,
        ),
      ),
    );
  root.append(
    h(
      "section",
      { "aria-labelledby": "latest" },
      h("h2", { id: "latest" }, `${s.latest(lastYear)} (${flowWord})`),
      h(
        "table",
        { class: "figures" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            ["rank", "partner", "value", "share"].map((k) =>
              h("th", { scope: "col", class: k === "partner" ? undefined : "num" }, s[k as "rank"]),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          top.map((p) =>
            h(
              "tr",
              { "data-partner": p.partner },
              h("td", { class: "num" }, p.rank || "–"),
              h(
                "th",
                { scope: "row" },
                p.kind === "country"
                  ? h(
                      "a",
                      { href: href(`/dyad/${data.country.code}/${p.partner}`, lang), "data-link": true },
                      p[lang],
                    )
                  : s.eu,
              ),
              h("td", { class: "num" }, usd(p.value, lang)),
              h("td", { class: "num" }, percent(p.share, lang)),
            ),
          ),
        ),
      ),
    ),
  );
}
