// The URL is the state: /dyad/CHN/RUS?lang=de can be shared and reopens the same page.
import { api, type Country, type Lang } from "./api.ts";

export function currentLang(): Lang {
  const q = new URLSearchParams(location.search).get("lang");
  if (q === "de" || q === "en") return q;
  return "en";
}

export function href(path: string, lang: Lang = currentLang()): string {
  return lang === "en" ? path : `${path}?lang=${lang}`;
}

type Listener = () => void;
let listener: Listener = () => {};
export function onNavigate(fn: Listener): void {
  listener = fn;
}

export function navigate(path: string, replace = false): void {
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  listener();
}

let countries: Promise<Country[]> | undefined;
export function allCountries(): Promise<Country[]> {
  countries ??= api.countries().then((r) => r.countries);
  return countries;
}

export function normalise(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** A code, an ISO2 code, or a name in either language (as shown in the picker: "Russia (RUS)"). */
export function findCountry(list: Country[], input: string): Country | undefined {
  const trimmed = input.trim();
  const code = /\(([A-Z]{3})\)\s*$/.exec(trimmed)?.[1];
  if (code) return list.find((c) => c.code === code);
  const up = trimmed.toUpperCase();
  const key = normalise(trimmed);
  return (
    list.find((c) => c.code === up) ??
    list.find((c) => c.iso2 === up) ??
    list.find((c) => normalise(c.en) === key || normalise(c.de) === key)
  );
}
