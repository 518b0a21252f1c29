// One profile worker thread: it receives the server's in-memory tables once (workerData: the typed arrays on
// SharedArrayBuffers, so no copy; strings and small maps copied), then builds, serialises and gzips the
// profiles it is sent, one at a time, and posts the bytes back (transferred, not copied). It has no store:
// a profile the memory cannot build alone (one that would ask DuckDB) is answered "store", and the main
// thread builds it as before.
import { parentPort, workerData } from "node:worker_threads";
import { gzipSync } from "node:zlib";
import { registry } from "../countries/index.ts";
import { RelationMemory } from "../indicators/relation-memory.ts";
import { TradeIndex } from "../indicators/trade-index.ts";
import { buildProfile, type ProfileMemory } from "../profile/index.ts";
import type { ProvenanceForm } from "../profile/json.ts";
import { profileBytes } from "../profile/json-bytes.ts";
import type { Store } from "../store/index.ts";
import { GZIP_FROM, GZIP_LEVEL } from "./cache.ts";
import type { ProfileBytes } from "./profile-runner.ts";

export interface ProfileJob {
  id: number;
  a: string;
  b: string;
  from?: number;
  to?: number;
  provenance: ProvenanceForm;
  /** Whether the client accepts gzip: the gzipped bytes are made too (for answers of GZIP_FROM bytes or more). */
  gzip: boolean;
}

export type ProfileReply =
  /**
   * The JSON's bytes, or only their gzipped form when the job asked for gzip and got it: the main thread
   * sends those, and taking in ~150 kB of plain bytes per profile besides made its V8 heap run a full
   * collection every few hundred milliseconds (external memory), for bytes no client read.
   */
  | ({ id: number; ok: true } & ProfileBytes)
  /** `store`: the profile needs the store (the main thread builds it); else it failed (it does too, to answer the same error). */
  | { id: number; ok: false; store: boolean; message: string };

/** Posted once, when the worker has warmed up (see WARM_UP) and takes jobs at full speed. */
export interface WarmReply {
  warm: number;
  ms: number;
}

const { trade, relations } = workerData as { trade: object; relations: object };
const memory: ProfileMemory = {
  trade: TradeIndex.revive(trade),
  relations: RelationMemory.revive(relations),
};

class NeedsStore extends Error {}

// The store a profile from memory should never touch: any use of it stops the build, and the main thread
// builds that profile with its store. `then` is absent so that the proxy is never taken for a promise.
const noStore = new Proxy(
  {},
  {
    get(_target, key) {
      if (key === "then") return undefined;
      throw new NeedsStore(`the store's ${String(key)}`);
    },
  },
) as Store;

/** Bytes whose buffer is theirs alone, so it can be transferred (a small Buffer may be a slice of a pool). */
function own(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

/**
 * A profile's bytes as the route answers them: JSON as UTF-8, or only gzipped (level 1) when asked and large
 * enough.
 */
async function answer(job: Omit<ProfileJob, "id">): Promise<ProfileBytes> {
  const profile = await buildProfile(noStore, job.a, job.b, { from: job.from, to: job.to, memory });
  // The bytes of JSON.stringify(profileJson(profile, provenance)) as UTF-8, written piece by piece into this
  // thread's buffer (valid until the next profile): copied out only when they are sent as they are.
  const bytes = profileBytes(profile, job.provenance, { reuse: true });
  const length = bytes.length;
  if (job.gzip && length >= GZIP_FROM) return { gzip: own(gzipSync(bytes, { level: GZIP_LEVEL })), length };
  return { body: bytes.slice(), length };
}

/**
 * Profiles built before the worker says it is ready, so that the first users do not pay for V8's compiling of
 * the build, JSON and gzip paths: in one thread, fresh, the first 100 random profiles cost 14.4 ms of CPU
 * each, the next 100 6.8 ms, from the 300th on 4.5–4.9 ms (bench/RESULTS.md, issue 17, session 5). Spread
 * pairs of the registry, both provenance forms, gzipped; each worker warms its own JIT.
 */
export const WARM_UP = 200;

/** DYAD_PROFILE_WARM_UP overrides WARM_UP (0: none), for measuring its effect (bench/serve.ts gzip3). */
function warmUpCount(): number {
  const n = Number(process.env.DYAD_PROFILE_WARM_UP);
  return process.env.DYAD_PROFILE_WARM_UP && Number.isInteger(n) && n >= 0 ? n : WARM_UP;
}

async function warmUp(): Promise<number> {
  const countries = registry.all("country").map((e) => e.code);
  const n = countries.length;
  let built = 0;
  const count = warmUpCount();
  for (let i = 0; i < count; i++) {
    const a = countries[(i * 37 + 11) % n];
    const b = countries[(i * 101 + 59) % n];
    if (a === b) continue;
    try {
      await answer({ a, b, provenance: i % 4 === 3 ? "inline" : "reference", gzip: true });
      built++;
    } catch {
      // A pair that needs the store (or fails) warms nothing more; the main thread answers it when asked.
    }
  }
  return built;
}

const started = performance.now();
const warm = await warmUp();
parentPort?.postMessage({ warm, ms: performance.now() - started } satisfies WarmReply);

parentPort?.on("message", async (job: ProfileJob) => {
  try {
    const { body, gzip, length } = await answer(job);
    const reply: ProfileReply = { id: job.id, ok: true, body, gzip, length };
    // Each is over an ArrayBuffer of its own (a copy, and own()), never a shared one.
    const buffers = [body?.buffer, gzip?.buffer].filter((b) => b !== undefined) as ArrayBuffer[];
    parentPort?.postMessage(reply, buffers);
  } catch (err) {
    const reply: ProfileReply = {
      id: job.id,
      ok: false,
      store: err instanceof NeedsStore,
      message: (err as Error).message,
    };
    parentPort?.postMessage(reply);
  }
});
