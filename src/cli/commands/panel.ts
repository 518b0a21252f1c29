// `dyad panel --out FILE.parquet|csv`: every dyad-year with every indicator that applies, for researchers.
import type { Command } from "commander";
import { openForRead, withStore } from "../store.ts";

export function register(program: Command): void {
  program
    .command("panel")
    .description(
      "write every dyad-year of every country pair with all indicators that apply (Parquet or CSV)",
    )
    .requiredOption("--out <file>", "output file, .parquet or .csv")
    .option("--json", "print a JSON summary")
    .action(async (opts: { out: string; json?: boolean }) => {
      const { writePanel } = await import("../../panel/panel.ts");
      const started = performance.now();
      const result = await withStore(openForRead, (store) => writePanel(store, opts.out));
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ ...result, seconds })}\n`);
        return;
      }
      process.stdout.write(
        `${result.path}: ${result.rows.toLocaleString("en")} dyad-years (${result.countries} countries × ${result.years.join("–")}), ` +
          `${result.columns.length} columns, in ${seconds.toFixed(1)} s\n  ${result.columns.join(", ")}\n`,
      );
    });
}
