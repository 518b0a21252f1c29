// The dashboard's files from web/dist, with the single-page routes (/dyad/..., /country/..., /check)
// answered by index.html. Paths are decoded and confined to the folder: no "..", no NUL, no backslash.
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import type { Context } from "hono";
import { ApiError } from "./errors.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

const SPA_ROUTES = /^\/(?:$|index\.html$|dyad(?:\/|$)|country(?:\/|$)|check\/?$)/;

export interface StaticFiles {
  handle(c: Context): Response;
}

export function staticFiles(root: string): StaticFiles {
  const base = resolve(root);
  // Files are few and small: kept in memory, and read again when a rebuild changed them.
  const cache = new Map<string, { body: Uint8Array; type: string; mtime: number }>();
  const read = (path: string) => {
    const mtime = statSync(path).mtimeMs;
    let hit = cache.get(path);
    if (!hit || hit.mtime !== mtime) {
      hit = { body: readFileSync(path), type: TYPES[extname(path)] ?? "application/octet-stream", mtime };
      cache.set(path, hit);
    }
    return hit;
  };
  const index = join(base, "index.html");
  return {
    handle(c) {
      let path: string;
      try {
        path = decodeURIComponent(new URL(c.req.url).pathname);
      } catch {
        throw new ApiError(400, "The path is not valid URL encoding.");
      }
      if (path.includes("\0") || path.includes("\\") || path.split("/").includes("..")) {
        throw new ApiError(400, "The path may not contain '..', backslashes or NUL bytes.");
      }
      if (SPA_ROUTES.test(path)) {
        if (!existsSync(index)) {
          return c.text(
            "The dashboard is not built. Run `npm start`, which builds it, or `npx vite build web`.",
            503,
          );
        }
        const file = read(index);
        return c.body(new Uint8Array(file.body), 200, {
          "content-type": file.type,
          "cache-control": "no-cache",
        });
      }
      const full = resolve(base, `.${path}`);
      if (!full.startsWith(base + sep) || !existsSync(full) || !statSync(full).isFile()) {
        throw new ApiError(
          404,
          `Nothing at ${path.slice(0, 100)}. The dashboard is at /, the API at /api/v1/openapi.json.`,
        );
      }
      const file = read(full);
      const immutable = path.startsWith("/assets/");
      return c.body(new Uint8Array(file.body), 200, {
        "content-type": file.type,
        "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      });
    },
  };
}
