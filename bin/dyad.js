#!/usr/bin/env node
// The `dyad` command. It runs the JavaScript that `npm run build` (run by `npm ci` and `npm install` through
// `prepare`) writes to dist/, when that build is newer than every file in src/: starting from built
// JavaScript saves the TypeScript transform of every module at each call. Otherwise (no build, a failed
// build, or sources edited since) it runs the sources through tsx, so a checkout never runs stale code.
import { readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BUNDLED, runBundle } from "./bundle.js";

const root = new URL("../", import.meta.url);

function builtIsFresh() {
  let built;
  try {
    built = statSync(new URL("dist/.built", root)).mtimeMs;
  } catch {
    return false;
  }
  const src = new URL("src/", root);
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs > built) return false;
  }
  return true;
}

const command = process.argv[2];
if (process.env.DYAD_FROM_SOURCES !== "1" && builtIsFresh()) {
  // `dyad value` and `dyad check` run from their own bundle (one file, code-cached) when the build made it.
  const ran =
    Object.hasOwn(BUNDLED, command) &&
    (await runBundle(fileURLToPath(new URL(`dist/bundles/${command}.cjs`, root)), command, process.argv));
  if (!ran) {
    const { main } = await import("../dist/cli/main.js");
    await main(process.argv);
  }
} else {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import("../src/cli/main.ts");
  await main(process.argv);
}
