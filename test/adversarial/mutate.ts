// Mutated copies of the real source files, written to a temporary folder at run time (never committed):
// the publisher's own layout, a few of its rows, one cell changed the way a careless edit or an attacker
// would change it.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import yauzl from "yauzl";
import { ZipWriter } from "../../src/sources/baci/zip-writer.ts";

export const SOURCES_DIR = resolve(process.env.DYAD_SOURCES ?? "../shared/data");

export function tempDir(prefix = "dyad-adversarial-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** The text of a real file under the data folder (gunzipped when it ends in .gz). */
export function realText(rel: string): string {
  const raw = readFileSync(join(SOURCES_DIR, rel));
  return (rel.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
}

/**
 * Writes `lines` (already mutated) under the real file's name into `dir` (a new temp folder by default),
 * gzipped when the real one is, and returns its path.
 */
export function writeLike(rel: string, lines: string[], dir = tempDir()): string {
  const path = join(dir, basename(rel));
  const text = `${lines.join("\n")}\n`;
  writeFileSync(path, rel.endsWith(".gz") ? gzipSync(text) : text);
  return path;
}

/** Replaces field `index` (0-based, unquoted CSV without embedded commas before it) of a CSV line. */
export function setField(line: string, index: number, value: string): string {
  const fields = splitCsvLine(line);
  fields[index] = value;
  return fields.join(",");
}

/** Splits one CSV line, keeping quotes as written (enough for the real files' single-line records). */
export function splitCsvLine(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    if (ch === "," && !quoted) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Every entry of a zip (an .xlsx workbook), by its full name. */
export function readZipEntries(path: string): Promise<Map<string, Buffer>> {
  return new Promise((done, reject) => {
    yauzl.open(path, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return reject(e);
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", reject);
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => done(out));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

/** A copy of a real zip (an .xlsx workbook) with some entries' text rewritten. */
export async function rewriteZip(
  source: string,
  target: string,
  rewrite: (name: string, text: string) => string | undefined,
): Promise<void> {
  const entries = await readZipEntries(source);
  const writer = new ZipWriter(target);
  for (const [name, data] of entries) {
    const text = /\.(xml|rels)$/.test(name) ? rewrite(name, data.toString("utf8")) : undefined;
    await writer.addEntry(name, [text ?? data]);
  }
  await writer.close();
}
