// Stage: the reading in one line, for every claim: what was understood (measure, whose, with whom, year,
// scope, granularity), or why nothing could be, so a reader can see a wrong reading at a glance.
import { countryName } from "../countries/index.ts";
import type { Claim } from "./types.ts";

function name(code: string | null): string {
  if (!code) return "?";
  if (code === "WLD") return "the World";
  try {
    return countryName(code);
  } catch {
    return code;
  }
}

function possessive(n: string): string {
  return n.endsWith("s") ? `${n}'` : `${n}'s`;
}

const RELATION: Record<string, string> = {
  "trade.exports": "to",
  "trade.imports": "from",
  "trade.export_share": "to",
  "trade.import_share": "from",
};

export function readAs(c: Claim): string {
  const years = c.period.years.length ? c.period.years.join("–") : "year unresolved";
  const granularity = c.period.partial ? "part of a year" : "annual";
  const scope = c.product ? `product: ${c.product}` : c.scope;
  if (c.unsure) return `not read: ${c.unsure}`;
  if (!c.indicator) return `outside the catalogue: ${c.outside ?? c.measure}`;
  const a = name(c.a);
  const b = name(c.b);
  let what: string;
  if (c.indicator.endsWith("_rank")) {
    const among =
      c.indicator === "trade.export_rank"
        ? "export destinations"
        : c.indicator === "trade.import_rank"
          ? "import origins"
          : "trading partners (by turnover)";
    what = `${b} as rank ${c.number} among ${possessive(a)} ${among}${c.negated ? " (stated as not holding)" : ""}`;
  } else if (c.b === "WLD") {
    what = `${possessive(a)} total ${c.measure} (with the World)`;
  } else if (c.indicator.startsWith("invest.")) {
    const pre = c.derived === "growth" ? "growth of " : c.derived === "change" ? "change of " : "";
    what =
      c.indicator === "invest.flow"
        ? `${pre}direct-investment flow from ${a} into ${b} within the year`
        : c.indicator === "invest.outward_share"
          ? `${possessive(b)} share of ${possessive(a)} outward direct-investment position at year end`
          : c.indicator === "invest.inward_share"
            ? `${possessive(a)} share of ${possessive(b)} inward direct-investment position at year end`
            : `${pre}${possessive(a)} direct-investment position in ${b} (stock at year end)`;
    return `${what}, ${years}${c.basis ? ` (read as ${c.basis})` : ""}, annual`;
  } else if (c.indicator.startsWith("trade.")) {
    const rel = RELATION[c.indicator] ?? "with";
    what = `${possessive(a)} ${c.measure} ${rel} ${b}`;
  } else what = `${c.measure}, ${a}–${b}`;
  return `${what}, ${years}, ${scope}, ${granularity}`;
}
