// Every command module registers itself here; adding a command is one line.
import type { RegisterCommand } from "../program.ts";
import { register as baci } from "./baci.ts";
import { register as catalogue } from "./catalogue.ts";
import { register as check } from "./check.ts";
import { register as fetchCommand } from "./fetch.ts";
import { register as ingest } from "./ingest.ts";
import { register as panel } from "./panel.ts";
import { register as profile } from "./profile.ts";
import { register as report } from "./report.ts";
import { register as serve } from "./serve.ts";
import { register as setup } from "./setup.ts";
import { register as sourcesCommand } from "./sources.ts";
import { register as start } from "./start.ts";
import { register as value } from "./value.ts";

export type { RegisterCommand };

export const COMMANDS: RegisterCommand[] = [
  baci,
  setup,
  ingest,
  value,
  profile,
  catalogue,
  fetchCommand,
  sourcesCommand,
  panel,
  serve,
  start,
  report,
  check,
];
