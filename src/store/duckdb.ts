// DuckDB's Node API, loaded once for the store and the modules that build DuckDB values themselves.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type * as DuckDB from "@duckdb/node-api";

// Required, not imported: an ESM import of this CommonJS package makes Node scan every file it re-exports
// for export names (about 0.1 s of CPU at each start of the CLI); require() skips that scan. The build
// bundles the package into one file (scripts/bundle-duckdb.mjs), which loads faster than its ~180 files.
// A one-command bundle of the CLI (scripts/bundle-cli.mjs) replaces this module by the package itself.
/** DuckDB's Node API: the bundled copy in a build, else the package (one copy, so its classes agree). */
export const duckdbApi: typeof DuckDB = requireDuckDB();

function requireDuckDB(): typeof DuckDB {
  const require = createRequire(import.meta.url);
  const bundled = new URL("../vendor/duckdb-node-api.cjs", import.meta.url);
  // Only beside the built JavaScript (dist/store/duckdb.js); the sources use the package itself.
  if (import.meta.url.endsWith(".js") && existsSync(bundled)) return require(fileURLToPath(bundled));
  return require("@duckdb/node-api");
}
