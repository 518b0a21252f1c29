// The claim checker on the development set of real articles (../shared/claims-dev): every article is
// checked in one process against the store in DYAD_HOME (default .dyad/, built by `dyad setup`), the JSON
// answers are written to a temporary folder, and the set's own score.py scores them. The figures are the
// same as `python3 ../shared/claims-dev/score.py` (which starts dyad once per article); see bench/claims-dev.sh.
// Run: node --import tsx bench/claims-dev.ts [--verbose]
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { checkArticle } from "../src/claims/check.ts";
import { Store } from "../src/store/index.ts";

const SOURCES = process.env.DYAD_SOURCES ?? resolve("../shared/data");
const DEV = resolve(SOURCES, "../claims-dev");

interface GoldArticle {
  file: string;
  publication_date: string | null;
  publication_year?: number;
}

const gold = JSON.parse(readFileSync(join(DEV, "gold.json"), "utf8")) as GoldArticle[];
const out = mkdtempSync(join(tmpdir(), "dyad-claims-dev-"));
const store = await Store.open({ readOnly: true });
try {
  for (const art of gold) {
    // The same date rule as score.py: the publication date, else 1 July of the publication year.
    const date = art.publication_date ?? `${art.publication_year ?? 2005}-07-01`;
    const result = await checkArticle(store, readFileSync(join(DEV, art.file), "utf8"), { date });
    writeFileSync(join(out, `${art.file}.json`), JSON.stringify(result));
  }
} finally {
  store.close();
}
const args = ["--cmd", `cat ${out}/$(basename {file}).json`, ...process.argv.slice(2)];
const r = spawnSync("python3", [join(DEV, "score.py"), ...args], { stdio: "inherit" });
rmSync(out, { recursive: true, force: true });
process.exit(r.status ?? 1);
