// World Development Indicators, two files from one folder: GDP per capita (current US$) as a DataBank
// export (wide, one column per year, `..` = missing, a footer naming the database) and the country-year
// panel whose `population_total` gives population. GDP = GDP per capita × population (in SQL, later).
import { basename, join } from "node:path";
import { parseDecimal, Repeats, ruleBreak, YEAR_RULE } from "../store/checks.ts";
import type { DatasetBatch } from "../store/index.ts";
import { WDI_VALUES_TABLE } from "../store/macro-schema.ts";
import { WDI_INFO } from "./citations.ts";
import { checkWidth, parseCsv, parseNumber, readText, requireColumns } from "./csv.ts";
import { LabelResolver } from "./registry-labels.ts";
import { type IngestOptions, ingestWith, recordOf, SourceError } from "./types.ts";

export const GDP_PER_CAPITA_SERIES = "NY.GDP.PCAP.CD";
export const POPULATION_SERIES = "population_total";

export const WDI_FILES = {
  gdpPerCapita: "wdi-gdp-per-capita-current-usd-1990-2024.csv",
  panel: "wdi-panel-country-year-1990-2024.csv",
};

// The World Bank's regional, income and lending groups. Rows with these codes are groups, not
// countries; those the registry knows (World, EU, Euro Area) are kept, the rest listed in the report.
const WB_GROUPS = new Set(
  (
    "AFE AFW ARB CEB CSS EAP EAR EAS ECA ECS EMU EUU FCS HIC HPC IBD IBT IDA IDB IDX INX LAC LCN LDC LIC LMC " +
    "LMY LTE MEA MIC MNA NAC OED OSS PRE PSS PST SAS SSA SSF SST TEA TEC TLA TMN TSA TSS UMC WLD"
  ).split(" "),
);

// Economies the World Bank reports that no registry entity matches; left out and listed in the report.
const NO_ENTITY: Record<string, string> = {
  CHI: "Channel Islands: Jersey and Guernsey combined, which the registry keeps apart (JEY, GGY)",
};

type Value = (string | number | null)[];

export async function readWdi(dir: string, options: IngestOptions = {}): Promise<DatasetBatch> {
  const labels = new LabelResolver();
  const groupsLeftOut = new Map<string, string>();
  const country = (code: string, name: string, where: string): string | undefined => {
    const entity = labels.peek(code);
    if (entity) return entity.code;
    if (WB_GROUPS.has(code) || NO_ENTITY[code]) {
      if (name || !groupsLeftOut.has(code)) groupsLeftOut.set(code, name || code);
      return undefined;
    }
    return labels.resolve(name || code, where)?.code;
  };
  // A country-year-series given twice: an exact repeat is dropped, two different values stop the ingest.
  const repeats = new Repeats();
  const keep = (code: string, year: number, series: string, v: number, file: string, line: number) => {
    const seen = repeats.see(`${code}|${year}|${series}`, String(v), `${basename(file)}:${line}`);
    if (seen === "keep") return true;
    if (seen === "drop") return false;
    throw new SourceError(
      file,
      line,
      `${code} has a second ${series} value for ${year} (${v}; the first is on ${seen.conflictWith})`,
      "Two rows give the same country and year differently; remove the wrong one and ingest again.",
    );
  };
  const rows: Value[] = [];

  const gFile = join(dir, WDI_FILES.gdpPerCapita);
  const gRecords = parseCsv(readText(gFile), gFile);
  if (!gRecords.length) throw new SourceError(gFile, 1, "the file is empty", "Download it again.");
  const gHeader = gRecords[0].fields;
  const gCol = requireColumns(
    gHeader,
    ["Series Code", "Country Name", "Country Code"],
    gFile,
    1,
    "a World Bank DataBank export",
  );
  const yearCols = gHeader
    .map((h, i) => [/^(\d{4}) \[YR\d{4}\]$/.exec(h.trim())?.[1], i] as const)
    .filter(([y]) => y !== undefined)
    .map(([y, i]) => [Number(y), i] as const);
  for (const [year, i] of yearCols) {
    if (ruleBreak(year, YEAR_RULE)) {
      throw new SourceError(
        gFile,
        1,
        `the header's column ${i + 1} ("${gHeader[i].trim()}") names the year ${year}, outside ${YEAR_RULE.min}–${YEAR_RULE.max}`,
        "Check the header; export the file again from DataBank.",
      );
    }
  }
  if (!yearCols.length) {
    throw new SourceError(
      gFile,
      1,
      'the header has no year columns such as "1990 [YR1990]"',
      "Export from DataBank with years as columns.",
    );
  }
  let footer = false;
  for (const rec of gRecords.slice(1)) {
    const f = rec.fields;
    // DataBank ends its export with blank rows and "Data from database: …" / "Last Updated: …".
    if (f.every((x) => x.trim() === "") || /^(Data from database|Last Updated)/.test(f[0])) {
      footer = true;
      continue;
    }
    if (footer) throw new SourceError(gFile, rec.line, "data after the DataBank footer", "Check the file.");
    checkWidth(rec, gHeader.length, gFile);
    if (f[gCol["Series Code"]] !== GDP_PER_CAPITA_SERIES) {
      throw new SourceError(
        gFile,
        rec.line,
        `series "${f[gCol["Series Code"]]}" where ${GDP_PER_CAPITA_SERIES} (GDP per capita, current US$) was expected`,
        "Pass the DataBank export of GDP per capita (current US$).",
      );
    }
    const code = country(f[gCol["Country Code"]], f[gCol["Country Name"]], `${basename(gFile)}:${rec.line}`);
    if (!code) continue;
    for (const [year, i] of yearCols) {
      const v = parseNumber(f[i], [".."], gFile, rec.line, gHeader[i]);
      if (v !== null && keep(code, year, GDP_PER_CAPITA_SERIES, v, gFile, rec.line))
        rows.push(["wdi", code, year, GDP_PER_CAPITA_SERIES, v, basename(gFile), rec.line]);
    }
  }
  if (!footer) {
    throw new SourceError(
      gFile,
      gRecords.at(-1)?.line,
      'the DataBank footer ("Data from database: …") is missing',
      "The file looks truncated; export it again.",
    );
  }

  const pFile = join(dir, WDI_FILES.panel);
  const pRecords = parseCsv(readText(pFile), pFile);
  if (!pRecords.length) throw new SourceError(pFile, 1, "the file is empty", "Download it again.");
  const pCol = requireColumns(
    pRecords[0].fields,
    ["Country Code", "year", POPULATION_SERIES],
    pFile,
    1,
    "the WDI country-year panel",
  );
  for (const rec of pRecords.slice(1)) {
    if (rec.fields.length === 1 && rec.fields[0] === "") continue;
    checkWidth(rec, pRecords[0].fields.length, pFile);
    const f = rec.fields;
    const code = country(f[pCol["Country Code"]], "", `${basename(pFile)}:${rec.line}`);
    const year = parseDecimal(f[pCol.year]) ?? Number.NaN;
    if (ruleBreak(year, YEAR_RULE))
      throw new SourceError(
        pFile,
        rec.line,
        `year "${f[pCol.year].slice(0, 40)}" is not a year between ${YEAR_RULE.min} and ${YEAR_RULE.max}`,
        "Check the file.",
      );
    if (!code) continue;
    const v = parseNumber(f[pCol[POPULATION_SERIES]], [".."], pFile, rec.line, POPULATION_SERIES);
    if (v !== null && keep(code, year, POPULATION_SERIES, v, pFile, rec.line))
      rows.push(["wdi", code, year, POPULATION_SERIES, v, basename(pFile), rec.line]);
  }
  const report = {
    ...labels.finish("wdi", options),
    leftOut: Object.fromEntries([...groupsLeftOut].sort()),
    identicalRepeatsDropped: repeats.dropped,
    why: NO_ENTITY,
  };
  return {
    ...recordOf(WDI_INFO),
    path: dir,
    files: 2,
    version: "DataBank export, last updated 12/19/2025",
    report,
    tables: [{ def: WDI_VALUES_TABLE, rows }],
  };
}

export const ingestWdi = ingestWith(readWdi);
