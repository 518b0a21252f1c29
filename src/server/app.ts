// The HTTP app: security headers, the API routes (validated by their declarations), the OpenAPI
// document, and the dashboard's static files. Thin: every route calls one library function.
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { answerCache, bodyOf, gzipOf } from "./cache.ts";
import { CHECK_MAX_BYTES } from "./check-body.ts";
import { type CheckBudget, type CheckRunner, createCheckRunner } from "./check-runner.ts";
import { ApiError, errorBody, toApiError } from "./errors.ts";
import { buildOpenApi } from "./openapi.ts";
import type { StorePool } from "./pool.ts";
import { ROUTES } from "./routes.ts";
import { parseFields } from "./schema.ts";
import { staticFiles } from "./static.ts";
import type { MemoryValues } from "./values.ts";

export interface AppOptions {
  pool: StorePool;
  /** The built dashboard (web/dist); without it only the API answers. */
  webDir?: string;
  /** Bytes of answers to keep (default 128 MiB); 0 keeps none, for measuring the uncached cost. */
  cacheBytes?: number;
  /**
   * Worker threads for the claim check (default: one per core, on the pool's store file). 0 checks in-process,
   * without a time budget; an in-memory store always does.
   */
  checkWorkers?: number;
  /** A check runner made by the caller (the server keeps it to report on); overrides checkWorkers. */
  checker?: CheckRunner;
  /** The claim check's budget (claims, seconds, queue); see check-runner.ts. */
  checkBudget?: CheckBudget;
  /** Where unexpected errors are logged; the client only ever sees a plain 500 message. */
  log?: (message: string) => void;
  /** Trade values held in memory for the value route (values.ts); without them the store answers. */
  values?: MemoryValues;
}

const PACKAGE_VERSION = (
  JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }
).version;

// Inline styles are allowed because Observable Plot's SVG and the dossier's HTML carry style attributes;
// scripts come only from the server itself.
const SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "SAMEORIGIN",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "permissions-policy": "camera=(), microphone=(), geolocation=()",
};

/**
 * The answer to a request the HTTP layer cannot even turn into a URL (a raw backslash in the path): the
 * same JSON error and security headers as every other answer, not an empty 400.
 */
export function malformedRequestResponse(): Response {
  return new Response(
    JSON.stringify(
      errorBody(
        400,
        "The request's path cannot be read as a URL (a raw backslash or another character that must be percent-encoded). Encode it and try again.",
      ),
    ),
    { status: 400, headers: { "content-type": "application/json", ...SECURITY_HEADERS } },
  );
}

export function createApp(options: AppOptions): Hono {
  const app = new Hono();
  const log = options.log ?? ((m: string) => process.stderr.write(`${m}\n`));

  app.use(async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  });

  app.onError((err, c) => {
    const api = toApiError(err);
    if (api.status >= 500 && !(err instanceof ApiError)) {
      log(`dyad serve: ${c.req.method} ${c.req.path} failed: ${(err as Error).stack ?? String(err)}`);
    }
    return c.json(errorBody(api.status, api.message, api.extra), api.status);
  });

  app.post(
    "/api/v1/check",
    bodyLimit({
      maxSize: CHECK_MAX_BYTES,
      onError: (c) =>
        c.json(
          errorBody(413, `The body is larger than 1 MB (${CHECK_MAX_BYTES} bytes): send a shorter article.`),
          413,
        ),
    }),
  );

  const workers = options.checkWorkers ?? availableParallelism();
  const checker =
    options.checker ??
    (workers > 0 && options.pool.storePath !== ":memory:"
      ? createCheckRunner(options.pool.storePath, options.checkBudget, workers)
      : undefined);
  if (checker) options.pool.onClose(() => checker.close());

  const openapi = buildOpenApi(ROUTES, PACKAGE_VERSION);
  const cache = answerCache(options.cacheBytes ?? 128 * 1024 * 1024);
  app.get("/api/v1/openapi.json", (c) => c.json(openapi));

  for (const r of ROUTES) {
    const honoPath = r.path.replace(/\{(\w+)\}/g, ":$1");
    const known = new Set(Object.keys(r.query));
    app.on(r.method.toUpperCase(), honoPath, async (c) => {
      // A parameter given twice would silently take its first value; refuse it instead.
      for (const [name, values] of Object.entries(c.req.queries())) {
        if (values.length > 1) {
          throw new ApiError(
            400,
            `The query parameter "${name.slice(0, 40)}" is given ${values.length} times: give it once.`,
            { parameter: name.slice(0, 40) },
          );
        }
      }
      for (const name of Object.keys(c.req.query())) {
        if (!known.has(name)) {
          throw new ApiError(
            400,
            `Unknown query parameter "${name.slice(0, 40)}" for ${r.path}${known.size ? `: the parameters are ${[...known].join(", ")}` : ": it takes none"}.`,
            { parameter: name.slice(0, 40) },
          );
        }
      }
      const params = parseFields(r.params, c.req.param() as Record<string, string>, "path");
      const query = parseFields(r.query, c.req.query(), "query");
      const run = () => r.handle({ pool: options.pool, checker, values: options.values, params, query, c });
      if (r.cacheable) {
        const answer = await cache.get(
          `${r.operationId}|${JSON.stringify(params)}|${JSON.stringify(query)}`,
          run,
        );
        const headers: Record<string, string> = {
          "content-type": "application/json",
          vary: "accept-encoding",
        };
        // Node's Buffers are typed over ArrayBufferLike; these are plain ArrayBuffer-backed bytes.
        const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "")
          ? await gzipOf(answer)
          : undefined;
        if (gzip) {
          headers["content-encoding"] = "gzip";
          return c.body(gzip as Uint8Array<ArrayBuffer>, 200, headers);
        }
        return c.body((await bodyOf(answer)) as Uint8Array<ArrayBuffer>, 200, headers);
      }
      const out = await run();
      return out instanceof Response ? out : c.json(out);
    });
  }

  // Anything else under /api: a JSON 405 when the path exists with another method, else 404.
  app.all("/api/*", (c) => {
    const path = c.req.path;
    const methods = ROUTES.filter((r) =>
      new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}$`).test(path),
    ).map((r) => r.method.toUpperCase());
    if (path === "/api/v1/openapi.json") methods.push("GET");
    if (methods.length) {
      c.header("allow", methods.join(", "));
      return c.json(
        errorBody(405, `${c.req.method} is not allowed on ${path}: use ${methods.join(" or ")}.`),
        405,
      );
    }
    return c.json(
      errorBody(404, `No API route ${path.slice(0, 100)}. GET /api/v1/openapi.json lists the routes.`),
      404,
    );
  });

  const files = options.webDir ? staticFiles(options.webDir) : undefined;
  app.get("*", (c) => {
    if (!files) throw new ApiError(404, "This server has no dashboard; the API is at /api/v1/openapi.json.");
    return files.handle(c);
  });
  app.all("*", (c) =>
    c.json(errorBody(405, `${c.req.method} is not allowed here: the dashboard is read with GET.`), 405),
  );

  return app;
}
