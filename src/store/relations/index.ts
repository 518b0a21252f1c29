// Every dimension's dyad-year relation, in the order of the panel's columns. They live in the store because
// the store materialises them at ingest (src/store/materialise.ts); the indicators, the profile and the
// panel select from them.
import type { Relation } from "../relation.ts";
import { ARMS_RELATION } from "./arms.ts";
import { ENERGY_RELATION } from "./energy.ts";
import { GEO_RELATION } from "./geo.ts";
import { INVEST_FLOW_RELATION, INVEST_POSITION_RELATION } from "./invest.ts";
import { MACRO_RELATION } from "./macro.ts";
import { MIL_RELATION } from "./military.ts";
import { TRADE_RELATION } from "./trade.ts";
import { UN_AGREEMENT_RELATION, UN_IDEAL_POINT_RELATION } from "./un.ts";

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
