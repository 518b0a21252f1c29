// `dyad value` and `dyad check` run from one-command bundles in a build (scripts/bundle-cli.mjs), compiled
// with a V8 code cache (bin/bundle.js). They must answer exactly as the sources do through tsx, with and
// without the cache, and hold no other command's code.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { after, before, test } from "node:test";
import { openRealStore, testHome } from "../helpers/real-store.ts";
import { type Ran, runNode } from "../helpers/run.ts";

const SEED = resolve(
  process.env.DYAD_SOURCES ?? resolve("../shared/data"),
  "../seed/welt-2025-china-russland.txt",
);
// One folder below the repository root, as dist/bundles is below dist/: the bundled modules find the same
// packages and the same "newest code" folder relative to their own place.
const OUT = resolve(`test-output/bundles-${process.pid}`);

const env = () => ({ ...process.env, DYAD_HOME: testHome(), DYAD_DEBUG: "", NO_COLOR: "1" });

function fromSources(args: string[]): Ran {
  return runNode(["bin/dyad.js", ...args], { env: { ...env(), DYAD_FROM_SOURCES: "1" } });
}

/** The command through its bundle, as bin/dyad.js runs it; the cache's fate is the last line of stderr. */
function fromBundle(args: string[]): Ran & { cache: string } {
  const script = `
    const { runBundle } = await import("./bin/bundle.js");
    const cache = await runBundle(${JSON.stringify(`${OUT}/${args[0]}.cjs`)}, ${JSON.stringify(args[0])}, process.argv);
    process.stderr.write("\\ncache: " + cache);`;
  const r = runNode(["--input-type=module", "-e", script, "dyad", ...args], { env: env() });
  const cache = /\ncache: ([\w ]+)$/.exec(r.err)?.[1] ?? "none";
  return { ...r, err: r.err.replace(/\ncache: [\w ]+$/, ""), cache };
}

before(async () => {
  (await openRealStore()).close();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const r = runNode(["scripts/bundle-cli.mjs", OUT, "src"]);
  assert.equal(r.code, 0, r.err);
});

after(() => rmSync(OUT, { recursive: true, force: true }));

const CASES: string[][] = [
  ["value", "trade.export_share", "RUS", "CHN", "2020"],
  ["value", "trade.export_share", "RUS", "CHN", "2020", "--json"],
  // A missing figure (exit 2), an unknown country and a bad year (exit 1, the message on stderr).
  ["value", "trade.exports", "SYR", "MLT", "1960"],
  ["value", "trade.exports", "Narnia", "CHN", "2020"],
  ["value", "trade.exports", "CHN", "RUS", "20x0"],
  ["check", SEED, "--date", "2025-05-08"],
  ["check", SEED, "--date", "2025-05-08", "--json"],
  ["check", SEED, "--date", "2025-13-01"],
];

test("a bundle's code cache is made by its first whole run, not by a help text or an error", () => {
  // First in this file: the bundles are fresh, without a cache.
  assert.equal(fromBundle(["value", "--help"]).cache, "not made");
  assert.equal(fromBundle(["value", "trade.exports", "Narnia", "CHN", "2020"]).cache, "not made");
  assert.equal(fromBundle(["value", "trade.exports", "CHN", "RUS", "2020"]).cache, "made");
  assert.equal(fromBundle(["value", "trade.exports", "CHN", "RUS", "2020"]).cache, "used");
});

test("value and check print, fail and exit through their bundles exactly as through the sources, cached or not", () => {
  for (const args of CASES) {
    const expected = fromSources(args);
    // The first run of a bundle compiles it and makes its cache; the next runs read the cache.
    for (const run of [1, 2]) {
      const got = fromBundle(args);
      const what = `${args.join(" ")} (run ${run})`;
      assert.equal(got.code, expected.code, what);
      assert.equal(got.out, expected.out, what);
      assert.equal(got.err, expected.err, what);
      if (run === 2) assert.equal(got.cache, "used", `${what}: V8 took the cache`);
    }
  }
  // The seed's answer is a real one, not two empty outputs that agree.
  assert.match(fromSources(CASES[5]).out, /8 numeric claim/);
});

test("a bundle holds its command's modules only: no other command, server, dossier, panel or heavy package", () => {
  for (const command of ["value", "check"]) {
    const inputs = JSON.parse(readFileSync(`${OUT}/${command}.inputs.json`, "utf8")) as string[];
    assert.ok(inputs.includes(`src/cli/commands/${command}.ts`), command);
    assert.ok(
      inputs.some((i) => i.includes("@duckdb/node-api")),
      `${command}: DuckDB's API is bundled in`,
    );
    const foreign = inputs.filter((i) =>
      /src\/(server|dossier|panel|fetch)\/|src\/sources\/(?!citations|product-groups)|src\/cli\/commands\/(?!value|check)|playwright|exceljs|@observablehq|linkedom|hono|resvg/.test(
        i,
      ),
    );
    assert.deepEqual(foreign, [], command);
  }
});
