// The program and its run, for any set of commands: main.ts declares them all; a one-command bundle of the
// build (src/cli/one/) declares only its own, so it carries none of the others' code.
import { Command, CommanderError } from "commander";
import { formatError } from "./errors.ts";

export type RegisterCommand = (program: Command) => void;

export function buildProgram(commands: readonly RegisterCommand[]): Command {
  const program = new Command("dyad")
    .description("How much do two countries need each other, and who needs whom more?")
    .showHelpAfterError()
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}

export async function runProgram(commands: readonly RegisterCommand[], argv: string[]): Promise<void> {
  // `dyad profile CHN RUS | head` closes the pipe early: that is the reader's choice, not an error. The
  // command goes on without output, so a `dyad setup | head` still finishes its ingest.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.stdout.write = () => true;
  });
  const program = buildProgram(commands);
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      process.exitCode = err.exitCode;
      return;
    }
    process.stderr.write(`${formatError(err)}\n`);
    process.exitCode = 1;
  }
}
