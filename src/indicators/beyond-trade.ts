// The indicators beyond trade, gathered for the catalogue.
import { ARMS_INDICATORS } from "./arms.ts";
import { ENERGY_INDICATORS } from "./energy.ts";
import { GEO_INDICATORS } from "./geo.ts";
import { INVEST_INDICATORS } from "./invest.ts";
import { MACRO_INDICATORS } from "./macro.ts";
import { MIL_INDICATORS } from "./military.ts";
import type { IndicatorDef } from "./types.ts";
import { UN_INDICATORS } from "./un.ts";

export const BEYOND_TRADE_INDICATORS: IndicatorDef[] = [
  ...UN_INDICATORS,
  ...ARMS_INDICATORS,
  ...ENERGY_INDICATORS,
  ...MACRO_INDICATORS,
  ...GEO_INDICATORS,
  ...INVEST_INDICATORS,
  ...MIL_INDICATORS,
];
