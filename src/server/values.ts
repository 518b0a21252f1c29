// The server's answers from memory: at start it reads the store's trade tables into typed arrays
// (indicators/trade-index.ts) in the background, then the materialised relations (indicators/relation-memory.ts);
// once they are in, a trade indicator's value and a profile are computed from them with no DuckDB query, by the
// same code and to the same JSON as from the store. Until then, and for every other indicator, the routes ask
// the store as before.

import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { ARMS_INDICATORS } from "../indicators/arms.ts";
import { ENERGY_INDICATORS } from "../indicators/energy.ts";
import { GEO_INDICATORS } from "../indicators/geo.ts";
import { INVEST_INDICATORS } from "../indicators/invest.ts";
import { macroGdp, tradeGdpDependence } from "../indicators/macro.ts";
import { MIL_INDICATORS } from "../indicators/military.ts";
import { RelationMemory } from "../indicators/relation-memory.ts";
import { shareArrays } from "../indicators/shared-arrays.ts";
import { TRADE_INDICATORS, type TradeIndicator } from "../indicators/trade.ts";
import { TradeIndex } from "../indicators/trade-index.ts";
import type { ComputeOptions, IndicatorValue } from "../indicators/types.ts";
import { UN_INDICATORS } from "../indicators/un.ts";
import {
  answersFromMemory,
  memoryValueSource,
  type SourcedIndicator,
  type ValueSource,
} from "../indicators/value-source.ts";
import type { ProfileMemory } from "../profile/index.ts";
import type { Store } from "../store/index.ts";
import { createProfileRunner, type ProfileBytes, type ProfileRunner } from "./profile-runner.ts";
import type { ProfileJob } from "./profile-worker.ts";

const TRADE = new Map<string, TradeIndicator>(TRADE_INDICATORS.map((t) => [t.name, t]));
/** The further indicators memory answers once the relations are in (those written as `computeFrom`). */
const SOURCED = new Map<string, SourcedIndicator>(
  [
    ...UN_INDICATORS,
    ...ARMS_INDICATORS,
    ...GEO_INDICATORS,
    macroGdp,
    ...ENERGY_INDICATORS,
    ...INVEST_INDICATORS,
    ...MIL_INDICATORS,
  ].map((d) => [d.name, d]),
);

export interface MemoryValues {
  /** Settles when the tables are in memory (true) or could not be read (false: the store answers). */
  readonly ready: Promise<boolean>;
  /** The answer from memory, or undefined when this indicator (or, still loading, any) is not held. */
  answer(
    indicator: string,
    a: string,
    b: string,
    year: number,
    options?: ComputeOptions,
  ): Promise<IndicatorValue> | undefined;
  /** Names of the indicators answered from memory (the further ones once the relations are in). */
  readonly indicators: string[];
  /** Settles when the relations are in memory too (true), or could not be read (false). */
  readonly profileReady: Promise<boolean>;
  /** What a profile is built from (buildProfile's `memory`), once the trade tables and relations are in. */
  readonly profile: ProfileMemory | undefined;
  /**
   * A profile's bytes from the profile workers (profile-runner.ts), or undefined when there are none (not
   * loaded yet, or none asked for); the promise gives undefined when a worker cannot answer that profile.
   * Either way the caller builds it in process, as without workers.
   */
  profileBytes(request: Omit<ProfileJob, "id">): Promise<ProfileBytes | undefined> | undefined;
  /** The profile workers, once started. */
  readonly profileRunner: ProfileRunner | undefined;
  /** Bytes of the typed arrays held (0 until loaded). */
  readonly bytes: number;
  /** Stops a load still running and waits for it, so the store can close. */
  close(): Promise<void>;
}

export interface MemoryOptions {
  /** Worker threads that build profiles from the shared tables (default: one per core); 0 builds them in process. */
  profileWorkers?: number;
  /** The profile workers' young generation in MiB (0: V8's own); default DYAD_PROFILE_YOUNG_MB, else profile-runner.ts's. */
  profileYoungMb?: number;
}

export function memoryValues(
  store: Store,
  log: (message: string) => void = () => {},
  options: MemoryOptions = {},
): MemoryValues {
  const workers = options.profileWorkers ?? availableParallelism();
  let runner: ProfileRunner | undefined;
  let index: TradeIndex | undefined;
  let relations: RelationMemory | undefined;
  let profile: ProfileMemory | undefined;
  let source: ValueSource | undefined;
  /** The further indicators the loaded relations answer. */
  let sourced = new Map<string, SourcedIndicator>();
  let gdpDependence = false;
  const started = performance.now();
  const abort = new AbortController();
  const ready = TradeIndex.load(store, abort.signal).then(
    (loaded) => {
      index = loaded;
      releaseChunks();
      const { flows, ranks } = loaded.size;
      log(
        `dyad serve: trade values in memory (${flows.toLocaleString("en")} flows, ${ranks.toLocaleString("en")} ranks, ${(loaded.bytes / 2 ** 20).toFixed(0)} MiB, ${((performance.now() - started) / 1000).toFixed(1)} s)`,
      );
      return true;
    },
    (err: Error) => {
      // Not fatal: a store without trade tables, or closed while loading, is answered by DuckDB.
      if (!abort.signal.aborted && !/does not exist/i.test(err.message))
        log(`dyad serve: trade values stay in the store (${err.message})`);
      return false;
    },
  );
  // The relations after the trade tables, so the two loads do not hold DuckDB's result memory at once.
  const profileReady = ready.then(async (tradeIn) => {
    if (!tradeIn || abort.signal.aborted) return false;
    const at = performance.now();
    try {
      relations = await RelationMemory.load(store, { signal: abort.signal });
      // The arrays move onto shared memory before anything reads the relations, so the profile workers
      // read the very arrays the main thread does (the unshared ones are collected just below).
      const shared = workers > 0 ? shareArrays(index as TradeIndex) + shareArrays(relations) : 0;
      releaseChunks();
      profile = { trade: index as TradeIndex, relations };
      source = memoryValueSource(relations);
      const held = relations;
      sourced = new Map([...SOURCED].filter(([, d]) => answersFromMemory(held, d.reads, d.tables)));
      // GDP dependence: the turnover from the trade tables, GDP from the relations.
      gdpDependence = sourced.has(macroGdp.name);
      log(
        `dyad serve: relations in memory for profiles (${relations.tableNames.length} tables, ${(relations.bytes / 2 ** 20).toFixed(0)} MiB, ${((performance.now() - at) / 1000).toFixed(1)} s)`,
      );
      if (workers > 0) {
        const started = createProfileRunner(
          { trade: index as TradeIndex, relations },
          { size: workers, youngMb: options.profileYoungMb ?? youngFromEnv(), log },
        );
        // Ready (and used) once each worker has warmed up; until then profiles are built here, as before.
        await started.ready;
        runner = started;
        log(
          `dyad serve: ${workers} profile workers on ${(shared / 2 ** 20).toFixed(0)} MiB of shared tables`,
        );
      }
      return true;
    } catch (err) {
      if (!abort.signal.aborted) log(`dyad serve: profiles stay in the store (${(err as Error).message})`);
      return false;
    }
  });
  return {
    ready,
    profileReady,
    get indicators() {
      return [...TRADE.keys(), ...sourced.keys(), ...(gdpDependence ? [tradeGdpDependence.name] : [])];
    },
    get profile() {
      return profile;
    },
    get bytes() {
      return (index?.bytes ?? 0) + (relations?.bytes ?? 0);
    },
    get profileRunner() {
      return runner;
    },
    profileBytes(request) {
      return runner?.run(request);
    },
    async close() {
      abort.abort();
      await ready;
      await profileReady;
      await runner?.close();
    },
    answer(indicator, a, b, year, options) {
      const def = index && TRADE.get(indicator);
      if (def && index) return def.computeFrom(index, a, b, year);
      const further = source && sourced.get(indicator);
      if (further && source) return further.computeFrom(source, a, b, year, options);
      if (gdpDependence && index && source && indicator === tradeGdpDependence.name)
        return tradeGdpDependence.computeFrom(index, source, a, b, year);
      return undefined;
    },
  };
}

/** DYAD_PROFILE_YOUNG_MB: the profile workers' young generation (0: V8's own), for measuring (bench/serve.ts). */
function youngFromEnv(): number | undefined {
  const mb = Number(process.env.DYAD_PROFILE_YOUNG_MB);
  return process.env.DYAD_PROFILE_YOUNG_MB && Number.isFinite(mb) && mb >= 0 ? mb : undefined;
}

/**
 * DuckDB's result chunks hold native memory that is freed only when their JavaScript wrappers are collected,
 * and V8 does not see that memory: after the ~1,300 chunks of the load, ~250 MiB stayed resident until some
 * later collection. One full collection (12 ms, once per start) frees it now. `gc` is exposed to a new
 * context only, so the process's own global stays as it was.
 */
function releaseChunks(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}
