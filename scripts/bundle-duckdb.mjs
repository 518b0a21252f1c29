// Part of `npm run build`: DuckDB's Node API as one CommonJS file, dist/vendor/duckdb-node-api.cjs.
// The package is ~180 small files; Node opens, wraps and compiles each at every start of the CLI (about a
// fifth of `dyad value`'s CPU). One file with the same code loads in ~60 % of the time. The native
// binding (@duckdb/node-bindings) stays outside, loaded from node_modules as before. esbuild is tsx's own
// dependency (tsx is one of dyad's); without it the step is skipped and the store requires the package.
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = createRequire(require.resolve("tsx"))("esbuild");
} catch {
  console.warn("dyad build: esbuild not found; DuckDB's API is loaded from node_modules file by file.");
  process.exit(0);
}
mkdirSync("dist/vendor", { recursive: true });
await esbuild.build({
  entryPoints: [require.resolve("@duckdb/node-api")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["@duckdb/node-bindings"],
  outfile: "dist/vendor/duckdb-node-api.cjs",
  logLevel: "warning",
});
// As in bundle-cli.mjs: esbuild's service process is stopped, not left to outlive the build.
esbuild.stop();
