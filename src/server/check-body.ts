// The claim check's request: JSON { text, date?, lang?, format? }, or the article itself as text/plain or
// text/html with the options in the query. One set of fields validates both and documents the body.
import type { Context } from "hono";
import { ApiError } from "./errors.ts";
import { date, type Field, maybeOneOf, objectSchema, oneOf, type Parsed, parseFields } from "./schema.ts";

/** Also enforced on the raw body by the body-limit middleware (413); this bounds the decoded text. */
export const CHECK_MAX_BYTES = 1024 * 1024;

function articleText(description: string): Field<string> {
  return {
    description,
    required: true,
    schema: { type: "string", maxLength: CHECK_MAX_BYTES },
    parse(raw, name) {
      if (raw === undefined || raw.trim() === "") {
        throw new ApiError(400, `"${name}" is empty: send the article's text or HTML.`, { parameter: name });
      }
      if (raw.length > CHECK_MAX_BYTES) {
        throw new ApiError(
          413,
          `The article is longer than ${CHECK_MAX_BYTES} characters: send at most 1 MB.`,
        );
      }
      return raw;
    },
  };
}

/** The options, in the JSON body or (with a text/plain or text/html body) in the query. */
export const CHECK_OPTIONS = {
  date: date("publication date; resolves relative periods such as 'last year' (else a date in the article)"),
  lang: maybeOneOf("the article's language (detected when absent)", ["de", "en"] as const),
  format: oneOf(
    "how to read the text; auto treats input that looks like HTML as HTML",
    ["auto", "text", "html"] as const,
    "auto",
  ),
};

const BODY = { text: articleText("the article, as plain text or HTML"), ...CHECK_OPTIONS };

export function checkRequestBody(): unknown {
  return {
    required: true,
    content: {
      "application/json": { schema: objectSchema(BODY) },
      "text/plain": { schema: { type: "string", maxLength: CHECK_MAX_BYTES } },
      "text/html": { schema: { type: "string", maxLength: CHECK_MAX_BYTES } },
    },
  };
}

export async function readCheckBody(c: Context, query: Parsed<typeof CHECK_OPTIONS>) {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    const raw = await c.req.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch (err) {
      throw new ApiError(
        400,
        `The body is not valid JSON (${(err as Error).message}). Send {"text": "...", "date": "YYYY-MM-DD"}, or the article itself as text/plain.`,
      );
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
      throw new ApiError(400, `The JSON body must be an object: {"text": "...", "date": "YYYY-MM-DD"}.`);
    }
    const fields: Record<string, string | undefined> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (!(key in BODY)) {
        throw new ApiError(
          400,
          `Unknown field "${key.slice(0, 40)}" in the body: the fields are ${Object.keys(BODY).join(", ")}.`,
          {
            parameter: key.slice(0, 40),
          },
        );
      }
      if (value !== null && typeof value !== "string") {
        throw new ApiError(400, `The field "${key}" must be a string.`, { parameter: key });
      }
      fields[key] = value ?? undefined;
    }
    return parseFields(BODY, fields, "body");
  }
  if (type === "text/plain" || type === "text/html") {
    const text = articleText("the article").parse(await c.req.text(), "body", "body");
    return {
      ...query,
      text,
      format: query.format === "auto" && type === "text/html" ? "html" : query.format,
    };
  }
  throw new ApiError(
    415,
    `Send the article as application/json ({"text": ...}), text/plain or text/html${type ? `, not ${type.slice(0, 60)}` : ""}.`,
  );
}
