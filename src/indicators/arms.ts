// Arms transfers: SIPRI trend-indicator values (TIV) of major conventional arms delivered.
import { SIPRI_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { ARMS_RELATION } from "../store/relations/arms.ts";
import { notIngested } from "./ingest-provenance.ts";
import { nullValue } from "./types.ts";
import { type SourcedIndicator, storeValueSource } from "./value-source.ts";

export { ARMS_RELATION };

interface ArmsRow {
  year: number;
  arms_tiv: number | null;
  arms_imports_of_b: number | null;
  arms_deals: bigint | number;
  arms_uncertain_rows: bigint | number;
}

const TIV_CAVEAT =
  "TIV is SIPRI's measure of the volume of military capability transferred, priced at constant (1990) production costs; it is not the financial value of a deal. Major conventional arms only (no small arms, ammunition or services). A year with no delivery row means SIPRI identified no delivery; '0' in SIPRI's file means under 0.5 million TIV.";

export const armsTiv: SourcedIndicator = {
  name: "arms.tiv",
  reads: [ARMS_RELATION],
  unit: "TIV (millions)",
  definition: "SIPRI TIV (millions) of major arms delivered by A to B in Y",
  formula: "Σ TIV delivery values over SIPRI register rows with supplier A, recipient B and delivery year Y",
  sources: ["sipri"],
  citation: SIPRI_INFO.citation,
  caveats: TIV_CAVEAT,
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("sipri"))) return nullValue(this, a, b, year, notIngested("sipri"));
    const span = await source.armsSpan();
    const prov = await source.provenance("sipri", { reporter: a, year });
    if (!span || year < span[0] || year > span[1]) {
      return nullValue(
        this,
        a,
        b,
        year,
        `the SIPRI register here covers deliveries ${span?.join("–")}`,
        prov ? [prov] : [],
      );
    }
    const [row] = await source.rows<ArmsRow>(ARMS_RELATION, a, b, year, year);
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: row?.arms_tiv ?? 0,
      unit: this.unit,
      provenance: prov ? [prov] : [],
      detail: { deals: Number(row?.arms_deals ?? 0), uncertainRows: Number(row?.arms_uncertain_rows ?? 0) },
    };
  },
};

export const armsSupplierShare: SourcedIndicator = {
  name: "arms.supplier_share",
  reads: [ARMS_RELATION],
  unit: "fraction",
  definition: "A's share of B's arms imports (SIPRI TIV) in Y, or over a window of years ending in Y",
  formula:
    "Σ TIV(A→B) / Σ TIV(any supplier→B), over delivery years Y−w+1 … Y (w = options.window, default 1)",
  sources: ["sipri"],
  citation: SIPRI_INFO.citation,
  caveats: `${TIV_CAVEAT} SIPRI itself reports shares over 5-year windows because single years are lumpy; use window 5 to compare with its fact sheets. The denominator includes deliveries from unknown suppliers, non-state actors and organisations.`,
  compute(store: Store, a, b, year, options) {
    return this.computeFrom(storeValueSource(store), a, b, year, options);
  },
  async computeFrom(source, a, b, year, options = {}) {
    if (!(await source.has("sipri"))) return nullValue(this, a, b, year, notIngested("sipri"));
    const window = Math.max(1, Math.trunc(options.window ?? 1));
    const from = year - window + 1;
    const span = await source.armsSpan();
    const prov = await source.provenance("sipri", { year, note: `delivery years ${from}–${year}` });
    if (!span || from < span[0] || year > span[1]) {
      return nullValue(
        this,
        a,
        b,
        year,
        `the window ${from}–${year} is not inside the register's ${span?.join("–")}`,
        prov ? [prov] : [],
      );
    }
    // The window's sums over the relation's years: one definition of a year's deliveries.
    const rows = await source.rows<ArmsRow>(ARMS_RELATION, a, b, from, year);
    const fromA = rows.reduce((sum, r) => sum + (r.arms_tiv ?? 0), 0);
    const total = rows.reduce((sum, r) => sum + (r.arms_imports_of_b ?? 0), 0);
    if (!total) {
      return nullValue(
        this,
        a,
        b,
        year,
        `SIPRI records no major-arms deliveries to ${b} in ${from}–${year}`,
        prov ? [prov] : [],
      );
    }
    return {
      indicator: this.name,
      a,
      b,
      year,
      value: fromA / total,
      unit: this.unit,
      provenance: prov ? [prov] : [],
      detail: { window, from, to: year, tivFromA: fromA, tivTotal: total },
    };
  },
};

export const ARMS_INDICATORS: SourcedIndicator[] = [armsTiv, armsSupplierShare];
