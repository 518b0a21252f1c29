// Real answers and files of the publishers (IMF, UN Comtrade, CEPII BACI), found in public repositories and
// kept outside the repository in ../shared/publisher-samples (its SOURCES.md says where each came from).
// Tests read them at run time; nothing of them is copied into the repository.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { SOURCES_DIR } from "./real-store.ts";

export const PUBLISHER_SAMPLES = resolve(
  process.env.DYAD_PUBLISHER_SAMPLES ?? resolve(SOURCES_DIR, "../publisher-samples"),
);

export function samplePath(...parts: string[]): string {
  return resolve(PUBLISHER_SAMPLES, ...parts);
}

export function readSample(...parts: string[]): string {
  return readFileSync(samplePath(...parts), "utf8");
}
