// `dyad fetch imts|comtrade`: bring the latest figures from the publisher, keep the raw answers as a
// dated snapshot in the data home, and ingest them once the whole set has arrived.
import type { Command } from "commander";
import type { HttpOptions } from "../../fetch/http.ts";
import type { RawFetchOptions } from "../../fetch/imts-fetch.ts";
import type { FetchOptions, FetchOutcome } from "../../fetch/index.ts";
import type { Store } from "../../store/index.ts";
import { configureBaciFetch } from "./baci.ts";

interface CliFetchOptions extends RawFetchOptions {
  retries?: string;
  timeout?: string;
  throttle?: string;
  backoff?: string;
  ingest?: boolean;
  skipUnknown?: boolean;
  quiet?: boolean;
  json?: boolean;
}

function number(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`${name}: "${value}" must be a number ≥ ${min}`);
  return n;
}

function httpOptions(o: CliFetchOptions): Partial<HttpOptions> {
  const http: Partial<HttpOptions> = {};
  const retries = number(o.retries, "--retries", 0);
  const timeout = number(o.timeout, "--timeout", 0.001);
  const throttle = number(o.throttle, "--throttle", 0);
  const backoff = number(o.backoff, "--backoff", 0);
  if (retries !== undefined) http.retries = Math.floor(retries);
  if (timeout !== undefined) http.timeoutMs = timeout * 1000;
  if (throttle !== undefined) http.minIntervalMs = throttle;
  if (backoff !== undefined) http.backoffMs = backoff;
  return http;
}

function addCommon(cmd: Command, freqHelp: string): Command {
  return cmd
    .requiredOption("--reporters <list>", "reporting countries, comma-separated (ISO3 or names), or `all`")
    .option("--partners <list>", "only these partners (default: every partner the publisher lists)")
    .option("--from <year>", "first year (default: four years before --to)")
    .option("--to <year>", "last year (default: this year)")
    .option("--freq <A|M>", freqHelp, "A")
    .option("--endpoint <url>", "the API's base URL, for mirrors and tests")
    .option("--retries <n>", "retries per request on 429, 5xx, timeouts and network errors", "4")
    .option("--timeout <seconds>", "per request", "120")
    .option("--throttle <ms>", "least time between two requests", "1000")
    .option("--backoff <ms>", "first wait before a retry, doubled each time", "2000")
    .option("--no-ingest", "only save the snapshot; ingest later with `dyad ingest`")
    .option("--skip-unknown", "leave out codes the country registry does not know (listed in the report)")
    .option("--quiet", "no progress output")
    .option("--json", "print the outcome as JSON");
}

type Fetcher = (raw: RawFetchOptions, options: FetchOptions) => Promise<FetchOutcome>;

async function run(which: "imts" | "comtrade", ingestName: string, o: CliFetchOptions): Promise<void> {
  const [{ fetchComtrade, fetchImts }, { progressFor }, { dataHome, Store }] = await Promise.all([
    import("../../fetch/index.ts"),
    import("../../fetch/progress.ts"),
    import("../../store/index.ts"),
  ]);
  const fetcher: Fetcher = which === "imts" ? fetchImts : fetchComtrade;
  let store: Store | undefined;
  try {
    const outcome = await fetcher(o, {
      home: dataHome(),
      http: httpOptions(o),
      progress: progressFor(process.stderr, Boolean(o.quiet || o.json)),
      noIngest: o.ingest === false,
      skipUnknown: o.skipUnknown,
      openStore: async () => {
        store = await Store.open();
        return store;
      },
    });
    const { run, ingest } = outcome;
    if (o.json) {
      process.stdout.write(
        `${JSON.stringify({ snapshot: run.dir, date: run.manifest.date, requests: run.manifest.parts.length, fetched: run.fetched, resumed: run.resumed, retries: run.retries, ingest: ingest ? { dataset: ingest.dataset, rows: ingest.rows, retrieved: ingest.retrieved, replaced: ingest.replaced, kept: ingest.kept, messages: ingest.messages } : null }, null, 2)}\n`,
      );
      return;
    }
    const empty = run.manifest.parts.filter((p) => p.status === "empty").length;
    const lines = [
      `${run.manifest.parts.length} requests: ${run.fetched} answered now${run.resumed ? `, ${run.resumed} from the interrupted run` : ""}${empty ? `, ${empty} with no data` : ""}; ${run.retries} retries.`,
      `Snapshot (retrieved ${run.manifest.date}): ${run.dir}`,
    ];
    if (ingest) {
      lines.push(
        `Ingested dataset "${ingest.dataset}": ${ingest.rows} rows, retrieved ${ingest.retrieved ?? "?"}${ingest.replaced || ingest.kept ? ` (replaced ${ingest.replaced} rows of earlier retrievals, kept ${ingest.kept})` : ""}.`,
      );
      for (const m of ingest.messages) lines.push(`  note: ${m}`);
    } else {
      lines.push(`Not ingested. Run \`dyad ingest ${ingestName} ${run.dir}\` to add it to the store.`);
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    store?.close();
  }
}

export function register(program: Command): void {
  const fetch = program
    .command("fetch")
    .description("download the latest figures from a publisher's API (snapshots kept in the data home)");
  addCommon(
    fetch
      .command("imts")
      .description(
        "IMF International Trade in Goods (IMTS): exports FOB and imports CIF by partner (env DYAD_IMF_URL)",
      ),
    "A annual, M monthly (summed to a year only when all twelve months exist)",
  ).action((o: CliFetchOptions) => run("imts", "imts", o));
  addCommon(
    fetch
      .command("comtrade")
      .description(
        "UN Comtrade API v1, goods totals by partner; uses COMTRADE_API_KEY if set, else the public preview (env DYAD_COMTRADE_URL)",
      ),
    "A annual, M monthly (summed to a year only when all twelve months exist)",
  ).action((o: CliFetchOptions) => run("comtrade", "comtrade-api", o));
  configureBaciFetch(fetch.command("baci"));
}
