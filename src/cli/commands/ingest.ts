import type { Command } from "commander";
import { openForWrite, withStore } from "../store.ts";
import { summaryLine } from "./setup.ts";

export function register(program: Command): void {
  program
    .command("ingest")
    .description("ingest one source, e.g. `dyad ingest imf-dots ../shared/data/imf-dots`")
    .argument("<source>", "source name (imf-dots, tidy-trade, ...)")
    .argument("<path>", "file or folder in the publisher's format")
    .option("--skip-unknown", "leave out names the country registry does not know (listed in the report)")
    .option(
      "--replace-all",
      "replace the whole dataset even if the store's copy covers more (e.g. more IMF reporters than these workbooks)",
    )
    .action(async (name: string, path: string, opts: { skipUnknown?: boolean; replaceAll?: boolean }) => {
      const [{ getSource }, { progressBar }] = await Promise.all([
        import("../../sources/registry.ts"),
        import("../progress.ts"),
      ]);
      const source = getSource(name);
      await withStore(openForWrite, async (store) => {
        const bar = progressBar(source.info.name);
        try {
          const summary = await source.ingest(store, path, {
            skipUnknown: opts.skipUnknown,
            replaceAll: opts.replaceAll,
            onProgress: (done, total, file) => bar.update(done, total, file),
          });
          bar.stop();
          process.stdout.write(`${summaryLine(source.info.name, summary)}\n`);
          for (const s of summary.skipped ?? [])
            process.stdout.write(`  skipped "${s.label}" (${s.where.slice(0, 3).join(", ")})\n`);
        } finally {
          bar.stop();
        }
      });
    });
}
