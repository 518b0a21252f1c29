// A fetch run: the planned requests of one query, performed in order, each answer checked and saved as a
// snapshot before the next, so a run that dies resumes where it stopped. Nothing here touches the store:
// the caller ingests the snapshot only when the run is complete.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  findResumable,
  type Manifest,
  newRunDir,
  runIdOf,
  today,
  tryReadManifest,
  writeAtomic,
  writeManifest,
} from "../sources/snapshot.ts";
import { SourceError } from "../sources/types.ts";
import { HttpClient, HttpError, type HttpOptions, type HttpResponse } from "./http.ts";
import { type Progress, silentProgress } from "./progress.ts";

/** One request of a run, built by a source's build stage. */
export interface PlannedPart {
  describe: string;
  url: string;
  headers?: Record<string, string>;
  /** File name without extension, unique within the run. */
  fileStem: string;
  /** An answer with no data is normal here (e.g. `--reporters all` meets a country the IMF lacks). */
  allowEmpty?: boolean;
  covers?: string[];
}

export interface CheckedAnswer {
  records: number;
  empty: boolean;
  /** The answer's real format when it is not the spec's (the IMF answering SDMX-ML to a request for CSV). */
  extension?: string;
}

export interface FetchSpec {
  source: string;
  /** For people: "IMF IMTS". */
  title: string;
  endpoint: string;
  /** The normalised query; a run with the same endpoint and params resumes the same snapshot. */
  params: Record<string, unknown>;
  parts: PlannedPart[];
  extension: string;
  /** The process stage on a raw answer: throws with a message a person can act on when it is unusable. */
  check(res: HttpResponse, part: PlannedPart): CheckedAnswer;
}

export interface RunOptions {
  home: string;
  http?: Partial<HttpOptions>;
  progress?: Progress;
  now?: () => Date;
}

export interface RunResult {
  dir: string;
  manifest: Manifest;
  /** Requests answered in this invocation (not counting resumed ones). */
  fetched: number;
  resumed: number;
  retries: number;
}

export class FetchRunError extends Error {
  constructor(
    message: string,
    readonly dir: string,
    readonly done: number,
    readonly total: number,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "FetchRunError";
  }
}

/** The process stage's parse of an answer: a source's parse error means the answer is not usable. */
export function parseAnswer<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SourceError) throw new Error(`the answer is not usable: ${err.message}`);
    throw err;
  }
}

export async function runFetch(spec: FetchSpec, options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? silentProgress;
  const now = options.now ?? (() => new Date());
  let retries = 0;
  const client = new HttpClient({
    ...options.http,
    onRetry: (info) => {
      retries++;
      progress.note(
        `${info.reason}; retry ${info.attempt} of ${info.of - 1} in ${(info.waitMs / 1000).toFixed(1)} s`,
      );
      options.http?.onRetry?.(info);
    },
  });
  const runId = runIdOf(spec.source, spec.endpoint, spec.params);
  const resumeDir = findResumable(options.home, spec.source, runId);
  let manifest: Manifest | undefined = resumeDir ? tryReadManifest(resumeDir) : undefined;
  // A manifest written by another version of the plan cannot be resumed part by part: start afresh.
  const samePlan =
    manifest?.parts.length === spec.parts.length &&
    manifest.parts.every((p, i) => p.url === spec.parts[i].url);
  if (!samePlan) manifest = undefined;
  const dir = manifest && resumeDir ? resumeDir : newRunDir(options.home, spec.source, today(now()), runId);
  if (!manifest) {
    manifest = {
      source: spec.source,
      runId,
      date: today(now()),
      started: now().toISOString(),
      endpoint: spec.endpoint,
      params: spec.params,
      complete: false,
      parts: spec.parts.map((p, i) => ({
        id: String(i + 1).padStart(4, "0"),
        describe: p.describe,
        url: p.url,
        file: `${String(i + 1).padStart(4, "0")}-${p.fileStem}.${spec.extension}`,
        status: "pending" as const,
        covers: p.covers,
      })),
    };
    writeManifest(dir, manifest);
  }
  const total = manifest.parts.length;
  const resumed = manifest.parts.filter((p) => p.status !== "pending").length;
  progress.start(total, resumed, spec.title);
  let fetched = 0;
  try {
    for (let i = 0; i < total; i++) {
      const part = manifest.parts[i];
      if (part.status !== "pending") continue;
      const planned = spec.parts[i];
      let res: HttpResponse;
      let checked: CheckedAnswer;
      try {
        res = await client.get(planned.url, planned.headers);
        try {
          checked = spec.check(res, planned);
        } catch (err) {
          // Under its real extension, so whoever opens it sees what the server sent.
          const rejected = join(
            dir,
            "rejected",
            withExtension(part.file, answerExtension(res, spec.extension)),
          );
          mkdirSync(join(dir, "rejected"), { recursive: true });
          writeFileSync(rejected, res.body);
          throw new Error(`${(err as Error).message} The answer is kept in ${rejected}.`);
        }
      } catch (err) {
        const done = manifest.parts.filter((p) => p.status !== "pending").length;
        const why = err instanceof HttpError ? describeHttpError(err) : (err as Error).message;
        throw new FetchRunError(
          `${spec.title}: request ${i + 1} of ${total} (${part.describe}) failed: ${why}\n` +
            `${done} of ${total} answers are saved in ${dir}; run the same command again to resume from there. The store was not changed.`,
          dir,
          done,
          total,
          err,
        );
      }
      if (checked.extension) part.file = withExtension(part.file, checked.extension);
      writeAtomic(join(dir, part.file), res.body);
      part.status = checked.empty ? "empty" : "done";
      part.retrieved = now().toISOString();
      part.bytes = Buffer.byteLength(res.body);
      part.contentType = res.contentType;
      part.records = checked.records;
      writeManifest(dir, manifest);
      fetched++;
      progress.step(part.describe, checked.empty ? "no data" : `${checked.records} records`);
    }
  } finally {
    progress.stop();
  }
  manifest.complete = true;
  manifest.finished = now().toISOString();
  writeManifest(dir, manifest);
  return { dir, manifest, fetched, resumed, retries };
}

function describeHttpError(err: HttpError): string {
  let hint = "";
  if (err.status === 429) hint = " The publisher is rate-limiting: wait a few minutes, or raise --throttle.";
  else if (err.status !== undefined && err.status >= 500)
    hint = " The publisher's server failed; try again later.";
  else if (err.status === 403)
    hint = " Refused (403): some publishers block unknown networks; try another network.";
  else if (err.status === 401) hint = " Unauthorised (401): check the API key.";
  else if (err.status === 404) hint = " Not found (404): check --endpoint and the codes in the query.";
  else if (err.status === undefined)
    hint = " Check the network and --endpoint; raise --timeout for slow links.";
  const said = err.body ? firstLine(err.body) : "";
  const detail = said ? ` The server said: ${said}` : "";
  return `${err.message}.${hint}${detail}`;
}

/**
 * At most one line of what a server said, so an error never pastes a whole page. Of an XML or HTML body
 * (an SDMX error message, a proxy's page) only the text is shown, without the markup.
 */
function firstLine(text: string, max = 160): string {
  const body = /^\uFEFF?\s*</.test(text) ? text.replace(/<[^>]*>/g, "\n") : text;
  const line = (body.split(/\r?\n/).find((l) => l.trim()) ?? "").replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

function withExtension(file: string, extension: string): string {
  return `${file.replace(/\.[^./]+$/, "")}.${extension}`;
}

/** The format a body really is, from its Content-Type, else its first characters. */
export function answerExtension(res: HttpResponse, fallback: string): string {
  const type = res.contentType.toLowerCase();
  if (/html/.test(type)) return "html";
  if (/xml/.test(type)) return "xml";
  if (/json/.test(type)) return "json";
  if (/csv/.test(type)) return "csv";
  const start = res.body
    .replace(/^\uFEFF/, "")
    .trimStart()
    .slice(0, 100)
    .toLowerCase();
  if (start.startsWith("<!doctype html") || start.startsWith("<html")) return "html";
  if (start.startsWith("<")) return "xml";
  if (start.startsWith("{") || start.startsWith("[")) return "json";
  if (/^text\/plain/.test(type)) return "txt";
  return fallback;
}
