// The profile answer's shape for the OpenAPI document: provenance by reference (src/profile/json.ts) by
// default, every value's provenance written out with ?provenance=inline.
import type { JsonSchema } from "./schema.ts";

const nullableNumber: JsonSchema = { description: "a number, or null" };

const PROVENANCE_DATASET: JsonSchema = {
  type: "object",
  description:
    "A dataset's fields, written once for all its cells. A field absent here is absent from the cells' inline provenance too.",
  properties: {
    source: { type: "string", description: "the dyad source that ingested it, e.g. imf-dots, tidy-trade" },
    dataset: { type: "string", description: "the dataset's name, as in `sources`" },
    publisher: { type: "string" },
    version: { description: "the publisher's version or release, or null" },
    retrieved: { description: "when the files were retrieved (YYYY-MM-DD), or null" },
    ingestedAt: { type: "string", description: "when dyad ingested it (UTC)" },
    citation: { type: "string" },
  },
  required: ["source", "dataset"],
};

const PROVENANCE_CELL: JsonSchema = {
  type: "object",
  description:
    "One figure a value rests on, as its publisher gave it: written once, however many values use it. Its inline provenance is this object with `dataset` replaced by the fields of provenance.datasets[dataset].",
  properties: {
    dataset: { type: "integer", description: "index into provenance.datasets" },
    reporter: { type: "string", description: "the economy whose statistics the figure is (ISO3)" },
    side: { type: "string", enum: ["reporter", "partner"], description: "own report, or the mirror" },
    flow: { type: "string", description: "exports, imports, turnover, ..." },
    year: { type: "integer" },
    value: { type: "number", description: "the figure in USD" },
    file: { description: "the publisher's file, or null" },
    sheet: { description: "the sheet in that file, or null" },
    line: { description: "the row in that file or sheet, or null" },
    estimate: { type: "boolean", description: "the publisher flags the figure as an estimate" },
    thirdParty: {
      type: "boolean",
      description: "a third party's estimate for a side that published nothing",
    },
    note: { description: "the publisher's or the ingest's note, or null" },
    why: { type: "string", description: "why this dataset answered rather than another with the same flow" },
  },
  required: ["dataset"],
};

const VALUE: JsonSchema = {
  type: "object",
  description:
    "One year of the series. By reference it leaves out indicator, a, b and unit (its series' own) and `provenance` lists indices into provenance.cells; inline it is an IndicatorValue as GET /api/v1/value answers it.",
  properties: {
    year: { type: "integer" },
    value: nullableNumber,
    reason: { type: "string", description: "present when value is null: why, and what to use instead" },
    caveat: { type: "string" },
    detail: { type: "object", description: "the figures the value was computed from" },
    provenance: {
      type: "array",
      description: "by reference: indices into provenance.cells; inline: the cells themselves, in full",
    },
  },
  required: ["year", "value", "provenance"],
};

/** GET /api/v1/profile/{a}/{b}: the profile, provenance by reference unless ?provenance=inline. */
export const PROFILE_SCHEMA: JsonSchema = {
  type: "object",
  description:
    "The pair's profile. By default provenance is by reference: each dataset's fields once (provenance.datasets), each cell once (provenance.cells), each value listing its cells by index; the trade table, sections, key figures and sources are the same in both forms. ?provenance=inline repeats the full provenance on every value (several times larger). The library's expandProfile (src/profile/json.ts) turns the first form into the second.",
  properties: {
    a: { type: "object", description: "{ code, en, de }" },
    b: { type: "object", description: "{ code, en, de }" },
    from: { description: "the first year asked for, or null" },
    to: { description: "the last year asked for, or null" },
    years: { type: "array", items: { type: "integer" }, description: "years with any bilateral figure" },
    trade: {
      type: "object",
      properties: {
        table: { type: "array", description: "one row per year: both flows from both sides, shares, ranks" },
        series: {
          type: "array",
          items: {
            type: "object",
            properties: {
              indicator: { type: "string" },
              a: { type: "string" },
              b: { type: "string" },
              unit: { type: "string" },
              values: { type: "array", items: VALUE },
            },
          },
        },
      },
    },
    sections: { type: "object", description: "UN votes, arms, energy, GDP, geography, goods" },
    keyFigures: { type: "array" },
    sources: { type: "array", description: "every dataset any value used, with publisher and citation" },
    provenance: {
      type: "object",
      description: "only by reference (the default): the tables the values refer to",
      properties: {
        datasets: { type: "array", items: PROVENANCE_DATASET },
        cells: { type: "array", items: PROVENANCE_CELL },
      },
      required: ["datasets", "cells"],
    },
  },
  required: ["a", "b", "years", "trade", "sections", "keyFigures", "sources"],
};

const { sections: _sections, ...PROFILE_WITHOUT_SECTIONS } = PROFILE_SCHEMA.properties ?? {};

/**
 * GET /api/v1/dossier/{a}/{b}: the narrative and the data its charts draw. The profile in it has no
 * sections: the dossier carries each section once, in data.beyond.sections and data.goods.
 */
export const DOSSIER_SCHEMA: JsonSchema = {
  type: "object",
  description:
    "The dossier: the narrative's sections of sentences with the figures they cite, and the data the charts are drawn from.",
  properties: {
    lang: { type: "string", enum: ["en", "de"] },
    a: { type: "object", description: "{ code, name }" },
    b: { type: "object", description: "{ code, name }" },
    title: { type: "string" },
    empty: { type: "string", description: "present when the loaded data hold nothing for the pair: why" },
    sections: { type: "array", description: "the narrative: [{ id, title, sentences, charts }]" },
    figures: { type: "array", description: "every figure a sentence cites, with its sources" },
    data: {
      type: "object",
      properties: {
        profile: {
          type: "object",
          description:
            "The pair's profile as GET /api/v1/profile answers it (provenance by reference unless ?provenance=inline), without `sections`: they are data.beyond.sections and data.goods.",
          properties: PROFILE_WITHOUT_SECTIONS,
          required: (PROFILE_SCHEMA.required ?? []).filter((k) => k !== "sections"),
        },
        partners: {
          type: "object",
          description: "{ a, b }: each side's largest partners per year, { exports, imports }",
        },
        beyond: {
          type: "object",
          properties: {
            sections: {
              type: "object",
              description:
                "UN votes, arms, energy, GDP, geography, investment, exercises, the regional gas series: each with its years, or absent with a reason",
            },
            armsShareAB: {
              description: "A's five-year share of B's arms imports (an IndicatorValue), or null",
            },
            armsShareBA: {
              description: "B's five-year share of A's arms imports (an IndicatorValue), or null",
            },
            provenance: { type: "object", description: "each beyond-trade dataset's publisher and citation" },
          },
          required: ["sections", "armsShareAB", "armsShareBA", "provenance"],
        },
        goods: { type: "object", description: "the goods section (CEPII BACI), or absent with a reason" },
      },
      required: ["profile", "partners", "beyond", "goods"],
    },
  },
  required: ["lang", "a", "b", "title", "sections", "figures", "data"],
};
