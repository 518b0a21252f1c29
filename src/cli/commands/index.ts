// Every command module registers itself here; adding a command is one line.
import type { Command } from "commander";
import { register as baciCommand } from "./baci.ts";
import { register as checkCommand } from "./check.ts";
import { register as fetchCommand } from "./fetch.ts";
import { register as sourcesCommand } from "./sources.ts";

export type RegisterCommand = (program: Command) => void;

export const COMMANDS: RegisterCommand[] = [baciCommand, checkCommand, fetchCommand, sourcesCommand];
