// The one CSV reader: the publishers' comma-separated files as published, plain or gzipped, with a byte-order
// mark, quoted fields (which may hold commas, doubled quotes and line breaks), and line numbers for errors.
// Files are read whole: the ones dyad reads this way are at most tens of megabytes, and whole-file parsing
// keeps line numbers exact even when a quoted field spans lines.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseDecimal } from "../store/checks.ts";
import { SourceError } from "./types.ts";

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file on which the record starts. */
  line: number;
}

/**
 * The file's text; gzipped files (`.gz`, or the gzip magic bytes) are decompressed. A truncated gzip stream is
 * an error, not a short file.
 */
export function readText(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    throw new SourceError(
      path,
      undefined,
      `cannot read the file (${(err as Error).message})`,
      "Check the path.",
    );
  }
  if (path.endsWith(".gz") || (bytes[0] === 0x1f && bytes[1] === 0x8b)) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new SourceError(
        path,
        undefined,
        `not a complete gzip file: the stream is damaged or truncated (${(err as Error).message})`,
        "The file is truncated or damaged; download it again from the publisher.",
      );
    }
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits CSV text into records. An unterminated quote at the end means the file was cut short. Empty lines
 * are records of one empty field unless `skipBlank` leaves them out; `hint` says what to do about a cut file.
 */
export function parseCsv(
  text: string,
  file: string,
  startLine = 1,
  options: { skipBlank?: boolean; hint?: string } = {},
): CsvRecord[] {
  const out: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = startLine;
  let recordLine = startLine;
  let i = 0;
  const n = text.length;
  let inQuotes = false;
  let atFieldStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (inQuotes) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          field += '"';
          i += 2;
          continue;
        }
        inQuotes = false;
        i++;
        continue;
      }
      if (c === 10) line++;
      // Slice runs of ordinary characters at once: far faster than appending one at a time.
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 34 || d === 10) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
      continue;
    }
    if (c === 34 && atFieldStart) {
      inQuotes = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === 44) {
      fields.push(field);
      field = "";
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      fields.push(field);
      if (!(options.skipBlank && fields.length === 1 && fields[0] === ""))
        out.push({ fields, line: recordLine });
      fields = [];
      field = "";
      atFieldStart = true;
      i++;
      line++;
      recordLine = line;
      continue;
    }
    let j = i + 1;
    while (j < n) {
      const d = text.charCodeAt(j);
      if (d === 44 || d === 10 || d === 13 || d === 34) break;
      j++;
    }
    field += text.slice(i, j);
    atFieldStart = false;
    i = j;
  }
  if (inQuotes) {
    throw new SourceError(
      file,
      recordLine,
      "a quoted field is never closed: the file ends in the middle of a record",
      options.hint ?? "The file looks truncated; download it again from the publisher.",
    );
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    out.push({ fields, line: recordLine });
  }
  return out;
}

/** Checks the header names the columns a module needs; returns each one's index. */
export function requireColumns(
  header: string[],
  needed: readonly string[],
  file: string,
  line: number,
  what: string,
): Record<string, number> {
  const index: Record<string, number> = {};
  const trimmed = header.map((h) => h.trim());
  const missing: string[] = [];
  for (const name of needed) {
    const at = trimmed.indexOf(name);
    if (at < 0) missing.push(name);
    else index[name] = at;
  }
  if (missing.length) {
    throw new SourceError(
      file,
      line,
      `the header lacks ${missing.map((m) => `"${m}"`).join(", ")} (found: ${trimmed.slice(0, 12).join(", ")}${trimmed.length > 12 ? ", …" : ""})`,
      `This does not look like ${what}; check the file and that it is the publisher's export unchanged.`,
    );
  }
  return index;
}

/** Every record must have as many fields as the header: a short last record means the file was cut. */
export function checkWidth(rec: CsvRecord, width: number, file: string): void {
  if (rec.fields.length !== width) {
    throw new SourceError(
      file,
      rec.line,
      `the record has ${rec.fields.length} fields where the header has ${width}`,
      "The file looks truncated or edited; download it again from the publisher.",
    );
  }
}

/** A number as the publisher wrote it, or null where the publisher marks a value as missing. */
export function parseNumber(
  raw: string,
  missing: readonly string[],
  file: string,
  line: number,
  column: string,
): number | null {
  const s = raw.trim();
  if (s === "" || missing.includes(s)) return null;
  const v = parseDecimal(s);
  if (v === undefined) {
    throw new SourceError(
      file,
      line,
      `column "${column}" holds "${raw.slice(0, 40)}", which is not a finite number in decimal notation`,
      "Check the file; it may have been edited or saved in another format.",
    );
  }
  return v;
}

/** Maps required column names to their index in the header, or says which are missing. */
export function headerIndex<T extends string>(
  header: string[],
  required: readonly T[],
  file: string,
  line: number,
  optional: readonly string[] = [],
): Record<T, number> & Record<string, number> {
  const clean = header.map((h) => h.trim());
  const out: Record<string, number> = {};
  const missing: string[] = [];
  for (const name of required) {
    const i = clean.indexOf(name);
    if (i < 0) missing.push(name);
    else out[name] = i;
  }
  for (const name of optional) {
    const i = clean.indexOf(name);
    if (i >= 0) out[name] = i;
  }
  if (missing.length) {
    throw new SourceError(
      file,
      line,
      `missing column${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")} (header has ${clean.map((h) => `"${h}"`).join(", ")})`,
      `The header must name the columns ${required.join(",")}.`,
    );
  }
  return out as Record<T, number> & Record<string, number>;
}
