// `dyad check <FILE|->`: find the numeric claims of an article and check them against the store.
import { readFileSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import type { Command } from "commander";
import { isCalendarDate } from "../../store/checks.ts";
import { openForRead, withStoreWhile } from "../store.ts";

interface CheckCliOptions {
  date?: string;
  lang?: string;
  json?: boolean;
  html?: string;
  format?: string;
}

function readInput(file: string): string {
  if (file === "-") return readFileSync(0, "utf8");
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(
      `Cannot read the article ${file}: ${(err as Error).message}. Give a text or HTML file, or - for stdin.`,
    );
  }
}

export function register(program: Command): void {
  program
    .command("check")
    .description("find an article's numeric claims about two countries and check them against the data")
    .argument("<file>", "the article: a text or HTML file, or - for stdin")
    .option("--date <YYYY-MM-DD>", 'publication date, for relative periods such as "im vergangenen Jahr"')
    .option("--lang <de|en>", "the article's language (default: detected)")
    .option("--format <auto|text|html>", "how to read the input", "auto")
    .option("--json", "print one JSON document")
    .option("--html <file>", "also write the article as HTML with the claims marked")
    .action(async (file: string, o: CheckCliOptions) => {
      if (o.date !== undefined && !isCalendarDate(o.date))
        throw new Error(`--date "${o.date}" is not a calendar date: give YYYY-MM-DD, e.g. 2025-05-08.`);
      if (o.lang !== undefined && o.lang !== "de" && o.lang !== "en")
        throw new Error(`--lang "${o.lang}": give de or en.`);
      if (o.format !== undefined && !["auto", "text", "html"].includes(o.format))
        throw new Error(`--format "${o.format}": give auto, text or html.`);
      const input = readInput(file);
      // The claim finder's Unicode, case-insensitive cue patterns run a few dozen times per article: V8's
      // regexp interpreter, which runs a pattern until it is "hot", takes ~3× longer over one article than
      // compiling each to machine code at its first use (set before the claims modules make them).
      setFlagsFromString("--no-regexp-tier-up");
      // DuckDB opens the store on its own threads while the claims are found, which needs no store.
      await withStoreWhile(
        // openForRead: a store from an earlier dyad is named as such, as for every other reading command.
        openForRead,
        async () => {
          const [{ checkRead, readArticle }, render] = await Promise.all([
            import("../../claims/check.ts"),
            import("../../claims/render.ts"),
          ]);
          const read = readArticle(input, {
            date: o.date,
            lang: o.lang as "de" | "en" | undefined,
            format: o.format as "auto" | "text" | "html",
          });
          return { checkRead, read, render };
        },
        async (store, { checkRead, read, render }) => {
          const result = await checkRead(store, read);
          if (o.html)
            writeFileSync(
              o.html,
              render.renderHtml(result, input, `dyad claim check: ${file === "-" ? "stdin" : file}`),
            );
          if (o.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          else
            process.stdout.write(
              `${render.renderTerminal(result, Boolean(process.stdout.isTTY) && !process.env.NO_COLOR)}\n`,
            );
        },
      );
    });
}
