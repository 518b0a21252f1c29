import type { Command } from "commander";

export function register(program: Command): void {
  program
    .command("indicators")
    .description("the indicator catalogue")
    .option("--json", "as JSON")
    .action(async (opts: { json?: boolean }) => {
      const { INDICATORS } = await import("../../indicators/catalogue.ts");
      const list = INDICATORS.map(({ name, unit, definition, formula, sources, citation, caveats }) => ({
        name,
        unit,
        definition,
        formula,
        sources,
        citation,
        caveats,
      }));
      if (opts.json) process.stdout.write(`${JSON.stringify(list)}\n`);
      else
        for (const d of list)
          process.stdout.write(`${d.name.padEnd(28)} ${d.unit.padEnd(9)} ${d.definition}\n`);
    });
  program
    .command("countries")
    .description("the country registry: countries, aggregates and historical entities")
    .option("--kind <kind>", "country | aggregate | historical")
    .option("--json", "as JSON")
    .action(async (opts: { kind?: "country" | "aggregate" | "historical"; json?: boolean }) => {
      if (opts.kind !== undefined && !["country", "aggregate", "historical"].includes(opts.kind))
        throw new Error(`--kind "${opts.kind}": give country, aggregate or historical.`);
      const { registry } = await import("../../countries/index.ts");
      const list = registry.all(opts.kind);
      if (opts.json) process.stdout.write(`${JSON.stringify(list)}\n`);
      else for (const e of list) process.stdout.write(`${e.code}  ${e.kind.padEnd(10)} ${e.en} / ${e.de}\n`);
    });
}
