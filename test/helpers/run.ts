// Running a command from a test, as a user runs it, with a limit. A child that never ends would otherwise hold
// the test file (spawnSync blocks its event loop, so no test timeout can fire) and with it the whole run: the
// project's CI once waited out its 90 minutes on one. Past the limit the child is killed and its pipes are
// closed (so a grandchild that inherited them cannot hold the test either); a child still running fails the
// test, naming the command and what it had printed.
import { spawnSync } from "node:child_process";

export interface Ran {
  code: number | null;
  out: string;
  err: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Default 3 minutes: a `dyad check` through tsx on a loaded machine takes seconds, never minutes. */
  timeoutMs?: number;
}

/** `node <args>` in the repository root; throws when it has not ended within the limit. */
export function runNode(args: string[], options: RunOptions = {}): Ran {
  const timeout = options.timeoutMs ?? 180_000;
  const r = spawnSync(process.execPath, args, {
    env: options.env ?? process.env,
    input: options.input ?? "",
    encoding: "utf8",
    timeout,
    killSignal: "SIGKILL",
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT";
  if (timedOut && r.status !== null) {
    // The command itself ended; a process it started (a bundler's service, say) held its output open.
    process.stderr.write(
      `note: node ${args[0]} ended (${r.status}) but a process it started kept its output open ${timeout} ms\n`,
    );
    return { code: r.status, out: r.stdout, err: r.stderr };
  }
  if (r.error) {
    const why = timedOut ? `did not end within ${timeout} ms` : r.error.message;
    throw new Error(
      `node ${args.map((a) => (a.length > 80 ? `${a.slice(0, 77)}...` : a)).join(" ")} ${why}; it printed:\n` +
        `--- stdout ---\n${(r.stdout ?? "").slice(-2000)}\n--- stderr ---\n${(r.stderr ?? "").slice(-2000)}`,
    );
  }
  return { code: r.status, out: r.stdout, err: r.stderr };
}
