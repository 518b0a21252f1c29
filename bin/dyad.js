#!/usr/bin/env node
// The `dyad` command. It runs the JavaScript that `npm run build` (run by `npm ci` and `npm install` through
// `prepare`) writes to dist/, when that build is newer than every file in src/: starting from built
// JavaScript saves the TypeScript transform of every module at each call. Otherwise (no build, a failed
// build, or sources edited since) it runs the sources through tsx, so a checkout never runs stale code.
import { readdirSync, statSync } from "node:fs";

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

let main;
if (process.env.DYAD_FROM_SOURCES !== "1" && builtIsFresh()) {
  ({ main } = await import("../dist/cli/main.js"));
} else {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import("../src/cli/main.ts"));
}
await main(process.argv);
