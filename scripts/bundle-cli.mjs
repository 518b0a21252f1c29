// Part of `npm run build`: the commands people run most often at a prompt (`dyad value`, `dyad check`), each
// as one CommonJS file with everything it runs but DuckDB's native binding: dist/bundles/<command>.cjs.
// bin/dyad.js runs such a bundle for its command with a V8 code cache beside it (bin/bundle.js), so a call
// neither resolves and reads ~90 modules nor parses and compiles them again. The other commands, and a
// build without esbuild, run dist/cli/main.js as before.
// usage: node scripts/bundle-cli.mjs [OUTDIR [dist|src]]   (from the repository root; the tests bundle the
// TypeScript sources into test-output/, one folder below the root as dist/bundles is below dist/)
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";

const [outdir = "dist/bundles", from = "dist"] = process.argv.slice(2);
const ext = from === "src" ? "ts" : "js";
const require = createRequire(import.meta.url);
let esbuild;
try {
  esbuild = createRequire(require.resolve("tsx"))("esbuild");
} catch {
  console.warn("dyad build: esbuild not found; every command runs dist/cli/main.js.");
  process.exit(0);
}

const COMMANDS = ["value", "check"];

// The store loads DuckDB's API from dist/vendor by a computed path, which a bundler cannot follow: in a bundle
// the module is the package itself, bundled in.
const duckdbInline = {
  name: "duckdb-inline",
  setup(build) {
    build.onLoad({ filter: /[\\/]store[\\/]duckdb\.[jt]s$/ }, () => ({
      contents: 'import * as api from "@duckdb/node-api";\nexport const duckdbApi = api;\n',
      resolveDir: resolve(from, "store"),
      loader: "js",
    }));
  },
};

for (const command of COMMANDS) {
  const outfile = `${outdir}/${command}.cjs`;
  const result = await esbuild.build({
    entryPoints: [`${from}/cli/one/${command}.${ext}`],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    // The native library stays where npm put it, loaded by its own package.
    external: ["@duckdb/node-bindings"],
    // The bundle sits one folder below dist/, as the modules it holds did, so their paths relative to
    // import.meta.url (dist/ as the newest code) still lead to the same places.
    define: { "import.meta.url": "__dyadBundleUrl" },
    banner: { js: 'const __dyadBundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [duckdbInline],
    outfile,
    metafile: true,
    logLevel: "warning",
  });
  // A dynamic import left in the bundle would need an ES module loader that a code-cached script lacks.
  const code = readFileSync(outfile, "utf8");
  if (/\bimport\(/.test(code)) throw new Error(`dyad build: ${outfile} still imports a module dynamically.`);
  // What the bundle holds, for a reader (and the tests): the modules of the command and nothing else.
  writeFileSync(
    `${outdir}/${command}.inputs.json`,
    JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1),
  );
}
// esbuild's service is a process of its own, which inherited this one's stderr: stopped here rather than left
// to notice that this process has gone, so that nothing outlives the build and a caller that waits for the
// build's output to end (spawnSync, a test) never waits on it.
esbuild.stop();
