// Errors the API answers with: a status, a message a person can act on, and the parameter at fault.
// Anything else that escapes a route is logged on the server and answered as a plain 500, never a stack.
import { UnknownCountryError } from "../countries/index.ts";
import { UnknownIndicatorError } from "../indicators/types.ts";

export type ErrorStatus = 400 | 404 | 405 | 413 | 415 | 422 | 500 | 501 | 503;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ErrorBody {
  error: { message: string; status: number } & Record<string, unknown>;
}

export function errorBody(status: number, message: string, extra: Record<string, unknown> = {}): ErrorBody {
  return { error: { message, status, ...extra } };
}

/** Library errors whose message is already meant for a person map to a 4xx; the rest are the server's fault. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof UnknownCountryError) {
    return new ApiError(404, apiCountryMessage(err.input, err.suggestions), { value: err.input });
  }
  if (err instanceof UnknownIndicatorError) {
    return new ApiError(
      400,
      `${err.message.replace(/ `dyad indicators`.*$/, "")} GET /api/v1/indicators describes them.`,
      {
        parameter: "indicator",
        value: err.indicator,
      },
    );
  }
  if (err instanceof Error && err.name === "CheckInputError") return new ApiError(400, err.message);
  // The client has gone; the answer is never read, and it is not the server's fault.
  if (err instanceof Error && err.name === "CheckAbortedError") return new ApiError(400, err.message);
  return new ApiError(500, "Internal error: the server could not answer this request. It has been logged.");
}

export function apiCountryMessage(input: string, suggestions: string[]): string {
  const hint = suggestions.length ? ` Did you mean ${suggestions.join(", ")}?` : "";
  return `Unknown country "${input}".${hint} Give an ISO3 code (CHN), an ISO2 code (CN) or an English or German name (China, Russland); GET /api/v1/countries lists them.`;
}
