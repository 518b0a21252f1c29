// Fuzzing every source parser with mutated real rows (issue 16): a few of the publisher's own rows, then
// fields replaced by hostile values (NaN, 1e400, 0x1F, −1, year 1200, 40000, quotes, control characters,
// random text and numbers), rows duplicated, cut short or given a field too few. Each ingest must end in a
// clear error (SourceError, InvalidValueError, UnknownLabelsError: one that names its file) or in a store
// whose every value keeps its column's rules — never a crash, never a silent impossible value.
//
// Runs are modest so CI stays fast: DYAD_FUZZ_RUNS (default 20 per source) and a fixed DYAD_FUZZ_SEED
// (default 16), so a failure is reproducible; set another seed to explore further.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { after, test } from "node:test";
import fc from "fast-check";
import { ingestBaci } from "../../src/sources/baci/ingest.ts";
import { ingestCepii } from "../../src/sources/cepii.ts";
import { ingestEiEnergy } from "../../src/sources/ei-energy.ts";
import { ingestImfCdis } from "../../src/sources/imf-cdis.ts";
import { ingestImfDots } from "../../src/sources/imf-dots.ts";
import { parseImtsCsv } from "../../src/sources/imts.ts";
import { ingestMme } from "../../src/sources/mme.ts";
import { ingestSipri } from "../../src/sources/sipri.ts";
import { ingestTidyTrade } from "../../src/sources/tidy-trade.ts";
import { SourceError, UnknownLabelsError } from "../../src/sources/types.ts";
import { ingestUnctadFdi } from "../../src/sources/unctad-fdi.ts";
import { ingestUnVotes } from "../../src/sources/unvotes.ts";
import { ingestVoeten } from "../../src/sources/voeten.ts";
import { ingestWdi } from "../../src/sources/wdi.ts";
import { type Cell, readWorkbook } from "../../src/sources/xlsx.ts";
import { firstBadRowSql, InvalidValueError } from "../../src/store/checks.ts";
import type { ColumnType } from "../../src/store/index.ts";
import { Store } from "../../src/store/index.ts";
import { writeXlsx } from "../helpers/xlsx-writer.ts";
import {
  readZipEntries,
  realText,
  rewriteZip,
  SOURCES_DIR,
  setField,
  splitCsvLine,
  tempDir,
  writeLike,
} from "./mutate.ts";

const RUNS = Number(process.env.DYAD_FUZZ_RUNS ?? 20);
const SEED = Number(process.env.DYAD_FUZZ_SEED ?? 16);

const HOSTILE = [
  "NaN",
  "nan",
  "Infinity",
  "-inf",
  "1e400",
  "-1e400",
  "1e305",
  "-1",
  "-13257.81",
  "0x1F",
  "0b101",
  "9999999999",
  "1200",
  "40000",
  "2024.5",
  "",
  "NA",
  "..",
  "?",
  '"',
  ",",
  "\u0000",
  " ",
  "1,000",
  "١٢٣",
  "<row>",
  "&amp;",
];

const replacement = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.string({ maxLength: 8 }) },
);

interface Mutation {
  op: "set" | "duplicate" | "drop-field" | "cut";
  line: number;
  field: number;
  value: string;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom("set", "set", "set", "set", "duplicate", "drop-field", "cut"),
  line: fc.nat(),
  field: fc.nat(),
  value: replacement,
});
const mutations = fc.array(mutation, { minLength: 1, maxLength: 3 });

/** Applies mutations to data lines `from`…end of `lines` (a copy). */
function mutate(lines: string[], ms: Mutation[], from = 1): string[] {
  const out = [...lines];
  for (const m of ms) {
    const n = out.length - from;
    if (n <= 0) break;
    const i = from + (m.line % n);
    const fields = splitCsvLine(out[i]);
    if (m.op === "set") out[i] = setField(out[i], m.field % fields.length, m.value);
    else if (m.op === "duplicate") out.push(out[i]);
    else if (m.op === "drop-field") out[i] = fields.slice(0, -1).join(",");
    else out[i] = out[i].slice(0, Math.floor(out[i].length / 2));
  }
  return out;
}

const stores: Store[] = [];
after(() => {
  for (const s of stores) s.close();
});

async function freshStore(): Promise<Store> {
  const store = await Store.open({ home: tempDir("dyad-fuzz-home-") });
  stores.push(store);
  return store;
}

/** Every value in every data table keeps its column's rules. */
async function assertValuesInRange(store: Store): Promise<void> {
  const columns = await store.query<{ table_name: string; column_name: string; data_type: string }>(
    "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'main' AND table_name NOT IN ('ingests', 'entities') ORDER BY table_name, ordinal_position",
  );
  const tables = new Map<string, [string, ColumnType][]>();
  for (const c of columns) {
    const list = tables.get(c.table_name) ?? [];
    list.push([c.column_name, c.data_type as ColumnType]);
    tables.set(c.table_name, list);
  }
  for (const [name, cols] of tables) {
    if (cols[0]?.[0] !== "dataset") continue;
    const check = firstBadRowSql({ name, columns: cols });
    if (!check) continue;
    for (const { dataset } of await store.query<{ dataset: string }>(
      `SELECT DISTINCT dataset FROM ${name}`,
    )) {
      const bad: unknown[] = await store.query(check.sql, [dataset]);
      assert.deepEqual(bad, [], `${name} holds a value outside its rules`);
    }
  }
}

/** An ingest ends in a clear error naming its file, or in a store whose values are all in range. */
async function clearErrorOrValid(store: Store, file: string, ingest: () => Promise<unknown>): Promise<void> {
  try {
    await ingest();
  } catch (err) {
    const clear =
      err instanceof SourceError || err instanceof InvalidValueError || err instanceof UnknownLabelsError;
    if (!clear) throw new Error(`not a clear error: ${(err as Error).name}: ${(err as Error).message}`);
    if (!(err instanceof UnknownLabelsError))
      assert.ok(
        (err as Error).message.includes(basename(file)),
        `the error names ${basename(file)}: ${(err as Error).message}`,
      );
    return;
  }
  await assertValuesInRange(store);
}

const params = (runs = RUNS) => ({ numRuns: runs, seed: SEED, endOnFailure: true });

/** Fuzzes a one-file CSV source: the first `keep` lines of the real file, data from line `from`. */
function csvSource(
  name: string,
  rel: string,
  ingest: (store: Store, path: string) => Promise<unknown>,
  keep = 40,
  from?: (lines: string[]) => number,
) {
  test(`fuzz ${name}: mutated rows of ${basename(rel)} give a clear error or values in range`, async () => {
    const store = await freshStore();
    const lines = realText(rel).split(/\r?\n/);
    const start = from ? from(lines) : 1;
    const kept = lines.slice(0, start + keep);
    await fc.assert(
      fc.asyncProperty(mutations, async (ms) => {
        const path = writeLike(rel, mutate(kept, ms, start));
        await clearErrorOrValid(store, path, () => ingest(store, path));
      }),
      params(),
    );
  });
}

csvSource(
  "sipri",
  "sipri/sipri-trade-register-2000-2024.csv",
  ingestSipri,
  40,
  (l) => l.findIndex((x) => x.startsWith("SIPRI AT Database ID")) + 1,
);
csvSource("mme", "military/mme_v7.csv", ingestMme);
csvSource("voeten", "voeten/IdealpointestimatesAll_Jun2024.csv", ingestVoeten);
csvSource("cepii", "cepii/dist_cepii.csv.gz", ingestCepii);

test("fuzz tidy-trade: mutated rows of a reference CSV give a clear error or values in range", async () => {
  const store = await freshStore();
  const rel = "reference/china-customs-russia-2021-2024.csv";
  const lines = realText(rel).split(/\r?\n/).filter(Boolean);
  await fc.assert(
    fc.asyncProperty(mutations, async (ms) => {
      const dir = tempDir();
      const path = writeLike(rel, mutate(lines, ms), dir);
      await clearErrorOrValid(store, path, () => ingestTidyTrade(store, dir));
    }),
    params(),
  );
});

test("fuzz wdi: mutated rows of both DataBank files give a clear error or values in range", async () => {
  const store = await freshStore();
  const gdpRel = "worldbank/wdi-gdp-per-capita-current-usd-1990-2024.csv";
  const panelRel = "worldbank/wdi-panel-country-year-1990-2024.csv";
  const gdp = realText(gdpRel).split(/\r?\n/);
  const footer = gdp.findIndex((l) => l.startsWith("Data from database"));
  const gdpData = gdp.slice(0, 15);
  const gdpFooter = gdp.slice(footer - 3, footer + 2);
  const panel = realText(panelRel).split(/\r?\n/).slice(0, 20);
  await fc.assert(
    fc.asyncProperty(mutations, fc.boolean(), async (ms, inPanel) => {
      const dir = tempDir();
      writeLike(gdpRel, [...(inPanel ? gdpData : mutate(gdpData, ms)), ...gdpFooter], dir);
      writeLike(panelRel, inPanel ? mutate(panel, ms) : panel, dir);
      await clearErrorOrValid(store, inPanel ? panelRel : gdpRel, () => ingestWdi(store, dir));
    }),
    params(),
  );
});

test("fuzz unvotes: mutated rows of the three files give a clear error or values in range", async () => {
  const store = await freshStore();
  const files = {
    rollCalls: realText("unvotes/un_roll_calls.csv").split(/\r?\n/).slice(0, 30),
    issues: realText("unvotes/un_roll_call_issues.csv").split(/\r?\n/).slice(0, 30),
    votes: realText("unvotes/un_votes.csv.gz").split(/\r?\n/).slice(0, 300),
  };
  await fc.assert(
    fc.asyncProperty(mutations, fc.constantFrom("rollCalls", "issues", "votes"), async (ms, which) => {
      const dir = tempDir();
      const rc = which === "rollCalls" ? mutate(files.rollCalls, ms) : files.rollCalls;
      const is = which === "issues" ? mutate(files.issues, ms) : files.issues;
      const vo = which === "votes" ? mutate(files.votes, ms) : files.votes;
      writeLike("unvotes/un_roll_calls.csv", rc, dir);
      writeLike("unvotes/un_roll_call_issues.csv", is, dir);
      writeLike("unvotes/un_votes.csv.gz", vo, dir);
      const file = {
        rollCalls: "un_roll_calls.csv",
        issues: "un_roll_call_issues.csv",
        votes: "un_votes.csv.gz",
      }[which];
      await clearErrorOrValid(store, file, () => ingestUnVotes(store, dir));
    }),
    params(),
  );
});

test("fuzz unctad-fdi: mutated rows of a host economy's table give a clear error or values in range", async () => {
  const store = await freshStore();
  const rel = "unctad-fdi-2014/CHN.csv";
  const lines = realText(rel).split(/\r?\n/).filter(Boolean);
  await fc.assert(
    fc.asyncProperty(mutations, async (ms) => {
      const dir = tempDir();
      const path = writeLike(rel, mutate(lines, ms, 4), dir);
      await clearErrorOrValid(store, path, () => ingestUnctadFdi(store, dir));
    }),
    params(),
  );
});

test("fuzz baci: mutated rows of a year file give a clear error or values in range", async () => {
  const unpacked = resolve("test/fixtures/baci/unpacked");
  const year = "BACI_HS92_Y2022_V202601.csv";
  const lines = readFileSync(join(unpacked, year), "utf8").split("\n").filter(Boolean);
  const store = await freshStore();
  await fc.assert(
    fc.asyncProperty(mutations, async (ms) => {
      const dir = tempDir("dyad-fuzz-baci-");
      cpSync(unpacked, dir, { recursive: true });
      writeFileSync(join(dir, year), `${mutate(lines, ms).join("\n")}\n`);
      await clearErrorOrValid(store, year, () => ingestBaci(store, dir));
    }),
    params(Math.min(RUNS, 10)),
  );
});

test("fuzz imf-dots: mutated cells of a real workbook's rows give a clear error or values in range", async () => {
  const store = await freshStore();
  // Russia's workbook; its two sheets cut to the header block and 12 partners.
  const sheets = await readWorkbook(join(SOURCES_DIR, "imf-dots", "DOTS_162.xlsx"));
  const cut = sheets.map((s) => ({ name: s.name, rows: s.rows.slice(0, 20).map((r) => (r ?? []).slice(1)) }));
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    replacement,
    fc.double(),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e305, 1e305),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), cell), { minLength: 1, maxLength: 3 }),
      async (edits) => {
        const copy = cut.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
        for (const [si, ri, ci, v] of edits) {
          const sheet = copy[si % copy.length];
          const row = sheet.rows[8 + (ri % Math.max(1, sheet.rows.length - 8))] ?? [];
          row[ci % Math.max(2, row.length)] = v;
        }
        const dir = tempDir();
        const file = join(dir, "DOTS_162.xlsx");
        writeXlsx(
          file,
          copy.map((s) => ({
            name: s.name,
            rows: s.rows.map((r) => r.map((v) => (v === undefined ? null : v))),
          })),
        );
        await clearErrorOrValid(store, file, () => ingestImfDots(store, dir, { replaceAll: true }));
      },
    ),
    params(),
  );
});

test("fuzz imf-cdis: mutated cells of a real Table 6 workbook give a clear error or values in range", async () => {
  const store = await freshStore();
  const name = "CDIS_Table_6_Direct_Investment_Position_2022.xlsx";
  const sheets = await readWorkbook(join(SOURCES_DIR, "imf-cdis", name));
  const plain = sheets.map((s) => ({
    name: s.name,
    rows: Array.from(s.rows, (r) => Array.from(r ?? [], (v) => v ?? null).slice(1)).slice(1),
  }));
  const cell: fc.Arbitrary<Cell> = fc.oneof(
    replacement,
    fc.double(),
    fc.constantFrom(Number.NaN, -1e305, 1e305),
  );
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.tuple(fc.nat(), fc.nat(), cell), { minLength: 1, maxLength: 3 }),
      async (edits) => {
        const copy = plain.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
        for (const [ri, ci, v] of edits) {
          const rows = copy[0].rows;
          const row = rows[ri % rows.length] ?? [];
          row[ci % Math.max(2, row.length)] = v;
        }
        const dir = tempDir();
        const file = join(dir, name);
        writeXlsx(file, copy);
        await clearErrorOrValid(store, file, () => ingestImfCdis(store, dir));
      },
    ),
    params(Math.min(RUNS, 8)),
  );
});

test("fuzz ei-energy: mutated number cells of the real 2023 workbook give a clear error or values in range", async () => {
  const store = await freshStore();
  const source = join(SOURCES_DIR, "energy", "ei-statistical-review-2023-all-data.xlsx");
  const entries = await readZipEntries(source);
  const sheets = [...entries.keys()].filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.nat(), replacement, async (s, c, value) => {
      const part = sheets[s % sheets.length];
      const path = join(tempDir(), "ei-statistical-review-2023-all-data.xlsx");
      await rewriteZip(source, path, (name, text) => {
        if (name !== part) return undefined;
        let i = 0;
        const numbers = [...text.matchAll(/<v>[0-9.E+-]+<\/v>/g)].length;
        const target = numbers ? c % numbers : -1;
        return text.replace(/<v>[0-9.E+-]+<\/v>/g, (m) =>
          i++ === target ? `<v>${value.replace(/[<&]/g, "")}</v>` : m,
        );
      });
      await clearErrorOrValid(store, path, () => ingestEiEnergy(store, path));
    }),
    params(Math.min(RUNS, 4)),
  );
});

test("fuzz the IMF IMTS CSV parser: mutated rows give a SourceError or finite values", () => {
  const text = readFileSync(resolve("test/fixtures/fetch/imts/CHN-A.csv"), "utf8");
  const lines = text.split(/\r?\n/).filter(Boolean);
  fc.assert(
    fc.property(mutations, (ms) => {
      try {
        const parsed = parseImtsCsv(mutate(lines, ms).join("\n"), "CHN-A.csv");
        for (const o of parsed.observations)
          assert.ok(o.value === null || Number.isFinite(o.value), String(o.value));
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        assert.match(err.message, /CHN-A\.csv/);
      }
    }),
    params(RUNS * 5),
  );
});
