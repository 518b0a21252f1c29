// Geography of a pair from CEPII GeoDist: distance and a shared border. Time-invariant.
import { CEPII_INFO } from "../sources/citations.ts";
import type { Store } from "../store/index.ts";
import { GEO_RELATION } from "../store/relations/geo.ts";
import { notIngested } from "./ingest-provenance.ts";
import { indicatorValue, nullValue } from "./types.ts";
import { type SourcedIndicator, storeValueSource, type ValueSource } from "./value-source.ts";

export { GEO_RELATION };

interface GeoRow {
  dist: number | null;
  distcap: number | null;
  distw: number | null;
  distwces: number | null;
  contig: number | null;
  line: number | null;
}

async function pair(source: ValueSource, a: string, b: string, year: number): Promise<GeoRow | undefined> {
  const [row] = await source.rows<Record<string, number | null>>(GEO_RELATION, a, b, year, year);
  return row
    ? {
        dist: row.geo_distance,
        distcap: row.geo_distcap,
        distw: row.geo_distw,
        distwces: row.geo_distwces,
        contig: row.geo_contiguity,
        line: row.geo_line,
      }
    : undefined;
}

export const geoDistance: SourcedIndicator = {
  name: "geo.distance",
  reads: [GEO_RELATION],
  unit: "km",
  definition: "CEPII distance between the two countries' most populous cities (km); time-invariant",
  formula: "GeoDist `dist` (great-circle distance between the main cities)",
  sources: ["cepii"],
  citation: CEPII_INFO.citation,
  timeless: true,
  caveats:
    "One city per country: for large countries (China–Russia: Shanghai–Moscow) this is far from the border. detail gives `distcap` (capitals) and `distw` (population-weighted). Countries created after 2006 (South Sudan, Kosovo, …) are not in GeoDist.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("cepii"))) return nullValue(this, a, b, year, notIngested("cepii"));
    const row = await pair(source, a, b, year);
    const prov = await source.provenance("cepii", { line: row?.line ?? null });
    if (row?.dist == null)
      return nullValue(this, a, b, year, `GeoDist has no distance for ${a}–${b}`, prov ? [prov] : []);
    return indicatorValue(this, a, b, year, row.dist, prov ? [prov] : [], {
      distcap: row.distcap,
      distw: row.distw,
      distwces: row.distwces,
    });
  },
};

export const geoContiguity: SourcedIndicator = {
  name: "geo.contiguity",
  reads: [GEO_RELATION],
  unit: "1/0",
  definition: "shared land border (1) or not (0), CEPII; time-invariant",
  formula: "GeoDist `contig`",
  sources: ["cepii"],
  citation: CEPII_INFO.citation,
  timeless: true,
  caveats: "Land borders as of 2006; maritime neighbours are not contiguous here.",
  compute(store: Store, a, b, year) {
    return this.computeFrom(storeValueSource(store), a, b, year);
  },
  async computeFrom(source, a, b, year) {
    if (!(await source.has("cepii"))) return nullValue(this, a, b, year, notIngested("cepii"));
    const row = await pair(source, a, b, year);
    const prov = await source.provenance("cepii", { line: row?.line ?? null });
    if (row?.contig == null)
      return nullValue(this, a, b, year, `GeoDist has no contiguity for ${a}–${b}`, prov ? [prov] : []);
    return indicatorValue(this, a, b, year, row.contig, prov ? [prov] : []);
  },
};

export const GEO_INDICATORS: SourcedIndicator[] = [geoDistance, geoContiguity];
