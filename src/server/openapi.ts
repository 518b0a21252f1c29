// The OpenAPI 3.1 document, generated from the same route declarations that validate the requests.
import type { RouteDef } from "./routes.ts";
import { openApiParameters } from "./schema.ts";

const ERROR_SCHEMA = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["message", "status"],
      properties: {
        message: { type: "string", description: "what went wrong and what to do" },
        status: { type: "integer" },
        parameter: { type: "string", description: "the parameter at fault, where there is one" },
        value: { type: "string" },
      },
    },
  },
};

export function buildOpenApi(routes: RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const errorResponse = (description: string) => ({
      description,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
    });
    const responses: Record<string, unknown> = {
      "200": {
        description: "OK",
        content: Object.fromEntries(Object.entries(r.responses).map(([type, schema]) => [type, { schema }])),
      },
      "400": errorResponse("a parameter is missing or not valid; the message names it"),
    };
    if (Object.keys(r.params).length)
      responses["404"] = errorResponse("an unknown country or chart in the path");
    if (r.method === "post") {
      responses["413"] = errorResponse("the body is larger than 1 MB");
      responses["415"] = errorResponse("the body's media type is not accepted");
    }
    paths[r.path] ??= {};
    paths[r.path][r.method] = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      parameters: [...openApiParameters(r.params, "path"), ...openApiParameters(r.query, "query")],
      ...(r.requestBody ? { requestBody: r.requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "dyad API",
      version,
      description:
        "Bilateral relations observatory: how much do two countries need each other, and who needs whom more? Values in base units (USD, shares as fractions 0–1); every value carries its provenance.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: "/" }],
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}
