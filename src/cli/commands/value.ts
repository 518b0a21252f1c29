import type { Command } from "commander";
import { notAYear, parseQueryYear } from "../../indicators/years.ts";
import { openForRead, withStoreWhile } from "../store.ts";

export function parseYear(text: string): number {
  const year = parseQueryYear(text);
  if (year === undefined) throw new Error(notAYear(text));
  return year;
}

export function register(program: Command): void {
  program
    .command("value")
    .description(
      "one indicator for a pair of countries and a year, e.g. `dyad value trade.export_share RUS CHN 2020`",
    )
    .argument("<indicator>", "indicator name (`dyad indicators` lists them)")
    .argument("<A>", "country A: ISO3, ISO2 or an English or German name")
    .argument("<B>", "country B")
    .argument("<year>", "year")
    .option("--json", "print one JSON object")
    .option("--window <years>", "arms.supplier_share: a window of years ending in <year>")
    .option("--product <code>", "trade.product_*: an HS code or product group")
    .action(
      async (
        indicator: string,
        aIn: string,
        bIn: string,
        yearIn: string,
        opts: { json?: boolean; window?: string; product?: string },
      ) => {
        // The store opens while the modules load and the arguments are read (errors in them come first).
        const { value, a, b, year, countryName, formatValue } = await withStoreWhile(
          openForRead,
          async () => {
            // Loaded here, not at the top: `dyad --help` and the other commands need none of it.
            const [{ countryName, registry }, { computeIndicator, getIndicator }, { formatValue }] =
              await Promise.all([
                import("../../countries/index.ts"),
                import("../../indicators/catalogue.ts"),
                import("../../indicators/format.ts"),
              ]);
            getIndicator(indicator);
            const a = registry.resolve(aIn).code;
            const b = registry.resolve(bIn).code;
            if (a === b)
              throw new Error(`A dyad needs two different countries; both are ${countryName(a)} (${a}).`);
            const year = parseYear(yearIn);
            const window = opts.window === undefined ? undefined : Number(opts.window);
            if (window !== undefined && (!Number.isInteger(window) || window < 1 || window > 50)) {
              throw new Error(`--window ${opts.window} is not a number of years between 1 and 50.`);
            }
            return { computeIndicator, countryName, formatValue, a, b, year, window };
          },
          async (store, p) => ({
            ...p,
            value: await p.computeIndicator(store, indicator, p.a, p.b, p.year, {
              window: p.window,
              product: opts.product,
            }),
          }),
        );
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(value)}\n`);
          return;
        }
        process.stdout.write(
          `${indicator} ${countryName(a)} (${a}) – ${countryName(b)} (${b}), ${year}: ${formatValue(value)}\n`,
        );
        if (value.reason) process.stdout.write(`  ${value.reason}\n`);
        if (value.caveat) process.stdout.write(`  ${value.caveat}\n`);
        for (const p of value.provenance) {
          const what = [p.side === "partner" ? "mirror:" : null, p.reporter, p.flow, p.year, p.value]
            .filter((x) => x !== undefined && x !== null && x !== "")
            .join(" ");
          const cell = [p.file, p.sheet, p.line ? `row ${p.line}` : null].filter(Boolean).join(", ");
          process.stdout.write(
            `  ${what ? `${what} ` : ""}from ${p.dataset}${cell ? ` (${cell})` : ""}${p.estimate ? ", estimate" : ""}\n`,
          );
          // The note is what the row is, where the figure alone cannot say it (an exercise's name, a withheld cell).
          if (p.note) process.stdout.write(`    ${p.note}\n`);
          if (p.why) process.stdout.write(`    ${p.why}\n`);
        }
        if (value.value === null) process.exitCode = 2;
      },
    );
}
