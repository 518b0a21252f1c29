// Reading the publishers' comma-separated files as published: plain or gzipped, with a byte-order mark,
// quoted fields (which may hold commas, doubled quotes and line breaks), and line numbers for errors.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseDecimal } from "../store/checks.ts";
import { SourceError } from "./types.ts";

export interface CsvRecord {
  fields: string[];
  /** 1-based line of the file on which the record starts. */
  line: number;
}

/** The file's text; `.gz` files are decompressed. A truncated gzip stream is an error, not a short file. */
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
  if (path.endsWith(".gz")) {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new SourceError(
        path,
        undefined,
        `the gzip stream is damaged or truncated (${(err as Error).message})`,
        "Download the file again from the publisher.",
      );
    }
  }
  const text = bytes.toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits CSV text into records. An unterminated quote at the end means the file was cut short. */
export function parseCsv(text: string, file: string, startLine = 1): CsvRecord[] {
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
      "The file looks truncated; download it again from the publisher.",
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
