// CSV as publishers write it (RFC 4180 quoting, CRLF or LF, optionally gzipped), read whole: the files
// dyad reads this way are at most tens of megabytes, and whole-file parsing keeps line numbers exact for
// error messages even when a quoted field spans lines.
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import { SourceError } from "./types.ts";

export interface CsvRecord {
  /** 1-based line number where the record starts in the file. */
  line: number;
  fields: string[];
}

export async function readTextFile(file: string): Promise<string> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (err) {
    throw new SourceError(file, undefined, `cannot read file (${(err as Error).message})`, "Check the path.");
  }
  if (file.endsWith(".gz") || (buffer[0] === 0x1f && buffer[1] === 0x8b)) {
    try {
      buffer = gunzipSync(buffer);
    } catch (err) {
      throw new SourceError(
        file,
        undefined,
        `not a complete gzip file (${(err as Error).message})`,
        "The file is truncated or damaged; download it again.",
      );
    }
  }
  let text = buffer.toString("utf8");
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export function parseCsv(text: string, file: string, delimiter = ","): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  let fieldStarted = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && !fieldStarted) {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = "";
      fieldStarted = false;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      fieldStarted = false;
      line++;
      recordLine = line;
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) {
    throw new SourceError(
      file,
      recordLine,
      "a quoted field is never closed",
      "The file is truncated; download it again.",
    );
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
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
