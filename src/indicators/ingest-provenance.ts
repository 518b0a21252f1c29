// Provenance of a whole dataset (the beyond-trade indicators cite a dataset, and rows where they have them).
import type { Store } from "../store/index.ts";
import type { Provenance } from "./types.ts";

/** A dataset's `ingests` row, as datasetProvenance reads it. */
export interface IngestRow {
  source: string;
  path: string;
  version: string | null;
  retrieved: string | null;
  ingested_at: string;
  publisher: string | null;
  citation: string | null;
}

export async function datasetProvenance(
  store: Store,
  dataset: string,
  extra: Partial<Provenance> = {},
): Promise<Provenance | undefined> {
  const row = await store.one<IngestRow>(
    "SELECT source, path, version, retrieved, CAST(ingested_at AS VARCHAR) AS ingested_at, publisher, citation FROM ingests WHERE dataset = ?",
    [dataset],
  );
  return row ? provenanceFromIngest(row, dataset, extra) : undefined;
}

/** The provenance of a dataset's row of `ingests` (from the store or from memory), with the value's fields. */
export function provenanceFromIngest(
  row: IngestRow,
  dataset: string,
  extra: Partial<Provenance> = {},
): Provenance {
  return {
    source: row.source,
    dataset,
    publisher: row.publisher ?? undefined,
    file: row.path,
    version: row.version,
    retrieved: row.retrieved,
    ingestedAt: row.ingested_at,
    citation: row.citation ?? undefined,
    ...extra,
  };
}

/** Why a value is missing when the dataset itself was never ingested. */
export function notIngested(source: string): string {
  return `the ${source} data are not in the store; run \`dyad ingest ${source} <path>\` (or \`dyad setup\`)`;
}

export async function hasDataset(store: Store, dataset: string): Promise<boolean> {
  const row = await store.one<{ n: bigint }>("SELECT count(*) AS n FROM ingests WHERE dataset = ?", [
    dataset,
  ]);
  return Number(row?.n ?? 0) > 0;
}
