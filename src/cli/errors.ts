// Errors a person sees: the message says what and what to do; a stack trace only with DYAD_DEBUG=1.
export function formatError(err: unknown): string {
  if (process.env.DYAD_DEBUG && err instanceof Error && err.stack) return err.stack;
  if (err instanceof Error) return `dyad: ${err.message}`;
  return `dyad: ${String(err)}`;
}
