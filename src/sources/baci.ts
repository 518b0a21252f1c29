// CEPII BACI, trade by product (HS6, every pair): the source's public face. The work is in ./baci/.

export { BACI_TABLES } from "../store/baci-schema.ts";
export { parseCountryCodes, parseProductCodes } from "./baci/files.ts";
export { type BaciIngestOptions, type BaciIngestResult, ingestBaci } from "./baci/ingest.ts";
export { BACI_INFO } from "./citations.ts";
