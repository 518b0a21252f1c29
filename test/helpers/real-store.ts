// A store with every real source of ../shared/data ingested, built once and shared by the test files.
// It lives in DYAD_TEST_HOME (default .dyad/test); a fingerprint of the source, store and registry code
// and of the data folder (every file's path and size) decides whether a store left by an earlier run can
// be reused, so new data from the publishers rebuild it as a clean clone would.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { findSourcesDir, setupAll } from "../../src/sources/setup.ts";
import { Store } from "../../src/store/index.ts";

export const SOURCES_DIR = resolve(process.env.DYAD_SOURCES ?? "../shared/data");

function codeFingerprint(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts")) hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of ["src/sources", "src/store", "src/countries"]) walk(resolve(dir));
  hash.update(SOURCES_DIR);
  const data = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const stat = statSync(path);
      if (stat.isDirectory()) data(path);
      else hash.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  if (existsSync(SOURCES_DIR)) data(SOURCES_DIR);
  return hash.digest("hex");
}

let shared: Promise<Store> | undefined;

export function testHome(): string {
  return resolve(process.env.DYAD_TEST_HOME ?? ".dyad/test");
}

async function build(): Promise<Store> {
  const home = testHome();
  const marker = join(home, "fingerprint");
  const fingerprint = codeFingerprint();
  const fresh = existsSync(marker) && readFileSync(marker, "utf8") === fingerprint;
  if (!fresh) {
    rmSync(home, { recursive: true, force: true });
    mkdirSync(home, { recursive: true });
    const store = await Store.open({ home });
    try {
      const steps = await setupAll(store, findSourcesDir(SOURCES_DIR).dir);
      const failed = steps.filter((s) => s.error);
      if (failed.length)
        throw new Error(`test store: ${failed.map((f) => `${f.source}: ${f.error}`).join("\n")}`);
    } finally {
      store.close();
    }
    writeFileSync(marker, fingerprint);
  }
  return Store.open({ home, readOnly: true });
}

/** The shared read-only store on the real data; build cost is paid by the first test file that asks. */
export function openRealStore(): Promise<Store> {
  shared ??= build();
  return shared;
}
