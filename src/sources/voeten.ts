// UNGA ideal points and agreement scores per country and session (Bailey, Strezhnev & Voeten 2017),
// IdealpointestimatesAll_Jun2024.csv: one row per country and session; `NA` = missing.
import { basename } from "node:path";
import { cowCode } from "../countries/cow.ts";
import { ruleBreak, SESSION_RULE } from "../store/checks.ts";
import type { DatasetBatch } from "../store/index.ts";
import { UN_IDEAL_POINTS_TABLE } from "../store/un-schema.ts";
import { VOETEN_INFO } from "./citations.ts";
import { checkWidth, parseCsv, parseNumber, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";

const COLUMNS = [
  "ccode",
  "session",
  "NVotesAll",
  "IdealPointAll",
  "iso3c",
  "Countryname",
  "USAgree",
  "RUSSAgree",
  "BrazilAgree",
  "ChinaAgree",
  "IndiaAgree",
  "IsraelAgree",
] as const;

export async function readVoeten(path: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const records = parseCsv(readText(path), path);
  if (!records.length) throw new SourceError(path, 1, "the file is empty", "Download it again.");
  const col = requireColumns(
    records[0].fields,
    COLUMNS,
    path,
    1,
    "Voeten's ideal-point estimates (IdealpointestimatesAll)",
  );
  const width = records[0].fields.length;
  const labels = new LabelResolver();
  const rows: (string | number | null)[][] = [];
  const seen = new Map<string, number>();
  for (const rec of records.slice(1)) {
    checkWidth(rec, width, path);
    const f = rec.fields;
    const num = (name: (typeof COLUMNS)[number]) => parseNumber(f[col[name]], ["NA"], path, rec.line, name);
    const ccode = num("ccode");
    const session = num("session");
    if (ccode === null || session === null) {
      throw new SourceError(path, rec.line, "a row lacks its COW code or session", "Check the file.");
    }
    if (ruleBreak(session, SESSION_RULE) || !Number.isInteger(ccode)) {
      throw new SourceError(
        path,
        rec.line,
        `session ${session} with COW code ${ccode}: the session must be a whole number from ${SESSION_RULE.min} to ${SESSION_RULE.max}, the code a whole number`,
        "Check the file.",
      );
    }
    // The COW code first (it keeps historical states apart), the name for codes cow.ts lacks.
    const code =
      cowCode(ccode, 1945 + session) ??
      labels.resolve(f[col.Countryname], `${basename(path)}:${rec.line}`)?.code;
    if (!code) continue;
    const key = `${code}|${session}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new SourceError(
        path,
        rec.line,
        `${f[col.Countryname]} (COW ${ccode} → ${code}) has a second row for session ${session} (first on line ${earlier})`,
        "Two COW codes map to one country in the same session; fix src/countries/cow.ts.",
      );
    }
    seen.set(key, rec.line);
    rows.push([
      "voeten",
      code,
      ccode,
      session,
      1945 + session,
      num("NVotesAll"),
      num("IdealPointAll"),
      num("USAgree"),
      num("RUSSAgree"),
      num("BrazilAgree"),
      num("ChinaAgree"),
      num("IndiaAgree"),
      num("IsraelAgree"),
      rec.line,
    ]);
  }
  const report = labels.finish("voeten", options);
  return {
    ...recordOf(VOETEN_INFO),
    path,
    files: 1,
    version: basename(path),
    report,
    tables: [{ def: UN_IDEAL_POINTS_TABLE, rows }],
  };
}

export const ingestVoeten = ingestWith(readVoeten);
