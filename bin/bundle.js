// Running a one-command bundle of the build (scripts/bundle-cli.mjs) with V8's code cache beside it: the
// functions its last run compiled are read back instead of being parsed and compiled again.
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { setFlagsFromString } from "node:v8";
import { Script } from "node:vm";

/**
 * The bundled commands, with the V8 flags each sets as it runs (src/cli/commands/check.ts): set here before
 * its bundle is compiled, because V8 takes a code cache only under the flags it was made with.
 */
export const BUNDLED = { value: [], check: ["--no-regexp-tier-up"] };

/**
 * Runs the bundle's command with argv; undefined when there is no bundle. The cache is derived: made at the
 * first run (and after a Node upgrade, when V8 rejects it), named by the bundle's size and time so that a
 * rebuilt bundle never meets an old cache, and simply not written where the folder is read-only.
 * @returns {Promise<"used" | "made" | "not made" | "unwritable" | undefined>} what became of the cache
 */
export async function runBundle(file, command, argv) {
  let source;
  let cacheFile;
  try {
    const s = statSync(file);
    cacheFile = `${file}.${s.size}-${Math.trunc(s.mtimeMs)}.v8cache`;
    source = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  for (const flag of BUNDLED[command] ?? []) setFlagsFromString(flag);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // No cache yet: this run makes it.
  }
  // The wrapper Node gives a CommonJS module, so the bundle runs as if required.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  await module.exports.main(argv);
  if (cachedData && !script.cachedDataRejected) return "used";
  // Made after a whole run, so that it holds every function the command compiles, not only the top level:
  // not after an error or a help text, whose cache would lack the rest and stay (V8 would take it).
  if (process.exitCode === 1 || argv.slice(3).some((a) => a === "-h" || a === "--help")) return "not made";
  const tmp = `${cacheFile}.${process.pid}`;
  try {
    // Written aside and renamed, so that a run started meanwhile reads a whole cache or none.
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
    return "made";
  } catch {
    rmSync(tmp, { force: true });
    return "unwritable";
  }
}
