// The trade flows an indicator needs, loaded in a few SQL queries, with every dataset's report of each flow
// kept (the best one answers; the others stay queryable and are named in the provenance).
import { countryName } from "../countries/index.ts";
import type { Store, TradeFlow } from "../store/index.ts";
import { TRADE_RELATION } from "../store/relations/trade.ts";
import { pairRows, pairYears, selectRelations } from "./relation.ts";
import type { Provenance } from "./types.ts";

export type Flow = TradeFlow;

export interface FlowReport {
  dataset: string;
  source: string;
  priority: number;
  reporter: string;
  partner: string;
  year: number;
  flow: Flow;
  value: number;
  estimate: boolean;
  publisher: string;
  file: string | null;
  sheet: string | null;
  line: number | null;
  note: string | null;
  version: string | null;
  retrieved: string | null;
  ingestedAt: string;
  citation: string | null;
}

export interface RankEntry {
  reporter: string;
  year: number;
  flow: "exports" | "imports" | "turnover";
  partner: string;
  rank: number;
  of: number;
  dataset: string;
}

const PRIORITY_RULE: Record<number, string> = {
  10: "the reporter's own customs or statistics series answers for its own flows",
  15: "the IMF's current series (IMTS)",
  20: "the IMF's Direction of Trade Statistics",
  25: "a user-supplied series",
  30: "UN Comtrade",
  40: "an estimate compiled by a third party, used only when nothing else has the figure",
};

/** How the trade relation answers one flow of a (reporter, partner, year): the report that wins. */
export interface ChosenFlow {
  value: number;
  dataset: string;
  priority: number;
}

/**
 * The trade relation's row for a (reporter, partner, year) (src/store/relations/trade.ts, materialised at
 * ingest): the report that answers each flow, and the turnover with the rule that chose it. The scalar
 * indicators, the profile and the claim checker read these choices; none re-applies the rule here.
 */
export interface TradeChoice {
  exports?: ChosenFlow;
  imports?: ChosenFlow;
  /** The turnover the reporter reported as such (it answers trade.turnover only when `turnoverKind` says so). */
  turnover?: ChosenFlow;
  turnoverValue: number | null;
  turnoverKind: "turnover" | "sum" | null;
}

const NO_REPORTS: FlowReport[] = [];

/**
 * Reports of flows between some reporters and partners, with the trade relation's choice of the report that
 * answers each flow. Every report stays available (provenance names the others); where only the choices were
 * loaded (a single value), a flow's report is a stub with its value and dataset until its provenance is read.
 */
export class FlowTable {
  private readonly map = new Map<string, FlowReport[]>();
  private readonly stubs = new Map<string, FlowReport>();
  private readonly choices: Map<string, TradeChoice>;
  constructor(reports: FlowReport[], choices?: Map<string, TradeChoice>) {
    this.choices = choices ?? choicesFromReports(reports);
    for (const r of reports) {
      const key = FlowTable.key(r.reporter, r.partner, r.year, r.flow);
      const list = this.map.get(key);
      if (list) list.push(r);
      else this.map.set(key, [r]);
    }
    // For the provenance's "preferred to" list only: which report answers is the relation's choice.
    for (const list of this.map.values())
      list.sort(
        (a, b) => a.priority - b.priority || (a.dataset < b.dataset ? -1 : a.dataset > b.dataset ? 1 : 0),
      );
  }
  static key(reporter: string, partner: string, year: number, flow: Flow): string {
    return `${reporter}|${partner}|${year}|${flow}`;
  }
  static pairKey(reporter: string, partner: string, year: number): string {
    return `${reporter}|${partner}|${year}`;
  }
  /** The trade relation's choices this table answers by. */
  choiceMap(): Map<string, TradeChoice> {
    return this.choices;
  }
  choice(reporter: string, partner: string, year: number): TradeChoice | undefined {
    return this.choices.get(FlowTable.pairKey(reporter, partner, year));
  }
  all(reporter: string, partner: string, year: number, flow: Flow): FlowReport[] {
    const list = this.map.get(FlowTable.key(reporter, partner, year, flow));
    if (list) return list;
    const best = this.best(reporter, partner, year, flow);
    return best ? [best] : NO_REPORTS;
  }
  best(reporter: string, partner: string, year: number, flow: Flow): FlowReport | undefined {
    const chosen = this.choice(reporter, partner, year)?.[flow];
    if (!chosen) return undefined;
    const key = FlowTable.key(reporter, partner, year, flow);
    const full = this.map.get(key)?.find((r) => r.dataset === chosen.dataset);
    if (full) return full;
    let stub = this.stubs.get(key);
    if (!stub) {
      stub = {
        dataset: chosen.dataset,
        source: chosen.dataset.split(":")[0],
        priority: chosen.priority,
        reporter,
        partner,
        year,
        flow,
        value: chosen.value,
        estimate: false,
        publisher: "",
        file: null,
        sheet: null,
        line: null,
        note: null,
        version: null,
        retrieved: null,
        ingestedAt: "",
        citation: null,
      };
      this.stubs.set(key, stub);
    }
    return stub;
  }
  private yearList?: number[];
  years(): number[] {
    if (!this.yearList) {
      const ys = new Set<number>();
      for (const key of this.choices.keys()) ys.add(Number(key.slice(key.lastIndexOf("|") + 1)));
      this.yearList = [...ys].sort((a, b) => a - b);
    }
    return this.yearList;
  }
}

/**
 * The trade relation's rule (src/store/relations/trade.ts) applied to reports held in memory, for a caller
 * that holds the raw flows but not the materialised relation (the server's in-memory index,
 * trade-index.ts). Every other caller reads the choices from the relation; test/server/value-memory.test.ts
 * checks that the two give the same answers.
 */
export function choicesFromReports(reports: FlowReport[]): Map<string, TradeChoice> {
  const out = new Map<string, TradeChoice>();
  for (const r of reports) {
    const key = FlowTable.pairKey(r.reporter, r.partner, r.year);
    let c = out.get(key);
    if (!c) {
      c = { turnoverValue: null, turnoverKind: null };
      out.set(key, c);
    }
    offerReport(c, r.flow, r.value, r.dataset, r.priority);
  }
  for (const c of out.values()) chooseTurnover(c);
  return out;
}

/**
 * One report of a flow offered to a (reporter, partner, year)'s choice, by the trade relation's rule: it
 * answers when it is the first, or of a lower priority number than the one held, or of the same and a
 * dataset name earlier in byte order.
 */
export function offerReport(
  c: TradeChoice,
  flow: Flow,
  value: number,
  dataset: string,
  priority: number,
): void {
  const held = c[flow];
  if (!held || priority < held.priority || (priority === held.priority && dataset < held.dataset))
    c[flow] = { value, dataset, priority };
}

/**
 * The choice's turnover, once every report is offered, by the trade relation's rule: the turnover reported
 * as such when it is at least as authoritative as the worse of the two flows, else exports + imports.
 */
export function chooseTurnover(c: TradeChoice): void {
  const { exports: x, imports: m, turnover: t } = c;
  if (t && (!x || !m || t.priority <= Math.max(x.priority, m.priority))) {
    c.turnoverKind = "turnover";
    c.turnoverValue = t.value;
  } else if (x && m) {
    c.turnoverKind = "sum";
    c.turnoverValue = x.value + m.value;
  }
}

/**
 * The trade relation's choices for every (reporter, partner) of the lists, over the years (all years when
 * absent): one lookup in the materialised relation.
 */
export async function loadChoices(
  store: Store,
  reporters: string[],
  partners: string[],
  years?: [number, number],
): Promise<Map<string, TradeChoice>> {
  const out = new Map<string, TradeChoice>();
  const where =
    "trade_exports IS NOT NULL OR trade_imports IS NOT NULL OR trade_turnover_reported IS NOT NULL";
  // The World as a reporter (World exports to B, for trade.intensity) is asked by every profile: on a
  // read-only store asked often enough (wholeWorld) its rows are read once, every partner and year, and filtered here.
  const world = reporters.includes(WORLD) && wholeWorld(store, worldChoiceMemo);
  const own = world ? reporters.filter((r) => r !== WORLD) : reporters;
  const [ownRows, worldRows] = await Promise.all([
    own.length
      ? (pairRows(store, TRADE_RELATION, own, partners, years, where).then(
          (r) => r ?? choiceRowsFresh(store, own, partners, years, where),
        ) as Promise<Record<string, unknown>[]>)
      : ([] as Record<string, unknown>[]),
    world ? worldChoices(store, where) : undefined,
  ]);
  const rows = worldRows ? ownRows.concat(ofPartners(worldRows, partners, years)) : ownRows;
  const chosen = (r: Record<string, unknown>, flow: Flow, value: string): ChosenFlow | undefined =>
    r[value] == null
      ? undefined
      : {
          value: Number(r[value]),
          dataset: r[`trade_${flow}_dataset`] as string,
          priority: Number(r[`trade_${flow}_priority`]),
        };
  for (const r of rows) {
    out.set(FlowTable.pairKey(r.a as string, r.b as string, Number(r.year)), {
      exports: chosen(r, "exports", "trade_exports"),
      imports: chosen(r, "imports", "trade_imports"),
      turnover: chosen(r, "turnover", "trade_turnover_reported"),
      turnoverValue: r.trade_turnover == null ? null : Number(r.trade_turnover),
      turnoverKind: (r.trade_turnover_kind as TradeChoice["turnoverKind"]) ?? null,
    });
  }
  return out;
}

const WORLD = "WLD";
type ByPartner = Map<string, Record<string, unknown>[]>;
const worldChoiceMemo = new WeakMap<Store, Promise<ByPartner>>();
const worldFlowMemo = new WeakMap<Store, Promise<ByPartner>>();
const worldAsks = new WeakMap<Store, number>();
/**
 * Asks of one store for the World's rows before they are read whole. Reading them whole (every partner and
 * year, ~100 ms) pays off for a store that answers many dyads (the server, a panel of profiles); a one-shot
 * command (`dyad value`, `dyad check`, `dyad profile`) asks for a few pairs and reads just those rows (~2 ms).
 */
const WORLD_ASKS_BEFORE_WHOLE = 8;

/** Whether to read the World's rows whole for this ask: on a read-only store asked often enough. */
function wholeWorld(store: Store, memo: WeakMap<Store, unknown>): boolean {
  if (!store.readOnly) return false;
  if (memo.has(store)) return true;
  const asks = (worldAsks.get(store) ?? 0) + 1;
  worldAsks.set(store, asks);
  return asks > WORLD_ASKS_BEFORE_WHOLE;
}

function byPartner(rows: Record<string, unknown>[], column: string): ByPartner {
  const out: ByPartner = new Map();
  for (const r of rows) {
    const list = out.get(r[column] as string);
    if (list) list.push(r);
    else out.set(r[column] as string, [r]);
  }
  return out;
}

function ofPartners(
  rows: ByPartner,
  partners: string[],
  years: [number, number] | undefined,
): Record<string, unknown>[] {
  return [...new Set(partners)].flatMap((p) =>
    (rows.get(p) ?? []).filter((r) => !years || (Number(r.year) >= years[0] && Number(r.year) <= years[1])),
  );
}

/** The World's reports, every partner and year, by partner (once per read-only store). */
function worldFlows(store: Store): Promise<ByPartner> {
  let hit = worldFlowMemo.get(store);
  if (!hit) {
    hit = store
      .query<Record<string, unknown>>(`${FLOW_COLUMNS} WHERE reporter = ?`, [WORLD])
      .then((rows) => byPartner(rows, "partner"));
    worldFlowMemo.set(store, hit);
    hit.catch(() => worldFlowMemo.delete(store));
  }
  return hit;
}

/** The trade relation's rows with the World as reporter, every partner and year (once per read-only store). */
function worldChoices(store: Store, where: string): Promise<ByPartner> {
  let hit = worldChoiceMemo.get(store);
  if (!hit) {
    hit = pairRows(store, TRADE_RELATION, [WORLD], undefined, undefined, where)
      .then((r) => r ?? choiceRowsFresh(store, [WORLD], [], undefined, where, true))
      .then((rows) => byPartner(rows, "b"));
    worldChoiceMemo.set(store, hit);
    hit.catch(() => worldChoiceMemo.delete(store));
  }
  return hit;
}

/** The trade relation computed fresh over a grid of the pairs' years: a store where it is not materialised. */
async function choiceRowsFresh(
  store: Store,
  reporters: string[],
  partners: string[],
  years: [number, number] | undefined,
  where: string,
  /** Every partner of the reporters (the World's rows). */
  anyPartner = false,
): Promise<Record<string, unknown>[]> {
  if (!(await store.hasTable("trade_flows"))) return [];
  if (anyPartner)
    partners = (
      await store.query<{ code: string }>(
        `SELECT DISTINCT partner AS code FROM trade_flows WHERE reporter IN (${reporters.map(() => "?").join(", ")})`,
        reporters,
      )
    ).map((r) => r.code);
  let span = years;
  if (!span) {
    const [row] = await store.memoQuery<{ lo: number | null; hi: number | null }>(
      "SELECT min(year) AS lo, max(year) AS hi FROM trade_flows",
    );
    if (row?.lo == null || row.hi == null) return [];
    span = [Number(row.lo), Number(row.hi)];
  }
  const pairs = reporters.flatMap((r) => partners.map((p) => [r, p] as const));
  return selectRelations<Record<string, unknown>>(
    store,
    [TRADE_RELATION],
    pairYears(pairs, span[0], span[1]),
    where,
  );
}

const FLOW_COLUMNS = `SELECT dataset, priority, reporter, partner, year, flow, value_usd AS value, estimate,
  publisher, file, sheet, line, note FROM trade_flows`;

export async function loadFlows(
  store: Store,
  reporters: string[],
  partners: string[],
  years?: [number, number],
  /** The relation's choices when already loaded (a single value loads them first, its reports after). */
  choices?: Map<string, TradeChoice>,
): Promise<FlowTable> {
  // One query per reporter with an equality filter: DuckDB prunes row groups by their min/max reporter only
  // for comparisons it must apply, not for the optional filter an IN list becomes; and on a read-only store
  // the queries run side by side. Per-dataset facts (source, version, dates, citation) come from the small
  // ingests table once, not with every row: turning repeated strings into JavaScript is most of the cost.
  const pp = partners.map(() => "?").join(",");
  const yearClause = years ? "AND year BETWEEN ? AND ?" : "";
  const [chosen, ingests, ...perReporter] = await Promise.all([
    choices ?? loadChoices(store, reporters, partners, years),
    store.memoQuery<Record<string, unknown>>(
      "SELECT dataset, source, version, retrieved, strftime(ingested_at, '%Y-%m-%dT%H:%M:%SZ') AS ingested_at, citation FROM ingests",
    ),
    ...reporters.map((reporter) =>
      // The World's reports (asked by every profile, for trade.intensity): once per read-only store.
      reporter === WORLD && wholeWorld(store, worldFlowMemo)
        ? worldFlows(store).then((rows) => ofPartners(rows, partners, years))
        : store.query<Record<string, unknown>>(
            `${FLOW_COLUMNS} WHERE reporter = ? AND partner IN (${pp}) ${yearClause}`,
            [reporter, ...partners, ...(years ?? [])],
          ),
    ),
  ]);
  const rows = perReporter.flat();
  const meta = new Map(ingests.map((i) => [i.dataset as string, i]));
  return new FlowTable(
    rows.map((r) => {
      const i = meta.get(r.dataset as string) ?? {};
      return {
        dataset: r.dataset as string,
        source: (i.source as string) ?? (r.dataset as string).split(":")[0],
        priority: Number(r.priority),
        reporter: r.reporter as string,
        partner: r.partner as string,
        year: Number(r.year),
        flow: r.flow as Flow,
        value: Number(r.value),
        estimate: Boolean(r.estimate),
        publisher: r.publisher as string,
        file: (r.file as string | null) ?? null,
        sheet: (r.sheet as string | null) ?? null,
        line: r.line === null || r.line === undefined ? null : Number(r.line),
        note: (r.note as string | null) ?? null,
        version: (i.version as string | null) ?? null,
        retrieved: (i.retrieved as string | null) ?? null,
        ingestedAt: i.ingested_at as string,
        citation: (i.citation as string | null) ?? null,
      };
    }),
    chosen,
  );
}

/**
 * B's rank among A's partners (countries only), from the best dataset that reports A's flow by partner for
 * that year: ranks are only meaningful within one dataset's complete partner list.
 */
export async function loadRanks(
  store: Store,
  reporters: string[],
  partnerOf: Record<string, string>,
  years?: [number, number],
): Promise<Map<string, RankEntry>> {
  const out = new Map<string, RankEntry>();
  // One equality lookup per reporter: the (reporter, partner) index answers each without a scan.
  const yearClause = years ? "AND year BETWEEN ? AND ?" : "";
  const sql = reporters
    .map(
      () =>
        `SELECT reporter, partner, year, flow, dataset, rank, n FROM trade_ranks WHERE reporter = ? AND partner = ? ${yearClause}`,
    )
    .join(" UNION ALL ");
  const rows = await store
    .query<Record<string, unknown>>(
      sql,
      reporters.flatMap((r) => [r, partnerOf[r], ...(years ?? [])]),
    )
    .catch(noDerivedTable);
  for (const r of rows) {
    const entry: RankEntry = {
      reporter: r.reporter as string,
      year: Number(r.year),
      flow: r.flow as "exports" | "imports",
      partner: r.partner as string,
      rank: Number(r.rank),
      of: Number(r.n),
      dataset: r.dataset as string,
    };
    out.set(`${entry.reporter}|${entry.year}|${entry.flow}`, entry);
  }
  return out;
}

/**
 * B's rank among A's trading partners by turnover (exports + imports, countries only), within the best
 * dataset that reports both of A's flows by at least ten country partners that year — the rank news
 * calls "biggest trading partner". Computed on demand (only trade.trade_rank asks): one reporter's rows.
 */
export async function loadTurnoverRanks(
  store: Store,
  reporter: string,
  partner: string,
  years?: [number, number],
): Promise<Map<string, RankEntry>> {
  const yearClause = years ? "AND t.year BETWEEN ? AND ?" : "";
  const rows = await store
    .query<Record<string, unknown>>(
      `WITH c AS (
         SELECT t.dataset, t.priority, t.year, t.partner, sum(t.value_usd) AS turnover,
                count(DISTINCT t.flow) AS flows
           FROM trade_flows t JOIN entities e ON e.code = t.partner AND e.kind = 'country'
          WHERE t.reporter = ? AND t.flow IN ('exports', 'imports') AND t.value_usd > 0 ${yearClause}
          GROUP BY ALL),
       best AS (
         SELECT year, arg_min(dataset, priority) AS dataset
           FROM (SELECT year, dataset, priority FROM c GROUP BY ALL HAVING count(*) FILTER (WHERE flows = 2) >= 10)
          GROUP BY ALL),
       ranked AS (
         SELECT c.year, c.partner, c.dataset,
                rank() OVER (PARTITION BY c.year ORDER BY c.turnover DESC) AS rank,
                count(*) OVER (PARTITION BY c.year) AS n
           FROM c JOIN best b USING (year, dataset))
       SELECT year, partner, dataset, rank, n FROM ranked WHERE partner = ?`,
      [reporter, ...(years ?? []), partner],
    )
    .catch(noDerivedTable);
  const out = new Map<string, RankEntry>();
  for (const r of rows) {
    const entry: RankEntry = {
      reporter,
      year: Number(r.year),
      flow: "turnover",
      partner,
      rank: Number(r.rank),
      of: Number(r.n),
      dataset: r.dataset as string,
    };
    out.set(`${reporter}|${entry.year}|turnover`, entry);
  }
  return out;
}

/** Before any trade ingest the derived tables do not exist yet: no ranks, no coverage, not an error. */
function noDerivedTable(err: Error): never[] {
  if (/does not exist/i.test(err.message)) return [];
  throw err;
}

/** Which years a reporter reports a flow by partner (countries), and which only as a World total. */
export interface Coverage {
  byPartner: Set<number>;
  totals: Set<number>;
}

export async function loadCoverage(store: Store, reporters: string[]): Promise<Map<string, Coverage>> {
  // From the derived table the trade ingests keep current; one equality lookup per reporter, side by side.
  const perReporter = await Promise.all(
    reporters.map((reporter) =>
      store
        .query<{ reporter: string; flow: string; year: number; partner_rows: bigint; world_rows: bigint }>(
          "SELECT reporter, flow, year, partner_rows, world_rows FROM trade_coverage WHERE reporter = ?",
          [reporter],
        )
        .catch(noDerivedTable),
    ),
  );
  const rows = perReporter.flat();
  const out = new Map<string, Coverage>();
  for (const r of rows) {
    const key = `${r.reporter}|${r.flow}`;
    let c = out.get(key);
    if (!c) {
      c = { byPartner: new Set(), totals: new Set() };
      out.set(key, c);
    }
    if (Number(r.partner_rows) > 0) c.byPartner.add(Number(r.year));
    if (Number(r.world_rows) > 0) c.totals.add(Number(r.year));
  }
  return out;
}

/** "1992–2021, 2024": the years as runs, so a gap is never hidden inside a range. */
const rangeText = new WeakMap<Set<number>, string>();

export function describeRange(years: Set<number>): string {
  const cached = rangeText.get(years);
  if (cached !== undefined) return cached;
  const text = runsOf(years);
  rangeText.set(years, text);
  return text;
}

function runsOf(years: Set<number>): string {
  if (!years.size) return "no years";
  const sorted = [...years].sort((x, y) => x - y);
  const runs: string[] = [];
  let start = sorted[0];
  for (let i = 1; i <= sorted.length; i++) {
    if (i === sorted.length || sorted[i] !== sorted[i - 1] + 1) {
      const end = sorted[i - 1];
      runs.push(start === end ? `${start}` : `${start}–${end}`);
      start = sorted[i];
    }
  }
  return runs.join(", ");
}

const provenanceCache = new WeakMap<FlowReport, Partial<Record<"reporter" | "partner", Provenance>>>();

/**
 * Provenance of one report, with why it answered when other datasets had the same flow. A profile asks for
 * the same report dozens of times (every share of every year uses the World totals), so it is built once.
 */
export function provenanceOf(
  report: FlowReport,
  all: FlowReport[],
  side: "reporter" | "partner",
): Provenance {
  let cached = provenanceCache.get(report);
  if (!cached) {
    cached = {};
    provenanceCache.set(report, cached);
  }
  const built = cached[side] ?? buildProvenance(report, all, side);
  cached[side] = built;
  return built;
}

function buildProvenance(report: FlowReport, all: FlowReport[], side: "reporter" | "partner"): Provenance {
  const others = all.filter((r) => r !== report);
  const why = others.length
    ? `${report.dataset} preferred to ${others.map((o) => `${o.dataset} (${formatUsd(o.value)})`).join(", ")}: ${PRIORITY_RULE[report.priority] ?? `priority ${report.priority}`}`
    : undefined;
  return {
    source: report.source,
    dataset: report.dataset,
    publisher: report.publisher,
    reporter: report.reporter,
    side,
    flow: report.flow,
    year: report.year,
    value: report.value,
    file: report.file,
    sheet: report.sheet,
    line: report.line,
    version: report.version,
    retrieved: report.retrieved,
    ingestedAt: report.ingestedAt,
    citation: report.citation ?? undefined,
    estimate: report.estimate,
    // Priority 40 is a figure someone else estimated for the reporter (UNCTAD for a non-reporter): it
    // stands in for the reporter's statistics and must never be shown as them.
    ...(report.priority >= 40 ? { thirdParty: true } : {}),
    note: report.note,
    ...(why ? { why } : {}),
  };
}

export function formatUsd(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(2)} bn USD`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(2)} m USD`;
  return `${value.toFixed(0)} USD`;
}

export function name(code: string): string {
  return countryName(code, "en");
}
