// A BACI release zip, read without unpacking it (src/sources/zip.ts): its files by name, one year file
// streamed to disk at a time, with BACI's own limits and messages.
import { createWriteStream } from "node:fs";
import { basename } from "node:path";
import { pipeline } from "node:stream/promises";
import { SourceError } from "../types.ts";
import { openZip as openArchive, unpacksTooFar, type ZipEntry } from "../zip.ts";

export interface ZipArchive {
  path: string;
  entries: Map<string, ZipEntry>;
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
  const zip = await openArchive(path, {
    keep: (e) => (e.fileName.endsWith("/") ? undefined : basename(e.fileName)),
    refuse(e, name, kept) {
      const earlier = kept.get(name);
      // Entries are found by their name alone, so two with one name (a/x.csv and other/x.csv) would let
      // whichever comes last replace the other without a word.
      if (earlier) {
        return new SourceError(
          path,
          undefined,
          `two entries are named ${name} (${earlier.fileName} and ${e.fileName}), so which one is the release's is ambiguous`,
          "Use the zip as CEPII publishes it, with each file once",
        );
      }
      // CEPII's CSVs compress about 4:1; a ratio far beyond that is a zip bomb, not a year of trade.
      if (unpacksTooFar(e, MAX_ENTRY_BYTES, MAX_RATIO)) {
        return new SourceError(
          `${path}!${e.fileName}`,
          undefined,
          `the entry unpacks to ${e.uncompressedSize} bytes from ${e.compressedSize} (at most ${MAX_ENTRY_BYTES} bytes and ${MAX_RATIO}:1 are accepted)`,
          "This is not a BACI file as CEPII publishes it; fetch the release again",
        );
      }
      return undefined;
    },
    unreadable: (err) =>
      new SourceError(
        path,
        undefined,
        `not a complete zip archive (${err.message})`,
        "The download was probably cut short: fetch the release again (`dyad baci fetch`)",
      ),
    damaged: (err) =>
      new SourceError(path, undefined, `damaged zip directory (${err.message})`, "Fetch the release again"),
  });
  const damaged = (name: string, err: Error) =>
    new SourceError(
      `${path}!${name}`,
      undefined,
      `the entry cannot be read to its end (${err.message})`,
      "The archive is truncated or damaged: fetch the release again",
    );

  return {
    path,
    entries: zip.entries,
    async readText(name) {
      try {
        const chunks: Buffer[] = [];
        for await (const chunk of await zip.stream(name)) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString("utf8");
      } catch (err) {
        throw damaged(name, err as Error);
      }
    },
    async extractTo(name, target) {
      try {
        const stream = await zip.stream(name);
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
    close: () => zip.close(),
  };
}
