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
      if (!e.fileName.endsWith("/")) entries.set(basename(e.fileName), e);
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
