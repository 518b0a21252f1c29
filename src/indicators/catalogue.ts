// The catalogue: every named indicator, gathered from one module per dimension.
import type { Store } from "../store/index.ts";
import { ARMS_RELATION } from "./arms.ts";
import { BEYOND_TRADE_INDICATORS } from "./beyond-trade.ts";
import { ENERGY_RELATION } from "./energy.ts";
import { GEO_RELATION } from "./geo.ts";
import { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION } from "./invest.ts";
import { MACRO_RELATION } from "./macro.ts";
import { MIL_RELATION } from "./military.ts";
import { PRODUCT_INDICATORS } from "./product.ts";
import type { Relation } from "./relation.ts";
import { TRADE_INDICATORS, TRADE_RELATION } from "./trade.ts";
import {
  type ComputeOptions,
  type IndicatorDef,
  type IndicatorValue,
  UnknownIndicatorError,
} from "./types.ts";
import { UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION } from "./un.ts";

/** Every dimension's dyad-year relation, in the order of the panel's columns. */
export const RELATIONS: Relation[] = [
  UN_AGREEMENT_RELATION,
  UN_IDEAL_POINT_RELATION,
  ARMS_RELATION,
  ENERGY_RELATION,
  MACRO_RELATION,
  TRADE_RELATION,
  GEO_RELATION,
  INVEST_POSITION_RELATION,
  INVEST_FLOW_RELATION,
  MIL_RELATION,
];

export const INDICATORS: IndicatorDef[] = [
  ...TRADE_INDICATORS,
  ...PRODUCT_INDICATORS,
  ...BEYOND_TRADE_INDICATORS,
];

const byName = new Map(INDICATORS.map((d) => [d.name, d]));

export function getIndicator(name: string): IndicatorDef {
  const def = byName.get(name);
  if (!def) throw new UnknownIndicatorError(name, [...byName.keys()]);
  return def;
}

export async function computeIndicator(
  store: Store,
  name: string,
  a: string,
  b: string,
  year: number,
  options: ComputeOptions = {},
): Promise<IndicatorValue> {
  return getIndicator(name).compute(store, a, b, year, options);
}
