// How long a large IMTS answer takes to parse and ingest, and a fetch run over loopback costs per request.
// Synthetic: 40 reporters x 240 partners x 2 indicators x 10 years, written as SDMX-CSV 2.0.
// Run: nice node --import tsx bench/fetch-imts.ts
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { registry } from "../src/countries/index.ts";
import { fetchImts } from "../src/fetch/index.ts";
import { imtsRecords, parseImtsCsv } from "../src/sources/imts.ts";
import { UnknownLabels } from "../src/sources/types.ts";
import { Store } from "../src/store/index.ts";

const countries = registry
  .all("country")
  .map((e) => e.code)
  .slice(0, 240);
const reporters = countries.slice(0, 40);
const header =
  "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE,PRECISION,DECIMALS_DISPLAYED,TRADE_FLOW,VALUATION,UNIT,DERIVATION_TYPE,OVERLAP,STATUS";
function answer(reporter: string): string {
  const lines = [header];
  for (const ind of ["XG_FOB_USD", "MG_CIF_USD"])
    for (const p of [...countries, "G001"])
      for (let y = 2015; y <= 2024; y++)
        lines.push(
          `dataflow,IMF.STA:IMTS(1.0.0),R,${reporter},${ind},${p},A,${y},${1e6 + y * 1000 + p.charCodeAt(0)},6,,,${ind.slice(0, 2)},${ind.slice(3, 6)},USD,M,OL,`,
        );
  return `${lines.join("\n")}\n`;
}
const one = answer("CHN");
let t = performance.now();
const parsed = parseImtsCsv(one, "bench.csv");
const rec = imtsRecords(parsed, "bench.csv", "2025-06-01", new UnknownLabels());
const parseMs = performance.now() - t;
console.log(
  `parse one reporter: ${parsed.observations.length} rows, ${(one.length / 1e6).toFixed(2)} MB in ${parseMs.toFixed(0)} ms (${Math.round(parsed.observations.length / (parseMs / 1000))} rows/s); ${rec.records.length} records`,
);

const server = createServer((req, res) => {
  const key = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname.split("/").pop() ?? "");
  res.writeHead(200, { "Content-Type": "application/vnd.sdmx.data+csv;version=2.0.0" });
  res.end(answer(key.split(".")[0]));
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/external/sdmx/2.1`;
const home = mkdtempSync(join(tmpdir(), "dyad-bench-fetch-"));
const store = await Store.open({ home });
t = performance.now();
const out = await fetchImts(
  { reporters: reporters.join(","), from: 2015, to: 2024, endpoint: url },
  { home, http: { minIntervalMs: 0 }, noIngest: true },
);
const fetchMs = performance.now() - t;
t = performance.now();
const { ingestImtsSnapshot } = await import("../src/sources/imts.ts");
const res = await ingestImtsSnapshot(store, out.run.dir, { home });
const ingestMs = performance.now() - t;
console.log(
  `fetch ${out.run.manifest.parts.length} requests over loopback (no throttle): ${fetchMs.toFixed(0)} ms (${(fetchMs / out.run.manifest.parts.length).toFixed(0)} ms/request incl. check and snapshot write)`,
);
console.log(`ingest the snapshot: ${res.rows} rows in ${ingestMs.toFixed(0)} ms`);
t = performance.now();
const again = await ingestImtsSnapshot(store, out.run.dir, { home });
console.log(`re-ingest (merge with ${again.replaced} stored rows): ${(performance.now() - t).toFixed(0)} ms`);
store.close();
server.close();
writeFileSync(join(home, "done"), "");
