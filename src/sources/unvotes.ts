// UN General Assembly roll-call votes 1946–2019 (Erik Voeten's data as packaged by the R package unvotes):
// un_votes.csv.gz (one row per country and roll call; absences are not rows), un_roll_calls.csv and
// un_roll_call_issues.csv, read from one folder.
import { basename, join } from "node:path";
import { parseDecimal, ruleBreak, SESSION_RULE, YEAR_RULE } from "../store/checks.ts";
import type { DatasetBatch } from "../store/index.ts";
import { UN_ISSUES_TABLE, UN_ROLL_CALLS_TABLE, UN_VOTES_TABLE } from "../store/un-schema.ts";
import { UNVOTES_INFO } from "./citations.ts";
import { checkWidth, parseCsv, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";

export const VOTE_CODES: Record<string, number> = { yes: 1, abstain: 2, no: 3 };

// Members the registry has no entity for, left out by name and listed in the ingest report. Zanzibar sat
// from December 1963 to its union with Tanganyika in April 1964 and voted on two roll calls beside
// Tanganyika, so it cannot be folded into Tanzania.
const LEFT_OUT: Record<string, string> = {
  Zanzibar: "UN member Dec 1963 – Apr 1964, no registry entity; its 2 votes are left out",
};

const FILES = { votes: "un_votes.csv.gz", rollCalls: "un_roll_calls.csv", issues: "un_roll_call_issues.csv" };

export async function readUnVotes(dir: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const labels = new LabelResolver();

  const rcFile = join(dir, FILES.rollCalls);
  const rcRecords = parseCsv(readText(rcFile), rcFile);
  if (!rcRecords.length) throw new SourceError(rcFile, 1, "the file is empty", "Download it again.");
  const rcCol = requireColumns(
    rcRecords[0].fields,
    ["rcid", "session", "importantvote", "date", "unres", "amend", "para", "short", "descr"],
    rcFile,
    1,
    "the unvotes roll-call table",
  );
  const rollCalls: (string | number | boolean | null)[][] = [];
  const known = new Set<number>();
  for (const rec of rcRecords.slice(1)) {
    checkWidth(rec, rcRecords[0].fields.length, rcFile);
    const f = rec.fields;
    const rcid = parseDecimal(f[rcCol.rcid]) ?? Number.NaN;
    const session = parseDecimal(f[rcCol.session]) ?? Number.NaN;
    const date = f[rcCol.date];
    if (
      !Number.isInteger(rcid) ||
      rcid < 1 ||
      ruleBreak(session, SESSION_RULE) ||
      !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
      ruleBreak(Number(date.slice(0, 4)), YEAR_RULE)
    ) {
      throw new SourceError(
        rcFile,
        rec.line,
        `roll call "${f[rcCol.rcid]}" has session "${f[rcCol.session]}" and date "${date}"`,
        `Expected a positive integer rcid, a session between ${SESSION_RULE.min} and ${SESSION_RULE.max} and an ISO date from ${YEAR_RULE.min} to ${YEAR_RULE.max}; the file may be damaged.`,
      );
    }
    known.add(rcid);
    rollCalls.push([
      "unvotes",
      rcid,
      session,
      Number(date.slice(0, 4)),
      date,
      f[rcCol.importantvote] === "1",
      f[rcCol.unres] || null,
      f[rcCol.amend] === "1",
      f[rcCol.para] === "1",
      f[rcCol.short] || null,
      f[rcCol.descr] || null,
    ]);
  }

  const isFile = join(dir, FILES.issues);
  const isRecords = parseCsv(readText(isFile), isFile);
  const isCol = requireColumns(
    isRecords[0]?.fields ?? [],
    ["rcid", "short_name", "issue"],
    isFile,
    1,
    "the unvotes issue table",
  );
  const issues = isRecords.slice(1).map((rec) => {
    checkWidth(rec, isRecords[0].fields.length, isFile);
    const rcid = parseDecimal(rec.fields[isCol.rcid]) ?? Number.NaN;
    if (!Number.isInteger(rcid) || rcid < 1 || rcid > 2_147_483_647) {
      throw new SourceError(
        isFile,
        rec.line,
        `roll call "${rec.fields[isCol.rcid].slice(0, 40)}" is not a roll-call id`,
        "Expected a positive integer rcid; the file may be damaged.",
      );
    }
    return ["unvotes", rcid, rec.fields[isCol.short_name], rec.fields[isCol.issue]];
  });

  const vFile = join(dir, FILES.votes);
  options.onProgress?.(0, 1, vFile);
  const vRecords = parseCsv(readText(vFile), vFile);
  const vCol = requireColumns(
    vRecords[0]?.fields ?? [],
    ["rcid", "country", "country_code", "vote"],
    vFile,
    1,
    "the unvotes vote table",
  );
  const width = vRecords[0].fields.length;
  const votes: (string | number)[][] = [];
  const seen = new Set<string>();
  const labelKey = new Map<string, string | undefined>();
  const leftOut = new Map<string, number>();
  for (let i = 1; i < vRecords.length; i++) {
    const rec = vRecords[i];
    checkWidth(rec, width, vFile);
    const f = rec.fields;
    const name = f[vCol.country];
    const code = f[vCol.country_code];
    if (LEFT_OUT[name]) {
      leftOut.set(name, (leftOut.get(name) ?? 0) + 1);
      continue;
    }
    const key = `${code}|${name}`;
    let country = labelKey.get(key);
    if (!labelKey.has(key)) {
      // The ISO2 code where the package gives one; the name otherwise (West Germany, Zanzibar, the Yemen
      // Arab Republic have none) or where the code is a withdrawn one (CS, DD, YD, YU).
      const byCode = code ? labels.peek(code) : undefined;
      country = byCode ? byCode.code : labels.resolve(name, `${basename(vFile)}:${rec.line}`)?.code;
      labelKey.set(key, country);
    }
    const vote = VOTE_CODES[f[vCol.vote]];
    if (!vote) {
      throw new SourceError(
        vFile,
        rec.line,
        `vote "${f[vCol.vote]}" is not yes, no or abstain`,
        "Check the file.",
      );
    }
    const rcid = parseDecimal(f[vCol.rcid]) ?? Number.NaN;
    if (!known.has(rcid)) {
      throw new SourceError(
        vFile,
        rec.line,
        `roll call ${f[vCol.rcid]} is not in ${FILES.rollCalls}`,
        "The three files must come from the same release of the unvotes package.",
      );
    }
    if (!country) continue;
    const dup = `${rcid}|${country}`;
    if (seen.has(dup)) {
      throw new SourceError(
        vFile,
        rec.line,
        `${name} (${country}) votes twice on roll call ${rcid}`,
        "Two publisher names map to one country; fix the alias in src/countries/aliases.ts.",
      );
    }
    seen.add(dup);
    votes.push(["unvotes", rcid, country, vote]);
  }
  const report = {
    ...labels.finish("unvotes", options),
    leftOut: [...leftOut].map(([name, votes]) => ({ name, votes, why: LEFT_OUT[name] })),
  };
  options.onProgress?.(1, 1, vFile);
  return {
    ...recordOf(UNVOTES_INFO),
    path: dir,
    files: 3,
    version: "R package unvotes, commit 7eb7034 (votes 1946–2019)",
    report,
    tables: [
      { def: UN_ROLL_CALLS_TABLE, rows: rollCalls },
      { def: UN_ISSUES_TABLE, rows: issues },
      { def: UN_VOTES_TABLE, rows: votes },
    ],
  };
}

export const ingestUnVotes = ingestWith(readUnVotes);
