export type { Party, Profile, ProfileOptions, Series, TradeYear } from "./profile.ts";
export { addSectionProvider, buildProfile, seriesOf, validateYears } from "./profile.ts";

import type { Profile } from "./profile.ts";

type SectionFormatter = (profile: Profile) => string | undefined;
const formatters: SectionFormatter[] = [];

export function addSectionFormatter(f: SectionFormatter): void {
  if (!formatters.includes(f)) formatters.push(f);
}

export function profileSectionTexts(profile: Profile): string[] {
  return formatters.map((f) => f(profile)).filter((t): t is string => Boolean(t));
}
