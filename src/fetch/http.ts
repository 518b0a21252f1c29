// The "perform" stage of the staged client: one HTTP GET, throttled, with a timeout, retried with
// exponential back-off on 429, 5xx, timeouts and network errors (a connection reset, a body cut short).
// Everything else (a 4xx, a wrong content type, an empty answer) is the caller's to judge: retrying
// cannot fix it. `download` streams a large file (a BACI release) to disk on the same terms, resuming a cut
// connection where it stopped.
import { createWriteStream, existsSync, statSync } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export interface HttpOptions {
  /** Attempts after the first. */
  retries: number;
  /** First back-off; doubled on every retry, with up to 25 % jitter. */
  backoffMs: number;
  maxBackoffMs: number;
  /** Whole request, headers and body. */
  timeoutMs: number;
  /** Least time between the starts of two requests. */
  minIntervalMs: number;
  userAgent: string;
  /** Reported before each retry, e.g. to the progress bar. */
  onRetry?: (info: RetryInfo) => void;
  /** Injected in tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

export interface RetryInfo {
  attempt: number;
  of: number;
  reason: string;
  waitMs: number;
}

export interface HttpResponse {
  url: string;
  status: number;
  statusText: string;
  contentType: string;
  body: string;
  attempts: number;
}

export const USER_AGENT = "dyad/0.1 (+https://github.com/dyad-observatory/dyad; bilateral trade research)";

export const DEFAULT_HTTP: HttpOptions = {
  retries: 4,
  backoffMs: 2000,
  maxBackoffMs: 60_000,
  timeoutMs: 120_000,
  minIntervalMs: 1000,
  userAgent: USER_AGENT,
};

/** A request that failed for good; `retryable` says whether it failed after exhausting retries. */
export class HttpError extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
    readonly attempts: number,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(`${reason} from ${url}${attempts > 1 ? ` (after ${attempts} attempts)` : ""}`);
    this.name = "HttpError";
  }
}

const sleepFor = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class HttpClient {
  private lastStart = 0;
  readonly options: HttpOptions;

  constructor(options: Partial<HttpOptions> = {}) {
    this.options = { ...DEFAULT_HTTP, ...options };
  }

  private async throttle(): Promise<void> {
    const wait = this.lastStart + this.options.minIntervalMs - Date.now();
    if (wait > 0) await (this.options.sleep ?? sleepFor)(wait);
    this.lastStart = Date.now();
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<HttpResponse> {
    const o = this.options;
    return this.retrying(url, async (attempt) => {
      const res = await fetch(url, {
        headers: { "User-Agent": o.userAgent, ...headers },
        signal: AbortSignal.timeout(o.timeoutMs),
        redirect: "follow",
      });
      // The body is read under the same timeout; a connection cut mid-body throws here.
      const body = await res.text();
      const refused = judge(url, res, attempt, body);
      if (refused) return refused;
      const contentType = res.headers.get("content-type") ?? "";
      const answer = {
        url,
        status: res.status,
        statusText: res.statusText,
        contentType,
        body,
        attempts: attempt,
      };
      return { done: answer };
    });
  }

  /**
   * Streams a large file to `part`, resuming with a Range request when `part` already holds its start (a
   * cut download, or an earlier run's). A connection that sends nothing for `idleTimeoutMs` is given up
   * and, like a body cut short, retried from where it stopped.
   */
  async download(url: string, part: string, options: DownloadOptions = {}): Promise<Download> {
    const idleMs = options.idleTimeoutMs ?? 60_000;
    return this.retrying(url, async (attempt) => {
      const have = existsSync(part) ? statSync(part).size : 0;
      const controller = new AbortController();
      let idle: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(idle);
        idle = setTimeout(() => controller.abort(new Error(`no data for ${idleMs / 1000} s`)), idleMs);
      };
      arm();
      try {
        const res = await fetch(url, {
          headers: { "User-Agent": this.options.userAgent, ...(have ? { Range: `bytes=${have}-` } : {}) },
          signal: controller.signal,
          redirect: "follow",
        }).catch((err: unknown) => {
          if (controller.signal.aborted) return { retry: `no answer for ${idleMs / 1000} s` } as Retry;
          throw err;
        });
        if ("retry" in res) return res;
        // The server has nothing past what is held: the file is complete.
        if (res.status === 416 && have) return { done: { bytes: have, resumed: true, attempts: attempt } };
        const refused = judge(url, res, attempt, "");
        if (refused) return refused;
        if (res.status !== 200 && res.status !== 206) {
          throw new HttpError(url, `HTTP ${res.status} ${res.statusText}`.trim(), attempt, res.status);
        }
        const resumed = res.status === 206 && have > 0;
        const length = Number(res.headers.get("content-length") ?? Number.NaN);
        const total = Number.isFinite(length) ? length + (resumed ? have : 0) : null;
        if (!res.body) return { retry: "empty answer" };
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
          return { retry: `connection lost after ${bytes} bytes: ${(err as Error).message}` };
        }
        if (total !== null && bytes < total)
          return { retry: `connection closed at ${bytes} of ${total} bytes` };
        return { done: { bytes, resumed, attempts: attempt } };
      } finally {
        clearTimeout(idle);
      }
    });
  }

  /** Runs one attempt after another, throttled, backing off between them, until one is done or refused. */
  private async retrying<T>(url: string, once: (attempt: number) => Promise<Attempt<T>>): Promise<T> {
    const o = this.options;
    const sleep = o.sleep ?? sleepFor;
    const attempts = o.retries + 1;
    let last: Retry = { retry: "" };
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.throttle();
      try {
        const outcome = await once(attempt);
        if ("done" in outcome) return outcome.done;
        last = outcome;
      } catch (err) {
        if (err instanceof HttpError) throw err;
        last = { retry: describeNetworkError(err, o.timeoutMs) };
      }
      if (attempt === attempts) break;
      const backoff = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** (attempt - 1));
      const jittered = Math.round(backoff * (1 + Math.random() * 0.25));
      const waitMs = Math.min(o.maxBackoffMs, Math.max(last.retryAfterMs ?? 0, jittered));
      o.onRetry?.({ attempt, of: attempts, reason: last.retry, waitMs });
      await sleep(waitMs);
    }
    throw new HttpError(url, last.retry, attempts, last.status, last.body);
  }
}

export interface DownloadOptions {
  /** Give up on a connection that sends nothing for this long (default 60 s). */
  idleTimeoutMs?: number;
  onProgress?: (bytes: number, total: number | null) => void;
}

export interface Download {
  /** The size of the complete file. */
  bytes: number;
  /** Whether any attempt continued a partial file. */
  resumed: boolean;
  attempts: number;
}

/** One attempt's outcome: done, or a reason to try again (with what the server said). */
type Attempt<T> = { done: T } | Retry;
interface Retry {
  retry: string;
  status?: number;
  body?: string;
  retryAfterMs?: number;
}

/** A 429 or 5xx is worth another attempt; any other 4xx is not (thrown); undefined: the answer is good. */
function judge(url: string, res: Response, attempt: number, body: string): Retry | undefined {
  const reason = `HTTP ${res.status} ${res.statusText || statusName(res.status)}`.trim();
  if (res.status === 429 || res.status >= 500) {
    return {
      retry: reason,
      status: res.status,
      body,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
    };
  }
  if (res.status >= 400) throw new HttpError(url, reason, attempt, res.status, body);
  return undefined;
}

function statusName(status: number): string {
  const names: Record<number, string> = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
    504: "Gateway Timeout",
  };
  return names[status] ?? "";
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function describeNetworkError(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError")
    return `no complete answer within ${timeoutMs / 1000} s`;
  if (e?.message === "terminated")
    return "the connection closed before the answer was complete (truncated body)";
  const code = e?.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return "host not found (no network, or a wrong --endpoint?)";
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET") return "the connection was reset";
  return `network error: ${e?.cause?.message ?? e?.message ?? String(err)}`;
}
