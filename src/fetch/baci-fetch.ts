// `dyad fetch baci` / `dyad baci fetch`: download a BACI release zip from CEPII, in the staged client's four
// stages: check the parameters, build the URL, perform the download on the one HTTP client (streamed to a
// .part file, resumed with a Range request after a cut connection, retried with back-off on 429/5xx/network
// errors), and process: check the result (a complete zip holding the release's year and code files) before
// it takes its final name. Ingesting it is `ingestBaci`'s (src/sources/baci/).
import { mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { COUNTRY_FILE, YEAR_FILE } from "../sources/baci/files.ts";
import { openZip } from "../sources/baci/zip.ts";
import { SourceError } from "../sources/types.ts";
import { dataHome } from "../store/index.ts";
import { HttpClient, HttpError } from "./http.ts";

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

/** The perform stage on the one HTTP client (src/fetch/http.ts): the zip streamed to a .part file. */
function download(url: string, part: string, options: BaciFetchOptions) {
  const http = new HttpClient({
    retries: options.retries ?? 5,
    backoffMs: options.backoffMs ?? 2000,
    sleep: options.sleep,
    onRetry: (r) => options.onRetry?.(r.attempt, r.reason, r.waitMs),
  });
  return http.download(url, part, { idleTimeoutMs: options.idleTimeoutMs, onProgress: options.onProgress });
}

/** The process stage: a complete zip holding the release's year files and country codes, or an error. */
async function releaseYears(url: string, part: string): Promise<number[]> {
  const zip = await openZip(part);
  const names = [...zip.entries.keys()];
  zip.close();
  const years = names.flatMap((n) => {
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
  return years.sort();
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
  const done = await download(url, part, options).catch((err: unknown) => {
    if (err instanceof HttpError && err.status === 404) {
      throw new Error(
        `${url} answered 404: CEPII has no release ${url.split("/").pop()}. See http://www.cepii.fr/CEPII/en/bdd_modele/bdd_modele_item.asp?id=37 for the current version and pass it with --version.`,
      );
    }
    // Retries ran out on a server error or a cut connection: what is held so far stays for the next run.
    const exhausted = err instanceof HttpError && (err.status ?? 500) >= 500;
    if (exhausted || (err instanceof HttpError && err.status === 429)) {
      throw new Error(`${err.message}. Run the command again: it resumes from ${part}.`);
    }
    throw err;
  });
  // Check the download before it gets its final name.
  let years: number[];
  try {
    years = await releaseYears(url, part);
  } catch (err) {
    rmSync(part, { force: true });
    throw err;
  }
  renameSync(part, target);
  return {
    url,
    path: target,
    bytes: statSync(target).size,
    attempts: done.attempts,
    resumed: done.resumed,
    years,
  };
}
