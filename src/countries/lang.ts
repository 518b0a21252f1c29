// The languages dyad writes in: country names, the dossier, the dashboard. Browser-safe (no Node imports).
export type Lang = "en" | "de";

export const LANGS: Lang[] = ["en", "de"];

export function isLang(x: string): x is Lang {
  return (LANGS as string[]).includes(x);
}
