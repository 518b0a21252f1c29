// Running the app on a port: the store opened read-only with a few connections, the dashboard from web/dist.

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener } from "@hono/node-server";
import { Store } from "../store/index.ts";
import { createApp, malformedRequestResponse } from "./app.ts";
import { type CheckBudget, type CheckRunner, createCheckRunner } from "./check-runner.ts";
import { createPool, type StorePool } from "./pool.ts";
import { type MemoryValues, memoryValues } from "./values.ts";

export interface ServeOptions {
  host?: string;
  port?: number;
  /** The data home whose store is served (default DYAD_HOME, else .dyad). */
  home?: string;
  /** An already-open read-only store (tests); the server closes it on close(). */
  store?: Store;
  webDir?: string;
  connections?: number;
  /** Bytes of answers to keep; 0 keeps none (see cache.ts). */
  cacheBytes?: number;
  /** The claim check's budget (claims, seconds, queue); see check-runner.ts. */
  checkBudget?: CheckBudget;
  /**
   * Read the trade tables into memory at start (default true), so trade values are answered with no query
   * once they are in (values.ts); the store answers until then.
   */
  memoryValues?: boolean;
  log?: (message: string) => void;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  pool: StorePool;
  /** The claim check's worker threads. */
  checker: CheckRunner;
  /** Trade values in memory: `values.ready` settles when they are loaded. */
  values?: MemoryValues;
  close(): Promise<void>;
}

export async function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const store = options.store ?? (await Store.open({ home: options.home, readOnly: true }));
  if (!store.readOnly)
    throw new Error("The server serves a read-only store: open it with { readOnly: true }.");
  const pool = await createPool(store, options.connections ?? 4);
  const checker = createCheckRunner(store.path, options.checkBudget);
  const values = options.memoryValues === false ? undefined : memoryValues(store, options.log);
  const app = createApp({
    pool,
    checker,
    values,
    webDir: options.webDir,
    log: options.log,
    cacheBytes: options.cacheBytes,
  });
  // The node adapter answers a request it cannot parse with an empty 400; ours is JSON with the headers.
  const listener = getRequestListener(app.fetch, {
    hostname: host,
    errorHandler: () => malformedRequestResponse(),
  });
  const server = createServer(listener);
  await new Promise<void>((resolveServer, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, host, () => resolveServer());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}/`,
    host,
    port,
    pool,
    checker,
    values,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.close(() => {
          // A load of the trade tables still running is stopped first: it reads through the pool's store.
          void (values?.close() ?? Promise.resolve()).then(() => {
            pool.close();
            resolveClose();
          });
        });
        // Keep-alive connections would hold close() open; the node server exposes closeAllConnections.
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
}
