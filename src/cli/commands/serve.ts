// `dyad serve`: the HTTP API and the dashboard on a read-only store.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { RunningServer } from "../../server/serve.ts";
import { openForRead } from "../store.ts";

export interface ListenOptions {
  port?: string;
  host?: string;
}

export function parsePort(text: string): number {
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) {
    throw new Error(`--port ${text} is not a port: give a number between 0 and 65535 (0 picks a free one).`);
  }
  return Number(text);
}

/** Serves until SIGINT/SIGTERM; prints the URL on stdout. */
export async function serveUntilStopped(opts: ListenOptions): Promise<RunningServer> {
  const port = parsePort(opts.port ?? "8080");
  const host = opts.host ?? "127.0.0.1";
  const [{ startServer }, { WEB_DIST }] = await Promise.all([
    import("../../server/serve.ts"),
    import("../../server/web-build.ts"),
  ]);
  const store = await openForRead();
  let server: RunningServer;
  try {
    server = await startServer({
      store,
      host,
      port,
      webDir: WEB_DIST,
      log: (m) => process.stderr.write(`${m}\n`),
    });
  } catch (err) {
    store.close();
    if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(`Port ${port} on ${host} is in use: stop the other server or give another --port.`);
    }
    if ((err as NodeJS.ErrnoException).code === "EADDRNOTAVAIL") {
      throw new Error(`--host ${host} is not an address of this machine: use 127.0.0.1 or 0.0.0.0.`);
    }
    throw err;
  }
  if (!existsSync(join(WEB_DIST, "index.html"))) {
    process.stderr.write(
      "The dashboard is not built (web/dist): `npm start` builds it; the API answers meanwhile.\n",
    );
  }
  process.stdout.write(
    `dyad is serving at ${server.url}  (API: ${server.url}api/v1/openapi.json; Ctrl-C stops)\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return server;
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("serve the HTTP API and the dashboard (read-only store)")
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .action(async (opts: ListenOptions) => {
      await serveUntilStopped(opts);
    });
}
