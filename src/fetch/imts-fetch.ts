// `dyad fetch imts`: the IMF's SDMX API, in the four stages of the staged client. check: the query's
// countries, years and frequency; build: one request per reporter and span of years (SDMX 2.1 or 3.0 URL
// forms, chosen by the endpoint's path); perform: src/fetch/http.ts; process: every answer parsed before
// it counts as saved, and the whole set ingested only when the run completed.
import { registry } from "../countries/index.ts";
import { IMTS_FLOWS, looksLikeXml, parseImtsAnswer, toImfCode } from "../sources/imts.ts";
import type { HttpResponse } from "./http.ts";
import { type CheckedAnswer, type FetchSpec, type PlannedPart, parseAnswer } from "./run.ts";

export const IMF_DEFAULT_ENDPOINT = "https://api.imf.org/external/sdmx/2.1";
export const IMF_CSV = "application/vnd.sdmx.data+csv;version=2.0.0";
// SDMX-CSV first; structure-specific SDMX-ML is what the IMF answers when it does not honour that, and
// dyad reads it too.
export const IMF_ACCEPT = `${IMF_CSV}, application/vnd.sdmx.structurespecificdata+xml;q=0.9, application/xml;q=0.8`;

export class FetchParamError extends Error {
  constructor(
    readonly param: string,
    what: string,
  ) {
    super(`${param}: ${what}`);
    this.name = "FetchParamError";
  }
}

export interface RawFetchOptions {
  reporters?: string;
  partners?: string;
  from?: string | number;
  to?: string | number;
  freq?: string;
  endpoint?: string;
}

export interface ImtsQuery {
  reporters: string[];
  all: boolean;
  partners: string[];
  from: number;
  to: number;
  freq: "A" | "M";
  endpoint: string;
  api: "2.1" | "3.0";
}

export function parseYears(raw: RawFetchOptions, now: Date): { from: number; to: number } {
  const thisYear = now.getUTCFullYear();
  const year = (v: string | number | undefined, name: string, fallback: number) => {
    if (v === undefined || v === "") return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1948 || n > thisYear) {
      throw new FetchParamError(name, `"${v}" is not a year between 1948 and ${thisYear}`);
    }
    return n;
  };
  const to = year(raw.to, "--to", thisYear);
  const from = year(raw.from, "--from", Math.min(to, thisYear - 4));
  if (from > to) throw new FetchParamError("--from", `${from} is after --to ${to}`);
  return { from, to };
}

export function parseEndpoint(raw: string | undefined, envName: string, fallback: string): string {
  const value = (raw ?? process.env[envName] ?? fallback).trim().replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new FetchParamError("--endpoint", `"${value}" is not a URL (e.g. ${fallback})`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchParamError("--endpoint", `"${value}" must start with http:// or https://`);
  }
  return value;
}

/** Countries as the user wrote them (ISO3, ISO2, English or German names) to registry codes. */
export function parseCountries(list: string, param: string, allowed: (code: string) => boolean): string[] {
  const codes: string[] = [];
  for (const item of list
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const entity = registry.tryResolve(item);
    if (!entity)
      throw new FetchParamError(param, `unknown country "${item}"; give ISO3 codes such as CHN,RUS`);
    if (!allowed(entity.code))
      throw new FetchParamError(param, `${entity.en} (${entity.code}) is not available from this publisher`);
    if (!codes.includes(entity.code)) codes.push(entity.code);
  }
  if (!codes.length) throw new FetchParamError(param, "no country given");
  return codes;
}

const imfKnows = (code: string) =>
  registry.get(code)?.kind === "country" || code === "WLD" || code === "EMU" || code === "EUU";

/** check_params */
export function checkImtsParams(raw: RawFetchOptions, now = new Date()): ImtsQuery {
  const { from, to } = parseYears(raw, now);
  const freq = (raw.freq ?? "A").toUpperCase();
  if (freq !== "A" && freq !== "M")
    throw new FetchParamError("--freq", `"${raw.freq}" is not A (annual) or M (monthly)`);
  const endpoint = parseEndpoint(raw.endpoint, "DYAD_IMF_URL", IMF_DEFAULT_ENDPOINT);
  const api = /\/3\.0(\/|$)/.test(new URL(endpoint).pathname) ? "3.0" : "2.1";
  const rawReporters = (raw.reporters ?? "").trim();
  if (!rawReporters)
    throw new FetchParamError(
      "--reporters",
      "say which reporters: e.g. --reporters CHN,RUS, or --reporters all",
    );
  const all = rawReporters.toLowerCase() === "all";
  const reporters = all
    ? registry.all("country").map((e) => e.code)
    : parseCountries(rawReporters, "--reporters", imfKnows);
  const partners = raw.partners ? parseCountries(raw.partners, "--partners", imfKnows) : [];
  return { reporters, all, partners, from, to, freq, endpoint, api };
}

/** Spans of years per request: an all-partner query costs about 0.2 MB per reporter-year annual. */
export function yearSpans(from: number, to: number, size: number): [number, number][] {
  const spans: [number, number][] = [];
  for (let y = from; y <= to; y += size) spans.push([y, Math.min(to, y + size - 1)]);
  return spans;
}

export function imtsKey(reporter: string, partners: string[], freq: string, api: "2.1" | "3.0"): string {
  const indicators = Object.keys(IMTS_FLOWS).join("+");
  // 2.1 reads an empty slot as "all"; 3.0 answers an empty slot with no data and wants "*".
  const counterpart = partners.length ? partners.map(toImfCode).join("+") : api === "3.0" ? "*" : "";
  return `${toImfCode(reporter)}.${indicators}.${counterpart}.${freq}`;
}

/** build_request */
export function buildImtsRequests(q: ImtsQuery): PlannedPart[] {
  const parts: PlannedPart[] = [];
  for (const reporter of q.reporters) {
    for (const [from, to] of yearSpans(q.from, q.to, q.freq === "A" ? 10 : 3)) {
      const key = imtsKey(reporter, q.partners, q.freq, q.api);
      const url =
        q.api === "3.0"
          ? // The time filter as the IMF's API accepted it in a recorded request (OpenBB, 2025-12-16):
            // c[TIME_PERIOD]=ge:2023-01-01+le:2026-01-01, dates and a literal "+".
            `${q.endpoint}/data/dataflow/IMF.STA/IMTS/+/${key}?c%5BTIME_PERIOD%5D=ge:${from}-01-01+le:${to}-12-31`
          : `${q.endpoint}/data/IMF.STA,IMTS,1.0.0/${key}?startPeriod=${from}&endPeriod=${to}`;
      const covers: string[] = [];
      // A counterpart subset covers only those pairs; the merge then keeps other partners' stored rows
      // of the same years, so only an all-partner query claims the reporter-years.
      if (!q.partners.length) for (let y = from; y <= to; y++) covers.push(`${reporter}|${y}`);
      parts.push({
        describe: `${reporter} ${from}${to > from ? `-${to}` : ""} ${q.freq === "A" ? "annual" : "monthly"} (key ${key})`,
        url,
        headers: { Accept: IMF_ACCEPT },
        fileStem: `${reporter}-${from}-${to}-${q.freq}`,
        allowEmpty: q.all,
        covers,
      });
    }
  }
  return parts;
}

/**
 * process_response, on the raw answer: usable SDMX-CSV or SDMX-ML with observations, or an error a person
 * can act on.
 */
export function checkImtsAnswer(res: HttpResponse, part: PlannedPart): CheckedAnswer {
  const type = res.contentType.toLowerCase();
  if (res.body.trim() === "") {
    if (part.allowEmpty) return { records: 0, empty: true };
    throw new Error(
      `the IMF answered HTTP ${res.status} with an empty body: no observations for key ${keyOf(part)}. Check the codes (ISO3 such as CHN, World is WLD) and the years; the IMF answers a key it cannot match with no data rather than an error.`,
    );
  }
  const xml = /xml/.test(type) || (!/csv|text\/plain/.test(type) && looksLikeXml(res.body));
  if (/html/.test(type) || /json/.test(type) || (!xml && !/csv|text\/plain/.test(type) && type !== "")) {
    const what = /html/.test(type) ? "an HTML page" : /json/.test(type) ? "JSON" : `"${res.contentType}"`;
    throw new Error(
      `the server answered ${what} (Content-Type ${res.contentType}), not SDMX-CSV or SDMX-ML. An HTML page usually comes from a proxy or a blocked network. Check --endpoint.`,
    );
  }
  const parsed = parseAnswer(() => parseImtsAnswer(res.body, part.fileStem));
  const extension = parsed.format.startsWith("SDMX-ML") ? "xml" : undefined;
  const records = parsed.observations.filter((o) => o.value !== null).length;
  if (records === 0) {
    if (part.allowEmpty) return { records: 0, empty: true, extension };
    throw new Error(
      `the IMF answered with no observations for key ${keyOf(part)} (${parsed.format}, no data). Check the codes and the years.`,
    );
  }
  return { records, empty: false, extension };
}

function keyOf(part: PlannedPart): string {
  return /\(key ([^)]*)\)/.exec(part.describe)?.[1] ?? part.url;
}

export function imtsSpec(q: ImtsQuery): FetchSpec {
  return {
    source: "imts",
    title: "IMF IMTS",
    endpoint: q.endpoint,
    params: {
      reporters: q.all ? "all" : q.reporters,
      partners: q.partners,
      from: q.from,
      to: q.to,
      freq: q.freq,
    },
    parts: buildImtsRequests(q),
    extension: "csv",
    check: checkImtsAnswer,
  };
}
