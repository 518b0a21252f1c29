// A stand-in for the IMF's SDMX API and UN Comtrade's API v1 on 127.0.0.1, answering from
// test/fixtures/fetch in the publishers' formats, and misbehaving on request: 429, 500, an empty 200, a
// body cut short, an HTML page, a slow answer. Tests start it on a random port; run this file directly
// (`node --import tsx test/helpers/fixture-server.ts [port]`) to try `dyad fetch` by hand against it.
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), "../fixtures/fetch");

export type Misbehaviour =
  | { kind: "429"; retryAfter?: string }
  | { kind: "500" }
  | { kind: "empty200" }
  | { kind: "truncated" }
  | { kind: "html" }
  | { kind: "xml" }
  | { kind: "slow"; ms: number }
  // A publisher's real answer, replayed byte for byte (tests read it from ../shared/publisher-samples).
  | { kind: "replay"; body: string; type: string; status?: number };

export interface FixtureServer {
  url: string;
  imfUrl: string;
  /** Every request's path and query, in order. */
  requests: string[];
  /** The next answers to requests whose path+query contains `match`; afterwards it answers normally. */
  misbehave(match: string, ...answers: Misbehaviour[]): void;
  /** Answer every request containing `match` this way, for good. */
  always(match: string, answer: Misbehaviour): void;
  /** Forget every scripted misbehaviour and the request log. */
  reset(): void;
  close(): Promise<void>;
}

const IMF_CSV = "application/vnd.sdmx.data+csv;version=2.0.0; charset=utf-8";

function imfAnswer(path: string, query: URLSearchParams): { body: string; type: string } {
  // 2.1: /data/IMF.STA,IMTS,1.0.0/{key}; 3.0: /data/dataflow/IMF.STA/IMTS/+/{key}
  const key = decodeURIComponent(path.split("/").pop() ?? "");
  const [reporters, , counterparts, freq] = key.split(".");
  const from = Number(
    query.get("startPeriod") ?? /ge:(\d{4})/.exec(query.get("c[TIME_PERIOD]") ?? "")?.[1] ?? 0,
  );
  const to = Number(
    query.get("endPeriod") ?? /le:(\d{4})/.exec(query.get("c[TIME_PERIOD]") ?? "")?.[1] ?? 9999,
  );
  const wanted = counterparts && counterparts !== "*" ? new Set(counterparts.split("+")) : undefined;
  let header = "";
  const rows: string[] = [];
  for (const reporter of reporters.split("+")) {
    const file = join(FIXTURES, "imts", `${reporter}-${freq}.csv`);
    if (!existsSync(file)) continue;
    const lines = readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean);
    header = lines[0];
    const cols = header.split(",");
    const tp = cols.indexOf("TIME_PERIOD");
    const cp = cols.indexOf("COUNTERPART_COUNTRY");
    for (const line of lines.slice(1)) {
      const f = line.split(",");
      if (!f[tp]) {
        rows.push(line); // the leading metadata row
        continue;
      }
      const year = Number(f[tp].slice(0, 4));
      if (year < from || year > to) continue;
      if (wanted && !wanted.has(f[cp])) continue;
      rows.push(line);
    }
  }
  // The IMF answers a key it cannot match with HTTP 200 and no data.
  if (!header) return { body: "", type: IMF_CSV };
  const type = header.startsWith("DATAFLOW") ? IMF_CSV.replace("2.0.0", "1.0.0") : IMF_CSV;
  return { body: `${[header, ...rows].join("\n")}\n`, type };
}

function comtradeAnswer(query: URLSearchParams): { body: string; type: string } {
  const file = join(FIXTURES, "comtrade", `${query.get("reporterCode")}.json`);
  const type = "application/json; charset=utf-8";
  if (!existsSync(file))
    return { body: JSON.stringify({ elapsedTime: "0.01 secs", count: 0, data: [], error: "" }), type };
  const doc = JSON.parse(readFileSync(file, "utf8")) as { data: Record<string, unknown>[] };
  const periods = new Set((query.get("period") ?? "").split(","));
  const flows = new Set((query.get("flowCode") ?? "X,M").split(","));
  const partners = query.get("partnerCode")
    ? new Set(query.get("partnerCode")!.split(",").map(Number))
    : undefined;
  const data = doc.data.filter(
    (r) =>
      periods.has(String(r.period)) &&
      flows.has(String(r.flowCode)) &&
      (!partners || partners.has(Number(r.partnerCode))),
  );
  return { body: JSON.stringify({ elapsedTime: "0.05 secs", count: data.length, data, error: "" }), type };
}

export async function startFixtureServer(port = 0): Promise<FixtureServer> {
  const requests: string[] = [];
  const queued: { match: string; answer: Misbehaviour }[] = [];
  const permanent: { match: string; answer: Misbehaviour }[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const target = decodeURIComponent(`${url.pathname}${url.search}`);
    requests.push(target);
    const qi = queued.findIndex((q) => target.includes(q.match));
    const misbehaviour =
      qi >= 0 ? queued.splice(qi, 1)[0].answer : permanent.find((p) => target.includes(p.match))?.answer;
    const isComtrade = url.pathname.includes("/v1/");
    const normal = () =>
      isComtrade ? comtradeAnswer(url.searchParams) : imfAnswer(url.pathname, url.searchParams);
    switch (misbehaviour?.kind) {
      case "429":
        res.writeHead(429, {
          "Content-Type": "application/json",
          "Retry-After": misbehaviour.retryAfter ?? "0",
        });
        res.end(
          JSON.stringify({ statusCode: 429, message: "Rate limit is exceeded. Try again in 2 seconds." }),
        );
        return;
      case "500":
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end("Internal Server Error");
        return;
      case "empty200":
        res.writeHead(200, {
          "Content-Type": isComtrade ? "application/json" : IMF_CSV,
          "Content-Length": "0",
        });
        res.end();
        return;
      case "html":
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
        res.end("<html><head><title>Access Denied</title></head><body>Reference #18.5a2c</body></html>");
        return;
      case "xml":
        res.writeHead(200, { "Content-Type": "application/xml" });
        res.end('<?xml version="1.0"?><message:StructureSpecificData/>');
        return;
      case "truncated": {
        const { body, type } = normal();
        res.writeHead(200, { "Content-Type": type, "Content-Length": String(Buffer.byteLength(body)) });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        // Let the half body reach the client, then cut the connection.
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
      case "slow":
        await new Promise((r) => setTimeout(r, misbehaviour.ms));
        break;
      case "replay":
        res.writeHead(misbehaviour.status ?? 200, { "Content-Type": misbehaviour.type });
        res.end(misbehaviour.body);
        return;
    }
    if (res.destroyed) return;
    const { body, type } = normal();
    res.writeHead(200, { "Content-Type": type });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", r));
  const { port: actual } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${actual}`;
  return {
    url,
    imfUrl: `${url}/external/sdmx/2.1`,
    requests,
    misbehave(match, ...answers) {
      for (const answer of answers) queued.push({ match, answer });
    },
    always(match, answer) {
      permanent.push({ match, answer });
    },
    reset() {
      queued.length = 0;
      permanent.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const s = await startFixtureServer(Number(process.argv[2] ?? 0));
  process.stdout.write(
    `Fixture server (synthetic data) on ${s.url}\n  IMF:      --endpoint ${s.imfUrl}   (or DYAD_IMF_URL)\n  Comtrade: --endpoint ${s.url}   (or DYAD_COMTRADE_URL)\n`,
  );
}
