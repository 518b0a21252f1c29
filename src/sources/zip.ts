// The one zip reader (workbooks, BACI releases): the entries are listed from the central directory and read
// one at a time as streams, so an archive is never held in memory whole. The caller says which entries it
// keeps under which name, and refuses an entry (too large, a zip bomb) before anything of it is unpacked;
// every error is the caller's own, so it names the file and says what to do in the source's terms.
import type { Readable } from "node:stream";
import yauzl from "yauzl";

export type ZipEntry = yauzl.Entry;

export interface ZipReadOptions {
  /** The name an entry is kept under, or undefined to pass it over. */
  keep(entry: ZipEntry): string | undefined;
  /** Why an entry cannot be read (an error to throw before it is unpacked), or undefined to keep it. */
  refuse?(entry: ZipEntry, name: string, kept: ReadonlyMap<string, ZipEntry>): Error | undefined;
  /** The error for a file that cannot be opened as a zip (missing, truncated, not a zip). */
  unreadable(err: NodeJS.ErrnoException): Error;
  /** The error for a central directory that breaks off while it is listed. */
  damaged(err: Error): Error;
}

export interface ZipArchive {
  path: string;
  /** The kept entries by the name `keep` gave them, in the archive's order. */
  entries: Map<string, ZipEntry>;
  /** One entry's bytes as a stream; the size yauzl checks against the directory as it reads. */
  stream(name: string): Promise<Readable>;
  close(): void;
}

/** Whether an entry unpacks to more than `maxBytes`, or (beyond 1 MiB) more than `maxRatio` times its packed size. */
export function unpacksTooFar(entry: ZipEntry, maxBytes: number, maxRatio: number): boolean {
  const size = entry.uncompressedSize;
  return size > maxBytes || (size > 2 ** 20 && size > maxRatio * Math.max(entry.compressedSize, 1));
}

export function openZip(path: string, options: ZipReadOptions): Promise<ZipArchive> {
  return new Promise((resolveArchive, reject) => {
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) {
        reject(options.unreadable(err ?? new Error("no zip")));
        return;
      }
      const entries = new Map<string, ZipEntry>();
      const fail = (error: Error) => {
        zip.close();
        reject(error);
      };
      zip.on("entry", (entry: ZipEntry) => {
        const name = options.keep(entry);
        if (name !== undefined) {
          const refused = options.refuse?.(entry, name, entries);
          if (refused) return fail(refused);
          entries.set(name, entry);
        }
        zip.readEntry();
      });
      zip.on("end", () =>
        resolveArchive({
          path,
          entries,
          stream(name) {
            const entry = entries.get(name);
            if (!entry) return Promise.reject(new Error(`${path}: no entry ${name}`));
            return new Promise((done, failed) =>
              zip.openReadStream(entry, (e, s) => (e || !s ? failed(e ?? new Error("no stream")) : done(s))),
            );
          },
          close: () => zip.close(),
        }),
      );
      zip.on("error", (e: Error) => fail(options.damaged(e)));
      zip.readEntry();
    });
  });
}
