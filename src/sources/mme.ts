// Multinational Military Exercises v7 (D'Orazio & Galambos): one row per exercise, 1980–2010, its
// participants by name in the columns StateA … StateAM. `-9` marks an unknown value (a name, a participant).
// Groups named as participants (NATO, "Baltic States") are kept with their label and no code.
import { basename } from "node:path";
import type { DatasetBatch, SqlValue } from "../store/index.ts";
import { MIL_EXERCISES_TABLE } from "../store/military-schema.ts";
import { MME_INFO } from "./citations.ts";
import { parseCsv, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestListingSkipped, recordOf, SourceError } from "./types.ts";

const GROUPS = new Set(["NATO", "Baltic States"]);
const UNKNOWN = "-9";

export async function readMme(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const file = basename(path);
  const records = parseCsv(readText(path), path);
  const header = records[0]?.fields ?? [];
  const col = requireColumns(
    header,
    ["MMEID", "Ex_Name", "Series_Name", "Location", "s.year", "e.year", "StateA"],
    path,
    1,
    "the Multinational Military Exercises file (mme_v7.csv)",
  );
  const states = header.flatMap((h, i) => (/^State[A-Z]{1,2}$/.test(h) ? [i] : []));
  const labels = new LabelResolver();
  const rows: SqlValue[][] = [];
  let unknownParticipants = 0;
  const repeatedIds: string[] = [];
  const ids = new Set<string>();
  for (const rec of records.slice(1)) {
    const f = rec.fields;
    if (f.length === 1 && f[0] === "") continue;
    if (f.length !== header.length) {
      throw new SourceError(
        path,
        rec.line,
        `the record has ${f.length} fields where the header has ${header.length}`,
        "The file looks truncated or edited; download it again.",
      );
    }
    const id = f[col.MMEID].trim();
    if (!/^mme\d+$/.test(id)) {
      throw new SourceError(
        path,
        rec.line,
        `MMEID "${id}" is not an MME id (mme<number>)`,
        "Check the line.",
      );
    }
    // The published file gives three ids to two exercises each (mme3457, mme3458, mme3460: different years,
    // places, participants); each line is one exercise, so the line, not the id, tells them apart.
    if (ids.has(id)) repeatedIds.push(`${id} (line ${rec.line})`);
    ids.add(id);
    const year = Number(f[col["s.year"]]);
    if (!Number.isInteger(year) || !/^\d{4}$/.test(f[col["s.year"]].trim())) {
      throw new SourceError(path, rec.line, `s.year "${f[col["s.year"]]}" is not a year`, "Check the line.");
    }
    const endText = f[col["e.year"]].trim();
    const endYear = /^\d{4}$/.test(endText) ? Number(endText) : null;
    const name = f[col.Ex_Name].trim();
    const series = f[col.Series_Name].trim();
    const seen = new Set<string>();
    for (const i of states) {
      const label = f[i].trim();
      if (!label) continue;
      if (label === UNKNOWN) {
        unknownParticipants++;
        continue;
      }
      let code: string | null = null;
      let kind = "group";
      if (!GROUPS.has(label)) {
        const entity = labels.resolve(label, `${file}:${rec.line}`);
        if (!entity) continue;
        code = entity.code;
        kind = entity.kind;
      }
      // A state listed twice in one exercise takes part once.
      const key = code ?? label;
      if (seen.has(key)) continue;
      seen.add(key);
      rows.push([
        "mme",
        id,
        name && name !== UNKNOWN ? name : null,
        series && series !== UNKNOWN ? series : null,
        year,
        endYear,
        f[col.Location].trim() || null,
        code,
        label,
        kind,
        file,
        rec.line,
      ]);
    }
  }
  if (!ids.size)
    throw new SourceError(path, undefined, "no exercises in the file", "The file looks truncated.");
  const report = {
    exercises: ids.size + repeatedIds.length,
    repeatedIds,
    unknownParticipants,
    ...labels.finish("mme", options),
  };
  return {
    ...recordOf(MME_INFO),
    path,
    files: 1,
    version: "Multinational Military Exercises v7",
    report,
    tables: [{ def: MIL_EXERCISES_TABLE, rows }],
  };
}

export const ingestMme = ingestListingSkipped(readMme);
