// Profiles built off the main thread: a pool of worker threads (one per core) that share the server's
// in-memory tables (values.ts) and answer a profile request with its bytes — built from memory, serialised
// in the asked provenance form and gzipped (level 1) when the client accepts it. The main thread keeps HTTP
// and every other route; its one core was the ceiling of the profile route (build, JSON.stringify, UTF-8 and
// their garbage all ran on it while the second core idled).
//
// The tables' typed arrays are moved onto SharedArrayBuffers once (indicators/shared-arrays.ts), so each
// worker reads the same memory: no second copy of the arrays, only of the strings and small maps.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ProfileMemory } from "../profile/index.ts";
import type { ProfileJob, ProfileReply, WarmReply } from "./profile-worker.ts";

/**
 * A profile's bytes as the worker made them: the JSON as UTF-8, or — when the client accepts gzip and the
 * answer is large enough — its gzipped bytes only; `length` is the JSON's length in bytes either way.
 */
export interface ProfileBytes {
  body?: Uint8Array;
  gzip?: Uint8Array;
  length: number;
}

export interface ProfileRunner {
  /**
   * The profile's bytes, or undefined when a worker cannot answer it (it needs the store, or failed): the
   * caller builds it in process then, so it answers exactly as without workers (the same 4xx included).
   */
  run(request: Omit<ProfileJob, "id">): Promise<ProfileBytes | undefined>;
  readonly workers: number;
  /**
   * Settles when every worker has built its warm-up profiles (profile-worker.ts WARM_UP), or has failed to
   * start: jobs sent before are queued by the worker, answered once it has warmed up.
   */
  readonly ready: Promise<void>;
  /** Profiles answered by a worker, and handed back to the caller. */
  readonly stats: { answered: number; handedBack: number };
  close(): Promise<void>;
}

/**
 * Each profile worker's young generation, in MiB. A profile answer allocates ~2 MB of short-lived objects, and
 * with V8's default young generation a worker scavenged every ~7 profiles, each scavenge copying the profile
 * then being built; with 64 MiB it scavenges half as often (bench/RESULTS.md, issue 17, session 6).
 */
export const PROFILE_YOUNG_MB = 64;

// As in check-runner.ts: from the sources the worker is TypeScript and registers tsx in its thread first.
const BUILT = import.meta.url.endsWith(".js");
const WORKER_URL = new URL(BUILT ? "./profile-worker.js" : "./profile-worker.ts", import.meta.url).href;
const BOOTSTRAP = BUILT
  ? `import(${JSON.stringify(WORKER_URL)});`
  : `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

interface Slot {
  worker: Worker;
  /** Requests sent to this worker and not yet answered, by id. */
  waiting: Map<number, (reply: ProfileReply | undefined) => void>;
}

export interface RunnerOptions {
  /** Worker threads (default: one per core). */
  size?: number;
  /**
   * V8's young generation of each worker, in MiB (default PROFILE_YOUNG_MB; 0: V8's own, 16 MiB semi-spaces).
   */
  youngMb?: number;
  /** Told how long each worker took to warm up. */
  log?: (message: string) => void;
}

/**
 * Starts the pool over `memory`, whose typed arrays must be on SharedArrayBuffers already (shareArrays).
 * A worker that stops unexpectedly hands its requests back to the caller and is replaced.
 */
export function createProfileRunner(
  memory: { trade: { state(): object }; relations: { state(): object } } & ProfileMemory,
  options: RunnerOptions = {},
): ProfileRunner {
  const size = options.size ?? availableParallelism();
  let nextId = 1;
  let closed = false;
  const stats = { answered: 0, handedBack: 0 };
  const workerData = { trade: memory.trade.state(), relations: memory.relations.state() };
  const youngMb = options.youngMb ?? PROFILE_YOUNG_MB;
  const resourceLimits = youngMb > 0 ? { maxYoungGenerationSizeMb: youngMb } : undefined;
  const warmed: Promise<void>[] = [];
  const spawn = (): Slot => {
    const slot: Slot = {
      worker: new Worker(BOOTSTRAP, { eval: true, workerData, resourceLimits }),
      waiting: new Map(),
    };
    slot.worker.unref();
    let warm: () => void = () => {};
    warmed.push(new Promise<void>((resolve) => (warm = resolve)));
    slot.worker.on("message", (reply: ProfileReply | WarmReply) => {
      if ("warm" in reply) {
        options.log?.(
          `dyad serve: profile worker warmed up (${reply.warm} profiles, ${reply.ms.toFixed(0)} ms)`,
        );
        warm();
        return;
      }
      const done = slot.waiting.get(reply.id);
      slot.waiting.delete(reply.id);
      done?.(reply);
    });
    const fail = () => {
      warm();
      const waiting = [...slot.waiting.values()];
      slot.waiting.clear();
      for (const done of waiting) done(undefined);
      if (closed) return;
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
      const fresh = spawn();
      slot.worker = fresh.worker;
      slot.waiting = fresh.waiting;
    };
    slot.worker.on("error", fail);
    slot.worker.on("exit", fail);
    return slot;
  };
  const slots = Array.from({ length: Math.max(1, size) }, spawn);
  const ready = Promise.all(warmed.slice()).then(() => {});

  return {
    workers: slots.length,
    ready,
    stats,
    run(request) {
      if (closed) return Promise.resolve(undefined);
      // The least busy worker; each answers its queue in order.
      let slot = slots[0];
      for (const s of slots) if (s.waiting.size < slot.waiting.size) slot = s;
      const id = nextId++;
      return new Promise((resolve) => {
        slot.waiting.set(id, (reply) => {
          if (reply?.ok) {
            stats.answered++;
            resolve({ body: reply.body, gzip: reply.gzip, length: reply.length });
          } else {
            stats.handedBack++;
            resolve(undefined);
          }
        });
        slot.worker.postMessage({ id, ...request } satisfies ProfileJob);
      });
    },
    async close() {
      closed = true;
      for (const s of slots) {
        for (const done of s.waiting.values()) done(undefined);
        s.waiting.clear();
      }
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
