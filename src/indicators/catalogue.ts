// The catalogue: every named indicator, gathered from one module per dimension.
import type { Store } from "../store/index.ts";
import { BEYOND_TRADE_INDICATORS } from "./beyond-trade.ts";
import { PRODUCT_INDICATORS } from "./product.ts";
import { TRADE_INDICATORS } from "./trade.ts";
import {
  type ComputeOptions,
  type IndicatorDef,
  type IndicatorValue,
  UnknownIndicatorError,
} from "./types.ts";

/** Every dimension's dyad-year relation, in the order of the panel's columns. */
export { RELATIONS } from "../store/relations/index.ts";

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
