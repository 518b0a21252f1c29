// `dyad baci fetch`: download a BACI release zip from CEPII. The stages are the project's usual four:
// check the parameters, build the URL, perform the download (streamed to a .part file, resumed with a Range
// request after a cut connection, retried with back-off on 429/5xx/network errors), and check the result
// (a complete zip holding the release's year and code files) before it takes its final name.
import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { dataHome } from "../../store/index.ts";
import { SourceError } from "../types.ts";
import { COUNTRY_FILE, YEAR_FILE } from "./files.ts";
import { openZip } from "./zip.ts";

export const BACI_DEFAULT_ENDPOINT = "https://www.cepii.fr/DATA_DOWNLOAD/baci/data";
export const BACI_DEFAULT_VERSION = "V202601";
export const BACI_HS = ["HS92", "HS96", "HS02", "HS07", "HS12", "HS17", "HS22"];

export interface BaciFetchParams {
  version?: string;
  hs?: string;
  /** Base URL; default $DYAD_BACI_ENDPOINT or CEPII's download folder. */
  endpoint?: string;
}

export interface BaciFetchQuery {
  version: string;
  hs: string;
  endpoint: string;
}

export interface BaciFetchOptions {
  /** Folder for the zip; default <data home>/downloads/baci. */
  dir?: string;
  retries?: number;
  backoffMs?: number;
  /** Give up on a connection that sends nothing for this long. */
  idleTimeoutMs?: number;
  onProgress?: (bytes: number, total: number | null) => void;
  onRetry?: (attempt: number, reason: string, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export interface BaciFetchResult {
  url: string;
  path: string;
  bytes: number;
  attempts: number;
  resumed: boolean;
  years: number[];
}

export function checkBaciParams(raw: BaciFetchParams): BaciFetchQuery {
  const version = (raw.version ?? BACI_DEFAULT_VERSION).trim();
  if (!/^V\d{6}[a-z]?$/.test(version)) {
    throw new Error(`--version "${version}": a BACI version looks like V202601 (V, year, month of release).`);
  }
  const hs = (raw.hs ?? "HS92").trim().toUpperCase();
  if (!BACI_HS.includes(hs)) throw new Error(`--hs "${raw.hs}": one of ${BACI_HS.join(", ")}.`);
  const endpoint = (raw.endpoint ?? process.env.DYAD_BACI_ENDPOINT ?? BACI_DEFAULT_ENDPOINT).replace(
    /\/+$/,
    "",
  );
  if (!/^https?:\/\//.test(endpoint)) throw new Error(`--endpoint "${endpoint}": give an http(s) URL.`);
  return { version, hs, endpoint };
}

export function baciUrl(q: BaciFetchQuery): string {
  return `${q.endpoint}/BACI_${q.hs}_${q.version}.zip`;
}

class RetryableError extends Error {}

async function downloadOnce(
  url: string,
  part: string,
  options: BaciFetchOptions,
): Promise<{ total: number | null; resumed: boolean }> {
  const have = existsSync(part) ? statSync(part).size : 0;
  const controller = new AbortController();
  let idle: NodeJS.Timeout | undefined;
  const idleMs = options.idleTimeoutMs ?? 60_000;
  const arm = () => {
    clearTimeout(idle);
    idle = setTimeout(() => controller.abort(new Error(`no data for ${idleMs / 1000} s`)), idleMs);
  };
  arm();
  try {
    let res: Response;
    try {
      res = await fetch(url, {
        headers: have ? { Range: `bytes=${have}-` } : {},
        signal: controller.signal,
        redirect: "follow",
      });
    } catch (err) {
      throw new RetryableError(`network error: ${(err as Error).message}`);
    }
    if (res.status === 429 || res.status >= 500)
      throw new RetryableError(`HTTP ${res.status} ${res.statusText}`);
    if (res.status === 404) {
      throw new Error(
        `${url} answered 404: CEPII has no release ${url.split("/").pop()}. See http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 for the current version and pass it with --version.`,
      );
    }
    if (res.status === 416 && have) {
      // The server has nothing past what we hold: the file is complete.
      return { total: have, resumed: true };
    }
    if (res.status !== 200 && res.status !== 206)
      throw new Error(`${url} answered HTTP ${res.status} ${res.statusText}`);
    const resumed = res.status === 206 && have > 0;
    const length = Number(res.headers.get("content-length") ?? Number.NaN);
    const total = Number.isFinite(length) ? length + (resumed ? have : 0) : null;
    if (!res.body) throw new RetryableError("empty answer");
    let bytes = resumed ? have : 0;
    const body = Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
    body.on("data", (c: Buffer) => {
      bytes += c.length;
      arm();
      options.onProgress?.(bytes, total);
    });
    try {
      await pipeline(body, createWriteStream(part, { flags: resumed ? "a" : "w" }));
    } catch (err) {
      throw new RetryableError(`connection lost after ${bytes} bytes: ${(err as Error).message}`);
    }
    if (total !== null && bytes < total)
      throw new RetryableError(`connection closed at ${bytes} of ${total} bytes`);
    return { total, resumed };
  } finally {
    clearTimeout(idle);
  }
}

export async function fetchBaci(
  raw: BaciFetchParams,
  options: BaciFetchOptions = {},
): Promise<BaciFetchResult> {
  const q = checkBaciParams(raw);
  const url = baciUrl(q);
  const dir = options.dir ?? join(dataHome(), "downloads", "baci");
  mkdirSync(dir, { recursive: true });
  const target = join(dir, `BACI_${q.hs}_${q.version}.zip`);
  const part = `${target}.part`;
  const retries = options.retries ?? 5;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let attempts = 0;
  let resumedAny = false;
  for (;;) {
    attempts++;
    try {
      const { resumed } = await downloadOnce(url, part, options);
      resumedAny ||= resumed;
      break;
    } catch (err) {
      if (!(err instanceof RetryableError) || attempts > retries) {
        throw err instanceof RetryableError
          ? new Error(
              `${url}: ${err.message} (after ${attempts} attempts). Run the command again: it resumes from ${part}.`,
            )
          : err;
      }
      const wait = Math.min(60_000, (options.backoffMs ?? 2000) * 2 ** (attempts - 1));
      options.onRetry?.(attempts, err.message, wait);
      await sleep(wait);
    }
  }
  // Check the download before it gets its final name: a complete zip with the release's files.
  let years: number[];
  try {
    const zip = await openZip(part);
    const names = [...zip.entries.keys()];
    zip.close();
    years = names.flatMap((n) => {
      const m = YEAR_FILE.exec(n);
      return m ? [Number(m[2])] : [];
    });
    if (!years.length || !names.some((n) => COUNTRY_FILE.test(n))) {
      throw new SourceError(
        url,
        undefined,
        "the archive holds no BACI year files or no country codes",
        "Check --endpoint",
      );
    }
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
  renameSync(part, target);
  return {
    url,
    path: target,
    bytes: statSync(target).size,
    attempts,
    resumed: resumedAny,
    years: years.sort(),
  };
}
