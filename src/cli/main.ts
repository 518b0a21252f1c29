// The `dyad` command line: thin. Each command parses its arguments, calls one library function and prints.
import type { Command } from "commander";
import { COMMANDS } from "./commands/index.ts";
import { buildProgram as buildFrom, runProgram } from "./program.ts";

export function buildProgram(): Command {
  return buildFrom(COMMANDS);
}

export async function main(argv: string[]): Promise<void> {
  await runProgram(COMMANDS, argv);
}
