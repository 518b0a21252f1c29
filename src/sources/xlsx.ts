// A small reader for the plain .xlsx workbooks publishers export: cell values only, no styles or formulas.
// The IMF workbooks are machine-written and regular, so reading the sheet XML directly is several times
// faster than a general workbook library, and a truncated file fails at the zip's central directory
// with an error we can name.
import { readFile } from "node:fs/promises";
import yauzl from "yauzl";
import { SourceError } from "./types.ts";

export type Cell = string | number | null;

export interface Sheet {
  name: string;
  /** rows[r][c] with r and c 1-based as in Excel (index 0 unused); missing cells are null. */
  rows: Cell[][];
}

function unzipEntries(buffer: Buffer, file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolvePromise, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) {
        reject(
          new SourceError(
            file,
            undefined,
            `not a readable .xlsx workbook (${err?.message ?? "no zip"})`,
            "The file is truncated or not an Excel workbook; download it again from the publisher.",
          ),
        );
        return;
      }
      const out = new Map<string, Buffer>();
      zip.on("entry", (entry: yauzl.Entry) => {
        if (
          !/^xl\/(workbook\.xml|sharedStrings\.xml|_rels\/workbook\.xml\.rels|worksheets\/[^/]+\.xml)$/.test(
            entry.fileName,
          )
        ) {
          zip.readEntry();
          return;
        }
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) {
            reject(
              new SourceError(
                file,
                entry.fileName,
                `cannot read workbook part (${e?.message})`,
                "Download the file again.",
              ),
            );
            return;
          }
          const chunks: Buffer[] = [];
          stream.on("data", (c: Buffer) => chunks.push(c));
          stream.on("error", (se) =>
            reject(
              new SourceError(
                file,
                entry.fileName,
                `corrupt workbook part (${se.message})`,
                "Download the file again.",
              ),
            ),
          );
          stream.on("end", () => {
            out.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolvePromise(out));
      zip.on("error", (e: Error) =>
        reject(
          new SourceError(
            file,
            undefined,
            `corrupt .xlsx workbook (${e.message})`,
            "Download the file again.",
          ),
        ),
      );
      zip.readEntry();
    });
  });
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function decodeXml(s: string): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e];
  });
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  for (const m of xml.matchAll(/<si>([\s\S]*?)<\/si>/g)) {
    let text = "";
    for (const t of m[1].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) text += t[1];
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

function parseSheet(xml: string, shared: string[]): Cell[][] {
  const rows: Cell[][] = [];
  const rowRe = /<row\b[^>]*?\br="(\d+)"[^>]*?(?:\/>|>([\s\S]*?)<\/row>)/g;
  const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
  for (const rm of xml.matchAll(rowRe)) {
    const r = Number(rm[1]);
    const cells: Cell[] = [];
    if (rm[2]) {
      for (const cm of rm[2].matchAll(cellRe)) {
        const attrs = cm[1];
        const ref = /\br="([A-Z]+)\d+"/.exec(attrs)?.[1];
        if (!ref || cm[2] === undefined) continue;
        const type = /\bt="(\w+)"/.exec(attrs)?.[1];
        const c = columnIndex(ref);
        let value: Cell = null;
        if (type === "inlineStr") {
          value = decodeXml([...cm[2].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(""));
        } else {
          const v = /<v>([\s\S]*?)<\/v>/.exec(cm[2])?.[1];
          if (v === undefined) value = null;
          else if (type === "s") value = shared[Number(v)] ?? null;
          else if (type === "str" || type === "e") value = decodeXml(v);
          else if (type === "b") value = v === "1" ? 1 : 0;
          else value = Number(v);
        }
        cells[c] = value;
      }
    }
    rows[r] = cells;
  }
  return rows;
}

/** Reads every sheet (or the named ones) of a workbook. */
export async function readWorkbook(file: string, only?: (name: string) => boolean): Promise<Sheet[]> {
  let buffer: Buffer;
  try {
    buffer = await readFile(file);
  } catch (err) {
    throw new SourceError(file, undefined, `cannot read file (${(err as Error).message})`, "Check the path.");
  }
  const parts = await unzipEntries(buffer, file);
  const workbook = parts.get("xl/workbook.xml")?.toString("utf8");
  const rels = parts.get("xl/_rels/workbook.xml.rels")?.toString("utf8");
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
  const shared = parseSharedStrings(parts.get("xl/sharedStrings.xml")?.toString("utf8") ?? "");
  const sheets: Sheet[] = [];
  for (const m of workbook.matchAll(/<sheet\b([^>]*)\/?>/g)) {
    const name = decodeXml(/\bname="([^"]*)"/.exec(m[1])?.[1] ?? "");
    const rid = /\br:id="([^"]+)"/.exec(m[1])?.[1];
    if (only && !only(name)) continue;
    const target = rid ? targets.get(rid) : undefined;
    const xml = target ? parts.get(`xl/${target}`)?.toString("utf8") : undefined;
    if (!xml) {
      throw new SourceError(
        file,
        name,
        "sheet listed in the workbook is missing from the zip",
        "The file is damaged; download it again.",
      );
    }
    if (!xml.trimEnd().endsWith("</worksheet>")) {
      throw new SourceError(file, name, "sheet XML is cut off", "The file is truncated; download it again.");
    }
    sheets.push({ name, rows: parseSheet(xml, shared) });
  }
  return sheets;
}
