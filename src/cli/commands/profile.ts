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
    .option(
      "--provenance <form>",
      "only with --json: reference (each dataset and cell once, values refer to cells by index; the default) or inline (every value carries its full provenance)",
    )
    .action(
      async (
        a: string,
        b: string,
        opts: { from?: string; to?: string; json?: boolean; provenance?: string },
      ) => {
        // The form is how the JSON writes each value's provenance; the text table prints no provenance, so
        // the flag would change nothing there: say so rather than ignore it.
        if (opts.provenance !== undefined && !opts.json)
          throw new Error(
            `--provenance ${opts.provenance} only applies to JSON output: it says how --json writes each value's provenance, and the text table prints none. Add --json, or leave --provenance out (dyad value prints one value with its full provenance as text).`,
          );
        const [
          { formatTradeTable },
          { buildProfile, profileSectionTexts, validateYears },
          { PROVENANCE_FORMS, profileJson },
        ] = await Promise.all([
          import("../../profile/format.ts"),
          import("../../profile/index.ts"),
          import("../../profile/json.ts"),
        ]);
        const form = PROVENANCE_FORMS.find((f) => f === (opts.provenance ?? "reference"));
        if (!form) throw new Error(`--provenance ${opts.provenance}: use ${PROVENANCE_FORMS.join(" or ")}.`);
        const options = {
          from: opts.from ? parseYear(opts.from) : undefined,
          to: opts.to ? parseYear(opts.to) : undefined,
        };
        validateYears(options, { from: "--from", to: "--to" });
        const profile = await withStore(openForRead, (store) => buildProfile(store, a, b, options));
        if (opts.json) {
          process.stdout.write(`${JSON.stringify(profileJson(profile, form))}\n`);
          return;
        }
        if (!profile.years.length) {
          process.stdout.write(
            `No trade data between ${profile.a.en} and ${profile.b.en} in the loaded sources${options.from || options.to ? " for these years" : ""}.\n`,
          );
        } else process.stdout.write(`${formatTradeTable(profile)}\n`);
        for (const text of profileSectionTexts(profile)) process.stdout.write(`\n${text}\n`);
      },
    );
}
