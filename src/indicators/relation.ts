// The dimensions' relations live in the store, which materialises them at ingest; the indicators select
// from them through these helpers.

export { selectRelations } from "../store/materialise.ts";
export * from "../store/relation.ts";
