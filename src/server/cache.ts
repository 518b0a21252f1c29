// Answers kept by request: the store is opened read-only for the server's lifetime, so the same validated
// request always has the same answer. Keyed after validation (Russland and RUS share an entry); bounded
// by total size, least recently used dropped first; concurrent misses for one key share one computation.
// Each answer is kept as UTF-8 bytes and, when large, gzipped once when a client first accepts gzip, so a
// hit costs no encoding work. An answer that came gzipped only (a profile worker's, for a client that
// accepts gzip) is gunzipped once if a client that does not ever asks for it.
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);
export const GZIP_FROM = 1024;
/**
 * zlib's fastest level, as nginx's default gzip_comp_level. On 100 seeded random profiles (provenance by
 * reference, bench/profile-json.ts, bench/RESULTS.md issue 17) level 1 made 23.0 kB of 160 kB in 0.67 ms
 * of CPU, the default level 6 19.1 kB in 1.97 ms: 3x the CPU for 4 kB less, which a client on any network
 * receives in less time than the server spends making them.
 */
export const GZIP_LEVEL = 1;

export interface Answer {
  /** The JSON as UTF-8; absent while only the gzipped bytes are held (bodyOf makes it). */
  body?: Uint8Array;
  /** The body's length in bytes, made or not. */
  length: number;
  /** Gzipped at the first request that accepts gzip (gzipOf), then kept with the answer. */
  gzip?: Promise<Uint8Array>;
  /** The body being gunzipped (bodyOf), for an answer that came gzipped only. */
  unzipping?: Promise<Uint8Array>;
}

export interface AnswerCache {
  get(key: string, compute: () => Promise<unknown>): Promise<Answer>;
  readonly bytes: number;
  readonly entries: number;
}

/**
 * An answer a route made as bytes already (the profile workers): kept as it is — the JSON's bytes, its
 * gzipped form, or both; `length` is the JSON's length in bytes.
 */
export class EncodedAnswer {
  constructor(
    readonly body: Uint8Array | undefined,
    readonly gzip: Uint8Array | undefined,
    readonly length: number,
  ) {
    if (!body && !gzip) throw new Error("an encoded answer needs its bytes, plain or gzipped");
  }
}

function encode(value: unknown): Answer {
  if (value instanceof EncodedAnswer)
    return {
      body: value.body,
      length: value.length,
      gzip: value.gzip ? Promise.resolve(value.gzip) : undefined,
    };
  const body = Buffer.from(JSON.stringify(value));
  return { body, length: body.length };
}

/** The answer's JSON as UTF-8: as kept, or gunzipped once from the gzipped bytes it came as. */
export async function bodyOf(answer: Answer): Promise<Uint8Array> {
  if (answer.body) return answer.body;
  answer.unzipping ??= (answer.gzip as Promise<Uint8Array>).then((z) => gunzipAsync(z));
  answer.body = await answer.unzipping;
  return answer.body;
}

/**
 * The answer gzipped, when it is large enough to be worth it: made once, at the first client that accepts
 * it (most API clients of small answers never ask), and kept with the answer.
 */
export async function gzipOf(answer: Answer): Promise<Uint8Array | undefined> {
  if (answer.length < GZIP_FROM) return undefined;
  answer.gzip ??= bodyOf(answer).then((body) => gzipAsync(body, { level: GZIP_LEVEL }));
  return answer.gzip;
}

// The cost of a kept answer must not change while it is kept: a large one is counted with room for its
// gzipped copy (never larger than the JSON it compresses, for these answers), made or not.
const sizeOf = (a: Answer) => (a.length >= GZIP_FROM ? 2 * a.length : a.length);

/**
 * Values kept by key, least recently used dropped first once their total cost passes `maxCost`; a value
 * costing more than `admit` is computed but not kept. Concurrent misses for one key share one computation,
 * and a failed computation is not kept.
 */
export function lruCache<T>(options: { maxCost: number; cost: (value: T) => number; admit?: number }): {
  get(key: string, compute: () => Promise<T>): Promise<T>;
  readonly cost: number;
  readonly entries: number;
} {
  const done = new Map<string, T>();
  const pending = new Map<string, Promise<T>>();
  const admit = options.admit ?? options.maxCost;
  let total = 0;
  return {
    get cost() {
      return total;
    },
    get entries() {
      return done.size;
    },
    get(key, compute) {
      if (done.has(key)) {
        // Most recently used goes last, so the first key is the one to drop.
        const hit = done.get(key) as T;
        done.delete(key);
        done.set(key, hit);
        return Promise.resolve(hit);
      }
      const running = pending.get(key);
      if (running) return running;
      const p = compute().then(
        (value) => {
          pending.delete(key);
          const cost = options.cost(value);
          if (options.maxCost > 0 && cost <= admit) {
            done.set(key, value);
            total += cost;
            while (total > options.maxCost) {
              const [oldKey, old] = done.entries().next().value as [string, T];
              done.delete(oldKey);
              total -= options.cost(old);
            }
          }
          return value;
        },
        (err) => {
          pending.delete(key);
          throw err;
        },
      );
      pending.set(key, p);
      return p;
    },
  };
}

/** JSON answers kept as bytes, bounded by their size; one answer may take at most a quarter of the cache. */
export function answerCache(maxBytes: number): AnswerCache {
  const cache = lruCache<Answer>({ maxCost: maxBytes, cost: sizeOf, admit: maxBytes / 4 });
  return {
    get bytes() {
      return cache.cost;
    },
    get entries() {
      return cache.entries;
    },
    get: (key, compute) => cache.get(key, () => compute().then(encode)),
  };
}
