// A small reader for the plain .xlsx workbooks publishers export: cell values only, no styles or formulas.
// The IMF workbooks are machine-written and regular, so reading the sheet XML directly is several times
// faster than a general workbook library, and a truncated file fails at the zip's central directory
// with an error we can name.
//
// Hostile workbooks are read in bounded memory and linear time: the zip is read from disk entry by entry
// (never the whole file at once); a part that unpacks to more than MAX_PART_BYTES, or far more than its
// compressed size, is refused before it is unpacked; sheet XML is parsed as it streams, one <row> at a
// time, and a row that never closes is an error at once rather than a scan to the end for every row.
import { parseDecimal } from "../store/checks.ts";
import { SourceError } from "./types.ts";
import { openZip, unpacksTooFar, type ZipEntry } from "./zip.ts";

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  /** rows[r][c] with r and c 1-based as in Excel (index 0 unused); missing cells are null. */
  rows: Cell[][];
}

/** No publisher's sheet comes near this unpacked (the largest IMF sheet is under 2 MB). */
export const MAX_PART_BYTES = 256 * 2 ** 20;
/** One row's XML; the widest real rows are a few KB. */
export const MAX_ROW_BYTES = 4 * 2 ** 20;
/** XML compresses well, but not a thousandfold; a larger ratio is a zip bomb. */
const MAX_RATIO = 200;

const PARTS = /^xl\/(workbook\.xml|sharedStrings\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/;

interface Workbook {
  entries: Map<string, ZipEntry>;
  /** Streams a part's text in chunks. */
  chunks(name: string): AsyncIterable<string>;
  close(): void;
}

async function openWorkbook(file: string, maxPartBytes: number): Promise<Workbook> {
  const zip = await openZip(file, {
    keep: (entry) => (PARTS.test(entry.fileName) ? entry.fileName : undefined),
    refuse: (entry) =>
      unpacksTooFar(entry, maxPartBytes, MAX_RATIO)
        ? new SourceError(
            file,
            entry.fileName,
            `the workbook part unpacks to ${entry.uncompressedSize.toLocaleString("en")} bytes from ${entry.compressedSize.toLocaleString("en")} (dyad reads parts of at most ${maxPartBytes / 2 ** 20} MiB, compressed at most ${MAX_RATIO}:1)`,
            "This is not a workbook as the publisher exports it; download it again.",
          )
        : undefined,
    unreadable(err) {
      const missing = err.code === "ENOENT";
      return new SourceError(
        file,
        undefined,
        missing ? "cannot read file (no such file)" : `not a readable .xlsx workbook (${err.message})`,
        missing
          ? "Check the path."
          : "The file is truncated or not an Excel workbook; download it again from the publisher.",
      );
    },
    damaged: (e) =>
      new SourceError(file, undefined, `corrupt .xlsx workbook (${e.message})`, "Download the file again."),
  });
  return {
    entries: zip.entries,
    async *chunks(name) {
      if (!zip.entries.has(name)) return;
      const stream = await zip.stream(name).catch((e: Error) => {
        throw new SourceError(
          file,
          name,
          `cannot read workbook part (${e.message})`,
          "Download the file again.",
        );
      });
      const decoder = new TextDecoder("utf-8");
      try {
        for await (const chunk of stream) yield decoder.decode(chunk as Buffer, { stream: true });
        yield decoder.decode();
      } catch (e) {
        throw new SourceError(
          file,
          name,
          `corrupt workbook part (${(e as Error).message})`,
          "Download the file again.",
        );
      }
    },
    close: () => zip.close(),
  };
}

async function wholePart(book: Workbook, name: string): Promise<string | undefined> {
  if (!book.entries.has(name)) return undefined;
  let text = "";
  for await (const chunk of book.chunks(name)) text += chunk;
  return text;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code <= 0x10ffff ? String.fromCodePoint(code) : "\uFFFD";
    }
    return ENTITIES[e];
  });
}

/**
 * Yields each complete element `<tag …>…</tag>` (or `<tag …/>`) of a part as it streams in. Only the current
 * element and the text after it are held. An element that opens again before it closes, or grows beyond
 * `maxBytes`, is an error naming the part.
 */
async function* elements(
  chunks: AsyncIterable<string>,
  tag: string,
  file: string,
  part: string,
  maxBytes: number,
): AsyncGenerator<string> {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let buffer = "";
  let ended = false;
  const iterator = chunks[Symbol.asyncIterator]();
  for (;;) {
    let start = buffer.indexOf(open);
    // `<row` must be followed by a space, > or / to be the element (not <rowBreaks>).
    while (start >= 0 && !/[\s>/]/.test(buffer[start + open.length] ?? " "))
      start = buffer.indexOf(open, start + 1);
    if (start < 0) {
      // Keep a tail that may hold the start of the next tag.
      buffer = buffer.slice(Math.max(0, buffer.length - open.length));
    } else {
      buffer = buffer.slice(start);
      const tagEnd = buffer.indexOf(">");
      if (tagEnd >= 0 && buffer[tagEnd - 1] === "/") {
        yield buffer.slice(0, tagEnd + 1);
        buffer = buffer.slice(tagEnd + 1);
        continue;
      }
      const end = tagEnd < 0 ? -1 : buffer.indexOf(close, tagEnd);
      let reopened = tagEnd < 0 ? -1 : buffer.indexOf(open, tagEnd);
      while (reopened >= 0 && !/[\s>/]/.test(buffer[reopened + open.length] ?? " "))
        reopened = buffer.indexOf(open, reopened + 1);
      if (reopened >= 0 && (end < 0 || reopened < end)) {
        throw new SourceError(
          file,
          part,
          `a <${tag}> element opens again before it is closed (${JSON.stringify(buffer.slice(0, 60))}…)`,
          "The sheet XML is malformed; download the workbook again.",
        );
      }
      if (end >= 0) {
        yield buffer.slice(0, end + close.length);
        buffer = buffer.slice(end + close.length);
        continue;
      }
      if (buffer.length > maxBytes) {
        throw new SourceError(
          file,
          part,
          `a <${tag}> element is longer than ${maxBytes / 2 ** 20} MiB`,
          "This is not a sheet as publishers export it; download the workbook again.",
        );
      }
    }
    if (ended) {
      if (start >= 0) {
        throw new SourceError(
          file,
          part,
          `the last <${tag}> element is cut off`,
          "The file is truncated; download it again.",
        );
      }
      return;
    }
    const next = await iterator.next();
    if (next.done) ended = true;
    else buffer += next.value;
  }
}

async function readSharedStrings(book: Workbook, file: string): Promise<string[]> {
  const name = "xl/sharedStrings.xml";
  const out: string[] = [];
  if (!book.entries.has(name)) return out;
  for await (const si of elements(book.chunks(name), "si", file, name, MAX_ROW_BYTES)) {
    let text = "";
    for (const t of si.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)) text += t[1];
    out.push(decodeXml(text));
  }
  return out;
}

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

/** Excel's last column is XFD (16,384); a reference beyond it would make a sparse array of any size. */
const MAX_COLUMN = 16_384;
/** Excel's last row. */
const MAX_ROW = 1_048_576;

function parseRow(xml: string, shared: string[], file: string, part: string): { r: number; cells: Cell[] } {
  const r = Number(/^<row\b[^>]*?\br="(\d+)"/.exec(xml)?.[1]);
  if (!Number.isInteger(r) || r < 1 || r > MAX_ROW) {
    throw new SourceError(
      file,
      part,
      `a row without a valid number (${JSON.stringify(xml.slice(0, 60))})`,
      "Download the workbook again.",
    );
  }
  const cells: Cell[] = [];
  const body = xml.endsWith("/>") && !xml.includes("</row>") ? "" : xml.slice(xml.indexOf(">") + 1);
  for (const cm of body.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const attrs = cm[1];
    const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
    if (!ref || cm[2] === undefined) continue;
    const c = columnIndex(ref);
    if (c > MAX_COLUMN) {
      throw new SourceError(
        file,
        `${part} row ${r}`,
        `cell ${ref}${r} lies beyond Excel's last column`,
        "Download the workbook again.",
      );
    }
    const type = /\bt="(\w+)"/.exec(attrs)?.[1];
    let value: Cell = null;
    if (type === "inlineStr") {
      value = decodeXml([...cm[2].matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((t) => t[1]).join(""));
    } else {
      const v = /<v>([^<]*)<\/v>/.exec(cm[2])?.[1];
      if (v === undefined || v.trim() === "") value = null;
      else if (type === "s") value = shared[Number(v)] ?? null;
      else if (type === "str" || type === "e") value = decodeXml(v);
      else if (type === "b") value = v === "1" ? 1 : 0;
      else {
        // A number cell holds a finite decimal; NaN, 1e400 or 0x1F here is an edited file, not a statistic.
        const n = parseDecimal(v);
        if (n === undefined) {
          throw new SourceError(
            file,
            `${part}!${ref}${r}`,
            `the number cell holds "${v.slice(0, 40)}", not a finite number`,
            "Check the cell against the publisher's workbook; download it again.",
          );
        }
        value = n;
      }
    }
    cells[c] = value;
  }
  return { r, cells };
}

/** Reads every sheet (or the named ones) of a workbook; `maxPartBytes` lowers the size cap (tests). */
export async function readWorkbook(
  file: string,
  only?: (name: string) => boolean,
  maxPartBytes = MAX_PART_BYTES,
): Promise<Sheet[]> {
  const book = await openWorkbook(file, maxPartBytes);
  try {
    const workbook = await wholePart(book, "xl/workbook.xml");
    const rels = await wholePart(book, "xl/_rels/workbook.xml.rels");
    if (!workbook || !rels) {
      throw new SourceError(
        file,
        undefined,
        "no workbook part inside the zip",
        "This is not an .xlsx workbook; download it again.",
      );
    }
    const targets = new Map<string, string>();
    for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const id = /\bId="([^"]+)"/.exec(m[1])?.[1];
      const target = /\bTarget="([^"]+)"/.exec(m[1])?.[1];
      if (id && target) targets.set(id, target.replace(/^\/?xl\//, "").replace(/^\//, ""));
    }
    const shared = await readSharedStrings(book, file);
    const sheets: Sheet[] = [];
    for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
      const name = decodeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? "");
      const rid = /\br:id="([^"]+)"/.exec(m[1])?.[1];
      if (only && !only(name)) continue;
      const target = rid ? targets.get(rid) : undefined;
      const part = target ? `xl/${target}` : "";
      if (!target || !book.entries.has(part)) {
        throw new SourceError(
          file,
          name,
          "sheet listed in the workbook is missing from the zip",
          "The file is damaged; download it again.",
        );
      }
      const rows: Cell[][] = [];
      let tail = "";
      const chunks = book.chunks(part);
      // The last chunk's end is kept to see that the sheet closes (a truncated sheet is cut off).
      const watched = (async function* () {
        for await (const chunk of chunks) {
          tail = (tail + chunk).slice(-64);
          yield chunk;
        }
      })();
      for await (const rowXml of elements(watched, "row", file, `${name} (${part})`, MAX_ROW_BYTES)) {
        const { r, cells } = parseRow(rowXml, shared, file, name);
        rows[r] = cells;
      }
      if (!tail.trimEnd().endsWith("</worksheet>")) {
        throw new SourceError(
          file,
          name,
          "sheet XML is cut off",
          "The file is truncated; download it again.",
        );
      }
      sheets.push({ name, rows });
    }
    return sheets;
  } finally {
    book.close();
  }
}
