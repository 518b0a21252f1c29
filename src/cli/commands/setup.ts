import type { Command } from "commander";
import type { IngestSummary } from "../../sources/registry.ts";
import { openForWrite, withStore } from "../store.ts";

export function summaryLine(source: string, s: IngestSummary): string {
  const years = s.years ? `, years ${s.years[0]}–${s.years[1]}` : "";
  const countries = s.countries !== undefined ? `, ${s.countries} reporters` : "";
  const skipped = s.skipped?.length ? `, ${s.skipped.length} unknown names skipped` : "";
  return `${source}: ${s.rows.toLocaleString("en")} rows from ${s.files} file${s.files === 1 ? "" : "s"}${countries}${years}${skipped} (${s.seconds.toFixed(1)} s)`;
}

export function register(program: Command): void {
  program
    .command("setup")
    .description(
      "ingest every source found in the data folder (--sources, $DYAD_SOURCES, else ../shared/data)",
    )
    .option("--sources <dir>", "folder with the publishers' files")
    .option("--skip-unknown", "leave out names the country registry does not know (listed in the report)")
    .option("--replace-all", "replace each dataset even if the store's copy covers more than the folder")
    .action(async (opts: { sources?: string; skipUnknown?: boolean; replaceAll?: boolean }) => {
      const [{ findSourcesDir, setupAll }, { progressBar }] = await Promise.all([
        import("../../sources/setup.ts"),
        import("../progress.ts"),
      ]);
      const { dir, how } = findSourcesDir(opts.sources);
      process.stderr.write(`Ingesting from ${dir} (${how}) into ${process.env.DYAD_HOME ?? ".dyad"}/\n`);
      await withStore(openForWrite, async (store) => {
        let bar = progressBar("");
        const steps = await setupAll(store, dir, {
          skipUnknown: opts.skipUnknown,
          replaceAll: opts.replaceAll,
          onStart: (source) => {
            bar = progressBar(source.info.name);
          },
          onProgress: (done, total, file) => bar.update(done, total, file),
          onRestart: (message) => {
            bar.stop();
            process.stderr.write(`${message}\nIngesting each source on its own instead:\n`);
          },
          onDone: (step) => {
            bar.stop();
            if (step.summary) process.stdout.write(`${summaryLine(step.source, step.summary)}\n`);
            else
              process.stderr.write(
                `${step.source} (${step.path}) failed, store unchanged for it:\n  ${step.error?.replace(/\n/g, "\n  ")}\n`,
              );
          },
        });
        if (steps.some((s) => s.error)) process.exitCode = 1;
      });
    });
}
