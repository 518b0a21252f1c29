// The years a question may ask about: one rule for the library, the CLI and the API. (What a year in the
// store may be is the store's own rule, src/store/checks.ts.)

export const QUERY_YEARS = { min: 1900, max: 2100 } as const;

/** The year in `text` (four digits within QUERY_YEARS), or undefined. */
export function parseQueryYear(text: string): number | undefined {
  const year = Number(text);
  return /^\d{4}$/.test(text) && year >= QUERY_YEARS.min && year <= QUERY_YEARS.max ? year : undefined;
}

/** Why `text` is not a year; `name` is how the caller's user wrote the parameter. */
export function notAYear(text: string, name?: string): string {
  return `"${text}" is not a year${name ? ` (${name})` : ""}: give four digits between ${QUERY_YEARS.min} and ${QUERY_YEARS.max}, e.g. 2024.`;
}

/**
 * Checks a span of years; the names are how the caller's user wrote the bounds (`--from` on the command line,
 * `from` in a query string or a library call).
 */
export function checkYearSpan(
  span: { from?: number; to?: number },
  names: { from: string; to: string } = { from: "from", to: "to" },
): void {
  for (const key of ["from", "to"] as const) {
    const y = span[key];
    if (y !== undefined && (!Number.isInteger(y) || y < QUERY_YEARS.min || y > QUERY_YEARS.max)) {
      throw new Error(`${names[key]} ${y} is not a year between ${QUERY_YEARS.min} and ${QUERY_YEARS.max}.`);
    }
  }
  if (span.from !== undefined && span.to !== undefined && span.from > span.to) {
    throw new Error(`${names.from} ${span.from} is after ${names.to} ${span.to}.`);
  }
}
