// Reading a BACI release zip without unpacking it: list the entries, stream one entry at a time.
import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import yauzl from "yauzl";
import { SourceError } from "../types.ts";

export interface ZipArchive {
  path: string;
  entries: Map<string, yauzl.Entry>;
  readText(name: string): Promise<string>;
  /** Streams one entry to a file; resolves when the entry has been read completely and its size checked. */
  extractTo(name: string, target: string): Promise<number>;
  close(): void;
}

/** No BACI year file comes near 8 GiB unpacked (the largest are about 1 GiB). */
export const MAX_ENTRY_BYTES = 8 * 2 ** 30;
/** Comma-separated numbers compress about 4:1; 100:1 leaves room and stops a zip bomb. */
export const MAX_RATIO = 100;

export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolveZip, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, z) =>
      err ? reject(err) : resolveZip(z),
    ),
  ).catch((err: Error) => {
    throw new SourceError(
      path,
      undefined,
      `not a complete zip archive (${err.message})`,
      "The download was probably cut short: fetch the release again (`dyad baci fetch`)",
    );
  });
  const entries = new Map<string, yauzl.Entry>();
  await new Promise<void>((done, reject) => {
    zip.on("entry", (e: yauzl.Entry) => {
      if (!e.fileName.endsWith("/")) {
        const name = basename(e.fileName);
        const earlier = entries.get(name);
        // Entries are found by their name alone, so two with one name (a/x.csv and other/x.csv) would let
        // whichever comes last replace the other without a word.
        if (earlier) {
          zip.close();
          reject(
            new SourceError(
              path,
              undefined,
              `two entries are named ${name} (${earlier.fileName} and ${e.fileName}), so which one is the release's is ambiguous`,
              "Use the zip as CEPII publishes it, with each file once",
            ),
          );
          return;
        }
        // CEPII's CSVs compress about 4:1; a ratio far beyond that is a zip bomb, not a year of trade.
        const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
        if (e.uncompressedSize > MAX_ENTRY_BYTES || (e.uncompressedSize > 2 ** 20 && ratio > MAX_RATIO)) {
          zip.close();
          reject(
            new SourceError(
              `${path}!${e.fileName}`,
              undefined,
              `the entry unpacks to ${e.uncompressedSize} bytes from ${e.compressedSize} (at most ${MAX_ENTRY_BYTES} bytes and ${MAX_RATIO}:1 are accepted)`,
              "This is not a BACI file as CEPII publishes it; fetch the release again",
            ),
          );
          return;
        }
        entries.set(name, e);
      }
      zip.readEntry();
    });
    zip.on("end", () => done());
    zip.on("error", (err: Error) =>
      reject(
        new SourceError(path, undefined, `damaged zip directory (${err.message})`, "Fetch the release again"),
      ),
    );
    zip.readEntry();
  });

  const open = (name: string): Promise<Readable> => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`${path}: no entry ${name}`);
    return new Promise((resolveStream, reject) =>
      zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolveStream(stream))),
    );
  };
  const damaged = (name: string, err: Error) =>
    new SourceError(
      `${path}!${name}`,
      undefined,
      `the entry cannot be read to its end (${err.message})`,
      "The archive is truncated or damaged: fetch the release again",
    );

  return {
    path,
    entries,
    async readText(name) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await open(name)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString("utf8");
      } catch (err) {
        throw damaged(name, err as Error);
      }
    },
    async extractTo(name, target) {
      try {
        const stream = await open(name);
        let bytes = 0;
        stream.on("data", (c: Buffer) => {
          bytes += c.length;
        });
        await pipeline(stream, createWriteStream(target, { highWaterMark: 1 << 20 }));
        return bytes;
      } catch (err) {
        throw damaged(name, err as Error);
      }
    },
    close() {
      zip.close();
    },
  };
}
