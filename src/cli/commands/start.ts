// `dyad start` (npm start): build the dashboard if it is missing or stale, ingest the sources if the store
// is empty, then serve. Each step says what it does, so a first run's wait is explained.
import { existsSync, renameSync } from "node:fs";
import type { Command } from "commander";
import { openForWrite, withStore } from "../store.ts";
import { type ListenOptions, parsePort, serveUntilStopped } from "./serve.ts";
import { summaryLine } from "./setup.ts";

async function storeIsEmpty(): Promise<boolean> {
  const { Store, storePath, staleTables } = await import("../../store/index.ts");
  const path = storePath();
  if (!existsSync(path)) return true;
  const store = await Store.open({ readOnly: true });
  let stale: string[];
  try {
    stale = await staleTables(store);
    if (!stale.length) {
      if (!(await store.hasTable("trade_flows"))) return true;
      const row = await store.one<{ n: bigint }>(
        "SELECT count(*) AS n FROM (SELECT 1 FROM trade_flows LIMIT 1)",
      );
      return Number(row?.n ?? 0) === 0;
    }
  } finally {
    store.close();
  }
  // A store built by an earlier dyad is set aside (kept, renamed) and built anew from the sources.
  const aside = `${path}.earlier-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  renameSync(path, aside);
  if (existsSync(`${path}.wal`)) renameSync(`${path}.wal`, `${aside}.wal`);
  process.stderr.write(
    `The store was built by an earlier version of dyad (${stale[0]}${stale.length > 1 ? "; …" : ""}); it is kept as ${aside} and built anew.\n`,
  );
  return true;
}

async function ingestAll(sources: string | undefined): Promise<void> {
  const [{ findSourcesDir, setupAll }, { progressBar }] = await Promise.all([
    import("../../sources/setup.ts"),
    import("../progress.ts"),
  ]);
  const { dir, how } = findSourcesDir(sources);
  process.stderr.write(
    `The store is empty: ingesting the sources from ${dir} (${how}); this takes a few minutes once.\n`,
  );
  await withStore(openForWrite, async (store) => {
    let bar = progressBar("");
    let n = 0;
    const steps = await setupAll(store, dir, {
      onStart: (source, path) => {
        n++;
        process.stderr.write(`  [${n}] ${source.info.name} (${path})\n`);
        bar = progressBar(`  ${source.info.name}`);
      },
      onProgress: (done, total, file) => bar.update(done, total, file),
      onRestart: (message) => {
        bar.stop();
        n = 0;
        process.stderr.write(`  ${message}\n  Ingesting each source on its own instead:\n`);
      },
      onDone: (step) => {
        bar.stop();
        if (step.summary) process.stderr.write(`      ${summaryLine(step.source, step.summary)}\n`);
        else process.stderr.write(`      ${step.source} failed, left out: ${step.error?.split("\n")[0]}\n`);
      },
    });
    const ok = steps.filter((s) => s.summary).length;
    if (!ok) throw new Error("No source could be ingested; see the messages above.");
    process.stderr.write(`Ingested ${ok} of ${steps.length} sources.\n`);
  });
}

export function register(program: Command): void {
  program
    .command("start")
    .description("build the dashboard if needed, ingest the sources if the store is empty, then serve")
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--sources <dir>", "folder with the publishers' files (for the first ingest)")
    .action(async (opts: ListenOptions & { sources?: string }) => {
      parsePort(opts.port ?? "8080");
      const { buildWeb, webBuildNeeded } = await import("../../server/web-build.ts");
      if (webBuildNeeded()) {
        process.stderr.write("Building the dashboard (web/ → web/dist) …\n");
        const t0 = Date.now();
        await buildWeb();
        process.stderr.write(`Built the dashboard in ${((Date.now() - t0) / 1000).toFixed(1)} s.\n`);
      }
      if (await storeIsEmpty()) await ingestAll(opts.sources);
      await serveUntilStopped(opts);
    });
}
