// The sources beyond trade (UN votes, ideal points, arms transfers, energy, GDP, geography), as one list
// that `dyad setup` and `dyad ingest <source> <path>` iterate.
import type { IngestResult, Store } from "../store/index.ts";
import { CEPII_INFO, ingestCepii } from "./cepii.ts";
import { EI_INFO, ingestEiEnergy } from "./ei-energy.ts";
import { CDIS_INFO, ingestImfCdis } from "./imf-cdis.ts";
import { ingestSipri, SIPRI_INFO } from "./sipri.ts";
import type { IngestOptions, SourceInfo } from "./types.ts";
import { ingestUnctadFdi, UNCTAD_FDI_INFO } from "./unctad-fdi.ts";
import { ingestUnVotes, UNVOTES_INFO } from "./unvotes.ts";
import { ingestVoeten, VOETEN_INFO } from "./voeten.ts";
import { ingestWdi, WDI_INFO } from "./wdi.ts";

export interface BeyondTradeSource {
  name: string;
  info: SourceInfo;
  /** Relative to the data folder (`--sources`, $DYAD_SOURCES, else ../shared/data); a file or a folder. */
  defaultPath: string;
  ingest(store: Store, path: string, options?: IngestOptions): Promise<IngestResult>;
}

export const BEYOND_TRADE_SOURCES: BeyondTradeSource[] = [
  { name: "unvotes", info: UNVOTES_INFO, defaultPath: "unvotes", ingest: ingestUnVotes },
  {
    name: "voeten",
    info: VOETEN_INFO,
    defaultPath: "voeten/IdealpointestimatesAll_Jun2024.csv",
    ingest: ingestVoeten,
  },
  {
    name: "sipri",
    info: SIPRI_INFO,
    defaultPath: "sipri/sipri-trade-register-2000-2024.csv",
    ingest: ingestSipri,
  },
  {
    name: "ei-energy",
    info: EI_INFO,
    defaultPath: "energy",
    ingest: ingestEiEnergy,
  },
  { name: "wdi", info: WDI_INFO, defaultPath: "worldbank", ingest: ingestWdi },
  { name: "cepii", info: CEPII_INFO, defaultPath: "cepii/dist_cepii.csv.gz", ingest: ingestCepii },
  { name: "imf-cdis", info: CDIS_INFO, defaultPath: "imf-cdis", ingest: ingestImfCdis },
  { name: "unctad-fdi", info: UNCTAD_FDI_INFO, defaultPath: "unctad-fdi-2014", ingest: ingestUnctadFdi },
];
