export { KNOWN_SCHEMA, staleStoreMessage, staleTables } from "./compat.ts";
export type { ColumnType, TableDef, TradeFlow } from "./schema.ts";
export { TABLES, tableDdl } from "./schema.ts";
export type {
  DatasetBatch,
  IngestResult,
  OpenOptions,
  Row,
  SqlValue,
  TableLoader,
  TableRows,
  TransactionSql,
} from "./store.ts";
export { dataHome, SharedTransactionAborted, Store, storePath } from "./store.ts";
