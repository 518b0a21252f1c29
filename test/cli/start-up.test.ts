import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";

// A command loads only the modules it uses: the program (every command's name, arguments and help) is
// declared without DuckDB, Plot, the dossier or the server, which the commands import when they run.
// Native libraries show in the process report's list of shared objects, so a test can see them.
function loadedAfter(script: string): { objects: string[]; help: string } {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
  });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { objects: string[]; help: string };
}

test("declaring every command (dyad --help) loads no native library: no DuckDB, no resvg", () => {
  const { objects, help } = loadedAfter(`
    const { buildProgram } = await import("./src/cli/main.ts");
    const help = buildProgram().helpInformation();
    console.log(JSON.stringify({ objects: process.report.getReport().sharedObjects, help }));
  `);
  // The help still names every command, so the declarations are all there.
  for (const name of ["value", "profile", "panel", "serve", "report", "check", "setup", "baci", "fetch"])
    assert.match(help, new RegExp(`\\n  ${name} `), name);
  assert.deepEqual(
    objects.filter((o) => /duckdb|resvg/i.test(o)),
    [],
  );
});

test("the store module is what loads DuckDB (so the check above can fail)", () => {
  const { objects } = loadedAfter(`
    await import("./src/store/index.ts");
    console.log(JSON.stringify({ objects: process.report.getReport().sharedObjects, help: "" }));
  `);
  assert.ok(objects.some((o) => /duckdb/i.test(o)));
});
