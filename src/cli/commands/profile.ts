import type { Command } from "commander";
import { openForRead, withStore } from "../store.ts";
import { parseYear } from "./value.ts";

export function register(program: Command): void {
  program
    .command("profile")
    .description("every indicator for A and B over all years with data")
    .argument("<A>", "country A: ISO3, ISO2 or an English or German name")
    .argument("<B>", "country B")
    .option("--from <year>", "first year")
    .option("--to <year>", "last year")
    .option("--json", "print the profile as one JSON document")
    .action(async (a: string, b: string, opts: { from?: string; to?: string; json?: boolean }) => {
      const [{ formatTradeTable }, { buildProfile, profileSectionTexts, validateYears }] = await Promise.all([
        import("../../profile/format.ts"),
        import("../../profile/index.ts"),
      ]);
      const options = {
        from: opts.from ? parseYear(opts.from) : undefined,
        to: opts.to ? parseYear(opts.to) : undefined,
      };
      validateYears(options, { from: "--from", to: "--to" });
      const profile = await withStore(openForRead, (store) => buildProfile(store, a, b, options));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(profile)}\n`);
        return;
      }
      if (!profile.years.length) {
        process.stdout.write(
          `No trade data between ${profile.a.en} and ${profile.b.en} in the loaded sources${options.from || options.to ? " for these years" : ""}.\n`,
        );
      } else process.stdout.write(`${formatTradeTable(profile)}\n`);
      for (const text of profileSectionTexts(profile)) process.stdout.write(`\n${text}\n`);
    });
}
