// The `dyad` command line: thin. Each command parses its arguments, calls one library function and prints.
import { Command, CommanderError } from "commander";
import { COMMANDS } from "./commands/index.ts";
import { formatError } from "./errors.ts";

export function buildProgram(): Command {
  const program = new Command("dyad")
    .description("How much do two countries need each other, and who needs whom more?")
    .showHelpAfterError()
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  // `dyad profile CHN RUS | head` closes the pipe early: that is the reader's choice, not an error. The
  // command goes on without output, so a `dyad setup | head` still finishes its ingest.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code !== "EPIPE") throw err;
    process.stdout.write = () => true;
  });
  const program = buildProgram();
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
