import { inCountries, inYears, type Relation } from "../relation.ts";

/**
 * A's own report of its exports to, imports from and turnover with B, for the dyad-years asked: the one
 * definition of which report answers, read by the trade indicators, the profile, the claim checker and the
 * panel. Within each flow the dataset of lowest priority number answers (ties: the dataset name, in byte
 * order); the turnover is the turnover A reported directly when that is at least as authoritative as the
 * worse of its two flows, else exports + imports. Each flow names the dataset that answered, so its
 * provenance (file, sheet, line, the other datasets' figures) is fetched only for values an answer returns.
 * Reporters and partners include the World (WLD) and groups: shares divide by the World rows.
 */
export const TRADE_RELATION: Relation = {
  dimension: "trade",
  tables: ["trade_flows"],
  countries: "SELECT DISTINCT reporter FROM trade_flows",
  years: "SELECT min(year), max(year) FROM trade_flows",
  panel: ["trade_exports", "trade_imports", "trade_turnover"],
  async build(scope) {
    return {
      ctes: [
        // One aggregation over the flows of each (reporter, partner, year): per flow the value, priority and
        // dataset of the report of lowest (priority, dataset). (Two steps, per flow then per pair, cost twice
        // the CPU when the whole table is materialised at ingest.)
        `trade_pair AS (SELECT reporter AS a, partner AS b, year,
                               ${(["x:exports", "m:imports", "t:turnover"] as const)
                                 .map((f) => {
                                   const [c, flow] = f.split(":");
                                   return `arg_min(value_usd, (priority, dataset)) FILTER (WHERE flow = '${flow}') AS ${c},
                               min(priority) FILTER (WHERE flow = '${flow}') AS ${c}p,
                               arg_min(dataset, (priority, dataset)) FILTER (WHERE flow = '${flow}') AS ${c}d`;
                                 })
                                 .join(",\n                               ")}
                          FROM trade_flows
                         WHERE ${inCountries(scope, "reporter")} AND ${inCountries(scope, "partner")}
                           AND ${inYears(scope, "year")}
                         GROUP BY ALL)`,
      ],
      joins: ["LEFT JOIN trade_pair tp ON tp.a = s.a AND tp.b = s.b AND tp.year = s.year"],
      columns: [
        "tp.x AS trade_exports",
        "tp.m AS trade_imports",
        // A turnover reported as such answers when it is at least as authoritative as the pair's worse flow.
        `CASE WHEN tp.t IS NOT NULL AND (tp.x IS NULL OR tp.m IS NULL OR tp.tp <= greatest(tp.xp, tp.mp))
              THEN tp.t ELSE tp.x + tp.m END AS trade_turnover`,
        `CASE WHEN tp.t IS NOT NULL AND (tp.x IS NULL OR tp.m IS NULL OR tp.tp <= greatest(tp.xp, tp.mp))
              THEN 'turnover' WHEN tp.x IS NOT NULL AND tp.m IS NOT NULL THEN 'sum' END AS trade_turnover_kind`,
        "tp.t AS trade_turnover_reported",
        "tp.xp AS trade_exports_priority",
        "tp.mp AS trade_imports_priority",
        "tp.tp AS trade_turnover_priority",
        "tp.xd AS trade_exports_dataset",
        "tp.md AS trade_imports_dataset",
        "tp.td AS trade_turnover_dataset",
      ],
    };
  },
};
