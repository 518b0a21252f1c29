// What a value in the store may be. Every number that reaches a table passes through here, whichever source
// read it: finite, inside its column type, and inside the range the quantity can have (no negative distance,
// no year 1200, no session 0). Sources parse cells with `parseDecimal`; the store checks every row against
// the column rules before it touches a table, so a source that forgets a check still cannot write an
// impossible value. A new table gets the generic rules (finite numbers, type bounds, years, sessions) by its
// column names alone; a quantity with a narrower range adds a line to COLUMN_RULES.
import type { ColumnType, TableDef } from "./schema.ts";

/** A value the store refuses, with where it came from (file and line, or sheet and cell). */
export class InvalidValueError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | number | undefined,
    readonly what: string,
    readonly hint: string,
  ) {
    super(`${where === undefined ? file : `${file}:${where}`}: ${what}. ${hint}`);
    this.name = "InvalidValueError";
  }
}

export interface ValueRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** What the quantity is, for the error message ("a distance in km"). */
  what?: string;
}

/** The first year any source may hold (the Correlates of War state system starts in 1816). */
export const FIRST_YEAR = 1816;
/** The last: next year, so a publisher's preliminary figures for the current year still load. */
export const LAST_YEAR = new Date().getUTCFullYear() + 1;

export const YEAR_RULE: ValueRule = { min: FIRST_YEAR, max: LAST_YEAR, integer: true, what: "a year" };
// The UN General Assembly's first session opened in 1946; a session number far beyond the current one is a typo.
export const SESSION_RULE: ValueRule = {
  min: 1,
  max: LAST_YEAR - 1945,
  integer: true,
  what: "a UNGA session",
};
const SHARE: ValueRule = { min: 0, max: 1, what: "a share between 0 and 1" };
const DUMMY: ValueRule = { min: 0, max: 1, integer: true, what: "0 or 1" };
const COUNT: ValueRule = { min: 0, integer: true, what: "a count" };
// Half the earth's circumference is 20,037 km; no distance between two places is longer.
const DISTANCE: ValueRule = { min: 0, max: 20_100, what: "a distance in km" };
// World merchandise trade is about 25 trillion USD a year; one flow or total above a quadrillion is a unit error.
const USD_FLOW: ValueRule = { min: -1e15, max: 1e15, what: "a trade value in USD" };
const USD_NONNEGATIVE: ValueRule = { min: 0, max: 1e15, what: "a non-negative value in USD" };
const TIV: ValueRule = { min: 0, max: 1e6, what: "a non-negative SIPRI TIV (millions)" };
const ENERGY: ValueRule = { min: 0, max: 1e6, what: "a non-negative energy volume" };

/** Rules that follow from a column's name, in every table. */
const BY_NAME: Record<string, ValueRule> = {
  year: YEAR_RULE,
  order_year: YEAR_RULE,
  first_year: YEAR_RULE,
  last_year: YEAR_RULE,
  session: SESSION_RULE,
  line: { min: 0, integer: true, what: "a line number" },
};

/** Rules for one table's columns, where the quantity has a narrower range than its type. */
export const COLUMN_RULES: Record<string, Record<string, ValueRule>> = {
  trade_flows: { value_usd: USD_FLOW },
  arms_transfers: {
    delivered: COUNT,
    tiv: TIV,
    tiv_deal_unit: TIV,
    tiv_unit_estimate: TIV,
  },
  energy_trade: { value: ENERGY },
  geo_dyads: {
    contig: DUMMY,
    comlang_off: DUMMY,
    comlang_ethno: DUMMY,
    colony: DUMMY,
    comcol: DUMMY,
    curcol: DUMMY,
    col45: DUMMY,
    smctry: DUMMY,
    dist: DISTANCE,
    distcap: DISTANCE,
    distw: DISTANCE,
    distwces: DISTANCE,
  },
  un_ideal_points: {
    votes: COUNT,
    // Ideal points are standardised scores; the published ones lie within ±4.
    ideal_point: { min: -10, max: 10, what: "an ideal point (a standardised score)" },
    us_agree: SHARE,
    russia_agree: SHARE,
    brazil_agree: SHARE,
    china_agree: SHARE,
    india_agree: SHARE,
    israel_agree: SHARE,
  },
  // 1 yes, 2 abstain, 3 no (see src/sources/unvotes.ts).
  un_votes: {
    rcid: { min: 1, integer: true, what: "a roll-call id" },
    vote: { min: 1, max: 3, integer: true },
  },
  un_roll_calls: { rcid: { min: 1, integer: true, what: "a roll-call id" } },
  baci_years: { value_usd: USD_NONNEGATIVE, rows: COUNT, bytes: COUNT },
  baci_releases: { rows: COUNT, bytes: COUNT },
  // Direct-investment positions and flows can be negative (reverse investment, disinvestment); the world's
  // total inward position is about 40 trillion USD.
  cdis_positions: { value_usd: { min: -1e15, max: 1e15, what: "a direct-investment position in USD" } },
  cdis_totals: { value_usd: { min: -1e15, max: 1e15, what: "a direct-investment position in USD" } },
  mil_exercises: { end_year: { min: 1816, max: 2100, integer: true, what: "a year" } },
  fdi_flows: { value_usd: { min: -1e15, max: 1e15, what: "a direct-investment flow in USD" }, level: COUNT },
};

/** WDI series whose values cannot be negative (levels, not changes). */
const WDI_NONNEGATIVE = /^(NY\.GDP\.(MKTP|PCAP)\.|SP\.POP\.|population)/i;

const TYPE_BOUNDS: Partial<Record<ColumnType, ValueRule>> = {
  SMALLINT: { min: -32_768, max: 32_767, integer: true },
  INTEGER: { min: -2_147_483_648, max: 2_147_483_647, integer: true },
  BIGINT: { min: -(2 ** 63), max: 2 ** 63 - 1, integer: true },
  DOUBLE: {},
};

/** The rules a column of a table follows: its type's bounds, narrowed by its name and by COLUMN_RULES. */
export function columnRule(table: string, column: string, type: ColumnType): ValueRule | undefined {
  const bounds = TYPE_BOUNDS[type];
  if (!bounds) return undefined;
  const specific = COLUMN_RULES[table]?.[column] ?? BY_NAME[column];
  return {
    min: Math.max(bounds.min ?? Number.NEGATIVE_INFINITY, specific?.min ?? Number.NEGATIVE_INFINITY),
    max: Math.min(bounds.max ?? Number.POSITIVE_INFINITY, specific?.max ?? Number.POSITIVE_INFINITY),
    integer: Boolean(bounds.integer || specific?.integer),
    what: specific?.what ?? (type === "DOUBLE" ? "a finite number" : `a ${type} integer`),
  };
}

/** Why `v` breaks `rule`, or undefined when it is fine. */
export function ruleBreak(v: number, rule: ValueRule): string | undefined {
  if (!Number.isFinite(v)) return `${v} is not a finite number`;
  if (rule.integer && !Number.isInteger(v)) return `${v} is not a whole number`;
  if (rule.min !== undefined && v < rule.min) return `${v} is below ${rule.min}`;
  if (rule.max !== undefined && v > rule.max) return `${v} is above ${rule.max}`;
  return undefined;
}

/** Where a row came from, read from its own provenance columns where the table has them. */
function rowPlace(def: TableDef, row: readonly unknown[], fallbackFile: string) {
  const at = (name: string) => {
    const i = def.columns.findIndex(([n]) => n === name);
    return i < 0 ? undefined : row[i];
  };
  const file = (at("file") as string | null | undefined) ?? fallbackFile;
  const sheet = at("sheet") as string | null | undefined;
  const cell = at("cell") as string | null | undefined;
  const line = at("line") as number | null | undefined;
  const where = cell
    ? `${sheet ? `${sheet}!` : ""}${cell}`
    : line !== undefined && line !== null
      ? `${sheet ? `${sheet}!row ` : ""}${line}`
      : (sheet ?? undefined);
  return { file, where };
}

/**
 * Checks every numeric value of rows bound for `def` and throws InvalidValueError naming the first that
 * breaks its column's rule. Rows are positional, as TableRows holds them.
 */
export function checkRows(def: TableDef, rows: readonly (readonly unknown[])[], file: string): void {
  const checks: { index: number; name: string; rule: ValueRule }[] = [];
  def.columns.forEach(([name, type], index) => {
    const rule = columnRule(def.name, name, type);
    if (rule) checks.push({ index, name, rule });
  });
  const seriesIndex = def.name === "wdi_values" ? def.columns.findIndex(([n]) => n === "series") : -1;
  const valueIndex = def.name === "wdi_values" ? def.columns.findIndex(([n]) => n === "value") : -1;
  for (const row of rows) {
    for (const { index, name, rule } of checks) {
      const raw = row[index];
      if (raw === null || raw === undefined) continue;
      const v = typeof raw === "bigint" ? Number(raw) : raw;
      const broken = typeof v === "number" ? ruleBreak(v, rule) : `"${String(v)}" is not a number`;
      if (broken) fail(def, row, file, name, broken, rule);
    }
    if (seriesIndex >= 0) {
      const v = row[valueIndex];
      if (typeof v === "number" && v < 0 && WDI_NONNEGATIVE.test(String(row[seriesIndex]))) {
        fail(def, row, file, "value", `${v} is negative`, {
          min: 0,
          what: `a level of ${row[seriesIndex]}, which cannot be negative`,
        });
      }
    }
  }
}

function fail(
  def: TableDef,
  row: readonly unknown[],
  file: string,
  column: string,
  broken: string,
  rule: ValueRule,
): never {
  const place = rowPlace(def, row, file);
  throw new InvalidValueError(
    place.file,
    place.where,
    `${def.name}.${column} must be ${rule.what ?? "in range"}, but ${broken}`,
    "The file holds a value no statistic can have; check that cell against the publisher's file (it may have been edited, or saved with another unit), fix or remove the row, and ingest again. The store is unchanged.",
  );
}

/**
 * SQL that finds the first row of `def` in `dataset` breaking a column rule, for tables a source fills
 * itself from a staged file. Returns undefined when the table has no numeric column to check.
 */
export function firstBadRowSql(def: TableDef): { sql: string; columns: string[] } | undefined {
  const conditions: string[] = [];
  const columns: string[] = [];
  for (const [name, type] of def.columns) {
    const rule = columnRule(def.name, name, type);
    if (!rule) continue;
    const parts: string[] = [];
    if (type === "DOUBLE") parts.push(`NOT isfinite(${name})`);
    if (
      rule.min !== undefined &&
      Number.isFinite(rule.min) &&
      rule.min > (TYPE_BOUNDS[type]?.min ?? -Infinity)
    )
      parts.push(`${name} < ${rule.min}`);
    if (
      rule.max !== undefined &&
      Number.isFinite(rule.max) &&
      rule.max < (TYPE_BOUNDS[type]?.max ?? Infinity)
    )
      parts.push(`${name} > ${rule.max}`);
    if (type === "DOUBLE" && rule.integer) parts.push(`${name} <> round(${name})`);
    if (parts.length) {
      conditions.push(`(${name} IS NOT NULL AND (${parts.join(" OR ")}))`);
      columns.push(name);
    }
  }
  if (!conditions.length) return undefined;
  return {
    sql: `SELECT * FROM ${def.name} WHERE dataset = ? AND (${conditions.join(" OR ")}) LIMIT 1`,
    columns,
  };
}

/** Checks the first bad row a SQL check found (as an object) and throws its error. */
export function checkRowObject(def: TableDef, row: Record<string, unknown>, file: string): void {
  checkRows(def, [def.columns.map(([n]) => row[n])], file);
}

// Plain decimal notation only: "0x1F" is not 31, "Infinity" and "NaN" are not numbers, "1e400" overflows.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell's text as a finite number in plain decimal notation, or undefined where it is not one. Number()
 * alone reads hexadecimal, binary, "Infinity" and whitespace as numbers, and 1e400 as Infinity.
 */
export function parseDecimal(text: string): number | undefined {
  const s = text.trim();
  if (!DECIMAL.test(s)) return undefined;
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/**
 * One key given twice in a source. Every source treats repeats as tidy-trade and imf-dots do: an exact
 * repeat (the same key with the same values) is dropped and counted, a repeat with other values stops the
 * ingest naming both places.
 */
export class Repeats {
  private readonly seen = new Map<string, { values: string; place: string | number }>();
  /** Exact repeats dropped so far. */
  dropped = 0;

  /**
   * "keep" for the first time a key is seen, "drop" for an exact repeat, or the earlier place (line or cell)
   * of a repeat with other values.
   */
  see(
    key: string,
    values: string,
    place: string | number,
  ): "keep" | "drop" | { conflictWith: string | number } {
    const earlier = this.seen.get(key);
    if (!earlier) {
      this.seen.set(key, { values, place });
      return "keep";
    }
    if (earlier.values === values) {
      this.dropped++;
      return "drop";
    }
    return { conflictWith: earlier.place };
  }
}

/** True for a real calendar date written YYYY-MM-DD (Date.parse takes 2025-02-30 as 2 March). */
export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
