// Answers kept by request: the store is opened read-only for the server's lifetime, so the same validated
// request always has the same answer. Keyed after validation (Russland and RUS share an entry); bounded
// by total size, least recently used dropped first; concurrent misses for one key share one computation.
export interface AnswerCache {
  get(key: string, compute: () => Promise<unknown>): Promise<string>;
  readonly bytes: number;
  readonly entries: number;
}

export function answerCache(maxBytes: number): AnswerCache {
  const done = new Map<string, string>();
  const pending = new Map<string, Promise<string>>();
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
      const p = compute().then(
        (value) => {
          pending.delete(key);
          const text = JSON.stringify(value);
          // Twice the length bounds a JavaScript string's size in memory (UTF-16).
          if (maxBytes > 0 && text.length * 2 <= maxBytes / 4) {
            done.set(key, text);
            bytes += text.length * 2;
            while (bytes > maxBytes) {
              const [oldKey, old] = done.entries().next().value as [string, string];
              done.delete(oldKey);
              bytes -= old.length * 2;
            }
          }
          return text;
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
