// Size of the economy: GDP of A (from WDI), and trade relative to it.
import { WDI_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { MACRO_RELATION } from "../store/relations/macro.ts";
import { notIngested } from "./ingest-provenance.ts";
import { type ContextSource, storeSource, tradeTurnover } from "./trade.ts";
import { type IndicatorDef, type IndicatorValue, indicatorValue, nullValue } from "./types.ts";
import { type SourcedIndicator, storeValueSource, type ValueSource } from "./value-source.ts";

export { MACRO_RELATION };

export const macroGdp: SourcedIndicator = {
  name: "macro.gdp",
  reads: [MACRO_RELATION],
  unit: "USD",
  definition: "GDP of A (USD), from GDP per capita × population where no direct series",
  formula: "NY.GDP.PCAP.CD(A, Y) × population_total(A, Y)",
  sources: ["wdi"],
  citation: WDI_INFO.citation,
  country: true,
  caveats:
    "Current US dollars at market exchange rates. The World Bank divides GDP by mid-year population, so the product reproduces its GDP series (NY.GDP.MKTP.CD) up to rounding. An indicator of one country: B is ignored.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("wdi"))) return nullValue(this, a, b, year, notIngested("wdi"));
    // The dyad-year as asked: the relation gives A's GDP whatever B is.
    const [row] = await source.rows<{
      macro_gdp_a: number | null;
      macro_gdp_per_capita_a: number;
      macro_population_a: number;
    }>(MACRO_RELATION, a, b, year, year);
    const prov = await source.provenance("wdi", { reporter: a, year });
    if (row?.macro_gdp_a == null) {
      return nullValue(
        this,
        a,
        b,
        year,
        `WDI has no GDP per capita or no population for ${a} in ${year}`,
        prov ? [prov] : [],
      );
    }
    return indicatorValue(this, a, b, year, row.macro_gdp_a, prov ? [prov] : [], {
      gdpPerCapita: row.macro_gdp_per_capita_a,
      population: row.macro_population_a,
    });
  },
};

/** trade.gdp_dependence: the turnover from the trade tables (TradeIndex in a server), GDP from the relations. */
export interface GdpDependenceIndicator extends IndicatorDef {
  computeFrom(
    trade: ContextSource,
    source: ValueSource,
    a: string,
    b: string,
    year: number,
  ): Promise<IndicatorValue>;
}

export const tradeGdpDependence: GdpDependenceIndicator = {
  name: "trade.gdp_dependence",
  unit: "fraction",
  definition: "`trade.turnover` / GDP of A",
  formula: "trade.turnover(A,B,Y) / macro.gdp(A,Y)",
  sources: ["imf-dots", "wdi"],
  citation: `${WDI_INFO.citation}; trade as cited by trade.turnover`,
  caveats:
    "Trade is a gross flow and GDP a value added, so the ratio is a measure of exposure, not a share of GDP. Both in current USD; the turnover follows trade.turnover's choice of source.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeSource(store), storeValueSource(store), a, b, year);
  },
  async computeFrom(trade, source, a, b, year) {
    const turnover: IndicatorValue = await tradeTurnover.computeFrom(trade, a, b, year);
    const gdp = await macroGdp.computeFrom(source, a, b, year);
    const provenance = [...turnover.provenance, ...gdp.provenance];
    if (turnover.value === null)
      return nullValue(this, a, b, year, `no trade.turnover: ${turnover.reason}`, provenance);
    if (!gdp.value) return nullValue(this, a, b, year, `no GDP: ${gdp.reason}`, provenance);
    return indicatorValue(this, a, b, year, turnover.value / gdp.value, provenance, {
      turnoverUsd: turnover.value,
      gdpUsd: gdp.value,
    });
  },
};

export const MACRO_INDICATORS: IndicatorDef[] = [macroGdp, tradeGdpDependence];
