// Numbers as each language writes them: "244,8 Mrd. US-Dollar" and "1,9 %" in German, "$244.8bn" and
// "1.9%" in English. Browser-safe: no Node imports, so the charts can share it.
import type { Lang } from "../countries/lang.ts";

export { isLang, LANGS, type Lang } from "../countries/lang.ts";

/** A fixed number of decimals with the language's decimal mark and thousands separator. */
export function decimal(value: number, digits: number, lang: Lang): string {
  return value.toLocaleString(lang === "de" ? "de-DE" : "en-GB", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** An amount in US dollars: "$244.8bn", "244,8 Mrd. US-Dollar"; one decimal from millions upwards. */
export function usd(value: number, lang: Lang): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? "−" : "";
  const steps: [number, string, string][] = [
    [1e12, "tn", "Bio."],
    [1e9, "bn", "Mrd."],
    [1e6, "m", "Mio."],
  ];
  for (const [size, en, de] of steps) {
    if (abs >= size * 0.9995) {
      const n = decimal(abs / size, 1, lang);
      return lang === "de" ? `${sign}${n} ${de} US-Dollar` : `${sign}$${n}${en}`;
    }
  }
  const n = decimal(abs, 0, lang);
  return lang === "de" ? `${sign}${n} US-Dollar` : `${sign}$${n}`;
}

/** A fraction as per cent: 0.019 → "1.9%" / "1,9 %". */
export function percent(fraction: number, lang: Lang, digits = 1): string {
  const n = decimal(fraction * 100, digits, lang);
  return lang === "de" ? `${n} %` : `${n}%`;
}

/** A change as signed per cent: "+1.9%", "−12,0 %". */
export function signedPercent(fraction: number, lang: Lang, digits = 1): string {
  const rounded = Number((fraction * 100).toFixed(digits));
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  return `${sign}${percent(Math.abs(fraction), lang, digits)}`;
}

/** "3.4 times" / "3,4-mal". */
export function times(ratio: number, lang: Lang): string {
  const n = decimal(ratio, 1, lang);
  return lang === "de" ? `${n}-mal` : `${n} times`;
}

/** A plain quantity with its unit: "38.3 bcm", "38,3 Mrd. m³". */
export function quantity(value: number, unit: string, lang: Lang, digits = 1): string {
  const de: Record<string, string> = {
    bcm: "Mrd. m³",
    Mt: "Mio. t",
    EJ: "EJ",
    TIV: "Mio. TIV",
    "kb/d": "Tsd. Barrel/Tag",
  };
  const en: Record<string, string> = { bcm: "bcm", Mt: "Mt", EJ: "EJ", TIV: "m TIV", "kb/d": "thousand b/d" };
  const u = (lang === "de" ? de : en)[unit] ?? unit;
  return `${decimal(value, digits, lang)} ${u}`;
}

/** Rank as an ordinal the sentence can carry: "No. 1" / "Nr. 1". */
export function rank(value: number, lang: Lang): string {
  return lang === "de" ? `Nr. ${value}` : `No. ${value}`;
}

/** Year ranges with an en dash: "2019–2023". */
export function yearRange(from: number, to: number): string {
  return from === to ? String(from) : `${from}–${to}`;
}
