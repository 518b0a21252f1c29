export type {
  Party,
  Profile,
  ProfileMemory,
  ProfileOptions,
  ProfileSections,
  Series,
  TradeYear,
} from "./profile.ts";
export { buildProfile, seriesOf, validateYears } from "./profile.ts";

import { type BeyondTradeSections, formatBeyondTrade } from "./beyond-trade.ts";
import type { Profile } from "./profile.ts";

/** The further sections as terminal text (one block; none when the profile has none). */
export function profileSectionTexts(profile: Profile): string[] {
  const { goods: _goods, ...beyond } = profile.sections;
  const text = formatBeyondTrade({
    ...beyond,
    a: profile.a.code,
    b: profile.b.code,
    from: profile.from ?? 0,
    to: profile.to ?? 0,
  } as BeyondTradeSections);
  return text ? [text] : [];
}
