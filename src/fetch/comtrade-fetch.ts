// `dyad fetch comtrade`: UN Comtrade's API v1 in the staged client's four stages. Without a key it uses
// the public preview, which returns at most 500 records a call, so the query is split until each call
// stays well under that (one reporter, one period, one flow: about 240 partners). With COMTRADE_API_KEY
// it uses the data API (250,000 records a call) and asks for a reporter's years and both flows at once.
import { registry } from "../countries/index.ts";
import { toComtradeCode } from "../countries/m49.ts";
import { parseComtradeEnvelope } from "../sources/comtrade-api.ts";
import type { HttpResponse } from "./http.ts";
import {
  FetchParamError,
  parseCountries,
  parseEndpoint,
  parseYears,
  type RawFetchOptions,
  yearSpans,
} from "./imts-fetch.ts";
import { type CheckedAnswer, type FetchSpec, type PlannedPart, parseAnswer } from "./run.ts";

export const COMTRADE_DEFAULT_ENDPOINT = "https://comtradeapi.un.org";
export const PREVIEW_CAP = 500;
export const DATA_API_CAP = 250_000;

export interface ComtradeQuery {
  reporters: string[];
  partners: string[];
  from: number;
  to: number;
  freq: "A" | "M";
  endpoint: string;
  /** From COMTRADE_API_KEY; never written to a snapshot or a manifest. */
  apiKey?: string;
}

const comtradeKnows = (code: string) => toComtradeCode(code) !== undefined;

/** check_params */
export function checkComtradeParams(
  raw: RawFetchOptions & { apiKey?: string },
  now = new Date(),
): ComtradeQuery {
  const { from, to } = parseYears(raw, now);
  const freq = (raw.freq ?? "A").toUpperCase();
  if (freq !== "A" && freq !== "M")
    throw new FetchParamError("--freq", `"${raw.freq}" is not A (annual) or M (monthly)`);
  const endpoint = parseEndpoint(raw.endpoint, "DYAD_COMTRADE_URL", COMTRADE_DEFAULT_ENDPOINT);
  const rawReporters = (raw.reporters ?? "").trim();
  if (!rawReporters)
    throw new FetchParamError("--reporters", "say which reporters: e.g. --reporters CHN,USA");
  const reporters =
    rawReporters.toLowerCase() === "all"
      ? registry
          .all("country")
          .map((e) => e.code)
          .filter(comtradeKnows)
      : parseCountries(rawReporters, "--reporters", comtradeKnows);
  const partners = raw.partners ? parseCountries(raw.partners, "--partners", comtradeKnows) : [];
  const apiKey = (raw.apiKey ?? process.env.COMTRADE_API_KEY ?? "").trim() || undefined;
  return { reporters, partners, from, to, freq, endpoint, apiKey };
}

function periods(from: number, to: number, freq: "A" | "M"): string[] {
  const out: string[] = [];
  for (let y = from; y <= to; y++) {
    if (freq === "A") out.push(String(y));
    else for (let m = 1; m <= 12; m++) out.push(`${y}${String(m).padStart(2, "0")}`);
  }
  return out;
}

/** build_request */
export function buildComtradeRequests(q: ComtradeQuery): PlannedPart[] {
  const parts: PlannedPart[] = [];
  const path = q.apiKey ? `/data/v1/get/C/${q.freq}/HS` : `/public/v1/preview/C/${q.freq}/HS`;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (q.apiKey) headers["Ocp-Apim-Subscription-Key"] = q.apiKey;
  const partnerCodes = q.partners.map((p) => toComtradeCode(p)).join(",");
  for (const reporter of q.reporters) {
    const code = toComtradeCode(reporter);
    // Preview: one period and one flow per call. Data API: up to 12 periods (Comtrade's limit) and both flows.
    const groups: { periods: string[]; flows: string }[] = [];
    if (q.apiKey) {
      for (const [a, b] of yearSpans(q.from, q.to, q.freq === "A" ? 12 : 1))
        groups.push({ periods: periods(a, b, q.freq), flows: "X,M" });
    } else {
      for (const p of periods(q.from, q.to, q.freq))
        for (const f of ["X", "M"]) groups.push({ periods: [p], flows: f });
    }
    for (const g of groups) {
      const params = new URLSearchParams({
        reporterCode: String(code),
        period: g.periods.join(","),
        ...(partnerCodes ? { partnerCode: partnerCodes } : {}),
        partner2Code: "0",
        cmdCode: "TOTAL",
        flowCode: g.flows,
        customsCode: "C00",
        motCode: "0",
        includeDesc: "true",
      });
      const span = g.periods.length > 1 ? `${g.periods[0]}-${g.periods[g.periods.length - 1]}` : g.periods[0];
      const covers: string[] = [];
      if (!q.partners.length && q.freq === "A" && g.flows === "X,M")
        for (const p of g.periods) covers.push(`${reporter}|${p}`);
      parts.push({
        describe: `${reporter} (${code}) ${span} ${g.flows === "X,M" ? "exports+imports" : g.flows === "X" ? "exports" : "imports"}`,
        url: `${q.endpoint}${path}?${params.toString().replace(/%2C/g, ",")}`,
        headers,
        fileStem: `${reporter}-${span}-${g.flows.replace(",", "")}`,
        // A reporter that has not yet reported a year answers count 0: normal, not an error.
        allowEmpty: true,
        covers,
      });
    }
  }
  return parts;
}

/** process_response on the raw answer. */
export function checkComtradeAnswer(cap: number) {
  return (res: HttpResponse, part: PlannedPart): CheckedAnswer => {
    const type = res.contentType.toLowerCase();
    if (res.body.trim() === "") {
      throw new Error(
        "Comtrade answered with an empty body (not even an empty envelope); the transfer failed or a proxy interfered. Fetch again.",
      );
    }
    if (type && !/json/.test(type)) {
      throw new Error(
        `the server answered Content-Type ${res.contentType}, not JSON. Check --endpoint (a login or error page is HTML).`,
      );
    }
    const env = parseAnswer(() => parseComtradeEnvelope(res.body, part.fileStem));
    if (env.count >= cap) {
      throw new Error(
        `Comtrade returned ${env.count} records, its cap for this endpoint, so the answer may be cut off. ${cap === PREVIEW_CAP ? "Set COMTRADE_API_KEY to use the data API, or narrow the query with --partners." : "Narrow the query."}`,
      );
    }
    return { records: env.count, empty: env.count === 0 };
  };
}

export function comtradeSpec(q: ComtradeQuery): FetchSpec {
  return {
    source: "comtrade",
    title: q.apiKey ? "UN Comtrade (data API)" : "UN Comtrade (public preview)",
    endpoint: q.endpoint,
    // The key itself never enters the run id or the manifest; only whether one was used.
    params: {
      reporters: q.reporters,
      partners: q.partners,
      from: q.from,
      to: q.to,
      freq: q.freq,
      keyed: Boolean(q.apiKey),
    },
    parts: buildComtradeRequests(q),
    extension: "json",
    check: checkComtradeAnswer(q.apiKey ? DATA_API_CAP : PREVIEW_CAP),
  };
}
