// The "perform" stage of the staged client: one HTTP GET, throttled, with a timeout, retried with
// exponential back-off on 429, 5xx, timeouts and network errors (a connection reset, a body cut short).
// Everything else (a 4xx, a wrong content type, an empty answer) is the caller's to judge: retrying
// cannot fix it.

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
    const sleep = o.sleep ?? sleepFor;
    const attempts = o.retries + 1;
    let lastReason = "";
    let lastStatus: number | undefined;
    let lastBody: string | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      await this.throttle();
      let retryAfterMs: number | undefined;
      try {
        const res = await fetch(url, {
          headers: { "User-Agent": o.userAgent, ...headers },
          signal: AbortSignal.timeout(o.timeoutMs),
          redirect: "follow",
        });
        // The body is read under the same timeout; a connection cut mid-body throws here.
        const body = await res.text();
        const contentType = res.headers.get("content-type") ?? "";
        if (res.status === 429 || res.status >= 500) {
          lastReason = `HTTP ${res.status} ${res.statusText || statusName(res.status)}`.trim();
          lastStatus = res.status;
          lastBody = body;
          retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
        } else if (res.status >= 400) {
          throw new HttpError(
            url,
            `HTTP ${res.status} ${res.statusText || statusName(res.status)}`.trim(),
            attempt,
            res.status,
            body,
          );
        } else {
          return {
            url,
            status: res.status,
            statusText: res.statusText,
            contentType,
            body,
            attempts: attempt,
          };
        }
      } catch (err) {
        if (err instanceof HttpError) throw err;
        lastStatus = undefined;
        lastBody = undefined;
        lastReason = describeNetworkError(err, o.timeoutMs);
      }
      if (attempt === attempts) break;
      const backoff = Math.min(o.maxBackoffMs, o.backoffMs * 2 ** (attempt - 1));
      const jittered = Math.round(backoff * (1 + Math.random() * 0.25));
      const waitMs = Math.min(o.maxBackoffMs, Math.max(retryAfterMs ?? 0, jittered));
      o.onRetry?.({ attempt, of: attempts, reason: lastReason, waitMs });
      await sleep(waitMs);
    }
    throw new HttpError(url, lastReason, attempts, lastStatus, lastBody);
  }
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
