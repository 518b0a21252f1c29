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
  // `dyad profile CHN RUS | head` closes the pipe early: that is the reader's choice, not an error.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
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
