// Size of the economy: GDP of A (from WDI), and trade relative to it.
import { WDI_INFO } from "../sources/wdi.ts";
import type { Store } from "../store/index.ts";
import { datasetProvenance, hasDataset, notIngested } from "./ingest-provenance.ts";
import { type IndicatorDef, type IndicatorValue, nullValue } from "./types.ts";

/** GDP (current USD) = GDP per capita × population, one SQL expression shared with the panel. */
export const GDP_SQL = `
  SELECT g.country, g.year, g.value * p.value AS gdp_usd, g.value AS gdp_per_capita, p.value AS population
    FROM wdi_values g
    JOIN wdi_values p ON p.country = g.country AND p.year = g.year AND p.series = 'population_total'
   WHERE g.series = 'NY.GDP.PCAP.CD'`;

export const macroGdp: IndicatorDef = {
  name: "macro.gdp",
  unit: "USD",
  definition: "GDP of A (USD), from GDP per capita × population where no direct series",
  formula: "NY.GDP.PCAP.CD(A, Y) × population_total(A, Y)",
  sources: ["wdi"],
  citation: WDI_INFO.citation,
  country: true,
  caveats:
    "Current US dollars at market exchange rates. The World Bank divides GDP by mid-year population, so the product reproduces its GDP series (NY.GDP.MKTP.CD) up to rounding. An indicator of one country: B is ignored.",
  async compute(store: Store, a, b, year) {
    if (!(await hasDataset(store, "wdi"))) return nullValue(this, a, b, year, notIngested("wdi"));
    const row = await store.one<{ gdp_usd: number; gdp_per_capita: number; population: number }>(
      `SELECT * FROM (${GDP_SQL}) WHERE country = ? AND year = ?`,
      [a, year],
    );
    const prov = await datasetProvenance(store, "wdi", { reporter: a, year });
    if (!row) {
      return nullValue(
        this,
        a,
        b,
        year,
        `WDI has no GDP per capita or no population for ${a} in ${year}`,
        prov ? [prov] : [],
      );
    }
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: row.gdp_usd,
      unit: this.unit,
      provenance: prov ? [prov] : [],
      detail: { gdpPerCapita: row.gdp_per_capita, population: row.population },
    };
  },
};

export const tradeGdpDependence: IndicatorDef = {
  name: "trade.gdp_dependence",
  unit: "fraction",
  definition: "`trade.turnover` / GDP of A",
  formula: "trade.turnover(A,B,Y) / macro.gdp(A,Y)",
  sources: ["imf-dots", "wdi"],
  citation: `${WDI_INFO.citation}; trade as cited by trade.turnover`,
  caveats:
    "Trade is a gross flow and GDP a value added, so the ratio is a measure of exposure, not a share of GDP. Both in current USD; the turnover follows trade.turnover's choice of source.",
  async compute(store: Store, a, b, year, options) {
    // Imported when called: the catalogue imports this module, so a static import would be a cycle.
    const { computeIndicator } = await import("./catalogue.ts");
    const turnover: IndicatorValue = await computeIndicator(store, "trade.turnover", a, b, year, options);
    const gdp = await macroGdp.compute(store, a, b, year);
    const provenance = [...turnover.provenance, ...gdp.provenance];
    if (turnover.value === null)
      return nullValue(this, a, b, year, `no trade.turnover: ${turnover.reason}`, provenance);
    if (!gdp.value) return nullValue(this, a, b, year, `no GDP: ${gdp.reason}`, provenance);
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: turnover.value / gdp.value,
      unit: this.unit,
      provenance,
      detail: { turnoverUsd: turnover.value, gdpUsd: gdp.value },
    };
  },
};

export const MACRO_INDICATORS: IndicatorDef[] = [macroGdp, tradeGdpDependence];
