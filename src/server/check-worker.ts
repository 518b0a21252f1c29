// One claim-check worker thread: opens the served store read-only for itself, then checks the articles it is
// sent one at a time. The main thread may terminate it at any moment (time budget spent, client gone): the
// worker holds nothing that needs cleaning up beyond its own DuckDB instance.
import { parentPort, workerData } from "node:worker_threads";
import { type CheckOptions, checkArticle } from "../claims/check.ts";
import { extractClaims } from "../claims/extract.ts";
import { htmlToAlignedText, looksLikeHtml } from "../claims/html-input.ts";
import { Store } from "../store/index.ts";

export interface CheckJob {
  id: number;
  input: string;
  options: CheckOptions;
  maxClaims: number;
}

export type CheckReply =
  | { id: number; ok: true; result: unknown }
  | { id: number; ok: false; name: string; message: string; claims?: number };

const { storePath } = workerData as { storePath: string };
let store: Promise<Store> | undefined;

parentPort?.on("message", async (job: CheckJob) => {
  try {
    // The claims are counted before any is verified, so an article over the cap costs only its extraction.
    const format =
      job.options.format === "text" || job.options.format === "html"
        ? job.options.format
        : looksLikeHtml(job.input)
          ? "html"
          : "text";
    const text = format === "html" ? htmlToAlignedText(job.input) : job.input;
    const found = extractClaims(text, { date: job.options.date, lang: job.options.lang }).claims.length;
    if (found > job.maxClaims) {
      parentPort?.postMessage({
        id: job.id,
        ok: false,
        name: "TooManyClaims",
        message: "too many claims",
        claims: found,
      } satisfies CheckReply);
      return;
    }
    store ??= Store.open({ path: storePath, readOnly: true });
    const result = await checkArticle(await store, job.input, { ...job.options, format });
    parentPort?.postMessage({ id: job.id, ok: true, result } satisfies CheckReply);
  } catch (err) {
    const e = err as Error;
    parentPort?.postMessage({ id: job.id, ok: false, name: e.name, message: e.message } satisfies CheckReply);
  }
});
