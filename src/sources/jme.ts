// Joint Military Exercises v3 (1974–2010): an Excel 97 workbook (read by ./xls.ts), one row per exercise,
// its participants as three-letter codes in the columns "State A" … "State AD". The codes are ISO3 as typed
// by hand ("DEu", "CAN "), so they are trimmed and upper-cased; "ROM" is Romania's old code; -9 is unknown;
// NATO and "8 NATO members" are groups. A row without s.year takes the year from its "Start Date"
// (mm/dd/yyyy, "xx" for an unknown day, a slash sometimes missing); a row with no readable year is left out
// and listed in the report. The last column, headed "AUS", holds 0/1 flags, not a state.
import { basename } from "node:path";
import { registry } from "../countries/index.ts";
import type { DatasetBatch, SqlValue } from "../store/index.ts";
import { MIL_EXERCISES_TABLE } from "../store/military-schema.ts";
import { JME_INFO } from "./citations.ts";
import { colLetter } from "./imf-cdis.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";
import { readXls } from "./xls.ts";
import type { Cell } from "./xlsx.ts";

const OLD_CODES: Record<string, string> = { ROM: "ROU" };
const GROUP = /\bNATO\b/i;

const text = (c: Cell | undefined) => (c === null || c === undefined ? "" : String(c).trim());

function yearOf(row: Cell[], col: Record<string, number>): number | undefined {
  const y = row[col["s.year"]];
  if (typeof y === "number" && Number.isInteger(y)) return y;
  // mm/dd/yyyy with "xx" for an unknown day, sometimes missing a slash ("11/xx2002"): the year ends it.
  const m = /^[\dx]{1,2}\/[\dx]{0,2}\/?((?:19|20)\d{2})$/i.exec(text(row[col["Start Date"]]));
  return m ? Number(m[1]) : undefined;
}

export async function readJme(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const file = basename(path);
  const sheets = readXls(path);
  const sheet = sheets.find((s) => s.rows.some((r) => r?.some((c) => c === "State A")));
  if (!sheet) {
    throw new SourceError(
      path,
      undefined,
      'no sheet with a header "State A"',
      "Pass Joint Military Exercises v3 (jme_v3.xls) unchanged.",
    );
  }
  const headerRow = sheet.rows.findIndex((r) => r?.some((c) => c === "State A"));
  const header = sheet.rows[headerRow].map(text);
  const col: Record<string, number> = {};
  for (const name of ["Exercise Name", "Start Date", "s.year", "e.year", "Location1"]) {
    const i = header.indexOf(name);
    if (i < 0) {
      throw new SourceError(
        path,
        `${sheet.name}!A${headerRow}`,
        `the header lacks "${name}"`,
        "Pass Joint Military Exercises v3 (jme_v3.xls) unchanged.",
      );
    }
    col[name] = i;
  }
  const states = header.flatMap((h, i) => (/^State [A-Z]{1,2}$/.test(h) ? [i] : []));
  const rows: SqlValue[][] = [];
  const unknown = new Map<string, string[]>();
  let unknownParticipants = 0;
  let exercises = 0;
  const undated: { row: number; name: string; startDate: string }[] = [];
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r];
    if (!row || row.every((c) => text(c) === "")) continue;
    const year = yearOf(row, col);
    if (year === undefined) {
      // Five rows of v3 have no year to read ("10/xx/007", "03/05/3009", none at all): left out, not guessed,
      // and listed in the ingest report.
      undated.push({
        row: r,
        name: text(row[col["Exercise Name"]]),
        startDate: text(row[col["Start Date"]]),
      });
      continue;
    }
    exercises++;
    const name = text(row[col["Exercise Name"]]);
    const endYear = row[col["e.year"]];
    const seen = new Set<string>();
    for (const i of states) {
      const raw = text(row[i]);
      if (!raw) continue;
      if (raw === "-9") {
        unknownParticipants++;
        continue;
      }
      let code: string | null = null;
      let kind = "group";
      if (!GROUP.test(raw)) {
        const upper = raw.toUpperCase();
        const entity = registry.tryResolve(OLD_CODES[upper] ?? upper);
        if (!entity) {
          const where = `${file} ${sheet.name}!${colLetter(i)}${r}`;
          unknown.set(raw, [...(unknown.get(raw) ?? []), where]);
          continue;
        }
        code = entity.code;
        kind = entity.kind;
      }
      const key = code ?? raw;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([
        "jme",
        `jme-row-${r}`,
        name && name !== "-9" ? name : null,
        null,
        year,
        typeof endYear === "number" && Number.isInteger(endYear) && endYear > 0 ? endYear : null,
        text(row[col.Location1]) || null,
        code,
        raw,
        kind,
        file,
        r,
      ]);
    }
  }
  if (unknown.size && !options.skipUnknown) {
    const list = [...unknown].map(([label, where]) => `"${label}" in ${where[0]}`).join(", ");
    throw new SourceError(
      path,
      undefined,
      `participant codes the registry does not know: ${list}`,
      "Add them to src/countries/aliases.ts, or pass --skip-unknown to leave them out.",
    );
  }
  return {
    ...recordOf(JME_INFO),
    path,
    files: 1,
    version: "Joint Military Exercises v3",
    report: {
      exercises,
      undated,
      unknownParticipants,
      skippedUnknown: [...unknown].map(([label, where]) => ({ label, where: where.slice(0, 5) })),
    },
    tables: [{ def: MIL_EXERCISES_TABLE, rows }],
  };
}

export const ingestJme = ingestWith(readJme);
