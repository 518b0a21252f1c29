// A small schema layer: each request parameter is declared once, and that one declaration both validates
// the request and becomes its entry in the OpenAPI document. Parsed values are typed from the declaration.
import { registry } from "../countries/index.ts";
import { INDICATORS } from "../indicators/catalogue.ts";
import { notAYear, parseQueryYear, QUERY_YEARS } from "../indicators/years.ts";
import { isCalendarDate } from "../store/checks.ts";
import { ApiError, apiCountryMessage } from "./errors.ts";

/** The subset of JSON Schema (2020-12, as OpenAPI 3.1 uses it) the API's parameters need. */
export interface JsonSchema {
  type?: "string" | "integer" | "number" | "boolean" | "object" | "array";
  enum?: readonly (string | number)[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  default?: unknown;
  examples?: unknown[];
  format?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  $ref?: string;
}

export type Location = "path" | "query" | "body";

export interface Field<T> {
  schema: JsonSchema;
  description: string;
  required: boolean;
  /** `raw` is undefined when the parameter is absent; throws ApiError when the value is not acceptable. */
  parse(raw: string | undefined, name: string, where: Location): T;
}

function missing(name: string, where: Location, description: string): ApiError {
  return new ApiError(400, `The ${where} parameter "${name}" is required: ${description}.`, {
    parameter: name,
  });
}

/** A country as ISO3, ISO2 or an English or German name; answers its ISO3 code. Unknown in the path is 404. */
export function country(description: string): Field<string>;
export function country(description: string, opts: { optional: true }): Field<string | undefined>;
export function country(description: string, opts?: { optional: true }): Field<string | undefined> {
  return {
    description,
    required: !opts?.optional,
    schema: { type: "string", maxLength: 100, examples: ["CHN", "RU", "Russland"] },
    parse(raw, name, where) {
      if (raw === undefined || raw === "") {
        if (opts?.optional) return undefined;
        throw missing(name, where, description);
      }
      if (raw.length > 100)
        throw new ApiError(400, `The parameter "${name}" is too long for a country name.`);
      const entity = registry.tryResolve(raw);
      if (!entity) {
        throw new ApiError(where === "path" ? 404 : 400, apiCountryMessage(raw, registry.suggest(raw)), {
          parameter: name,
          value: raw,
        });
      }
      return entity.code;
    },
  };
}

export function year(description: string): Field<number>;
export function year(description: string, opts: { optional: true }): Field<number | undefined>;
export function year(description: string, opts?: { optional: true }): Field<number | undefined> {
  return {
    description,
    required: !opts?.optional,
    schema: { type: "integer", minimum: QUERY_YEARS.min, maximum: QUERY_YEARS.max, examples: [2024] },
    parse(raw, name, where) {
      if (raw === undefined || raw === "") {
        if (opts?.optional) return undefined;
        throw missing(name, where, description);
      }
      const year = parseQueryYear(raw);
      if (year === undefined)
        throw new ApiError(400, notAYear(raw, `parameter ${name}`), { parameter: name, value: raw });
      return year;
    },
  };
}

export function integer(
  description: string,
  min: number,
  max: number,
  fallback?: number,
): Field<number | undefined> {
  return {
    description,
    required: false,
    schema: {
      type: "integer",
      minimum: min,
      maximum: max,
      ...(fallback === undefined ? {} : { default: fallback }),
    },
    parse(raw, name) {
      if (raw === undefined || raw === "") return fallback;
      if (!/^\d{1,6}$/.test(raw) || Number(raw) < min || Number(raw) > max) {
        throw new ApiError(
          400,
          `"${raw}" is not a whole number between ${min} and ${max} (parameter ${name}).`,
          {
            parameter: name,
            value: raw,
          },
        );
      }
      return Number(raw);
    },
  };
}

export function oneOf<const V extends readonly string[]>(
  description: string,
  values: V,
  fallback: V[number],
): Field<V[number]> {
  return {
    description,
    required: false,
    schema: { type: "string", enum: values, default: fallback },
    parse(raw, name) {
      if (raw === undefined || raw === "") return fallback;
      if (!values.includes(raw)) {
        throw new ApiError(
          400,
          `"${raw.slice(0, 40)}" is not a valid ${name}: give one of ${values.join(", ")}.`,
          {
            parameter: name,
            value: raw,
          },
        );
      }
      return raw as V[number];
    },
  };
}

export function maybeOneOf<const V extends readonly string[]>(
  description: string,
  values: V,
): Field<V[number] | undefined> {
  return {
    description,
    required: false,
    schema: { type: "string", enum: values },
    parse(raw, name) {
      if (raw === undefined || raw === "") return undefined;
      if (!values.includes(raw)) {
        throw new ApiError(
          400,
          `"${raw.slice(0, 40)}" is not a valid ${name}: give one of ${values.join(", ")}.`,
          {
            parameter: name,
          },
        );
      }
      return raw as V[number];
    },
  };
}

export function indicatorName(description: string): Field<string> {
  const names = INDICATORS.map((d) => d.name);
  return {
    description,
    required: true,
    schema: { type: "string", enum: names, examples: ["trade.export_share"] },
    parse(raw, name, where) {
      if (raw === undefined || raw === "") throw missing(name, where, description);
      if (!names.includes(raw)) {
        throw new ApiError(
          400,
          `Unknown indicator "${raw.slice(0, 80)}". GET /api/v1/indicators lists the ${names.length} indicators with their definitions (e.g. trade.export_share, trade.turnover).`,
          { parameter: name, value: raw.slice(0, 80) },
        );
      }
      return raw;
    },
  };
}

/** A calendar date YYYY-MM-DD. */
export function date(description: string): Field<string | undefined> {
  return {
    description,
    required: false,
    schema: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$", examples: ["2025-05-08"] },
    parse(raw, name) {
      if (raw === undefined || raw === "") return undefined;
      if (!isCalendarDate(raw)) {
        throw new ApiError(
          400,
          `"${raw.slice(0, 40)}" is not a date (parameter ${name}): give YYYY-MM-DD, e.g. 2025-05-08.`,
          {
            parameter: name,
          },
        );
      }
      return raw;
    },
  };
}

export function text(description: string, pattern: RegExp, maxLength = 100): Field<string | undefined> {
  return {
    description,
    required: false,
    schema: { type: "string", pattern: pattern.source, maxLength },
    parse(raw, name) {
      if (raw === undefined || raw === "") return undefined;
      if (raw.length > maxLength || !pattern.test(raw)) {
        throw new ApiError(
          400,
          `"${raw.slice(0, 40)}" is not a valid ${name}: it must match ${pattern.source}.`,
          {
            parameter: name,
          },
        );
      }
      return raw;
    },
  };
}

// A required path segment with a fixed form (a chart file name).
export function segment(description: string, pattern: RegExp, examples: string[]): Field<string> {
  return {
    description,
    required: true,
    schema: { type: "string", pattern: pattern.source, examples },
    parse(raw, name, where) {
      if (raw === undefined || raw === "") throw missing(name, where, description);
      if (!pattern.test(raw)) {
        throw new ApiError(404, `"${raw.slice(0, 60)}" is not a valid ${name}: ${description}.`, {
          parameter: name,
        });
      }
      return raw;
    },
  };
}

export type Fields = Record<string, Field<unknown>>;
export type Parsed<F extends Fields> = { [K in keyof F]: F[K] extends Field<infer T> ? T : never };

export function parseFields<F extends Fields>(
  fields: F,
  raw: Record<string, string | undefined>,
  where: Location,
): Parsed<F> {
  const out: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(fields)) out[name] = field.parse(raw[name], name, where);
  return out as Parsed<F>;
}

/** The fields as one JSON object schema (a request body). */
export function objectSchema(fields: Fields): JsonSchema {
  return {
    type: "object",
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, f]) => [name, { ...f.schema, description: f.description }]),
    ),
    required: Object.entries(fields)
      .filter(([, f]) => f.required)
      .map(([name]) => name),
    additionalProperties: false,
  };
}

export function openApiParameters(fields: Fields, where: Exclude<Location, "body">): unknown[] {
  return Object.entries(fields).map(([name, f]) => ({
    name,
    in: where,
    required: where === "path" ? true : f.required,
    description: f.description,
    schema: f.schema,
  }));
}
