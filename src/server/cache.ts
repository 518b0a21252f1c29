// Answers kept by request: the store is opened read-only for the server's lifetime, so the same validated
// request always has the same answer. Keyed after validation (Russland and RUS share an entry); bounded
// by total size, least recently used dropped first; concurrent misses for one key share one computation.
// Each answer is kept as UTF-8 bytes and, when large, gzipped once, so a hit costs no encoding work.
import { promisify } from "node:util";
import { gzip } from "node:zlib";

const gzipAsync = promisify(gzip);
const GZIP_FROM = 1024;

export interface Answer {
  body: Uint8Array;
  gzip?: Uint8Array;
}

export interface AnswerCache {
  get(key: string, compute: () => Promise<unknown>): Promise<Answer>;
  readonly bytes: number;
  readonly entries: number;
}

async function encode(value: unknown): Promise<Answer> {
  const body = Buffer.from(JSON.stringify(value));
  return body.length >= GZIP_FROM ? { body, gzip: await gzipAsync(body) } : { body };
}

const sizeOf = (a: Answer) => a.body.length + (a.gzip?.length ?? 0);

export function answerCache(maxBytes: number): AnswerCache {
  const done = new Map<string, Answer>();
  const pending = new Map<string, Promise<Answer>>();
  let bytes = 0;
  return {
    get bytes() {
      return bytes;
    },
    get entries() {
      return done.size;
    },
    get(key, compute) {
      const hit = done.get(key);
      if (hit !== undefined) {
        done.delete(key);
        done.set(key, hit);
        return Promise.resolve(hit);
      }
      const running = pending.get(key);
      if (running) return running;
      const p = compute()
        .then(encode)
        .then(
          (answer) => {
            pending.delete(key);
            const size = sizeOf(answer);
            if (maxBytes > 0 && size <= maxBytes / 4) {
              done.set(key, answer);
              bytes += size;
              while (bytes > maxBytes) {
                const [oldKey, old] = done.entries().next().value as [string, Answer];
                done.delete(oldKey);
                bytes -= sizeOf(old);
              }
            }
            return answer;
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
