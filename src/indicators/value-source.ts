// Where a beyond-trade indicator (un.*, arms.*, geo.*, macro.gdp) reads its facts: the store (SQL), or the
// server's memory (relation-memory.ts, relation-rows.ts), which gives the same rows and provenance with no
// query. Each such indicator is written once, as `computeFrom(source, …)`; `compute(store, …)` is
// `computeFrom(storeValueSource(store), …)`, so the two answers cannot drift apart.

import type { Store } from "../store/index.ts";
import type { Relation } from "../store/relation.ts";
import { datasetProvenance, hasDataset, type IngestRow, provenanceFromIngest } from "./ingest-provenance.ts";
import { dyadYearList, pairYears, selectRelations } from "./relation.ts";
import type { ExtraTable, RelationMemory } from "./relation-memory.ts";
import { inMemory, selectFromMemory } from "./relation-rows.ts";
import type { ComputeOptions, IndicatorDef, IndicatorValue, Provenance } from "./types.ts";

export interface ValueSource {
  /** Whether the dataset was ingested. */
  has(dataset: string): Promise<boolean>;
  /** The dataset's provenance (its `ingests` row) with the value's own fields. */
  provenance(dataset: string, extra?: Partial<Provenance>): Promise<Provenance | undefined>;
  /** The relation's rows for (a, b) over the years, as selectRelations gives them (one per year). */
  rows<T = Record<string, unknown>>(
    relation: Relation,
    a: string,
    b: string,
    from: number,
    to: number,
  ): Promise<T[]>;
  /** The years of SIPRI's register (its deliveries), undefined without any. */
  armsSpan(): Promise<[number, number] | undefined>;
}

/** An indicator that reads its facts through a ValueSource (so memory can answer it). */
export interface SourcedIndicator extends IndicatorDef {
  /** The relations it reads (memory answers it only when it holds them). */
  reads: Relation[];
  computeFrom(
    source: ValueSource,
    a: string,
    b: string,
    year: number,
    options?: ComputeOptions,
  ): Promise<IndicatorValue>;
}

const ARMS_SPAN_SQL = "SELECT min(year) AS lo, max(year) AS hi FROM arms_transfers WHERE dataset = 'sipri'";

export function storeValueSource(store: Store): ValueSource {
  return {
    has: (dataset) => hasDataset(store, dataset),
    provenance: (dataset, extra) => datasetProvenance(store, dataset, extra),
    rows: <T>(relation: Relation, a: string, b: string, from: number, to: number) =>
      selectRelations<T>(
        store,
        [relation],
        from === to ? dyadYearList([[a, b, from]]) : pairYears([[a, b]], from, to),
      ),
    async armsSpan() {
      const row = await store.one<{ lo: number | null; hi: number | null }>(ARMS_SPAN_SQL);
      return row?.lo == null || row.hi == null ? undefined : [row.lo, row.hi];
    },
  };
}

/** The extra tables the memory source reads: the ingests rows, SIPRI's span. */
export const VALUE_TABLES: ExtraTable[] = [
  {
    name: "ingests_meta",
    sql: "SELECT dataset, source, path, version, retrieved, CAST(ingested_at AS VARCHAR) AS ingested_at, publisher, citation FROM ingests",
    keys: [],
    year: false,
    requires: "ingests",
  },
  { name: "arms_sipri_span", sql: ARMS_SPAN_SQL, keys: [], year: false, requires: "arms_transfers" },
];

/**
 * The same facts from memory. A relation the memory does not hold (a store whose relations were not
 * materialised) makes `rows` throw: the caller answers from the store instead (see `memoryAnswers`).
 */
export function memoryValueSource(memory: RelationMemory): ValueSource {
  const ingests = () =>
    memory.memo("value-source:ingests", () => {
      const out = new Map<string, IngestRow>();
      const t = memory.table("ingests_meta");
      for (let r = 0; t && r < t.rows; r++) {
        out.set(t.str("dataset", r) as string, {
          source: t.str("source", r) as string,
          path: t.str("path", r) as string,
          version: t.str("version", r),
          retrieved: t.str("retrieved", r),
          ingested_at: t.str("ingested_at", r) as string,
          publisher: t.str("publisher", r),
          citation: t.str("citation", r),
        });
      }
      return out;
    });
  return {
    has: async (dataset) => memory.has(dataset),
    async provenance(dataset, extra) {
      const row = ingests().get(dataset);
      return row ? provenanceFromIngest(row, dataset, extra) : undefined;
    },
    async rows<T>(relation: Relation, a: string, b: string, from: number, to: number) {
      return selectFromMemory(memory, [relation], [[a, b]], from, to) as T[];
    },
    async armsSpan() {
      const t = memory.table("arms_sipri_span");
      const lo = t?.rows ? t.num("lo", 0) : null;
      const hi = t?.rows ? t.num("hi", 0) : null;
      return lo === null || hi === null ? undefined : [lo, hi];
    },
  };
}

/** Whether the memory holds what `def` reads: its relations and extra tables. */
export function answersFromMemory(memory: RelationMemory, relations: Relation[]): boolean {
  return (
    relations.every((r) => inMemory(memory, r)) &&
    memory.table("ingests_meta") !== undefined &&
    (!relations.some((r) => r.dimension === "arms") || memory.table("arms_sipri_span") !== undefined)
  );
}
