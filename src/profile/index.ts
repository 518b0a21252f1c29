export type { Party, Profile, ProfileOptions, ProfileSections, Series, TradeYear } from "./profile.ts";
export { addSectionProvider, buildProfile, seriesOf, validateYears } from "./profile.ts";

import { type BeyondTradeSections, formatBeyondTrade } from "./beyond-trade.ts";
import type { Profile } from "./profile.ts";

type SectionFormatter = (profile: Profile) => string | undefined;
const formatters: SectionFormatter[] = [
  (p) => {
    const { goods: _goods, ...beyond } = p.sections;
    return formatBeyondTrade({
      ...beyond,
      a: p.a.code,
      b: p.b.code,
      from: p.from ?? 0,
      to: p.to ?? 0,
    } as BeyondTradeSections);
  },
];

export function addSectionFormatter(f: SectionFormatter): void {
  if (!formatters.includes(f)) formatters.push(f);
}

export function profileSectionTexts(profile: Profile): string[] {
  return formatters.map((f) => f(profile)).filter((t): t is string => Boolean(t));
}
