// The API's routes, each declared once: its parameters (which validate the request and document it in
// OpenAPI), and a handler that calls one library function and shapes the answer.
import type { Context } from "hono";
import { checkArticle } from "../claims/check.ts";
import { countryName, registry } from "../countries/index.ts";
import { dossierAnswer } from "../dossier/json.ts";
import { computeIndicator, getIndicator, INDICATORS } from "../indicators/catalogue.ts";
import { partnerRanking } from "../indicators/partners.ts";
import { buildProfile } from "../profile/index.ts";
import { PROVENANCE_FORMS, profileJson } from "../profile/json.ts";
import { EncodedAnswer } from "./cache.ts";
import { CHECK_OPTIONS, checkRequestBody, readCheckBody } from "./check-body.ts";
import type { CheckRunner } from "./check-runner.ts";
import { CHART_NAMES, chart, dossierJson, reportHtml, reportPdf } from "./dossier.ts";
import { ApiError } from "./errors.ts";
import type { StorePool } from "./pool.ts";
import { DOSSIER_SCHEMA, PROFILE_SCHEMA } from "./profile-schema.ts";
import {
  country,
  type Fields,
  indicatorName,
  integer,
  type JsonSchema,
  oneOf,
  type Parsed,
  segment,
  text,
  year,
} from "./schema.ts";
import type { MemoryValues } from "./values.ts";

export interface RouteContext<P extends Fields, Q extends Fields> {
  pool: StorePool;
  /** Worker threads for the claim check; absent for an in-memory store, where the check runs in-process. */
  checker?: CheckRunner;
  /** Trade values held in memory (values.ts); absent, every value is asked of the store. */
  values?: MemoryValues;
  params: Parsed<P>;
  query: Parsed<Q>;
  c: Context;
}

export interface RouteDef<P extends Fields = Fields, Q extends Fields = Fields> {
  method: "get" | "post";
  /** OpenAPI form, {name} for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  params: P;
  query: Q;
  /** For POST routes: the request body as OpenAPI describes it (validated in the handler by the same fields). */
  requestBody?: unknown;
  /** A JSON answer that depends only on the validated parameters, so it can be kept (see cache.ts). */
  cacheable?: boolean;
  /** Media types of the successful answer, with its schema. */
  responses: Record<string, JsonSchema>;
  handle(ctx: RouteContext<P, Q>): Promise<Response | unknown>;
}

function route<P extends Fields, Q extends Fields>(def: RouteDef<P, Q>): RouteDef {
  return def as unknown as RouteDef;
}

const json = (description: string): Record<string, JsonSchema> => ({
  "application/json": { type: "object", description },
});

const LANGS = ["en", "de"] as const;

function sameCountry(a: string, b: string): void {
  if (a === b) {
    throw new ApiError(400, `A dyad needs two different countries; both are ${countryName(a)} (${a}).`, {
      parameter: "b",
    });
  }
}

function yearRange(from: number | undefined, to: number | undefined): void {
  if (from !== undefined && to !== undefined && from > to) {
    throw new ApiError(400, `from ${from} is after to ${to}: give from ≤ to.`, { parameter: "from" });
  }
}

export const ROUTES: RouteDef[] = [
  route({
    method: "get",
    path: "/api/v1/countries",
    operationId: "listCountries",
    cacheable: true,
    summary: "The country registry: ISO3 and ISO2 codes, English and German names, kind",
    params: {},
    query: {
      kind: oneOf(
        "country, aggregate (World, EU, ...), historical (USSR, ...), or all",
        ["all", "country", "aggregate", "historical"] as const,
        "all",
      ),
    },
    responses: json("{ countries: [{ code, iso2?, kind, en, de }] }"),
    async handle({ query }) {
      return { countries: registry.all(query.kind === "all" ? undefined : query.kind) };
    },
  }),
  route({
    method: "get",
    path: "/api/v1/indicators",
    operationId: "listIndicators",
    cacheable: true,
    summary: "The indicator catalogue with definitions, formulas, units, sources and citations",
    params: {},
    query: {},
    responses: json("{ indicators: [{ name, unit, definition, formula, sources, citation, caveats? }] }"),
    async handle() {
      return {
        indicators: INDICATORS.map(
          ({ name, unit, definition, formula, sources, citation, caveats, country, timeless }) => ({
            name,
            unit,
            definition,
            formula,
            sources,
            citation,
            ...(caveats ? { caveats } : {}),
            ...(country ? { country } : {}),
            ...(timeless ? { timeless } : {}),
          }),
        ),
      };
    },
  }),
  route({
    method: "get",
    path: "/api/v1/value",
    operationId: "getValue",
    cacheable: true,
    summary: "One indicator for a pair of countries and a year, with its unit and provenance",
    description:
      "When the value cannot be computed, `value` is null and `reason` says why (no report by A for that year, ...).",
    params: {},
    query: {
      indicator: indicatorName("indicator name; GET /api/v1/indicators lists them"),
      a: country("country A: ISO3, ISO2 or an English or German name"),
      b: country("country B"),
      year: year("the year"),
      window: integer("arms.supplier_share and mil.exercises: a window of years ending in `year`", 1, 50),
      product: text("trade.product_*: an HS code or named product group", /^[A-Za-z0-9_.-]+$/, 40),
    },
    responses: json("IndicatorValue: { indicator, a, b, year, value, unit, reason?, provenance[], detail? }"),
    async handle({ pool, values, query }) {
      const def = getIndicator(query.indicator);
      if (!def.country) sameCountry(query.a, query.b);
      const fromMemory = values?.answer(query.indicator, query.a, query.b, query.year, {
        window: query.window,
      });
      if (fromMemory) return fromMemory;
      return pool.use((store) =>
        computeIndicator(store, query.indicator, query.a, query.b, query.year, {
          window: query.window,
          product: query.product,
        }),
      );
    },
  }),
  route({
    method: "get",
    path: "/api/v1/profile/{a}/{b}",
    operationId: "getProfile",
    cacheable: true,
    summary: "Every trade indicator for A and B over the years with data, and the further sections",
    params: {
      a: country("country A: ISO3, ISO2 or an English or German name"),
      b: country("country B"),
    },
    description:
      "Provenance comes by reference by default: each dataset's fields and each cell once (`provenance.datasets`, `provenance.cells`), every value of `trade.series` listing its cells by index. `?provenance=inline` writes every value's provenance out in full instead (several times larger); the library's `expandProfile` turns one form into the other.",
    query: {
      from: year("first year", { optional: true }),
      to: year("last year", { optional: true }),
      provenance: oneOf(
        "reference: each dataset and cell once, values refer to cells by index; inline: every value carries its full provenance",
        PROVENANCE_FORMS,
        "reference",
      ),
    },
    responses: { "application/json": PROFILE_SCHEMA },
    async handle({ pool, values, params, query, c }) {
      sameCountry(params.a, params.b);
      yearRange(query.from, query.to);
      // Built, serialised and gzipped on a profile worker once they run (values.ts, profile-runner.ts); a
      // profile they hand back, and every profile before they run, is built here as before.
      const bytes = await values?.profileBytes({
        a: params.a,
        b: params.b,
        from: query.from,
        to: query.to,
        provenance: query.provenance,
        gzip: /\bgzip\b/.test(c.req.header("accept-encoding") ?? ""),
      });
      if (bytes) return new EncodedAnswer(bytes.body, bytes.gzip, bytes.length);
      // From memory once the server holds the tables (values.ts), else from the store.
      const memory = values?.profile;
      const profile = await pool.use((store) =>
        buildProfile(store, params.a, params.b, { from: query.from, to: query.to, memory }),
      );
      return profileJson(profile, query.provenance);
    },
  }),
  route({
    method: "get",
    path: "/api/v1/partners/{a}",
    operationId: "getPartners",
    cacheable: true,
    summary:
      "A country's largest partners per year, with their share of its World total (and the EU beside them)",
    params: { a: country("the reporting country") },
    query: {
      flow: oneOf(
        "exports or imports, as the country reports them",
        ["exports", "imports"] as const,
        "exports",
      ),
      from: year("first year", { optional: true }),
      to: year("last year", { optional: true }),
      top: integer("how many partner countries per year", 1, 50, 5),
    },
    responses: json(
      "{ country, flow, partners: [{ year, partner, en, de, kind, value, share, rank, dataset }], incomplete: [{ year, dataset, partners }], threshold }",
    ),
    async handle({ pool, params, query }) {
      yearRange(query.from, query.to);
      const ranking = await pool.use((store) =>
        partnerRanking(store, params.a, { flow: query.flow, from: query.from, to: query.to, top: query.top }),
      );
      const rows = ranking.partners;
      const entity = registry.get(params.a);
      return {
        country: { code: params.a, en: entity?.en ?? params.a, de: entity?.de ?? params.a },
        flow: query.flow,
        partners: rows.map((r) => ({
          ...r,
          en: countryName(r.partner, "en"),
          de: countryName(r.partner, "de"),
        })),
        // Years with figures by partner that cover too few partners to rank (e.g. only the BRICS table).
        incomplete: ranking.incomplete,
        threshold: ranking.threshold,
      };
    },
  }),
  route({
    method: "get",
    path: "/api/v1/dossier/{a}/{b}",
    operationId: "getDossier",
    cacheable: true,
    summary: "The dossier as data: narrative sections with their cited figures, and the data the charts draw",
    description:
      "The dashboard draws the charts from `data` with the same chart functions the report uses (src/dossier/charts).",
    params: { a: country("country A"), b: country("country B") },
    query: {
      lang: oneOf("language of the narrative", LANGS, "en"),
      from: year("first year", { optional: true }),
      to: year("last year", { optional: true }),
      provenance: oneOf(
        "data.profile's provenance: reference (each dataset and cell once) or inline, as for GET /api/v1/profile",
        PROVENANCE_FORMS,
        "reference",
      ),
    },
    responses: { "application/json": DOSSIER_SCHEMA },
    async handle({ pool, params, query }) {
      sameCountry(params.a, params.b);
      yearRange(query.from, query.to);
      const dossier = await dossierJson(pool, params.a, params.b, query.lang, {
        from: query.from,
        to: query.to,
      });
      return dossierAnswer(dossier, query.provenance);
    },
  }),
  route({
    method: "get",
    path: "/api/v1/report/{a}/{b}",
    operationId: "getReport",
    summary: "The dossier: the profile told in sentences, with charts, as HTML or PDF",
    params: { a: country("country A"), b: country("country B") },
    query: {
      lang: oneOf("language of the report", LANGS, "en"),
      format: oneOf("html or pdf", ["html", "pdf"] as const, "html"),
    },
    responses: { "text/html": { type: "string" }, "application/pdf": { type: "string", format: "binary" } },
    async handle({ pool, params, query, c }) {
      sameCountry(params.a, params.b);
      if (query.format === "pdf") {
        const pdf = await reportPdf(pool, params.a, params.b, query.lang);
        return c.body(new Uint8Array(pdf), 200, {
          "content-type": "application/pdf",
          "content-disposition": `inline; filename="dyad-${params.a}-${params.b}-${query.lang}.pdf"`,
        });
      }
      return c.html(await reportHtml(pool, params.a, params.b, query.lang));
    },
  }),
  route({
    method: "get",
    path: "/api/v1/chart/{a}/{b}/{file}",
    operationId: "getChart",
    summary: "One chart of the dossier as SVG or PNG; GET /api/v1/charts lists the names",
    params: {
      a: country("country A"),
      b: country("country B"),
      file: segment(
        "a chart name and .svg or .png, e.g. turnover.svg",
        /^[a-z0-9][a-z0-9_-]{0,40}\.(svg|png)$/,
        ["turnover.svg"],
      ),
    },
    query: { lang: oneOf("language of the labels", LANGS, "en") },
    responses: { "image/svg+xml": { type: "string" }, "image/png": { type: "string", format: "binary" } },
    async handle({ pool, params, query, c }) {
      sameCountry(params.a, params.b);
      const [name, ext] = params.file.split(".") as [string, "svg" | "png"];
      if (!CHART_NAMES.includes(name)) {
        throw new ApiError(404, `No chart named "${name}". The charts are: ${CHART_NAMES.join(", ")}.`, {
          parameter: "file",
          value: name,
        });
      }
      const out = await chart(pool, params.a, params.b, name, query.lang, ext);
      if (ext === "png")
        return c.body(new Uint8Array(out as Uint8Array), 200, { "content-type": "image/png" });
      return c.body(String(out), 200, { "content-type": "image/svg+xml; charset=utf-8" });
    },
  }),
  route({
    method: "get",
    path: "/api/v1/charts",
    operationId: "listCharts",
    cacheable: true,
    summary: "The names of the dossier's charts",
    params: {},
    query: {},
    responses: json("{ charts: string[] }"),
    async handle() {
      return { charts: CHART_NAMES };
    },
  }),
  route({
    method: "post",
    path: "/api/v1/check",
    operationId: "checkArticle",
    summary: "Check an article's numeric claims against the statistics: verdicts with evidence",
    description:
      "Send JSON { text, date?, lang?, format? } or the article itself as text/plain or text/html (then date, lang and format go in the query). At most 1 MB, at most 300 claims (else 413 with limit: claims) and 20 s of work (else 422 with limit: time); the work stops when the client disconnects.",
    params: {},
    query: CHECK_OPTIONS,
    requestBody: checkRequestBody(),
    responses: json(
      "CheckResult: { lang, date, pair, claims: [{ text, start, end, verdict, reason?, evidence }], counts }",
    ),
    async handle({ pool, checker, query, c }) {
      const body = await readCheckBody(c, query);
      const options = { date: body.date, lang: body.lang, format: body.format };
      if (checker) return checker.run(body.text, options, c.req.raw.signal);
      return pool.use((store) => checkArticle(store, body.text, options));
    },
  }),
];
