// Raw responses, kept as the publisher sent them: <data home>/snapshots/<source>/<date>/<run>/, one file per
// request plus manifest.json. The manifest is what makes a run resumable (parts already "done" are not
// asked again) and what an offline `dyad ingest <source> <snapshot>` reads to learn the retrieval date.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";

export type PartStatus = "pending" | "done" | "empty";

export interface ManifestPart {
  id: string;
  /** What a person reads in the progress bar and in errors, e.g. "RUS 2021-2024 (A)". */
  describe: string;
  url: string;
  file: string;
  status: PartStatus;
  retrieved?: string;
  bytes?: number;
  contentType?: string;
  records?: number;
  /** IMTS: the reporter-years this part answers for, so a re-fetch replaces exactly those. */
  covers?: string[];
}

export interface Manifest {
  source: string;
  runId: string;
  /** ISO date the run started: the retrieval date of its snapshot. */
  date: string;
  started: string;
  finished?: string;
  endpoint: string;
  params: Record<string, unknown>;
  complete: boolean;
  parts: ManifestPart[];
}

export const MANIFEST = "manifest.json";

export function snapshotsRoot(home: string, source: string): string {
  return resolve(home, "snapshots", source);
}

export function runIdOf(source: string, endpoint: string, params: Record<string, unknown>): string {
  return createHash("sha1").update(JSON.stringify({ source, endpoint, params })).digest("hex").slice(0, 10);
}

export function today(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The newest unfinished run with this id, under any date: a run that died yesterday resumes today. */
export function findResumable(home: string, source: string, runId: string): string | undefined {
  const root = snapshotsRoot(home, source);
  if (!existsSync(root)) return undefined;
  const dates = readdirSync(root)
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort()
    .reverse();
  for (const date of dates) {
    for (const name of readdirSync(join(root, date)).sort().reverse()) {
      if (name !== runId && !name.startsWith(`${runId}-`)) continue;
      const dir = join(root, date, name);
      const manifest = tryReadManifest(dir);
      if (manifest && !manifest.complete) return dir;
    }
  }
  return undefined;
}

/** A fresh directory for a run; a finished run of the same query on the same day is never overwritten. */
export function newRunDir(home: string, source: string, date: string, runId: string): string {
  const base = join(snapshotsRoot(home, source), date);
  let dir = join(base, runId);
  for (let n = 2; existsSync(dir); n++) dir = join(base, `${runId}-${n}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Write-then-rename, so a run killed mid-write never leaves a half file that looks complete. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeAtomic(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
}

export function tryReadManifest(dir: string): Manifest | undefined {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

export interface SnapshotFile {
  /** Absolute path. */
  path: string;
  /** Path as recorded in the store: relative to the data home when inside it. */
  label: string;
  retrieved: string;
  /** Where the date came from: the manifest, or the file's modification time when there is none. */
  retrievedFrom: "manifest" | "file-mtime";
  part?: ManifestPart;
}

export interface SnapshotSet {
  dir: string;
  manifest?: Manifest;
  files: SnapshotFile[];
}

/**
 * What `dyad ingest <source> <path>` reads: a run directory (its manifest.json, all parts), the manifest
 * itself, or a single response file (a part of a run, or a file downloaded by hand from the publisher).
 */
export function openSnapshot(path: string, home: string, source: string): SnapshotSet {
  const abs = resolve(path);
  if (!existsSync(abs)) {
    throw new Error(
      `${path}: no such snapshot. Give a run directory under ${snapshotsRoot(home, source)}/<date>/, its ${MANIFEST}, or a response file.`,
    );
  }
  const isDir = statSync(abs).isDirectory();
  const dir = isDir ? abs : dirname(abs);
  const manifest = tryReadManifest(dir);
  const label = (p: string) => {
    const rel = relative(resolve(home), p);
    return rel.startsWith("..") ? p : rel;
  };
  if (isDir || basename(abs) === MANIFEST) {
    if (!manifest)
      throw new Error(`${path}: no ${MANIFEST} here, so this is not a dyad snapshot run directory.`);
    if (manifest.source !== source) {
      throw new Error(
        `${path}: this is a snapshot of \`dyad fetch ${manifest.source}\`, not of \`dyad fetch ${source}\`; ingest it as that source.`,
      );
    }
    if (!manifest.complete) {
      const done = manifest.parts.filter((p) => p.status !== "pending").length;
      throw new Error(
        `${path}: the run is incomplete (${done} of ${manifest.parts.length} requests answered). Run the same \`dyad fetch ${source}\` command again to resume it; a partial set is never ingested.`,
      );
    }
    const files = manifest.parts
      .filter((p) => p.status === "done")
      .map((p) => {
        const file = join(dir, p.file);
        return {
          path: file,
          label: label(file),
          retrieved: (p.retrieved ?? manifest.date).slice(0, 10),
          retrievedFrom: "manifest" as const,
          part: p,
        };
      });
    return { dir, manifest, files };
  }
  const part = manifest?.parts.find((p) => p.file === basename(abs));
  const retrieved = part?.retrieved?.slice(0, 10) ?? manifest?.date;
  return {
    dir,
    manifest,
    files: [
      {
        path: abs,
        label: label(abs),
        retrieved: retrieved ?? today(statSync(abs).mtime),
        retrievedFrom: retrieved ? "manifest" : "file-mtime",
        part,
      },
    ],
  };
}
