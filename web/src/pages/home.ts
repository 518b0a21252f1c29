// Picking two countries: a searchable list in both languages (a native datalist, so keyboards and
// screen readers work as they do everywhere), then the dyad page.
import type { Lang } from "../api.ts";
import { h, status } from "../dom.ts";
import { t } from "../i18n.ts";
import { allCountries, findCountry, href, navigate } from "../state.ts";

export async function homePage(root: HTMLElement, lang: Lang, preset?: [string, string]): Promise<void> {
  const s = t(lang);
  const countries = (await allCountries()).filter((c) => c.kind !== "historical");
  const other: Lang = lang === "en" ? "de" : "en";
  const datalist = h(
    "datalist",
    { id: "country-list" },
    countries.map((c) =>
      h("option", { value: `${c[lang]} (${c.code})` }, c[other] !== c[lang] ? `${c[other]}` : c.code),
    ),
  );
  const field = (id: string, label: string, value: string) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h("input", {
        id,
        name: id,
        list: "country-list",
        autocomplete: "off",
        required: true,
        value,
        "aria-describedby": "country-hint",
      }),
    );
  const show = (code: string) => {
    const c = countries.find((x) => x.code === code);
    return c ? `${c[lang]} (${c.code})` : "";
  };
  const message = h("p", { class: "form-error", role: "alert", "aria-live": "assertive" });
  const form = h(
    "form",
    { class: "picker", "aria-label": s.navPair },
    field("country-a", s.countryA, show(preset?.[0] ?? "")),
    field("country-b", s.countryB, show(preset?.[1] ?? "")),
    h("button", { type: "submit" }, s.compare),
    h("p", { id: "country-hint", class: "hint" }, s.countryHint),
    message,
    datalist,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const ia = form.querySelector<HTMLInputElement>("#country-a")!;
    const ib = form.querySelector<HTMLInputElement>("#country-b")!;
    const a = findCountry(countries, ia.value);
    const b = findCountry(countries, ib.value);
    const bad = !a ? ia : !b ? ib : null;
    if (bad) {
      message.textContent = s.unknownCountry(bad.value);
      bad.setAttribute("aria-invalid", "true");
      bad.focus();
      return;
    }
    navigate(href(`/dyad/${a!.code}/${b!.code}`, lang));
  });
  // One country's partners over time: the same list, one field.
  const single = h(
    "form",
    { class: "one-country", "aria-label": s.onePartners },
    field("country-one", s.onePartners, ""),
    h("button", { type: "submit" }, s.show),
  );
  single.addEventListener("submit", (e) => {
    e.preventDefault();
    const input = single.querySelector<HTMLInputElement>("#country-one")!;
    const c = findCountry(countries, input.value);
    if (!c) {
      message.textContent = s.unknownCountry(input.value);
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    navigate(href(`/country/${c.code}`, lang));
  });
  const examples: [string, string][] = [
    ["CHN", "RUS"],
    ["DEU", "CHN"],
    ["USA", "CHN"],
    ["RUS", "IND"],
  ];
  root.replaceChildren(
    h("h1", {}, s.tagline),
    form,
    single,
    h(
      "section",
      { "aria-labelledby": "examples" },
      h("h2", { id: "examples" }, s.examples),
      h(
        "ul",
        { class: "examples" },
        examples.map(([a, b]) =>
          h(
            "li",
            {},
            h("a", { href: href(`/dyad/${a}/${b}`, lang), "data-link": true }, `${show(a)} – ${show(b)}`),
          ),
        ),
      ),
    ),
  );
  if (!countries.length) root.append(status(s.error, "error"));
}
