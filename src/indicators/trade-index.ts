// Every trade flow, rank and coverage row of a read-only store held in memory as typed arrays with integer
// keys, so a server answers a trade indicator for any pair and year with no query. The trade indicators
// are pure functions of a TradeContext; this module builds the very context `compute` would load from
// DuckDB (the same rows, years and parts, as FlowReport objects made only for the rows one answer reads),
// so an answer from memory is the answer from the store, byte for byte (test/server/value-index.test.ts).
//
// Layout: codes (every reporter and partner) sorted, key = position. Flow rows sorted by (reporter key,
// partner key, year); `pairStart[r * K + p]` is the first row of the pair, `pairStart[r * K + p + 1]` the
// end. Strings (dataset, publisher, file, sheet, note) are indexes into small string tables; a missing
// one is -1. Ranks likewise by pair. About 30 bytes per flow: 2.6 M flows take ~80 MB.
import type { DuckDBConnection } from "@duckdb/node-api";
import { registry } from "../countries/index.ts";
import type { Store } from "../store/index.ts";
import { copyNumbers } from "./relation-memory.ts";
import type { ContextParts, ContextSource, TradeContext } from "./trade.ts";
import {
  type Coverage,
  chooseTurnover,
  type Flow,
  type FlowReport,
  FlowTable,
  offerReport,
  type RankEntry,
  type TradeChoice,
} from "./trade-data.ts";

const FLOWS: readonly Flow[] = ["exports", "imports", "turnover"];
const NULL_LINE = -2147483648;

interface DatasetMeta {
  source: string;
  version: string | null;
  retrieved: string | null;
  ingestedAt: string;
  citation: string | null;
}

export class TradeIndex implements ContextSource {
  private constructor(
    private readonly codes: string[],
    private readonly keyOf: Map<string, number>,
    private readonly datasets: string[],
    private readonly datasetMeta: (DatasetMeta | undefined)[],
    private readonly datasetPriority: Map<number, number>,
    private readonly strings: string[],
    private readonly pairStart: Int32Array,
    private readonly year: Uint16Array,
    private readonly flow: Uint8Array,
    private readonly dataset: Uint8Array,
    private readonly priority: Int16Array,
    private readonly value: Float64Array,
    private readonly estimate: Uint8Array,
    private readonly publisher: Int32Array,
    private readonly file: Int32Array,
    private readonly sheet: Int32Array,
    private readonly line: Int32Array,
    private readonly note: Int32Array,
    private readonly rankStart: Int32Array,
    private readonly rankYear: Uint16Array,
    private readonly rankFlow: Uint8Array,
    private readonly rankDataset: Uint8Array,
    private readonly rankValue: Int32Array,
    private readonly rankOf: Int32Array,
    private readonly coverageRows: Map<string, [string, Coverage][]>,
    private readonly isCountry: Uint8Array,
  ) {}

  /** Rows held: flows and ranks. */
  get size(): { flows: number; ranks: number } {
    return { flows: this.year.length, ranks: this.rankYear.length };
  }

  /** Bytes of the typed arrays (the string tables and coverage are small beside them). */
  get bytes(): number {
    return [
      this.pairStart,
      this.year,
      this.flow,
      this.dataset,
      this.priority,
      this.value,
      this.estimate,
      this.publisher,
      this.file,
      this.sheet,
      this.line,
      this.note,
      this.rankStart,
      this.rankYear,
      this.rankFlow,
      this.rankDataset,
      this.rankValue,
      this.rankOf,
    ].reduce((sum, a) => sum + a.byteLength, 0);
  }

  /**
   * The index as a worker thread receives it: its fields, posted as they are (strings and small maps are
   * copied; the arrays, once moved onto SharedArrayBuffers by shared-arrays.ts, are not). `revive` makes an
   * index of them again on the other side.
   */
  state(): object {
    return { ...this };
  }

  /** An index over the fields `state()` posted (read-only views of the same memory). */
  static revive(state: object): TradeIndex {
    return Object.assign(Object.create(TradeIndex.prototype) as TradeIndex, state);
  }

  /** Reads the whole trade tables of a store (read-only: they cannot change while it is open). */
  static async load(store: Store, signal?: AbortSignal): Promise<TradeIndex> {
    const connection = await store.instance.connect();
    // A server closed while this loads interrupts the running query, so the store can close at once.
    const stop = () => connection.interrupt();
    signal?.addEventListener("abort", stop);
    try {
      signal?.throwIfAborted();
      return await TradeIndex.read(store, connection, signal);
    } finally {
      signal?.removeEventListener("abort", stop);
      connection.closeSync();
    }
  }

  private static async read(store: Store, c: DuckDBConnection, signal?: AbortSignal): Promise<TradeIndex> {
    const hasRanks = await store.hasTable("trade_ranks");
    const hasCoverage = await store.hasTable("trade_coverage");
    const text = async (sql: string): Promise<string[]> => {
      signal?.throwIfAborted();
      return (await c.runAndReadAll(sql)).getRows().map((r) => String(r[0]));
    };
    const codes = await text(
      `SELECT code FROM (SELECT reporter AS code FROM trade_flows UNION SELECT partner FROM trade_flows) ORDER BY code`,
    );
    const datasets = await text("SELECT DISTINCT dataset FROM trade_flows ORDER BY dataset");
    // One table for every repeated string column: a handful of publishers, sheets and notes, a few hundred files.
    const strings = await text(
      `SELECT s FROM (SELECT publisher AS s FROM trade_flows UNION SELECT file FROM trade_flows
                      UNION SELECT sheet FROM trade_flows UNION SELECT note FROM trade_flows)
        WHERE s IS NOT NULL ORDER BY s`,
    );
    if (datasets.length > 255)
      throw new Error(`${datasets.length} trade datasets: more than the index holds`);
    const K = codes.length;
    const keyOf = new Map(codes.map((code, i) => [code, i]));
    const ingests = await store.memoQuery<Record<string, unknown>>(
      "SELECT dataset, source, version, retrieved, strftime(ingested_at, '%Y-%m-%dT%H:%M:%SZ') AS ingested_at, citation FROM ingests",
    );
    const meta = new Map(ingests.map((i) => [i.dataset as string, i]));
    // As loadFlows fills a FlowReport from the ingests table.
    const datasetMeta = datasets.map((d): DatasetMeta => {
      const i = meta.get(d) ?? {};
      return {
        source: (i.source as string) ?? d.split(":")[0],
        version: (i.version as string | null) ?? null,
        retrieved: (i.retrieved as string | null) ?? null,
        ingestedAt: i.ingested_at as string,
        citation: (i.citation as string | null) ?? null,
      };
    });

    const dict = (name: string, values: string) =>
      `${name} AS (SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS k FROM (SELECT DISTINCT ${values}) WHERE v IS NOT NULL)`;
    const flowCase = `CASE t.flow WHEN 'exports' THEN 0 WHEN 'imports' THEN 1 ELSE 2 END`;
    const flowsSql = `
      WITH ${dict("codes", "reporter AS v FROM trade_flows UNION SELECT partner FROM trade_flows")},
           ${dict("ds", "dataset AS v FROM trade_flows")},
           ${dict("str", "publisher AS v FROM trade_flows UNION SELECT file FROM trade_flows UNION SELECT sheet FROM trade_flows UNION SELECT note FROM trade_flows")}
      SELECT (r.k * ${K} + p.k)::INTEGER AS pair, t.year::INTEGER, (${flowCase})::INTEGER, d.k,
             coalesce(t.priority, 0)::INTEGER, coalesce(t.value_usd, 0)::DOUBLE,
             coalesce(t.estimate, false)::INTEGER,
             coalesce(pu.k, -1), coalesce(f.k, -1), coalesce(sh.k, -1), coalesce(t.line, ${NULL_LINE}),
             coalesce(n.k, -1)
        FROM trade_flows t
        JOIN codes r ON r.v = t.reporter JOIN codes p ON p.v = t.partner JOIN ds d ON d.v = t.dataset
        LEFT JOIN str pu ON pu.v = t.publisher LEFT JOIN str f ON f.v = t.file
        LEFT JOIN str sh ON sh.v = t.sheet LEFT JOIN str n ON n.v = t.note
       ORDER BY pair, t.year`;
    const count = async (table: string) =>
      Number((await c.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRows()[0][0]);
    const n = await count("trade_flows");
    const [pairOfRow, year, flow, dataset, priority, value, estimate, publisher, file, sheet, line, note] =
      await columns(c, flowsSql, n, signal, [
        "i32",
        "u16",
        "u8",
        "u8",
        "i16",
        "f64",
        "u8",
        "i32",
        "i32",
        "i32",
        "i32",
        "i32",
      ]);
    const pairStart = starts(pairOfRow as Int32Array, K * K);

    const nr = hasRanks ? await count("trade_ranks") : 0;
    const [rankPair, rankYear, rankFlow, rankDataset, rankValue, rankOf] = await columns(
      c,
      hasRanks
        ? `WITH ${dict("codes", "reporter AS v FROM trade_flows UNION SELECT partner FROM trade_flows")},
                ${dict("ds", "dataset AS v FROM trade_flows")}
           SELECT (r.k * ${K} + p.k)::INTEGER AS pair, t.year::INTEGER, (${flowCase})::INTEGER,
                  coalesce(d.k, 255), t.rank::INTEGER, t.n::INTEGER
             FROM trade_ranks t JOIN codes r ON r.v = t.reporter JOIN codes p ON p.v = t.partner
             LEFT JOIN ds d ON d.v = t.dataset
            ORDER BY pair, t.year`
        : "SELECT 1 WHERE false",
      nr,
      signal,
      ["i32", "u16", "u8", "u8", "i32", "i32"],
    );
    const rankStart = starts(rankPair as Int32Array, K * K);
    const datasetPriority = new Map(
      (await c.runAndReadAll("SELECT dataset, min(priority)::INTEGER FROM trade_flows GROUP BY ALL"))
        .getRows()
        .map(([d, p]) => [datasets.indexOf(String(d)), Number(p)]),
    );

    const coverage = new Map<string, [string, Coverage][]>();
    if (hasCoverage) {
      // As loadCoverage reads it, per reporter.
      const rows = (
        await c.runAndReadAll(
          "SELECT reporter, flow, year::INTEGER, (partner_rows > 0)::INTEGER, (world_rows > 0)::INTEGER FROM trade_coverage",
        )
      ).getRows();
      const byKey = new Map<string, Map<string, Coverage>>();
      for (const [reporter, flow, year, byPartner, totals] of rows) {
        const r = String(reporter);
        let perReporter = byKey.get(r);
        if (!perReporter) {
          perReporter = new Map();
          byKey.set(r, perReporter);
        }
        const key = `${r}|${String(flow)}`;
        let cov = perReporter.get(key);
        if (!cov) {
          cov = { byPartner: new Set(), totals: new Set() };
          perReporter.set(key, cov);
        }
        if (Number(byPartner)) cov.byPartner.add(Number(year));
        if (Number(totals)) cov.totals.add(Number(year));
      }
      for (const [r, m] of byKey) coverage.set(r, [...m]);
    }

    const isCountry = new Uint8Array(K);
    for (let k = 0; k < K; k++) isCountry[k] = registry.get(codes[k])?.kind === "country" ? 1 : 0;

    return new TradeIndex(
      codes,
      keyOf,
      datasets,
      datasetMeta,
      datasetPriority,
      strings,
      pairStart,
      year as Uint16Array,
      flow as Uint8Array,
      dataset as Uint8Array,
      priority as Int16Array,
      value as Float64Array,
      estimate as Uint8Array,
      publisher as Int32Array,
      file as Int32Array,
      sheet as Int32Array,
      line as Int32Array,
      note as Int32Array,
      rankStart,
      rankYear as Uint16Array,
      rankFlow as Uint8Array,
      rankDataset as Uint8Array,
      rankValue as Int32Array,
      rankOf as Int32Array,
      coverage,
      isCountry,
    ).checked(n);
  }

  private checked(n: number): this {
    if (this.pairStart[this.pairStart.length - 1] !== n) throw new Error("trade index: row count mismatch");
    return this;
  }

  private str(i: number): string | null {
    return i < 0 ? null : this.strings[i];
  }

  private report(row: number, reporter: string, partner: string): FlowReport {
    const d = this.dataset[row];
    const meta = this.datasetMeta[d] as DatasetMeta;
    const line = this.line[row];
    return {
      dataset: this.datasets[d],
      source: meta.source,
      priority: this.priority[row],
      reporter,
      partner,
      year: this.year[row],
      flow: FLOWS[this.flow[row]],
      value: this.value[row],
      estimate: this.estimate[row] === 1,
      // loadFlows passes a missing publisher through as null.
      publisher: this.str(this.publisher[row]) as string,
      file: this.str(this.file[row]),
      sheet: this.str(this.sheet[row]),
      line: line === NULL_LINE ? null : line,
      note: this.str(this.note[row]),
      version: meta.version,
      retrieved: meta.retrieved,
      ingestedAt: meta.ingestedAt,
      citation: meta.citation,
    };
  }

  /**
   * The flows among the codes (every reporter × every partner), in the years, as loadFlows returns them: a
   * table that answers from the arrays, making a FlowReport only for the rows an answer reads.
   */
  flows(codes: string[], years?: [number, number]): FlowTable {
    return new IndexFlowTable(this, codes, years ? years[0] : 0, years ? years[1] : 65535);
  }

  /** Rows [start, end) of (reporter key, partner key) in `year`; [0, 0] when none. */
  yearRows(r: number, p: number, year: number): [number, number] {
    const K = this.codes.length;
    const end = this.pairStart[r * K + p + 1];
    const start = firstAtLeast(this.year, this.pairStart[r * K + p], end, year);
    let stop = start;
    while (stop < end && this.year[stop] === year) stop++;
    return [start, stop];
  }

  /** Rows [start, end) of (reporter key, partner key) over the years. */
  pairRows(r: number, p: number, from: number, to: number): [number, number] {
    const K = this.codes.length;
    const end = this.pairStart[r * K + p + 1];
    const start = firstAtLeast(this.year, this.pairStart[r * K + p], end, from);
    return [start, firstAtLeast(this.year, start, end, to + 1)];
  }

  keyOfCode(code: string): number | undefined {
    return this.keyOf.get(code);
  }

  /** A row's year, flow (0 exports, 1 imports, 2 turnover), priority, dataset name and value. */
  rowYear(row: number): number {
    return this.year[row];
  }
  rowFlow(row: number): number {
    return this.flow[row];
  }
  rowPriority(row: number): number {
    return this.priority[row];
  }
  rowDataset(row: number): string {
    return this.datasets[this.dataset[row]];
  }
  rowValue(row: number): number {
    return this.value[row];
  }

  /** The row as the FlowReport loadFlows gives. */
  reportOf(row: number, reporter: string, partner: string): FlowReport {
    return this.report(row, reporter, partner);
  }

  /** B's rank among A's partners for each reporter, as loadRanks returns them. */
  ranks(
    reporters: string[],
    partnerOf: Record<string, string>,
    years?: [number, number],
  ): Map<string, RankEntry> {
    const K = this.codes.length;
    const out = new Map<string, RankEntry>();
    const from = years ? years[0] : 0;
    const to = years ? years[1] : 65535;
    for (const reporter of reporters) {
      const r = this.keyOf.get(reporter);
      const p = this.keyOf.get(partnerOf[reporter]);
      if (r === undefined || p === undefined) continue;
      const end = this.rankStart[r * K + p + 1];
      for (let row = firstAtLeast(this.rankYear, this.rankStart[r * K + p], end, from); row < end; row++) {
        const year = this.rankYear[row];
        if (year > to) break;
        const flow = FLOWS[this.rankFlow[row]] as "exports" | "imports";
        const d = this.rankDataset[row];
        out.set(`${reporter}|${year}|${flow}`, {
          reporter,
          year,
          flow,
          partner: partnerOf[reporter],
          rank: this.rankValue[row],
          of: this.rankOf[row],
          dataset: d === 255 ? (null as unknown as string) : this.datasets[d],
        });
      }
    }
    return out;
  }

  /**
   * B's rank among A's trading partners by turnover, as loadTurnoverRanks computes it in SQL: per year and
   * dataset, the country partners with a positive export or import; the dataset of lowest priority (then
   * name) among those with both flows for at least ten partners; B's rank by turnover within it (ties share
   * the rank), and the number of partners ranked.
   */
  turnoverRanks(reporter: string, partner: string, years?: [number, number]): Map<string, RankEntry> {
    const out = new Map<string, RankEntry>();
    const K = this.codes.length;
    const r = this.keyOf.get(reporter);
    const b = this.keyOf.get(partner);
    if (r === undefined || b === undefined) return out;
    const from = years ? years[0] : 0;
    const to = years ? years[1] : 65535;
    // year → dataset → partner key → [turnover, flow bits]
    const sums = new Map<number, Map<number, Map<number, [number, number]>>>();
    for (let p = 0; p < K; p++) {
      if (!this.isCountry[p]) continue;
      const end = this.pairStart[r * K + p + 1];
      for (let row = firstAtLeast(this.year, this.pairStart[r * K + p], end, from); row < end; row++) {
        const year = this.year[row];
        if (year > to) break;
        const flow = this.flow[row];
        if (flow === 2 || !(this.value[row] > 0)) continue;
        let perYear = sums.get(year);
        if (!perYear) {
          perYear = new Map();
          sums.set(year, perYear);
        }
        let perDataset = perYear.get(this.dataset[row]);
        if (!perDataset) {
          perDataset = new Map();
          perYear.set(this.dataset[row], perDataset);
        }
        const cell = perDataset.get(p);
        if (cell) {
          cell[0] += this.value[row];
          cell[1] |= 1 << flow;
        } else perDataset.set(p, [this.value[row], 1 << flow]);
      }
    }
    for (const [year, perYear] of sums) {
      let best: number | undefined;
      for (const [d, perDataset] of perYear) {
        let both = 0;
        for (const [, [, bits]] of perDataset) if (bits === 3) both++;
        if (both < 10) continue;
        if (best === undefined) best = d;
        else {
          const pd = this.priorityOf(d);
          const pb = this.priorityOf(best);
          if (pd < pb || (pd === pb && this.datasets[d] < this.datasets[best])) best = d;
        }
      }
      if (best === undefined) continue;
      const ranked = perYear.get(best) as Map<number, [number, number]>;
      const own = ranked.get(b);
      if (!own) continue;
      let above = 0;
      for (const [, [t]] of ranked) if (t > own[0]) above++;
      out.set(`${reporter}|${year}|turnover`, {
        reporter,
        year,
        flow: "turnover",
        partner,
        rank: above + 1,
        of: ranked.size,
        dataset: this.datasets[best],
      });
    }
    return out;
  }

  /** A dataset's priority (one per dataset in practice; the lowest of its rows if not). */
  private priorityOf(d: number): number {
    return this.datasetPriority.get(d) ?? Number.POSITIVE_INFINITY;
  }

  /** Coverage of the reporters, as loadCoverage returns it: a new map each time (the trade memo keys on it). */
  coverage(reporters: string[]): Map<string, Coverage> {
    const out = new Map<string, Coverage>();
    for (const r of reporters) for (const [k, v] of this.coverageRows.get(r) ?? []) out.set(k, v);
    return out;
  }

  /** The context `loadTradeContext(store, a, b, years, parts)` would load. */
  context(a: string, b: string, years: [number, number] | undefined, parts: ContextParts): TradeContext {
    const codes = [...new Set([a, b, "WLD"])];
    const pair = [...new Set([a, b])];
    const ranks = parts.ranks ? this.ranks(pair, { [a]: b, [b]: a }, years) : new Map<string, RankEntry>();
    if (parts.turnoverRank) for (const [k, v] of this.turnoverRanks(a, b, years)) ranks.set(k, v);
    return {
      a,
      b,
      flows: this.flows(codes, years),
      ranks,
      coverage: parts.coverage ? this.coverage(pair) : new Map<string, Coverage>(),
    };
  }
}

const FLOW_CODE: Record<Flow, number> = { exports: 0, imports: 1, turnover: 2 };
const NONE: FlowReport[] = [];

/**
 * The FlowTable `new FlowTable(reports)` would be for the reports of `codes` × `codes` in [from, to], answered
 * from the index's arrays: the same best report, the same reports in the same order (priority, then dataset
 * in byte order, then row order), the same choices (choicesFromReports' rule), the same years. Each row's
 * FlowReport is made once per table, at its first use, so a report is the same object wherever it is read
 * (provenance compares them by identity).
 */
class IndexFlowTable extends FlowTable {
  private readonly members: Map<string, number>;
  private readonly made = new Map<number, FlowReport>();
  /** By a number made of (reporter key, partner key, year, flow): no string to build per lookup. */
  private readonly lists = new Map<number, FlowReport[]>();
  private readonly chosen = new Map<number, TradeChoice | undefined>();
  private yearsHeld?: number[];
  private choicesHeld?: Map<string, TradeChoice>;

  constructor(
    private readonly index: TradeIndex,
    codes: string[],
    private readonly from: number,
    private readonly to: number,
  ) {
    super([], new Map());
    this.members = new Map();
    for (const c of codes) {
      const k = index.keyOfCode(c);
      if (k !== undefined) this.members.set(c, k);
    }
  }

  private row(row: number, reporter: string, partner: string): FlowReport {
    let r = this.made.get(row);
    if (!r) {
      r = this.index.reportOf(row, reporter, partner);
      this.made.set(row, r);
    }
    return r;
  }

  /** A number for (reporter, partner, year), or -1 when this table holds none of it. */
  private pairYear(reporter: string, partner: string, year: number): number {
    const r = this.members.get(reporter);
    const p = this.members.get(partner);
    if (r === undefined || p === undefined || year < this.from || year > this.to) return -1;
    return ((r * 65536 + p) * 65536 + year) * 4;
  }

  /** The rows of (reporter, partner, year) held by this table. */
  private rows(reporter: string, partner: string, year: number): [number, number] {
    const r = this.members.get(reporter);
    const p = this.members.get(partner);
    if (r === undefined || p === undefined || year < this.from || year > this.to) return [0, 0];
    return this.index.yearRows(r, p, year);
  }

  override all(reporter: string, partner: string, year: number, flow: Flow): FlowReport[] {
    const at = this.pairYear(reporter, partner, year);
    if (at < 0) return NONE;
    const key = at + FLOW_CODE[flow];
    let list = this.lists.get(key);
    if (list) return list;
    const [start, end] = this.rows(reporter, partner, year);
    const f = FLOW_CODE[flow];
    list = [];
    for (let row = start; row < end; row++)
      if (this.index.rowFlow(row) === f) list.push(this.row(row, reporter, partner));
    // As FlowTable sorts its lists (a stable sort: row order among equals).
    list.sort(
      (a, b) => a.priority - b.priority || (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0),
    );
    if (!list.length) list = NONE;
    this.lists.set(key, list);
    return list;
  }

  override best(reporter: string, partner: string, year: number, flow: Flow): FlowReport | undefined {
    // The relation's rule picks the lowest priority, then the first dataset in byte order: the sorted
    // list's first report (the report whose dataset the choice names).
    return this.all(reporter, partner, year, flow)[0];
  }

  override choice(reporter: string, partner: string, year: number): TradeChoice | undefined {
    const key = this.pairYear(reporter, partner, year);
    if (key < 0) return undefined;
    if (this.chosen.has(key)) return this.chosen.get(key);
    const [start, end] = this.rows(reporter, partner, year);
    let c: TradeChoice | undefined;
    for (let row = start; row < end; row++) {
      c ??= { turnoverValue: null, turnoverKind: null };
      const i = this.index;
      offerReport(c, FLOWS[i.rowFlow(row)], i.rowValue(row), i.rowDataset(row), i.rowPriority(row));
    }
    if (c) chooseTurnover(c);
    this.chosen.set(key, c);
    return c;
  }

  override choiceMap(): Map<string, TradeChoice> {
    if (!this.choicesHeld) {
      const out = new Map<string, TradeChoice>();
      for (const [reporter, r] of this.members)
        for (const [partner, p] of this.members) {
          const [start, end] = this.index.pairRows(r, p, this.from, this.to);
          for (let row = start; row < end; row++) {
            const year = this.index.rowYear(row);
            const key = FlowTable.pairKey(reporter, partner, year);
            if (!out.has(key)) out.set(key, this.choice(reporter, partner, year) as TradeChoice);
          }
        }
      this.choicesHeld = out;
    }
    return this.choicesHeld;
  }

  override years(): number[] {
    if (!this.yearsHeld) {
      const ys = new Set<number>();
      for (const r of this.members.values())
        for (const p of this.members.values()) {
          const [start, end] = this.index.pairRows(r, p, this.from, this.to);
          for (let row = start; row < end; row++) ys.add(this.index.rowYear(row));
        }
      this.yearsHeld = [...ys].sort((a, b) => a - b);
    }
    return this.yearsHeld;
  }
}

/** First row in [start, end) whose year is at least `year` (rows sorted by year within a pair). */
function firstAtLeast(years: Uint16Array, start: number, end: number, year: number): number {
  let lo = start;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (years[mid] < year) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `out[i]` = first row whose key ≥ i, for keys 0..size (rows sorted by key). */
function starts(keys: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size + 1);
  for (let row = 0; row < keys.length; row++) out[keys[row] + 1]++;
  for (let i = 0; i < size; i++) out[i + 1] += out[i];
  return out;
}

type ColumnArray = Int32Array | Uint16Array | Int16Array | Uint8Array | Float64Array;
type ColumnKind = "i32" | "u16" | "i16" | "u8" | "f64";
const ARRAY = { i32: Int32Array, u16: Uint16Array, i16: Int16Array, u8: Uint8Array, f64: Float64Array };

/**
 * A query's numeric columns, read chunk by chunk straight into typed arrays of the given kinds (no row
 * objects, no strings); `rows` is the count the query returns, so each array is allocated once.
 */
async function columns(
  c: DuckDBConnection,
  sql: string,
  rows: number,
  signal: AbortSignal | undefined,
  kinds: ColumnKind[],
): Promise<ColumnArray[]> {
  const out = kinds.map((k) => new ARRAY[k](rows));
  const result = await c.stream(sql);
  const types = result.columnTypes();
  let at = 0;
  for (;;) {
    signal?.throwIfAborted();
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const n = chunk.rowCount;
    if (at + n > rows) throw new Error("trade index: the table grew while it was read");
    for (let i = 0; i < kinds.length; i++) {
      // Every column here is coalesced, so no value is NULL.
      copyNumbers(chunk, i, types[i], out[i], at, n);
    }
    at += n;
  }
  if (at !== rows) throw new Error("trade index: fewer rows than counted");
  return out;
}
