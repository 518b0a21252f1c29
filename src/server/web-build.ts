// Building the dashboard (web/ → web/dist) with Vite's JS API, only when the bundle is missing or older
// than its sources, so `npm start` is quick after the first time.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const WEB_DIR = resolve(fileURLToPath(new URL("../../web", import.meta.url)));
export const WEB_DIST = join(WEB_DIR, "dist");
// The dashboard bundles the dossier's chart functions and the expansion of provenance sent by reference,
// so a change there calls for a rebuild too.
const BUNDLED_SOURCES = [resolve(WEB_DIR, "../src/dossier"), resolve(WEB_DIR, "../src/profile/json.ts")];

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === "dist" || name === "node_modules") continue;
    max = Math.max(max, newest(join(path, name)));
  }
  return max;
}

export function webBuildNeeded(dir = WEB_DIR): boolean {
  const index = join(dir, "dist", "index.html");
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  return [dir, ...BUNDLED_SOURCES].some((d) => existsSync(d) && newest(d) > built);
}

/** Builds web/ into web/dist; the Vite configuration is here, so there is no vite.config file to keep in step. */
export async function buildWeb(dir = WEB_DIR): Promise<string> {
  let vite: typeof import("vite");
  try {
    vite = await import("vite");
  } catch {
    throw new Error(
      "Building the dashboard needs Vite, a development dependency: run `npm install` (not --omit=dev) and try again.",
    );
  }
  await vite.build({
    root: dir,
    configFile: false,
    logLevel: "warn",
    build: { outDir: join(dir, "dist"), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  });
  return join(dir, "dist");
}
