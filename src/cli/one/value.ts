// `dyad value` alone: the entry of its one-command bundle (scripts/bundle-cli.mjs), which bin/dyad.js runs
// for `dyad value …` from a build. Same command, same output as through main.ts.
import { register } from "../commands/value.ts";
import { runProgram } from "../program.ts";

export const main = (argv: string[]): Promise<void> => runProgram([register], argv);
