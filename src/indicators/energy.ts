// Energy trade between two countries from the Energy Institute's bilateral matrices (2022 here).
import { EI_INFO } from "../sources/ei-energy.ts";
import type { Store } from "../store/index.ts";
import { datasetProvenance, hasDataset, notIngested } from "./ingest-provenance.ts";
import { type IndicatorDef, nullValue } from "./types.ts";

interface Fuel {
  key: string;
  label: string;
  unit: string;
  /** The fuel codes of energy_trade that make it up. */
  parts: string[];
  sheet: string;
}

export const FUELS: Fuel[] = [
  {
    key: "pipeline_gas",
    label: "natural gas by pipeline",
    unit: "bcm",
    parts: ["pipeline_gas"],
    sheet: "Gas - Trade movts - pipeline",
  },
  { key: "lng", label: "liquefied natural gas", unit: "bcm", parts: ["lng"], sheet: "Gas - Trade movts LNG" },
  {
    key: "oil",
    label: "oil (crude and products)",
    unit: "Mt",
    parts: ["oil_crude", "oil_products"],
    sheet: "Oil - Inter-area movements",
  },
  { key: "coal", label: "coal", unit: "EJ", parts: ["coal"], sheet: "Coal - Inter area movts" },
];

const CAVEAT =
  "The Energy Institute publishes these bilateral matrices for one year per edition; the 2023 edition here gives 2022 only. Only countries the sheet lists separately have values; the rest are inside EI's regions ('Other Europe', 'Other CIS', …) and get no value. The oil and coal matrices list few countries (e.g. Russia, China, India, Japan) and exclude trade within a region.";

interface Cells {
  value: number | null;
  a_listed: bigint;
  b_listed: bigint;
  b_total: number | null;
  years: string | null;
}

async function cells(
  store: Store,
  fuel: Fuel,
  a: string,
  b: string,
  year: number,
): Promise<Cells | undefined> {
  return store.one<Cells>(
    `SELECT sum(value) FILTER (WHERE exporter = $1 AND importer = $2 AND year = $3) AS value,
            count(*) FILTER (WHERE exporter = $1 AND year = $3) AS a_listed,
            count(*) FILTER (WHERE importer = $2 AND year = $3) AS b_listed,
            sum(value) FILTER (WHERE exporter = 'WLD' AND importer = $2 AND year = $3) AS b_total,
            string_agg(DISTINCT CAST(year AS VARCHAR), ', ') AS years
       FROM energy_trade WHERE fuel IN (SELECT unnest($4::VARCHAR[]))`,
    [a, b, year, `[${fuel.parts.map((p) => `'${p}'`).join(",")}]`],
  );
}

function fuelIndicators(fuel: Fuel): IndicatorDef[] {
  const why = (a: string, b: string, year: number, c: Cells | undefined): string | undefined => {
    if (!c?.years?.split(", ").includes(String(year))) {
      return `the Energy Institute's bilateral ${fuel.label} table here is for ${c?.years ?? "no year"} only, not ${year}`;
    }
    if (!Number(c.a_listed))
      return `${a} is not listed separately as an exporter in "${fuel.sheet}" (EI groups it in a region)`;
    if (!Number(c.b_listed))
      return `${b} is not listed separately as an importer in "${fuel.sheet}" (EI groups it in a region)`;
    return undefined;
  };
  const volume: IndicatorDef = {
    name: `energy.${fuel.key}`,
    unit: fuel.unit,
    definition: `A's exports of ${fuel.label} to B (${fuel.unit})`,
    formula: `cell (exporter A, importer B) of EI's "${fuel.sheet}" matrix${fuel.parts.length > 1 ? ", crude + products" : ""}`,
    sources: ["ei-energy"],
    citation: EI_INFO.citation,
    caveats: CAVEAT,
    async compute(store: Store, a, b, year) {
      if (!(await hasDataset(store, "ei-energy")))
        return nullValue(this, a, b, year, notIngested("ei-energy"));
      const c = await cells(store, fuel, a, b, year);
      const prov = await datasetProvenance(store, "ei-energy", {
        sheet: fuel.sheet,
        year,
        reporter: "Energy Institute",
      });
      const reason = why(a, b, year, c);
      if (reason) return nullValue(this, a, b, year, reason, prov ? [prov] : []);
      return {
        indicator: this.name,
        a,
        b,
        year,
        value: c?.value ?? 0,
        unit: this.unit,
        provenance: prov ? [prov] : [],
      };
    },
  };
  const share: IndicatorDef = {
    name: `energy.${fuel.key}_share`,
    unit: "fraction",
    definition: `A's share of B's imports of ${fuel.label}`,
    formula: `energy.${fuel.key}(A,B) / B's "Total imports" in the same matrix`,
    sources: ["ei-energy"],
    citation: EI_INFO.citation,
    caveats: CAVEAT,
    async compute(store: Store, a, b, year) {
      if (!(await hasDataset(store, "ei-energy")))
        return nullValue(this, a, b, year, notIngested("ei-energy"));
      const c = await cells(store, fuel, a, b, year);
      const prov = await datasetProvenance(store, "ei-energy", {
        sheet: fuel.sheet,
        year,
        reporter: "Energy Institute",
      });
      const reason = why(a, b, year, c);
      if (reason) return nullValue(this, a, b, year, reason, prov ? [prov] : []);
      if (!c?.b_total)
        return nullValue(this, a, b, year, `${b} imported no ${fuel.label} in ${year}`, prov ? [prov] : []);
      return {
        indicator: this.name,
        a,
        b,
        year,
        value: (c.value ?? 0) / c.b_total,
        unit: this.unit,
        provenance: prov ? [prov] : [],
        detail: { fromA: c.value ?? 0, totalImportsOfB: c.b_total, unit: fuel.unit },
      };
    },
  };
  return [volume, share];
}

export const ENERGY_INDICATORS: IndicatorDef[] = FUELS.flatMap(fuelIndicators);
