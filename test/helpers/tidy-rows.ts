// The tidy trade CSVs of the data folder (reference/*.csv, comtrade/*.csv.gz) read straight from the files,
// so tests can take "the latest year" and its figures from the data rather than from the code under test.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { SOURCES_DIR } from "./real-store.ts";

export interface TidyRow {
  file: string;
  line: number;
  reporter: string;
  partner: string;
  year: number;
  flow: string;
  value: number;
  source: string;
  note: string;
}

/** Splits one CSV line with quoted fields (the tidy files quote `source` and `note`). */
function fields(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

export function tidyRows(folder: "reference" | "comtrade", prefix = ""): TidyRow[] {
  const dir = join(SOURCES_DIR, folder);
  const rows: TidyRow[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!name.startsWith(prefix) || !/\.csv(\.gz)?$/.test(name)) continue;
    const raw = readFileSync(join(dir, name));
    const text = (name.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
    text
      .split(/\r?\n/)
      .slice(1)
      .forEach((line, i) => {
        if (!line.trim()) return;
        const [reporter, partner, year, flow, value, source, note] = fields(line);
        rows.push({
          file: `${folder}/${name}`,
          line: i + 2,
          reporter,
          partner: partner === "World" ? "WLD" : partner,
          year: Number(year),
          flow,
          value: Number(value),
          source,
          note: note ?? "",
        });
      });
  }
  return rows;
}

/** The one row of a flow, or undefined. */
export function rowOf(
  rows: TidyRow[],
  reporter: string,
  partner: string,
  year: number,
  flow: string,
): TidyRow | undefined {
  return rows.find(
    (r) => r.reporter === reporter && r.partner === partner && r.year === year && r.flow === flow,
  );
}
