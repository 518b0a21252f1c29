// The claim check off the event loop: a pool of worker threads, one per core, each with its own read-only
// DuckDB instance. Every check has a budget — at most MAX_CLAIMS claims and MAX_SECONDS of work — and stops
// when the client goes away: the worker doing it is terminated (which ends its work at once, wherever it
// is) and a fresh one takes its place. Other routes keep answering meanwhile, because the check's CPU work
// never runs on the thread that serves them.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { CheckOptions, CheckResult } from "../claims/check.ts";
import type { CheckJob, CheckReply } from "./check-worker.ts";
import { ApiError } from "./errors.ts";

export interface CheckBudget {
  /** Claims one request may ask to verify; a longer article is refused before any is verified (413). */
  maxClaims: number;
  /** Seconds of work one request may take before it is stopped (422). */
  maxSeconds: number;
  /** Requests that may wait for a free worker; more are refused at once with 503. */
  maxQueued: number;
}

export const DEFAULT_CHECK_BUDGET: CheckBudget = { maxClaims: 300, maxSeconds: 20, maxQueued: 16 };

export interface CheckRunner {
  run(input: string, options: CheckOptions, signal?: AbortSignal): Promise<CheckResult>;
  readonly workers: number;
  readonly budget: CheckBudget;
  /** Checks started on a worker, completed (answered), stopped for time, stopped because the client left. */
  readonly stats: { started: number; completed: number; timedOut: number; aborted: number };
  close(): Promise<void>;
}

/** The client went away before its answer was ready; nothing is sent. */
export class CheckAbortedError extends Error {
  constructor() {
    super("The client closed the connection; the check was stopped.");
    this.name = "CheckAbortedError";
  }
}

// Run from the sources, the worker is TypeScript; a worker thread does not inherit the main thread's loader
// hooks, so a small bootstrap registers tsx in the thread before importing it. Built into dist/ (this
// module is then JavaScript), the worker is JavaScript beside it and is imported as it is.
const BUILT = import.meta.url.endsWith(".js");
const WORKER_URL = new URL(BUILT ? "./check-worker.js" : "./check-worker.ts", import.meta.url).href;
const BOOTSTRAP = BUILT
  ? `import(${JSON.stringify(WORKER_URL)});`
  : `import(${JSON.stringify(import.meta.resolve("tsx/esm/api"))}).then((m) => { m.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

interface Slot {
  worker: Worker;
  busy: boolean;
}

interface Pending {
  job: Omit<CheckJob, "id">;
  signal?: AbortSignal;
  resolve: (r: CheckResult) => void;
  reject: (e: Error) => void;
}

export function createCheckRunner(
  storePath: string,
  budget: CheckBudget = DEFAULT_CHECK_BUDGET,
  size = availableParallelism(),
): CheckRunner {
  let nextId = 1;
  let closed = false;
  const queue: Pending[] = [];
  const stats = { started: 0, completed: 0, timedOut: 0, aborted: 0 };
  const spawn = (): Slot => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { storePath } });
    worker.unref();
    return { worker, busy: false };
  };
  const slots: Slot[] = Array.from({ length: Math.max(1, size) }, spawn);

  const replace = (slot: Slot) => {
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const fresh = spawn();
    slot.worker = fresh.worker;
    slot.busy = false;
  };

  const dispatch = () => {
    while (queue.length) {
      const slot = slots.find((s) => !s.busy);
      if (!slot) return;
      const pending = queue.shift() as Pending;
      if (pending.signal?.aborted) {
        pending.reject(new CheckAbortedError());
        continue;
      }
      runOn(slot, pending);
    }
  };

  const runOn = (slot: Slot, pending: Pending) => {
    slot.busy = true;
    const id = nextId++;
    const worker = slot.worker;
    let settled = false;
    const finish = (stop: boolean, outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      pending.signal?.removeEventListener("abort", onAbort);
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
      if (stop) replace(slot);
      else slot.busy = false;
      outcome();
      if (!closed) dispatch();
    };
    const onMessage = (reply: CheckReply) => {
      if (reply.id !== id) return;
      finish(false, () => {
        stats.completed++;
        if (reply.ok) pending.resolve(reply.result as CheckResult);
        else if (reply.name === "TooManyClaims") {
          pending.reject(
            new ApiError(
              413,
              `The article holds ${reply.claims} claims; one request checks at most ${budget.maxClaims}. Send it in parts (by section or paragraph).`,
              { limit: "claims", max: budget.maxClaims, found: reply.claims },
            ),
          );
        } else {
          const err = new Error(reply.message);
          err.name = reply.name;
          pending.reject(err);
        }
      });
    };
    const onError = (err: Error) => finish(true, () => pending.reject(err));
    const onExit = () =>
      finish(true, () => pending.reject(new Error("the check worker stopped unexpectedly")));
    const onAbort = () =>
      finish(true, () => {
        stats.aborted++;
        pending.reject(new CheckAbortedError());
      });
    const timer = setTimeout(
      () =>
        finish(true, () => {
          stats.timedOut++;
          pending.reject(
            new ApiError(
              422,
              `The check took longer than its budget of ${budget.maxSeconds} s and was stopped. Send a shorter article, or the article in parts.`,
              { limit: "time", max: budget.maxSeconds },
            ),
          );
        }),
      budget.maxSeconds * 1000,
    );
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    pending.signal?.addEventListener("abort", onAbort, { once: true });
    stats.started++;
    worker.postMessage({ id, ...pending.job } satisfies CheckJob);
  };

  return {
    workers: slots.length,
    budget,
    stats,
    run(input, options, signal) {
      if (closed) return Promise.reject(new Error("the check runner is closed"));
      if (signal?.aborted) return Promise.reject(new CheckAbortedError());
      const busy = slots.every((s) => s.busy);
      if (busy && queue.length >= budget.maxQueued) {
        return Promise.reject(
          new ApiError(
            503,
            "The server is checking as many articles as it can; try again in a few seconds.",
            {
              limit: "queue",
              retryAfter: 5,
            },
          ),
        );
      }
      // Only plain values cross to the worker: the test hook `compute` cannot, and the server never sets it.
      const { compute: _compute, ...plain } = options;
      return new Promise<CheckResult>((resolve, reject) => {
        const pending: Pending = {
          job: { input, options: plain, maxClaims: budget.maxClaims },
          signal,
          resolve,
          reject,
        };
        // A request that is abandoned while it waits leaves the queue without costing a worker.
        signal?.addEventListener(
          "abort",
          () => {
            const i = queue.indexOf(pending);
            if (i >= 0) {
              queue.splice(i, 1);
              reject(new CheckAbortedError());
            }
          },
          { once: true },
        );
        queue.push(pending);
        dispatch();
      });
    },
    async close() {
      closed = true;
      for (const p of queue.splice(0)) p.reject(new Error("the server is closing"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
